#!/usr/bin/env bash
# Checks a demo's HTML report as a reader sees it: renders OUT/report.html in headless Chromium and compares
# the numbers of its PRISMA flow diagram with `litharvest snapshots --json` (and, for the records to screen,
# with `litharvest new`). Exit 0 when every number matches, 1 with the differences otherwise.
#   usage: scripts/check-demo-report.sh [OUT]   (default demo-out; OUT/harvest.yaml is the config)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-demo-out}"
bin="$(swift build --show-bin-path)"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
    echo "check: no chromium to render the report (make test-deps installs it)" >&2
    exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Chromium runs the page's own layout and script: the DOM it dumps is what a reader's browser shows.
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" \
    --dump-dom "file://$(cd "$out" && pwd)/report.html" >"$work/dom.html" 2>"$work/chromium.log" || {
    echo "check: chromium could not render $out/report.html:" >&2
    tail -5 "$work/chromium.log" >&2
    exit 1
}
# And a picture of the page, for people.
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" --hide-scrollbars \
    --window-size=1280,2000 --screenshot="$(cd "$out" && pwd)/report.png" "file://$(cd "$out" && pwd)/report.html" \
    >/dev/null 2>&1 || echo "check: no screenshot (chromium --screenshot failed); the DOM check goes on" >&2
lh() { "$bin/litharvest" "$@" --config "$out/harvest.yaml"; }
lh snapshots --json >"$work/snapshots.json"
lh connectors --json >"$work/connectors.json"
lh new --format jsonl >"$work/new.jsonl" 2>"$work/new.log"

python3 - "$work" <<'PY'
import html, json, re, sys

work = sys.argv[1]
dom = open(f"{work}/dom.html", encoding="utf-8").read()
runs = json.load(open(f"{work}/snapshots.json", encoding="utf-8"))
names = {c["id"]: c["name"] for c in json.load(open(f"{work}/connectors.json", encoding="utf-8"))}
new_listed = sum(1 for line in open(f"{work}/new.jsonl", encoding="utf-8") if line.strip())

start = dom.find("<svg")
if start < 0 or "</svg>" not in dom[start:]:
    sys.exit("check: the rendered report has no flow diagram (<svg>)")
svg = dom[start:dom.find("</svg>", start)]
# Boxes wrap long lines over several <text> elements; joined with spaces they read as the diagram's sentences.
text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", t)) for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S))
text = re.sub(r"\s+", " ", text)

def number(label):
    match = re.search(re.escape(label) + r"[^•]*?\(n = (\d+)\)", text)
    if not match:
        sys.exit(f"check: the diagram has no number for {label!r}")
    return int(match.group(1))

run_match = re.search(r"filled by litharvest from run (\d+)", text)
if not run_match:
    sys.exit("check: the diagram does not name its run")
run_id = int(run_match.group(1))
run = next((r for r in runs if r["run"] == run_id), None)
if run is None:
    sys.exit(f"check: snapshots --json has no run {run_id}")
earlier = [r for r in runs if r["run"] < run_id]

problems, rows = [], []
def compare(what, shown, expected):
    rows.append((what, shown, expected))
    if shown != expected:
        problems.append(f"{what}: the diagram shows {shown}, snapshots --json gives {expected}")

retrieved, statuses = {}, {}
for job in run["jobs"]:
    retrieved[job["database"]] = retrieved.get(job["database"], 0) + job["retrieved"]
    statuses.setdefault(job["database"], set()).add(job["status"])
for database, count in retrieved.items():
    name = names.get(database, database)
    match = re.search(r"• " + re.escape(name) + r": (\d+)( \(([^)]*)\))?", text)
    if not match:
        problems.append(f"{database}: no line '• {name}: n' in the diagram")
        continue
    compare(f"identified, {database}", int(match.group(1)), count)
    # A source whose searches did not all end ok carries the status in its note.
    for status in statuses[database] - {"ok"}:
        if status not in (match.group(3) or ""):
            problems.append(f"{database}: snapshots --json says {status}, the diagram's note does not")
total = sum(retrieved.values())
compare("databases (n)", number("Databases"), total)
compare("total identified", number("Total identified"), total)
duplicates = number("Duplicate records removed")
already = number("Records already in the previous version") if earlier else 0
screened = number("Records screened")
compare("identified − duplicates − already seen = screened", total - duplicates - already, screened)
# The records to screen are one per new study (duplicate cluster): what `litharvest new` lists. Per-job
# `new` in snapshots counts records first seen, so a new record that duplicates another counts there only.
new_records = sum(job["new"] for job in run["jobs"])
compare("records screened = records `new` lists", screened, new_listed)
if screened > new_records:
    problems.append(f"records screened ({screened}) exceed the records first seen in run {run_id} ({new_records})")
if earlier:
    previous = number("Records found by the previous version's searches")
    compare("previous version's records = records first seen in earlier runs",
            previous, sum(job["new"] for r in earlier for job in r["jobs"]))

print(f"run {run_id}: report.html rendered by Chromium ({len(dom)} bytes of DOM)")
for what, shown, expected in rows:
    print(f"  {'ok ' if shown == expected else 'BAD'} {what}: {shown}" + ("" if shown == expected else f" ≠ {expected}"))
print(f"  (per-job new in snapshots --json: {new_records} records first seen; {new_records - screened} of them joined a cluster already counted)")
if problems:
    print("check FAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print("check passed: the flow diagram's numbers equal snapshots --json")
PY
