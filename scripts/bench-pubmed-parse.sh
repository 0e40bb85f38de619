#!/usr/bin/env bash
# Benchmark: parse a generated PubMed EFetch file of N articles (default 100,000; real fixture articles
# replicated with fresh PMIDs) with `litharvest parse`, and print records/s and peak resident memory.
# Usage: scripts/bench-pubmed-parse.sh [ARTICLES] [FORMAT]
set -euo pipefail
cd "$(dirname "$0")/.."
articles="${1:-100000}"
format="${2:-jsonl}"
if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (for peak memory)" >&2
    SUDO=$( [ "$(id -u)" = 0 ] || echo sudo )
    $SUDO apt-get install -y -qq time >/dev/null
fi
work="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"
input="$work/pubmed-$articles.xml"
if [ ! -s "$input" ]; then
    python3 - "$articles" "$input" config/replay/pubmed/*.xml <<'PY'
import re, sys
count, out, sources = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
articles = []
for path in sources:
    text = open(path, encoding="utf-8").read()
    articles += re.findall(r"<PubmedArticle>.*?</PubmedArticle>", text, flags=re.S)
with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
            '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n')
    for i in range(count):
        article = articles[i % len(articles)]
        pmid = str(50_000_000 + i)
        old = re.search(r"<PMID[^>]*>(\d+)</PMID>", article).group(1)
        f.write(article.replace(">" + old + "<", ">" + pmid + "<"))
        f.write("\n")
    f.write("</PubmedArticleSet>\n")
PY
fi
swift build -c release --product litharvest >/dev/null
bin="$(swift build -c release --show-bin-path)/litharvest"
size=$(du -m "$input" | cut -f1)
echo "input: $articles articles, ${size} MB ($input)"
/usr/bin/time -v "$bin" parse --database pubmed --format "$format" "$input" >"$work/out.$format" 2>"$work/time.txt" || {
    cat "$work/time.txt" >&2
    exit 1
}
seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
records=$(grep -m1 -o '[0-9]* records' "$work/time.txt" | cut -d' ' -f1)
python3 - "$records" "$seconds" "$peak_kb" "$format" <<'PY'
import sys
records, seconds, peak_kb, fmt = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
print(f"parsed {records} records to {fmt} in {seconds:.2f} s: {records / seconds:,.0f} records/s; peak RSS {peak_kb / 1024:.1f} MB")
PY
