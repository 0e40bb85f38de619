#!/usr/bin/env bash
# Offline demo of the main job: start the replay of recorded NCBI responses on 127.0.0.1, run the default
# review config (config/harvest.yaml) against it into a fresh store, list the new records, then run again
# to show that nothing is new the second time.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build --show-bin-path)"
work="$(mktemp -d)"
log="$work/replay.log"
"$bin/litharvest-replay" --recordings config/replay >"$log" 2>&1 &
replay=$!
trap 'kill $replay 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do
    grep -q '^pmc ' "$log" && break
    sleep 0.1
done
LITHARVEST_PUBMED_ENDPOINT="$(awk '$1 == "pubmed" {print $2}' "$log")"
LITHARVEST_PMC_ENDPOINT="$(awk '$1 == "pmc" {print $2}' "$log")"
if [ -z "$LITHARVEST_PUBMED_ENDPOINT" ] || [ -z "$LITHARVEST_PMC_ENDPOINT" ]; then
    echo "the replay server did not start:" >&2
    cat "$log" >&2
    exit 1
fi
export LITHARVEST_PUBMED_ENDPOINT LITHARVEST_PMC_ENDPOINT
store="$work/demo.sqlite"
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "Offline replay of recorded NCBI responses: PubMed at $LITHARVEST_PUBMED_ENDPOINT, PMC at $LITHARVEST_PMC_ENDPOINT"
echo "(every query matches every recorded article; for the real databases, leave LITHARVEST_*_ENDPOINT unset)"
say "litharvest run --config config/harvest.yaml --only pubmed pmc   (first harvest; the other databases need the internet)"
"$bin/litharvest" run --config config/harvest.yaml --store "$store" --only pubmed pmc || true
say "litharvest new   (the records to screen)"
"$bin/litharvest" new --config config/harvest.yaml --store "$store"
say "litharvest run --only pubmed pmc   (again: nothing new)"
"$bin/litharvest" run --config config/harvest.yaml --store "$store" --only pubmed pmc || true
say "litharvest snapshots"
"$bin/litharvest" snapshots --config config/harvest.yaml --store "$store"
