#!/usr/bin/env bash
# End-to-end check of the exporters with the real parsers: every PubMed/PMC efetch fixture is parsed by the
# built `litharvest parse` into each export format and read back by an independent reader
# (Tests/Readers/read_back.py: rispy, Biopython's Medline, bibtexparser 1.x, Python's csv), then compared with
# the same records as lossless JSON Lines.
#
# Usage: Tests/Readers/roundtrip_fixtures.sh [path/to/litharvest]
#   default binary: $LITHARVEST_BIN, else .build/debug/litharvest (build it with `swift build --product litharvest`)
#   Python: $LITHARVEST_PYTHON, else python3, with `python3 -m pip install rispy==0.10.0 biopython==1.88 bibtexparser==1.4.4`
# Exit status: 0 when every fixture survives every format, 1 otherwise.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="${1:-${LITHARVEST_BIN:-$root/.build/debug/litharvest}}"
python="${LITHARVEST_PYTHON:-python3}"
reader="$root/Tests/Readers/read_back.py"
fixtures="$root/Tests/LitharvestConnectorsTests/Fixtures/pubmed"

if [[ ! -x "$bin" ]]; then
    echo "roundtrip_fixtures.sh: no litharvest binary at $bin; run 'swift build --product litharvest' first" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

failures=0
checks=0
shopt -s nullglob
for fixture in "$fixtures"/efetch_*.xml; do
    name="$(basename "$fixture" .xml)"
    case "$name" in
        *pmc*) database=pmc ;;
        *) database=pubmed ;;
    esac
    "$bin" parse -d "$database" --format jsonl -o "$work/$name.jsonl" "$fixture" 2>"$work/$name.log" || {
        echo "FAIL $name: litharvest parse --format jsonl failed:" >&2
        cat "$work/$name.log" >&2
        failures=$((failures + 1))
        continue
    }
    for format in ris nbib bibtex csv; do
        checks=$((checks + 1))
        out="$work/$name.$format"
        if ! "$bin" parse -d "$database" --format "$format" -o "$out" "$fixture" 2>"$work/$name.$format.log"; then
            echo "FAIL $name $format: litharvest parse failed:" >&2
            cat "$work/$name.$format.log" >&2
            failures=$((failures + 1))
            continue
        fi
        status=0
        "$python" "$reader" "$format" "$out" --expect "$work/$name.jsonl" >"$work/result" 2>&1 || status=$?
        if [[ $status -eq 0 ]]; then
            echo "ok   $name $format: $(cat "$work/result")"
        else
            echo "FAIL $name $format (read_back.py exit $status):" >&2
            cat "$work/result" >&2
            failures=$((failures + 1))
            [[ $status -eq 3 ]] && exit 1  # a reader is missing: nothing else can pass
        fi
    done
done

echo "$((checks - failures)) passed, $failures failed"
[[ $failures -eq 0 ]]
