#!/usr/bin/env bash
# Benchmark: write N records (default 1,000,000) into a new store and read them back through the store's API
# (`records(runID:)`), in a release build; prints write time, store size, read-back time and the read-back's
# peak resident memory. The records are real fixture records (PubMed, PMC, RISS, KCI, ScienceON, NAL,
# Cochrane, parsed by `litharvest parse`) repeated with fresh native ids.
# Usage: scripts/bench-store.sh [COUNT]     (BENCH_DIR=... keeps the seeds and the store there)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000000}"
if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (for peak memory)" >&2
    SUDO=$( [ "$(id -u)" = 0 ] || echo sudo )
    $SUDO apt-get install -y -qq time >/dev/null
fi
work="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"
seeds="$work/seeds.jsonl"
fixtures=Tests/LitharvestConnectorsTests/Fixtures
if [ ! -s "$seeds" ]; then
    swift build --product litharvest >/dev/null
    cli="$(swift build --show-bin-path)/litharvest"
    : >"$seeds"
    "$cli" parse --database pubmed --format jsonl "$fixtures"/pubmed/efetch_pubmed_*.xml >>"$seeds" 2>/dev/null
    "$cli" parse --database pmc --format jsonl "$fixtures"/pubmed/efetch_pmc_full_article.xml >>"$seeds" 2>/dev/null
    "$cli" parse --database riss --format jsonl "$fixtures"/riss/riss_excel_export_20250812152237.xls >>"$seeds" 2>/dev/null
    "$cli" parse --database kci --format jsonl "$fixtures"/kci/kci_rest_articleSearch_guide_sample.xml >>"$seeds" 2>/dev/null
    "$cli" parse --database scienceon --format jsonl "$fixtures"/scienceon/scienceon_openapicall_*.xml >>"$seeds" 2>/dev/null
    "$cli" parse --database nal --format jsonl "$fixtures"/nal/nal_searchservice_basic_ok_excerpt.xml >>"$seeds" 2>/dev/null
    "$cli" parse --database cochrane --format jsonl "$fixtures"/cochrane/central_export_ris_endnote.ris >>"$seeds" 2>/dev/null
fi
swift build -c release --product litharvest-bench-store >/dev/null
bin="$(swift build -c release --show-bin-path)/litharvest-bench-store"
echo "seeds: $(wc -l <"$seeds") records ($seeds)"
store="$work/bench.sqlite"
"$bin" write "$store" "$count" "$seeds"
/usr/bin/time -v "$bin" read "$store" 2>"$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
system=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
# CPU time as well as wall time: on a shared machine the wall time depends on the other load.
echo "read-back peak RSS $((peak_kb / 1024)) MB; CPU ${user} s user + ${system} s system"
