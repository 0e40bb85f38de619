#!/usr/bin/env bash
# End-to-end check of the exporters with the real parsers: fixtures of every connector are parsed by the
# built `litharvest parse` into each export format and read back by an independent reader
# (Tests/Readers/read_back.py: rispy, Biopython's Medline, bibtexparser 1.x, Python's csv and json), then compared with
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

if [[ ! -x "$bin" ]]; then
    echo "roundtrip_fixtures.sh: no litharvest binary at $bin; run 'swift build --product litharvest' first" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

failures=0
checks=0
# database and fixture (under Tests/LitharvestConnectorsTests/Fixtures): every connector's real responses,
# saved pages and exports, so Korean text, other-language titles and native ids go through every writer.
cases=(
    "pubmed pubmed/efetch_pubmed_20_articles.xml" "pubmed pubmed/efetch_pubmed_book_article.xml"
    "pubmed pubmed/efetch_pubmed_collective_mathml.xml" "pubmed pubmed/efetch_pubmed_structured_abstract.xml"
    "pubmed pubmed/efetch_pubmed_two_articles_charref.xml" "pubmed pubmed/efetch_pubmed_two_articles_season.xml"
    "pmc pubmed/efetch_pmc_full_article.xml"
    "kci kci/kci_rest_articleSearch_guide_sample.xml" "kci kci/kci_rest_articleDetail_sample.xml"
    "kci kci/kci_oai_listrecords_oai_kci_sample.xml" "kci kci/kci_oai_record_literal_ART001995054.xml"
    "scienceon scienceon/scienceon_openapicall_search_ARTI_BI_surface_velocity_p1_r5.xml"
    "scienceon scienceon/scienceon_openapicall_search_REPORT_BI_surface_velocity_p1_r5_excerpt.xml"
    "koreamed koreamed/synthetic_koreamed_result_fields.html"
    "nal nal/nal_searchservice_basic_ok_excerpt.xml" "nal nal/nal_detailinfoservice_detail_ok.xml"
    "oak oaipmh/oak_listrecords_oai_dc.xml"
    "riss riss/riss_search_A1_warfarin_vitamin_K_korean.html" "riss riss/riss_excel_export_20250812152237.xls"
    "riss riss/riss_search_15_B2_urolithiasis_vitamin_D_korean.html"
    "cochrane cochrane/search-central.html" "cochrane cochrane/central_export_ris_endnote.ris"
    "cochrane cochrane/central_export.csv"
)
cd "$root"
for case in "${cases[@]}"; do
    database="${case%% *}"
    fixture="$root/Tests/LitharvestConnectorsTests/Fixtures/${case#* }"
    name="$database-$(basename "$fixture" | tr '.' '_')"
    "$bin" parse -d "$database" --format jsonl -o "$work/$name.jsonl" "$fixture" 2>"$work/$name.log" || {
        echo "FAIL $name: litharvest parse --format jsonl failed:" >&2
        cat "$work/$name.log" >&2
        failures=$((failures + 1))
        continue
    }
    for format in ris nbib bibtex csv csljson; do
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
