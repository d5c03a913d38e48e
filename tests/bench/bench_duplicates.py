"""Find Duplicates at scale: find() on N generated contacts (tests/bench/fill.py's names,
organizations and emails, plus a phone for half of them drawn from a pool so that some
are shared, and a twentieth renamed to a nickname or an initial). Prints the median time
and the number of pairs.

    .venv/bin/python -m tests.bench.bench_duplicates [--runs 5] [--sizes 10000,100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from networker.clock import FixedClock
from networker.services.duplicates import DuplicateService
from networker.storage.db import open_database
from tests.bench.fill import fill

_SHORT = {"Robert": "Bob", "William": "Bill", "Elizabeth": "Liz", "James": "Jim",
          "Michael": "Mike", "Charles": "Chuck", "Richard": "Rick", "Thomas": "Tom"}  # fmt: skip


def _vary(database: Path, seed: int = 11) -> None:
    rng = random.Random(seed)
    connection = sqlite3.connect(database)
    rows = connection.execute("SELECT id, given_name FROM contact").fetchall()
    pool = [f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}" for _ in rows]
    with connection:
        connection.executemany(
            "INSERT INTO phone (contact_id, label, number, position) VALUES (?, 'mobile', ?, 0)",
            [(i, rng.choice(pool)) for i, _given in rows if rng.random() < 0.5],
        )
        renamed = []
        for contact_id, given in rows:
            if rng.random() < 0.05:
                short = _SHORT.get(given) or given[0] + "."
                renamed.append((short, contact_id))
        connection.executemany("UPDATE contact SET given_name = ? WHERE id = ?", renamed)
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="10000")
    args = parser.parse_args()
    clock = FixedClock(dt.datetime(2026, 11, 28, 9, 0))
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="bench-duplicates-") as tmp:
            root = fill(Path(tmp) / "data", size)
            _vary(root / "networker.sqlite3")
            db = open_database(root / "networker.sqlite3", backups_dir=root / "b", clock=clock)
            service = DuplicateService(database=db, clock=clock, phone_region="US")
            times, pairs = [], 0
            for _ in range(args.runs):
                start = time.perf_counter()
                pairs = len(service.find())
                times.append(time.perf_counter() - start)
            db.close()
        print(f"find() at {size:,} contacts: median {statistics.median(times) * 1000:.0f} ms "
              f"(best {min(times) * 1000:.0f} ms), {pairs} pairs")  # fmt: skip


if __name__ == "__main__":
    main()
