#!/usr/bin/env python3
"""Read a litharvest export back with an independent, widely used reader and print what it saw.

Usage: read_back.py FORMAT FILE [--expect RECORDS.jsonl]
       FORMAT is one of: ris, nbib, bibtex, csv, csljson

With --expect, the records read back are compared with the same records as `litharvest ... --format jsonl`
wrote them (title, other title, authors, year, DOI, journal, pages and ids, by the rules the Swift export tests
use); differences are printed and the exit status is 4.

Readers (what screening tools and scripts actually use):
  ris     rispy                   (ASReview reads RIS with it)
  nbib    Bio.Medline (biopython) (PubMed's own MEDLINE reader for Python)
  bibtex  bibtexparser 1.x        (bibtexparser.loads)
  csv     the standard csv module, utf-8-sig (a byte-order mark is accepted)
  csljson the standard json module, with CSL's variable names and citeproc-js's `multi` convention

A record's second language is compared too where the format has a place for it: the other abstract (nbib
`OAB`, BibTeX `otherabstract`, CSV `other_abstract`, CSL-JSON `multi._keys.abstract`), the authors' romanised
names (BibTeX `authorromanised`, CSV `author_romanised`, CSL-JSON the names' `multi._key`) and the publisher.

Prints a JSON list with one object per record, in file order:
  {"type", "key", "title", "other_title", "authors": [...], "year", "doi", "journal", "pages",
   "native_id", "pmid", "pmcid", "record_id", "database"}
Fields a format does not carry are null. Pages are "first-last" or "first". BibTeX values have their
protective braces removed and litharvest's LaTeX escapes undone (see BIBTEX_ESCAPES), nothing else.

Exit status: 0 on success, 2 on usage errors, 3 when a reader module is missing (the message says what
to install), 1 when the reader fails on the file, 4 when --expect finds differences.
"""

import json
import re
import sys

REQUIREMENTS = {
    "ris": ("rispy", "rispy==0.10.0"),
    "nbib": ("Bio.Medline", "biopython==1.88"),
    "bibtex": ("bibtexparser", "bibtexparser==1.4.4"),
}


def require(fmt):
    module, package = REQUIREMENTS.get(fmt, (None, None))
    if module is None:
        return
    install = f"  python3 -m pip install {' '.join(p for _, p in REQUIREMENTS.values())}\n"
    try:
        __import__(module)
    except ImportError:
        sys.stderr.write(f"read_back.py: the Python module '{module}' is missing; install the readers with:\n{install}")
        sys.exit(3)
    if fmt == "bibtex":
        import bibtexparser

        version = getattr(bibtexparser, "__version__", "?")
        if not version.startswith("1."):
            sys.stderr.write(f"read_back.py: bibtexparser 1.x is needed (its loads API), found {version}:\n{install}")
            sys.exit(3)


def record(**fields):
    keys = ["type", "key", "title", "other_title", "authors", "year", "doi", "journal", "pages",
            "native_id", "pmid", "pmcid", "record_id", "database", "other_abstract", "romanised", "publisher"]
    out = {key: None for key in keys}
    out["authors"] = []
    for key, value in fields.items():
        assert key in out, key
        out[key] = value if value not in ("", []) or key == "authors" else None
    return out


def page_range(first, last):
    if not first:
        return None
    return f"{first}-{last}" if last else first


# MARK: RIS

def read_ris(path):
    import rispy

    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if text.startswith("\ufeff"):
        raise ValueError("RIS output must not start with a byte-order mark")
    entries = rispy.loads(text)
    out = []
    for entry in entries:
        pmid = None
        for note in entry.get("notes", []):
            if note.startswith("PMID: "):
                pmid = note[len("PMID: "):]
        out.append(record(
            type=entry.get("type_of_reference"),
            title=entry.get("title"),
            other_title=entry.get("translated_title"),
            authors=entry.get("authors", []),
            year=entry.get("year"),
            doi=entry.get("doi"),
            journal=entry.get("secondary_title"),
            pages=page_range(entry.get("start_page"), entry.get("end_page")),
            native_id=entry.get("accession_number"),
            pmid=pmid,
            pmcid=entry.get("custom2"),
            database=entry.get("name_of_database"),
            publisher=entry.get("publisher"),
        ))
    return out


