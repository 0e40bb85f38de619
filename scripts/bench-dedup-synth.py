#!/usr/bin/env python3
"""Synthetic scaling data for `make bench-dedup`: N records in litharvest JSON lines, made by perturbing real
records from the bib-dedupe benchmark CSVs.

usage: bench-dedup-synth.py N OUT.jsonl GOLD.csv RECORDS.csv BENCH_CSV...

Each synthetic paper starts from a real record whose title has two words replaced by words drawn from the
whole vocabulary (so papers differ), with its own year, volume and pages. About 30 % of papers get one or two
more copies, each perturbed: upper/lower case, punctuation dropped or added, abbreviated pages (221-8),
authors reversed and written `First Last`, and for one copy in five the title moved to otherTitle behind a
Korean title (the Korean/English swap of KCI and RISS records). GOLD.csv lists the copies (bib-dedupe
`merged_ids`), RECORDS.csv the ids (for score.py). Deterministic (seed 7).
"""
import csv, json, random, re, sys

n, out, gold_path, ids_path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
random.seed(7)
base = []
for path in sys.argv[5:]:
    for row in csv.DictReader(open(path, encoding='utf-8')):
        title = (row.get('title') or '').strip()
        if len(title.split()) < 5:
            continue
        authors = [a.strip() for a in re.split(r'\s+and\s+', row.get('author') or '') if a.strip()]
        base.append((title, authors, row.get('journal') or row.get('booktitle') or ''))
vocabulary = sorted({w for t, _, _ in base for w in re.findall(r'[A-Za-z]{5,}', t)})
hangul = [chr(c) for c in range(0xAC00, 0xAC00 + 400)]

def author_obj(name, first_last=False):
    if ',' in name:
        family, given = [p.strip() for p in name.split(',', 1)]
    else:
        family, given = name, ''
    if first_last:
        return {'literal': (given + ' ' + family).strip(), 'affiliations': [], 'alternateNames': []}
    return {'family': family, 'given': given or None, 'affiliations': [], 'alternateNames': []}

def record(rid, title, authors, journal, year, volume, issue, pages, other=None, first_last=False):
    r = {'database': 'synthetic', 'nativeID': rid, 'title': title, 'authors': [author_obj(a, first_last) for a in authors],
         'issns': [], 'keywords': [], 'subjects': [], 'languages': [], 'publicationTypes': [], 'identifiers': [],
         'journal': journal or None, 'date': {'year': year}, 'volume': volume, 'issue': issue, 'pages': pages}
    if other:
        r['otherTitle'] = other
    return {k: v for k, v in r.items() if v is not None}

count = 0
gold = []
ids = []
with open(out, 'w', encoding='utf-8') as f:
    paper = 0
    while count < n:
        title, authors, journal = base[paper % len(base)]
        words = title.split()
        for _ in range(2):
            words[random.randrange(len(words))] = random.choice(vocabulary)
        words.append(random.choice(vocabulary))
        title = ' '.join(words)
        year = random.randint(1980, 2025)
        volume = str(random.randint(1, 300))
        issue = str(random.randint(1, 12))
        first = random.randint(1, 2000)
        pages = '%d-%d' % (first, first + random.randint(3, 15))
        copies = 1 + (random.random() < 0.3) + (random.random() < 0.1)
        members = []
        for c in range(copies):
            if count >= n:
                break
            rid = 's%07d' % count
            count += 1
            t, a, p, other, first_last = title, list(authors), pages, None, False
            if c > 0:
                kind = random.randrange(5)
                if kind == 0:
                    t = t.upper()
                elif kind == 1:
                    t = re.sub(r'[^\w\s]', '', t).lower() + '.'
                elif kind == 2:
                    last = str(first + int(pages.split('-')[1]) - first)
                    p = '%d-%s' % (first, last[-1])
                    a = list(reversed(a))
                    first_last = True
                elif kind == 3:
                    t, other = ''.join(random.choice(hangul) for _ in range(18)), t
                else:
                    t = t.replace(' ', '  ').replace(':', ' -')
            f.write(json.dumps(record(rid, t, a, journal, year, volume, issue, p, other, first_last), ensure_ascii=False) + '\n')
            members.append(rid)
            ids.append(rid)
        if len(members) > 1:
            gold.append(';'.join(members))
        paper += 1
with open(gold_path, 'w', newline='') as g:
    w = csv.writer(g, quoting=csv.QUOTE_ALL)
    w.writerow(['merged_ids'])
    for m in gold:
        w.writerow([m])
with open(ids_path, 'w', newline='') as g:
    w = csv.writer(g)
    w.writerow(['record_id'])
    for rid in ids:
        w.writerow([rid])
