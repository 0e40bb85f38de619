#!/bin/sh
# Mutation fuzzing of the file readers: builds litharvest and runs scripts/fuzz.py, which mutates the
# real fixtures of every format and counts crashes (signals), hangs and memory over the cap. Bounded in
# time (FUZZ_SECONDS per format, default 120); not part of `make test`. Offending inputs go to fuzz-out/.
#   FUZZ_SECONDS=60 FUZZ_FORMATS=bibtex,csv scripts/fuzz.sh
set -eu
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
$SWIFT build ${BUILD_FLAGS:-}
BIN="$($SWIFT build ${BUILD_FLAGS:-} --show-bin-path)/litharvest"
exec python3 scripts/fuzz.py --binary "$BIN" --seconds "${FUZZ_SECONDS:-120}" \
    --formats "${FUZZ_FORMATS:-ris,medline,bibtex,csv,csljson,endnote-xml,pubmed-xml,xls}" "$@"
