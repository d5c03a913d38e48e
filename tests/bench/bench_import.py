"""`networker import` of generated vCard files against its floor, in the same run.

    .venv/bin/python -m tests.bench.bench_import [--sizes 10000,100000] [--runs 3]

Floor: a process that parses the same file with vobject (streamed), extracts the same
fields and writes them with one plain sqlite3 executemany transaction.
Targets (issue 3): the whole import within 1.25x of the floor; peak memory under 300 MB
for 100,000 cards. Memory is that of the whole process tree (a large file is parsed by
one process per core beside the importing one), sampled every 20 ms. The floor runs in
one process; the machine's core count is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CACHE = ROOT / "bench-data"

FLOOR = r"""
import sqlite3, sys, vobject
path, db = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
con.execute("CREATE TABLE contact (id INTEGER PRIMARY KEY, fn TEXT, given TEXT, family TEXT,"
            " org TEXT, title TEXT, note TEXT)")
con.execute("CREATE TABLE email (contact_id INTEGER, address TEXT, label TEXT)")
con.execute("CREATE TABLE phone (contact_id INTEGER, number TEXT, label TEXT)")
contacts, emails, phones = [], [], []
with open(path, encoding="utf-8") as f:
    for i, card in enumerate(vobject.readComponents(f, allowQP=True), start=1):
        n = card.n.value if hasattr(card, "n") else None
        contacts.append((i, card.fn.value, n.given if n else "", n.family if n else "",
                         ";".join(card.org.value) if hasattr(card, "org") else "",
                         card.title.value if hasattr(card, "title") else "",
                         card.note.value if hasattr(card, "note") else ""))
        for e in card.contents.get("email", []):
            emails.append((i, e.value, ",".join(e.params.get("TYPE", []))))
        for t in card.contents.get("tel", []):
            phones.append((i, t.value, ",".join(t.params.get("TYPE", []))))
with con:
    con.executemany("INSERT INTO contact VALUES (?, ?, ?, ?, ?, ?, ?)", contacts)
    con.executemany("INSERT INTO email VALUES (?, ?, ?)", emails)
    con.executemany("INSERT INTO phone VALUES (?, ?, ?)", phones)
print(len(contacts))
"""


def card_file(count: int) -> Path:
    from tests.bench.fill import FIRST, LAST, ORGS, TAGS, TITLES

    path = CACHE / f"cards-distinct-{count}.vcf"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    rng = random.Random(3)
    with path.open("w", encoding="utf-8", newline="") as out:
        for i in range(count):
            # Distinct people, as in a real export (the same name at the same organization
            # would be merged, which the floor does not do).
            given, family = rng.choice(FIRST), f"{rng.choice(LAST)}-{i}"
            org, title = rng.choice(ORGS) or "Freelance", rng.choice(TITLES) or "Consultant"
            tags = ",".join(rng.sample(TAGS, rng.choice([0, 1, 2])))
            out.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"FN:{given} {family}\r\nN:{family};{given};;;\r\nORG:{org}\r\nTITLE:{title}\r\n"
                f"EMAIL;TYPE=WORK:{given.lower()}.{family.lower()}.{i}@example.org\r\n"
                f"TEL;TYPE=CELL:+1 555 {i:07d}\r\n"
                + (f"CATEGORIES:{tags}\r\n" if tags else "")
                + f"NOTE:Met at conference {i % 50}\r\nUID:urn:uuid:bench-{i}\r\nEND:VCARD\r\n"
            )
    return path


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (Linux /proc), in MB: the
    import's parsing processes count too."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(s.split()[1]) for s in status if s.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending += [int(c) for c in children.read().split()]
        except (OSError, StopIteration, ValueError):
            continue  # it ended between two reads
    return total / 1024


def timed(command: list[str]) -> tuple[float, float]:
    """Seconds, and the peak memory of the whole process tree: sampled every 20 ms, and
    never less than the largest single process's own peak (wait4)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    peak = [0.0]
    done = threading.Event()  # not process.poll(): that would reap it before wait4

    def sample() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], _tree_rss_mb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _err = process.stderr.read() if process.stderr else b""
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if status != 0:
        raise RuntimeError(f"{command[:3]} failed: {_err.decode()[-500:]}")
    return elapsed, max(peak[0], usage.ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"networker import benchmark, {args.runs} runs each, medians; {os.cpu_count()} cores")
    for count in (int(s) for s in args.sizes.split(",")):
        cards = card_file(count)
        app, floor = [], []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as data:
                floor.append(timed([sys.executable, "-c", FLOOR, str(cards), f"{data}/floor.db"]))
                app.append(timed([sys.executable, "-m", "networker", "import",
                                  "--data-dir", data, str(cards)]))  # fmt: skip
        seconds, floor_seconds = (statistics.median(t for t, _ in x) for x in (app, floor))
        memory, floor_memory = (statistics.median(m for _, m in x) for x in (app, floor))
        ratio = seconds / floor_seconds
        print(f"{count:,} cards ({cards.stat().st_size / 1e6:.0f} MB)")
        print(f"  networker import   {seconds:7.2f} s  {count / seconds:8,.0f} cards/s  "
              f"peak {memory:5.0f} MB")  # fmt: skip
        print(
            f"  floor (vobject + executemany) {floor_seconds:7.2f} s  peak {floor_memory:5.0f} MB"
        )
        print(f"  ratio {ratio:.2f}x (target 1.25x: {'meets' if ratio <= 1.25 else 'MISSES'});"
              f" memory {'meets' if memory < 300 else 'MISSES'} the 300 MB limit")  # fmt: skip


if __name__ == "__main__":
    main()
