#!/usr/bin/env bash
# Offline demo of the whole seed review (config/harvest.yaml): every database it searches is answered on
# 127.0.0.1 by litharvest-replay with real recorded responses (Tests/LitharvestConnectorsTests/Fixtures; origins in
# each folder's SOURCES.md), all at once; Cochrane CENTRAL comes in through `litharvest import` of its real
# export; the run is deduplicated across databases and its new records listed. Then a second run against a
# replay that has grown (more recorded records, PMC down with HTTP 500, KCI's key left out) and its digest,
# HTML report, PRISMA flow diagram and RIS export. Everything is left in demo-out/.
#
# The recordings are real but were captured for other searches (warfarin, kidney stones, surface velocity…):
# no recorded answer of these databases to an intramuscular-stimulation search exists, and the demo invents
# none. KoreaMed and KOLIS-NET have no real recorded result page at all, so the demo config disables them
# (their jobs are skipped with that reason), and KISS has no real export file to import.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
bin="$(swift build --show-bin-path)"
out=demo-out
fixtures=Tests/LitharvestConnectorsTests/Fixtures
rm -rf "$out"
mkdir -p "$out"
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# The demo config: config/harvest.yaml with its searches untouched and only these changes for the loopback
# replay: no request spacing to wait for (the replay is local), short retries, the store in demo-out/, and
# KoreaMed and KOLIS-NET disabled because no real response of theirs was ever recorded.
python3 - config/harvest.yaml "$out/harvest.yaml" <<'PY'
import re, sys
source, target = sys.argv[1], sys.argv[2]
unrecorded = {
    "koreamed": "no real KoreaMed result page was ever recorded (fixtures/koreamed/SOURCES.md)",
    "kolisnet": "no real KOLIS-NET response was ever recorded (fixtures/kolisnet/SOURCES.md)",
}
lines, section, current = [], None, None
for line in open(source, encoding="utf-8").read().splitlines():
    top = re.match(r"^([a-z_]+):", line)
    if top:
        section, current = top.group(1), None
        if section == "databases":
            lines.append("# Demo: short retries, so the PMC outage of the second run fails fast.")
            lines.append("retry: { max_attempts: 2, base_delay: 0.2, max_delay: 1 }")
            lines.append("")
    if section == "databases":
        entry = re.match(r"^  ([a-z][a-z0-9_-]*):\s*(\{\})?\s*(#.*)?$", line)
        if entry:
            current = entry.group(1)
            lines.append(f"  {current}:" + (f"   {entry.group(3)}" if entry.group(3) else ""))
            lines.append("    requests_per_second: 50     # demo: the replay is on 127.0.0.1")
            if current in unrecorded:
                lines.append(f"    enabled: false              # demo: {unrecorded[current]}")
            continue
        if re.match(r"^    requests_per_second:", line):
            continue
        if current in unrecorded and re.match(r"^    enabled:", line):
            continue
    lines.append(line)
open(target, "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
cp -R config/connectors "$out/connectors"
"$bin/litharvest" validate --config "$out/harvest.yaml" >/dev/null

replay_pid=""
stop_replay() {
    if [ -n "$replay_pid" ]; then kill "$replay_pid" 2>/dev/null || true; wait "$replay_pid" 2>/dev/null || true; fi
    replay_pid=""
}
trap stop_replay EXIT
start_replay() {
    local log="$out/replay-$1.log"
    "$bin/litharvest-replay" --fixtures "$fixtures" --stage "$1" >"$log" 2>&1 &
    replay_pid=$!
    for _ in $(seq 1 100); do
        grep -q '^$' "$log" 2>/dev/null && break
        sleep 0.1
    done
    while read -r id url; do
        [ -n "$id" ] || continue
        export "LITHARVEST_$(echo "$id" | tr 'a-z-' 'A-Z_')_ENDPOINT=$url"
    done <"$log"
    if [ -z "${LITHARVEST_PUBMED_ENDPOINT:-}" ]; then
        echo "the replay server did not start:" >&2
        cat "$log" >&2
        exit 1
    fi
}

lh() { "$bin/litharvest" "$@" --config "$out/harvest.yaml"; }
# Stand-in keys: the replay checks none, and they are only ever sent to 127.0.0.1.
unset NCBI_API_KEY
export KCI_API_KEY=demo-kci-key NLK_API_KEY=demo-nlk-key DATA_GO_KR_SERVICE_KEY=demo-nal-key
export SCIENCEON_AUTH_KEY=0123456789abcdef0123456789abcdef SCIENCEON_CLIENT_ID=demo-client SCIENCEON_MAC_ADDRESS=00-1A-2B-3C-4D-5E
cochrane_query=$(awk -F"'" '/^      cochrane:/ {print $2}' config/harvest.yaml)

say "Run 1: litharvest run --config $out/harvest.yaml   (every database at once, replayed on 127.0.0.1)"
start_replay first
lh run || [ $? -eq 3 ]      # exit 3: some jobs are partial or skipped, each with its reason in the table
say "Run 1: litharvest import --database cochrane   (CENTRAL's real RIS export; cochranelibrary.com blocks automated search)"
lh import --replace --database cochrane --search ims --query "$cochrane_query" "$fixtures/cochrane/central_export_ris_endnote.ris"
echo "KoreaMed, KOLIS-NET: skipped: no real response of theirs was ever recorded, so the demo config disables them"
echo "KISS: not imported: no real KISS export file is in the fixtures (KISS is import-only: litharvest import --database kiss FILE)"
say "Run 1: litharvest new   (the deduplicated records to screen)"
lh new
stop_replay

say "Run 2, against a replay that has grown: more recorded records, PMC down (HTTP 500), KCI_API_KEY left out"
start_replay grown
(unset KCI_API_KEY; lh run) || [ $? -eq 3 ]   # exit 3: PMC failed, KCI skipped
say "Run 2: litharvest import --database cochrane   (CENTRAL's CSV export of the same trials: nothing new)"
lh import --replace --database cochrane --search ims --query "$cochrane_query" "$fixtures/cochrane/central_export.csv"
say "Run 2: litharvest new   (only what the grown databases added)"
lh new
stop_replay

say "Run 2: litharvest report   (the digest: PRISMA-S search log of the run)"
lh report --format md --output "$out/digest.md"
sed -n '1,40p' "$out/digest.md"
lh report --format html --output "$out/report.html"
lh report --format svg --output "$out/prisma-flow.svg"
lh export --new --clusters --format ris --output "$out/new-records.ris"
lh export --clusters --format ris --output "$out/all-records.ris"
say "litharvest snapshots"
lh snapshots
lh snapshots --json >"$out/snapshots.json"

say "Check: the HTML report, rendered in headless Chromium, shows the flow numbers of snapshots --json"
scripts/check-demo-report.sh "$out"

say "Done in $((SECONDS - started)) s. Results in $out/:"
echo "  $out/litharvest.sqlite    the store (runs, jobs, records, clusters)"
echo "  $out/report.html          the report of run 2 (open it in a browser)"
echo "  $out/prisma-flow.svg      its PRISMA 2020 flow diagram"
echo "  $out/digest.md            its PRISMA-S search log"
echo "  $out/new-records.ris      run 2's new records, one per duplicate cluster (all-records.ris: every record)"
echo "  $out/harvest.yaml         the demo config (the seed review's searches; the replay's endpoints come from"
echo "                            LITHARVEST_<ID>_ENDPOINT). Try: $bin/litharvest snapshots --config $out/harvest.yaml"