# MARK: MEDLINE

def lines_joined(value):
    if isinstance(value, list):
        return " ".join(value) or None
    return value


def read_nbib(path):
    from Bio import Medline

    def bracketed(values, kind):
        suffix = f" [{kind}]"
        for value in values:
            if value.endswith(suffix):
                return value[: -len(suffix)]
        return None

    out = []
    with open(path, encoding="utf-8") as handle:
        for entry in Medline.parse(handle):
            aids = entry.get("AID", [])
            doi = bracketed(aids, "doi")
            native = entry.get("PMID")
            for aid in aids:
                match = re.fullmatch(r"(.+) \[([a-z0-9_-]+)\]", aid)
                if match and match.group(2) not in ("doi", "pii", "mid", "bookaccession", "pmc", "pubmed"):
                    native = match.group(1)
            dp = entry.get("DP", "")
            year = re.match(r"\d{4}", dp)
            journal = entry.get("JT") or " ".join(entry.get("BTI", [])) or " ".join(entry.get("CTI", [])) or None
            out.append(record(
                title=entry.get("TI"),
                other_title=entry.get("TT"),
                authors=entry.get("FAU", []) + entry.get("CN", []),
                year=year.group(0) if year else None,
                doi=doi,
                journal=journal,
                pages=entry.get("PG"),
                native_id=native,
                pmid=entry.get("PMID"),
                pmcid=entry.get("PMC"),
                # Biopython keeps tags it does not know (OAB, PB) as lists of their lines.
                other_abstract=lines_joined(entry.get("OAB")),
                publisher=lines_joined(entry.get("PB")),
            ))
    return out


# MARK: BibTeX

BIBTEX_ESCAPES = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\&": "&",
    r"\%": "%",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}
BIBTEX_TOKEN = re.compile(
    "|".join(re.escape(escape) for escape in sorted(BIBTEX_ESCAPES, key=len, reverse=True)) + r"|[{}]"
)


def latex_to_text(value):
    """Undo litharvest's escapes and drop protective braces, in one pass."""
    if value is None:
        return None
    return BIBTEX_TOKEN.sub(lambda match: BIBTEX_ESCAPES.get(match.group(0), ""), value)


def split_names(value):
    """BibTeX's author list: split on ' and ' outside braces."""
    names, depth, start, index = [], 0, 0, 0
    while index < len(value):
        char = value[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and value.startswith(" and ", index):
            names.append(value[start:index])
            index += len(" and ")
            start = index
            continue
        index += 1
    names.append(value[start:])
    return [name.strip() for name in names if name.strip()]


def read_bibtex(path):
    import bibtexparser
    from bibtexparser.bparser import BibTexParser

    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False, interpolate_strings=True)
    database = bibtexparser.loads(text, parser=parser)
    # bibtexparser silently drops what it cannot parse: count entry starts to notice.
    starts = len(re.findall(r"^@\w+\{", text, flags=re.MULTILINE))
    if starts != len(database.entries):
        raise ValueError(f"{starts} entries in the file but bibtexparser read {len(database.entries)}")
    out = []
    for entry in database.entries:
        pages = latex_to_text(entry.get("pages"))
        journal = entry.get("journal") or entry.get("booktitle") or entry.get("series")
        out.append(record(
            type=entry["ENTRYTYPE"],
            key=entry["ID"],
            title=latex_to_text(entry.get("title")),
            other_title=latex_to_text(entry.get("titleaddon")),
            authors=[latex_to_text(name) for name in split_names(entry.get("author", ""))],
            year=entry.get("year"),
            doi=entry.get("doi"),
            journal=latex_to_text(journal),
            pages=pages.replace("--", "-") if pages else None,
            pmid=entry.get("pmid"),
            pmcid=entry.get("pmcid"),
            other_abstract=latex_to_text(entry.get("otherabstract")),
            romanised=latex_to_text(entry.get("authorromanised")),
            publisher=latex_to_text(entry.get("publisher")),
        ))
    return out


