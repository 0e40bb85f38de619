#!/usr/bin/env bash
# Benchmark: does a run overlap its jobs? Replays recorded NCBI answers on 127.0.0.1 with a fixed latency
# per request (default 0.3 s), runs a review of SEARCHES searches × 2 databases (PubMed, PMC) and prints the
# run's wall time against its slowest single job. Target: wall time ≤ 1.3 × the slowest job.
# Usage: scripts/bench-run-overlap.sh [SEARCHES] [LATENCY]
set -euo pipefail
cd "$(dirname "$0")/.."
searches="${1:-4}"
latency="${2:-0.3}"
swift build -c release >/dev/null
bin="$(swift build -c release --show-bin-path)"
work="$(mktemp -d)"
"$bin/litharvest-replay" --recordings config/replay --latency "$latency" >"$work/replay.log" 2>&1 &
replay=$!
trap 'kill $replay 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do grep -q '^pmc ' "$work/replay.log" && break; sleep 0.1; done
pubmed="$(awk '$1 == "pubmed" {print $2}' "$work/replay.log")"
pmc="$(awk '$1 == "pmc" {print $2}' "$work/replay.log")"
{
    echo "review: overlap benchmark"
    echo "store: bench.sqlite"
    echo "databases:"
    echo "  pubmed: { endpoint: '$pubmed', requests_per_second: 100 }"
    echo "  pmc: { endpoint: '$pmc', requests_per_second: 100 }"
    echo "searches:"
    for i in $(seq 1 "$searches"); do
        echo "  - name: s$i"
        echo "    queries: { pubmed: 'query $i', pmc: 'query $i' }"
    done
} >"$work/bench.yaml"
start=$(date +%s.%N)
"$bin/litharvest" run --config "$work/bench.yaml" --json >"$work/run.json" 2>"$work/run.err" || { cat "$work/run.err" >&2; exit 1; }
end=$(date +%s.%N)
python3 - "$work/run.json" "$start" "$end" "$latency" <<'PY'
import json, sys
from datetime import datetime
run = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
def t(s): return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
jobs = [(j["report"]["database"], j["report"]["search"], t(j["report"]["finishedAt"]) - t(j["report"]["startedAt"])) for j in run["jobs"]]
slowest = max(d for _, _, d in jobs)
serial = sum(d for _, _, d in jobs)
print(f"{len(jobs)} jobs, {sys.argv[4]} s latency per request; every job ok: {all(j['report']['status'] == 'ok' for j in run['jobs'])}")
print(f"slowest job {slowest:.2f} s, jobs one after another {serial:.2f} s, whole run (process wall time) {wall:.2f} s")
print(f"wall / slowest job = {wall / slowest:.2f} (target <= 1.3)")
PY
