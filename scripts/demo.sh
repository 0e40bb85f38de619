#!/usr/bin/env bash
# Offline demo: start the replay of recorded NCBI responses on 127.0.0.1, run a real PubMed search against it
# through libcurl, print the records, stop the replay.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build --show-bin-path)"
log="$(mktemp)"
"$bin/litharvest-replay" --recordings config/replay >"$log" 2>&1 &
replay=$!
trap 'kill $replay 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 50); do
    grep -q '^http://' "$log" && break
    sleep 0.1
done
endpoint="$(grep -m1 -o '^http://[^ ]*' "$log" || true)"
if [ -z "$endpoint" ]; then
    echo "the replay server did not start:" >&2
    cat "$log" >&2
    exit 1
fi
echo "offline replay of recorded PubMed responses at $endpoint" >&2
echo "(every query matches every recorded article; against the real PubMed, drop --endpoint)" >&2
echo >&2
"$bin/litharvest" search --database pubmed \
    --query '"intramuscular stimulation"[tiab] OR "dry needling"[tiab] OR Gunn IMS[tiab]' \
    --endpoint "$endpoint"