# MARK: CSV

def read_csv(path):
    import csv

    out = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            authors = row.get("author", "")
            out.append(record(
                title=row.get("title"),
                other_title=row.get("other_title"),
                authors=[name for name in authors.split("; ") if name] if authors else [],
                year=row.get("year"),
                doi=row.get("doi"),
                journal=row.get("journal"),
                pages=row.get("pages"),
                native_id=row.get("native_id"),
                pmid=row.get("pmid"),
                pmcid=row.get("pmcid"),
                record_id=row.get("record_id"),
                database=row.get("database"),
                other_abstract=row.get("other_abstract"),
                romanised=row.get("author_romanised"),
                publisher=row.get("publisher"),
            ))
    return out


# MARK: CSL-JSON

def csl_name(name):
    if "family" in name:
        return f"{name['family']}, {name['given']}" if name.get("given") else name["family"]
    return name.get("literal")


def read_csljson(path):
    with open(path, encoding="utf-8") as handle:
        items = json.load(handle)
    out = []
    for item in items:
        multi = item.get("multi", {}).get("_keys", {})
        names = item.get("author", [])
        romanised = []
        for name in names:
            forms = name.get("multi", {}).get("_key", {})
            romanised.append(next((csl_name(forms[lang]) for lang in sorted(forms)), "") or "")
        database, _, native = item["id"].partition(":")
        issued = item.get("issued", {}).get("date-parts", [[None]])[0]
        out.append(record(
            type=item.get("type"),
            title=item.get("title"),
            other_title=item.get("original-title"),
            authors=[csl_name(name) for name in names],
            year=str(issued[0]) if issued and issued[0] is not None else None,
            doi=item.get("DOI"),
            journal=item.get("container-title"),
            pages=item.get("page") or item.get("number"),
            native_id=native,
            pmid=item.get("PMID"),
            pmcid=item.get("PMCID"),
            record_id=item["id"],
            other_abstract=next(iter(multi.get("abstract", {}).values()), None),
            romanised=norm("; ".join(romanised)) if any(romanised) else None,
            publisher=item.get("publisher"),
        ))
        # The multilingual copy of the other title must agree with original-title.
        other = next(iter(multi.get("title", {}).values()), None)
        if other != item.get("original-title"):
            raise ValueError(f"{item['id']}: multi._keys.title {other!r} differs from original-title {item.get('original-title')!r}")
    return out


READERS = {"ris": read_ris, "nbib": read_nbib, "bibtex": read_bibtex, "csv": read_csv, "csljson": read_csljson}


# MARK: Comparison with the lossless JSON Lines records

def norm(text):
    """litharvest's Normalize.text: whitespace runs to one space, trimmed, None when empty."""
    if text is None:
        return None
    text = " ".join(text.split())
    return text or None


def display_name(author):
    if author.get("family") is not None:
        given = author.get("given") or author.get("initials")
        return f"{author['family']}, {given}" if given else author["family"]
    return author.get("literal") or ""


def expand_pages(pages):
    """The first-last form litharvest writes: Pages(...).expanded."""
    pages = norm(pages)
    if pages is None:
        return None
    parts = re.split(r"[-\u2013\u2014\u2010\u2011~]", pages, maxsplit=1)
    first = parts[0].strip()
    if len(parts) < 2 or not parts[1].strip():
        return first
    last = parts[1].strip()
    digits = re.search(r"\d*$", first).group(0)
    prefix = first[: len(first) - len(digits)]
    if not digits:
        return f"{first}-{last}"
    tail = last[len(prefix):] if prefix and last.startswith(prefix) else last
    if tail.isdigit() and len(tail) < len(digits):
        completed = digits[: len(digits) - len(tail)] + tail
        if int(completed) >= int(digits):
            return f"{first}-{prefix}{completed}"
        return f"{first}-{last}"
    if tail.isdigit():
        return f"{first}-{prefix}{tail}"
    return f"{first}-{last}"


