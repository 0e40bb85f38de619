#!/usr/bin/env python3
"""Mutation fuzzer for litharvest's file readers (`make fuzz`, see scripts/fuzz.sh).

For each format it mutates the real fixtures of that format (byte flips, cuts, deleted and repeated
chunks, inserted syntax, splices of two files, and inputs built to attack the reader: macro bombs, deep
nesting, huge fields) up to 10 MB, runs `litharvest parse` on each for a bounded time, and counts:

- crashes: the process died by a signal (the Swift runtime's traps are SIGILL/SIGTRAP);
- hangs: it ran longer than the time limit;
- memory: its resident memory passed the cap (it is killed there).

Exit statuses 0 (read), 1 (refused) and 3 (partial) are the expected answers. Offending inputs are kept
in the output folder (gitignored) with the command that shows the problem.
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = [ROOT / "Tests/LitharvestFormatsTests/Fixtures", ROOT / "Tests/LitharvestConnectorsTests/Fixtures"]
MAX_INPUT = 10 * 1024 * 1024

# Seeds per format: file suffixes plus a test of the content, so that only files of the format are used.
FORMATS = {
    "ris": ([".ris"], lambda head: b"TY  -" in head),
    "medline": ([".nbib", ".medline"], lambda head: b"PMID-" in head),
    "bibtex": ([".bib"], lambda head: b"@" in head),
    "csv": ([".csv"], lambda head: True),
    "csljson": ([".json"], lambda head: head.lstrip().startswith(b"[") and b'"id"' in head),
    "endnote-xml": ([".xml"], lambda head: b"<records" in head and (b"<rec-number" in head or b"<ref-type" in head)),
    "pubmed-xml": ([".xml"], lambda head: b"PubmedArticleSet" in head),
    "xls": ([".xls"], lambda head: head.startswith(b"\xd0\xcf\x11\xe0")),
}

# Syntax worth inserting into each format.
TOKENS = {
    "ris": [b"TY  - JOUR\n", b"ER  - \n", b"AU  - ", b"\r", b"\n   ", b"Record #1 of 2\n", b"SP  - 1\nEP  - ", b"\xef\xbb\xbf"],
    "medline": [b"PMID- ", b"\n\n", b"      ", b"FAU - ", b"AU  - ", b"LID - x [doi]\n", b"MH  - *A/b/*c\n", b"AD  - "],
    "bibtex": [b"@string{", b"@article{", b"{", b"}", b"\"", b" # ", b"\\emph{", b"\\'", b"@comment{", b" and ", b"="],
    "csv": [b"\"", b",", b"\r\n", b"\n", b";", b"\t", b"\"\"", b"\xef\xbb\xbf"],
    "csljson": [b"[", b"]", b"{", b"}", b"\"", b",", b"\"id\":", b"null", b"\\u0000", b"1e999"],
    "endnote-xml": [b"<record>", b"</record>", b"<style>", b"<!DOCTYPE x [<!ENTITY a \"b\">]>", b"&a;", b"<![CDATA[", b"&#0;", b"<"],
    "pubmed-xml": [b"<PubmedArticle>", b"</PubmedArticle>", b"<PMID>1</PMID>", b"&amp;", b"&#xFFFF;", b"<![CDATA[", b"<", b"<ERROR>"],
    "xls": [b"\x00", b"\xff\xff\xff\xff", b"\xfe\xff\xff\xff", b"\x09\x08", b"\x0a\x00", b"\x01\x00\x00\x00"],
}


# Formats with few or no real fixtures also get seeds written by litharvest itself from the real RIS exports.
WRITTEN = {"medline": "nbib", "bibtex": "bibtex", "csljson": "csljson"}


def written_seeds(binary, fmt, out):
    folder = out / "seeds"
    folder.mkdir(parents=True, exist_ok=True)
    found = []
    for source in sorted((ROOT / "Tests/LitharvestFormatsTests/Fixtures/exports").rglob("*.ris")):
        target = folder / f"{source.stem}.{fmt}"
        if not target.exists():
            subprocess.run(
                [str(binary), "parse", "--database", "pubmed", "--format", WRITTEN[fmt], "--output", str(target), str(source)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if target.exists() and target.stat().st_size > 0:
            found.append(target.read_bytes())
    return found


def seeds(fmt):
    suffixes, test = FORMATS[fmt]
    found = []
    for folder in FIXTURES:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() in suffixes and path.stat().st_size <= MAX_INPUT:
                if test(path.read_bytes()[:65536]):
                    found.append(path.read_bytes())
    return found


def attack(fmt, rng):
    """An input built to blow up the reader, rather than mutated from a seed."""
    n = rng.choice([1_000, 50_000, 500_000])
    if fmt == "bibtex":
        kind = rng.randrange(4)
        if kind == 0:
            depth = rng.randrange(20, 64)
            text = b"@string{a0 = \"x\"}\n" + b"".join(b"@string{a%d = a%d # a%d}\n" % (i, i - 1, i - 1) for i in range(1, depth))
            return text + b"@article{k, title = a%d}\n" % (depth - 1)
        if kind == 1:
            return b"@article{k, title = {" + b"{" * n + b"x" + b"}" * n + b"}}\n"
        if kind == 2:
            return b"@article{k, title = {" + b"\\emph{" * n + b"x" + b"}" * n + b"}}\n"
        return b"@article{k, author = {" + b" and ".join(b"A%d" % i for i in range(n)) + b"}}\n"
    if fmt in ("endnote-xml", "pubmed-xml"):
        root = b"<xml><records>" if fmt == "endnote-xml" else b"<PubmedArticleSet>"
        close = b"</records></xml>" if fmt == "endnote-xml" else b"</PubmedArticleSet>"
        record = b"record" if fmt == "endnote-xml" else b"PubmedArticle"
        kind = rng.randrange(3)
        if kind == 0:
            attributes = b" ".join(b"a%d=\"v\"" % i for i in range(min(n, 100_000)))
            return root + b"<" + record + b" " + attributes + b"/>" + close
        if kind == 1:
            return root + b"<" + record + b">" + b"<a>" * n + b"</a>" * n + b"</" + record + b">" + close
        return root + (b"<" + record + b"><titles><title>" + b"x" * 1000 + b"</title></titles></" + record + b">") * (n // 10) + close
    if fmt == "csv":
        kind = rng.randrange(3)
        if kind == 0:
            return b"title,author\n" + b"," * (n * 10) + b"\n"
        if kind == 1:
            return b"title,author\n\"" + b"x" * (n * 10) + b"\",a\n"
        return b"title,author\n" + b"t,a\n" * (n * 2)
    if fmt == "ris":
        return b"TY  - JOUR\n" + b"AU  - Smith, J\n" * n + b"ER  - \n"
    if fmt == "medline":
        return b"PMID- 1\nAB  - x\n" + b"      continued\n" * n
    if fmt == "csljson":
        return b"[" * n + b"]" * n
    return os.urandom(rng.randrange(1, 4096))


def mutate(fmt, pool, rng):
    if rng.random() < 0.08:
        return attack(fmt, rng)
    data = bytearray(rng.choice(pool))
    for _ in range(rng.randrange(1, 4)):
        if not data:
            data = bytearray(rng.choice(pool))
        kind = rng.randrange(7)
        at = rng.randrange(len(data) + 1)
        if kind == 0:
            for _ in range(rng.randrange(1, 32)):
                if data:
                    data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        elif kind == 1:
            del data[at:]
        elif kind == 2:
            del data[at : at + rng.randrange(1, 4096)]
        elif kind == 3:
            chunk = bytes(data[at : at + rng.randrange(1, 4096)])
            data[at:at] = chunk * rng.choice([1, 2, 10, 100, 1000])
        elif kind == 4:
            data[at:at] = rng.choice(TOKENS[fmt]) * rng.choice([1, 1, 2, 10, 1000])
        elif kind == 5:
            other = rng.choice(pool)
            data = data[:at] + other[rng.randrange(len(other) + 1) :]
        else:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
    return bytes(data[:MAX_INPUT])


def run(binary, fmt, path, time_limit, memory_cap):
    """Runs `litharvest parse` on `path`: (exit status or -signal, seconds, peak resident bytes, killed for)."""
    database = "riss" if fmt == "xls" else "pubmed"
    command = [str(binary), "parse", "--database", database, "--format", "jsonl", "--output", os.devnull]
    if fmt not in ("pubmed-xml", "xls"):
        command += ["--input-format", fmt]
    command.append(str(path))
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    killed = [None]
    peak = [0]
    done = threading.Event()

    def watch():
        # Only the main thread reaps the process (wait4 below), so its pid stays valid while it is watched.
        status = f"/proc/{process.pid}/status"
        while not done.is_set():
            try:
                with open(status) as handle:
                    for line in handle:
                        if line.startswith("VmRSS:"):
                            peak[0] = max(peak[0], int(line.split()[1]) * 1024)
            except (OSError, ValueError, IndexError):
                pass
            if killed[0] is None and (peak[0] > memory_cap or time.monotonic() - started > time_limit):
                killed[0] = "memory" if peak[0] > memory_cap else "hang"
                os.kill(process.pid, signal.SIGKILL)
            done.wait(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, status, usage = os.wait4(process.pid, 0)
    done.set()
    process.returncode = os.waitstatus_to_exitcode(status)
    watcher.join()
    peak[0] = max(peak[0], usage.ru_maxrss * 1024)
    return process.returncode, time.monotonic() - started, peak[0], killed[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=str(ROOT / ".build/debug/litharvest"))
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--seconds", type=float, default=120, help="fuzzing time per format")
    parser.add_argument("--time-limit", type=float, default=30, help="seconds before a run counts as a hang")
    parser.add_argument("--memory-cap", type=int, default=1024, help="MiB of resident memory a run may use")
    parser.add_argument("--out", default=str(ROOT / "fuzz-out"))
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    options = parser.parse_args()

    rng = random.Random(options.seed if options.seed is not None else time.time_ns())
    out = Path(options.out)
    work = out / "work"
    work.mkdir(parents=True, exist_ok=True)
    totals = {}
    print(f"{'format':<12} {'seeds':>5} {'tried':>6} {'crash':>6} {'hang':>5} {'memory':>6} {'slowest s':>9} {'peak MiB':>8}")
    for fmt in options.formats.split(","):
        pool = seeds(fmt) + (written_seeds(options.binary, fmt, out) if fmt in WRITTEN else [])
        if not pool:
            print(f"{fmt:<12} no seed fixtures", file=sys.stderr)
            continue
        counts = {"tried": 0, "crash": 0, "hang": 0, "memory": 0}
        slowest = 0.0
        peak = 0
        deadline = time.monotonic() + options.seconds
        while time.monotonic() < deadline:
            data = mutate(fmt, pool, rng)
            path = work / f"input.{fmt}"
            path.write_bytes(data)
            status, seconds, memory, killed = run(options.binary, fmt, path, options.time_limit, options.memory_cap * 1024 * 1024)
            counts["tried"] += 1
            slowest = max(slowest, seconds)
            peak = max(peak, memory)
            problem = killed or ("crash" if status < 0 else None)
            if killed == "memory" or (memory > options.memory_cap * 1024 * 1024):
                problem = "memory"
            if problem:
                counts[problem] += 1
                kept = out / fmt / f"{problem}-{counts['tried']:05d}.{fmt}"
                kept.parent.mkdir(parents=True, exist_ok=True)
                kept.write_bytes(data)
                detail = f"signal {-status}" if status < 0 and problem == "crash" else f"{seconds:.1f} s, {memory >> 20} MiB"
                print(f"  {fmt}: {problem} ({detail}): {kept}", file=sys.stderr)
        totals[fmt] = counts
        print(
            f"{fmt:<12} {len(pool):>5} {counts['tried']:>6} {counts['crash']:>6} {counts['hang']:>5} {counts['memory']:>6}"
            f" {slowest:>9.1f} {peak >> 20:>8}",
            flush=True,
        )
    bad = sum(c["crash"] + c["hang"] + c["memory"] for c in totals.values())
    return 1 if bad else 0


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.exit(main())
