"""Start-up of the frozen bundle against `python -m networker`, in the same run.

    .venv/bin/python -m tests.bench.bench_frozen [--frozen dist/networker/networker] [--runs 7]

Each figure is the wall time of a whole `--smoke-test` process (start, open the database,
show the window, print "smoke-test ok", exit), median of the runs, the two commands taking
turns so that a busy moment of the machine hits both. Offscreen, one data folder each,
created by a first untimed run. Issue 4 asks for both figures to be reported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or "smoke-test ok" not in result.stdout:
        raise SystemExit(f"{command[0]} failed: {result.stderr.strip()}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frozen", default=str(ROOT / "dist" / "networker" / "networker"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as frozen_dir, tempfile.TemporaryDirectory() as py_dir:
        commands = {
            "frozen bundle": [args.frozen, "--data-dir", frozen_dir, "--smoke-test"],
            "python -m networker": [
                sys.executable, "-m", "networker", "--data-dir", py_dir, "--smoke-test",
            ],
        }  # fmt: skip
        for command in commands.values():
            timed(command, env)  # creates the database; warms the file cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command, env))
    frozen, plain = (statistics.median(times[name]) for name in commands)
    print(f"smoke-test, median of {args.runs} (whole process, offscreen)")
    for name in commands:
        spread = ", ".join(f"{t * 1000:.0f}" for t in sorted(times[name]))
        print(f"  {name:<20} {statistics.median(times[name]) * 1000:6.0f} ms   ({spread})")
    print(f"  frozen / python: {frozen / plain:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