def expected(fmt, rec):
    authors = rec.get("authors", [])
    if fmt == "nbib":
        authors = [a for a in authors if a.get("family") is not None] + [a for a in authors if a.get("family") is None]
    year = (rec.get("date") or {}).get("year")
    pages = expand_pages(rec.get("pages"))
    if pages is None and fmt != "nbib":
        pages = norm(rec.get("articleNumber"))
    out = {
        "title": norm(rec.get("title")),
        "other_title": norm(rec.get("otherTitle")),
        "authors": [norm(display_name(a)) for a in authors if norm(display_name(a))],
        "year": str(year) if year is not None else None,
        "doi": rec.get("doi"),
        "journal": norm(rec.get("journal")),
        "pages": pages,
        "pmcid": rec.get("pmcid"),
        "publisher": norm(rec.get("publisher")),
    }
    romanised = [next((norm(n) for n in a.get("alternateNames", []) if norm(n)), "") for a in rec.get("authors", [])]
    if fmt in ("bibtex", "csv", "csljson"):
        out["romanised"] = norm("; ".join(romanised)) if any(romanised) else None
    if fmt != "ris":
        out["other_abstract"] = norm(rec.get("otherAbstract"))
    database, native, pmid = rec["database"], rec["nativeID"], rec.get("pmid")
    if fmt == "ris":
        out["native_id"] = native
        out["pmid"] = None if database == "pubmed" else pmid
    elif fmt == "nbib":
        out["pmid"] = pmid
        out["native_id"] = pmid if database == "pubmed" or native in (pmid, rec.get("pmcid")) else native
    elif fmt == "bibtex":
        out["pmid"] = pmid
    elif fmt == "csv":
        out["record_id"] = f"{database}:{native}"
        out["native_id"] = native
        out["pmid"] = pmid
    elif fmt == "csljson":
        out["record_id"] = f"{database}:{native}"
        out["native_id"] = native
        out["pmid"] = pmid
    return out


def compare(fmt, seen, jsonl_path):
    with open(jsonl_path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    problems = []
    if len(seen) != len(records):
        problems.append(f"{len(seen)} records read back, {len(records)} written")
    for rec, got in zip(records, seen):
        for field, want in expected(fmt, rec).items():
            if got.get(field) != want:
                problems.append(f"{rec['database']}:{rec['nativeID']} {field}: read {got.get(field)!r}, expected {want!r}")
    if fmt == "bibtex":
        keys = [entry["key"] for entry in seen]
        if len(set(keys)) != len(keys):
            problems.append(f"duplicate BibTeX keys: {keys}")
    return problems


def main(argv):
    args = argv[1:]
    expect = None
    if len(args) == 4 and args[2] == "--expect":
        expect = args[3]
        args = args[:2]
    if len(args) != 2 or args[0] not in READERS:
        sys.stderr.write(f"usage: {argv[0]} {{{','.join(READERS)}}} FILE [--expect RECORDS.jsonl]\n")
        return 2
    fmt, path = args
    require(fmt)
    try:
        records = READERS[fmt](path)
    except Exception as error:  # report any reader failure as such
        sys.stderr.write(f"read_back.py: {fmt} reader failed on {path}: {type(error).__name__}: {error}\n")
        return 1
    if expect is not None:
        problems = compare(fmt, records, expect)
        for problem in problems:
            sys.stderr.write(f"read_back.py: {fmt}: {problem}\n")
        if problems:
            return 4
        print(f"{fmt}: {len(records)} records read back by the independent reader, all fields match")
        return 0
    json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
