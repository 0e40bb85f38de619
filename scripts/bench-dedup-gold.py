#!/usr/bin/env python3
"""Gold clusters for a dedupe-sweep EndNote XML library, for score.py.

usage: bench-dedup-gold.py LIBRARY.xml RECORDS.csv GOLD.csv

The libraries flag duplicates per record: `<caption>Duplicate</caption>` marks *every* member of a duplicate
set, the kept copy included (in copper.xml the flagged records fall into groups of 2–8 that share a title, and
no unflagged record shares a title with a flagged one except one group), so the flag says which records have
a duplicate but not which. The gold clusters are derived from the flagged records only: two flagged records
are in one cluster when their whole titles agree after keeping letters and digits (lower case), or their
DOIs agree (transitively); an unflagged record is always a cluster of its own. A flagged record left
alone by that rule stays a singleton (its duplicate is unknown), which can only lower the measured recall.
"""
import csv, html, re, sys

text = open(sys.argv[1], encoding='utf-8').read()
records = []
for body in re.findall(r'<record>(.*?)</record>', text, re.S):
    def field(tag):
        m = re.search(r'<%s>(.*?)</%s>' % (tag, tag), body, re.S)
        return html.unescape(re.sub(r'<[^>]+>', '', m.group(1))) if m else ''
    records.append((field('rec-number'), field('caption') == 'Duplicate',
                    re.sub(r'[^a-z0-9]', '', field('title').lower()), field('electronic-resource-num').strip().lower()))
parent = {r[0]: r[0] for r in records}
def find(x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]; x = parent[x]
    return x
first = {}
for rid, flagged, title, doi in records:
    if not flagged:
        continue
    for key in (('t', title) if title else None, ('d', doi) if doi else None):
        if key is None:
            continue
        if key in first:
            parent[find(rid)] = find(first[key])
        else:
            first[key] = rid
groups = {}
for rid, flagged, _, _ in records:
    if flagged:
        groups.setdefault(find(rid), []).append(rid)
with open(sys.argv[2], 'w', newline='') as f:
    w = csv.writer(f); w.writerow(['record_id'])
    for r in records: w.writerow([r[0]])
with open(sys.argv[3], 'w', newline='') as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL); w.writerow(['merged_ids'])
    for members in groups.values():
        if len(members) > 1: w.writerow([';'.join(members)])
flagged = sum(1 for r in records if r[1])
alone = sum(1 for m in groups.values() if len(m) == 1)
print('%s: %d records, %d flagged Duplicate, %d gold clusters, %d flagged records with no partner found'
      % (sys.argv[1].split('/')[-1], len(records), flagged, sum(1 for m in groups.values() if len(m) > 1), alone),
      file=sys.stderr)
