"""The contact list's speed and memory, each figure beside its floor measured in the same run.

    .venv/bin/python -m tests.bench.bench_contacts [--runs 7] [--sizes 0,10000,100000]
        [--start-only]

Floors: a bare QMainWindow with a QTableView started the same way (start-up, memory);
a plain Python substring scan over the same strings (search); sorting the plain
Python list of names (sort). Targets from the foundation issue are printed beside.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CACHE = ROOT / "bench-data"
QUERIES = ["ann", "son", "mar", "ell", "ada", "eng", "ini", "ptx"]


def data_dir(count: int) -> Path:
    from tests.bench.fill import fill

    root = CACHE / f"contacts-{count}"
    if not (root / "networker.sqlite3").exists():
        started = time.perf_counter()
        fill(root, count)
        print(f"  (filled {count:,} contacts in {time.perf_counter() - started:.1f} s)")
    return root


def start_once(args: list[str], env: dict[str, str]) -> tuple[dict[str, float], float]:
    env = {**env, "BENCH_T0": repr(time.time())}
    process = subprocess.Popen(
        [sys.executable, str(HERE / "start_child.py"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise RuntimeError(f"start_child {args} failed with status {status}")
    figures = json.loads(output)
    peak = figures.pop("peak_mb", usage.ru_maxrss / 1024)  # ru_maxrss: KiB on Linux
    return figures, peak


def measure_starts(
    args: list[str], runs: int, env: dict[str, str]
) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Medians for the bare window, the lower bound and ``args``, started in turn: the
    floor and the figure see the same moments of a machine whose speed drifts (the bare
    start has moved between 116 and 226 ms here)."""
    bare_runs, bound_runs, app_runs = [], [], []
    for _run in range(runs):
        bare_runs.append(start_once(["bare"], env))
        bound_runs.append(start_once(["bound", args[1]], env))
        app_runs.append(start_once(args, env))
    return _medians(bare_runs), _medians(bound_runs), _medians(app_runs)


def _medians(results: list[tuple[dict[str, float], float]]) -> dict[str, float]:
    figures = {key: statistics.median(r[0][key] for r in results) for key in results[0][0]}
    figures["peak_mb"] = statistics.median(r[1] for r in results)
    return figures


def ratio_line(
    label: str, value: float, floor: float, target: float | None, unit: str = "ms"
) -> str:
    ratio = value / floor if floor else float("inf")
    if target is None:
        judged = "no target at this size"
    else:
        judged = f"target {target}x: {'meets' if ratio <= target else 'MISSES'}"
    return (
        f"  {label:<44} {value:9.1f} {unit}  floor {floor:9.1f} {unit}  "
        f"ratio {ratio:5.2f}x  ({judged})"
    )


def bench_interaction(root: Path, *, judged: bool) -> list[str]:
    """Search keystrokes and sorting in a running window over the database at ``root``;
    ``judged``: print the issue's targets (set for 100,000 contacts)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from networker.app import build_main_window, make_application
    from networker.clock import SystemClock
    from networker.itemmodels.contact_table import NAME
    from networker.paths import prepare_data_dir
    from networker.storage.db import open_database

    app = make_application(sys.argv[:1])
    paths = prepare_data_dir(root)
    clock = SystemClock()
    db = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "ui.ini"), QSettings.Format.IniFormat)
    window = build_main_window(database=db, paths=paths, clock=clock, settings=settings)
    window.resize(1100, 700)
    window.show()
    view = window.show_page("contactsView")  # Today comes first; the list is measured
    view.model.wait_for_loader()
    app.processEvents()
    haystacks = [
        h
        for h, archived in zip(view.model._index.haystacks, view.model._index.archived, strict=True)
        if not archived
    ]
    # The floor sorts the names as stored (shuffled), not the index's already sorted list.
    names = [
        n
        for n, archived in zip(view.model._index.name_keys, view.model._index.archived, strict=True)
        if not archived
    ]

    random.Random(1).shuffle(names)

    def timed(action) -> float:
        started = time.perf_counter()
        action()
        return (time.perf_counter() - started) * 1000

    def keystroke(query: str) -> None:
        view.search.setText(query)  # the model filters at once: there is no typing delay
        app.processEvents()  # lays out and paints the list, the count and the search field

    search, scan, search_cpu = [], [], []
    for _round in range(3):
        for query in QUERIES:
            cpu = time.thread_time()
            search.append(timed(lambda q=query: keystroke(q)))
            search_cpu.append((time.thread_time() - cpu) * 1000)
            keystroke("")
            scan.append(timed(lambda q=query: [h for h in haystacks if q in h]))
    sorts, floor_sorts = [], []
    for _round in range(5):
        from PySide6.QtCore import Qt

        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):

            def sort_and_paint(order=order) -> None:
                view.table.sortByColumn(NAME, order)
                app.processEvents()

            sorts.append(timed(sort_and_paint))
            floor_sorts.append(timed(lambda order=order: sorted(names, reverse=bool(order.value))))
    saves, floor_saves = bench_save(app, view, db, timed)
    lines = [
        ratio_line(
            "search keystroke (3 letters), median",
            statistics.median(search),
            statistics.median(scan),
            3.0 if judged else None,
        ),
        f"  {'search keystroke, worst':<44} {max(search):9.1f} ms  (limit 50 ms: "
        f"{'meets' if max(search) <= 50 else 'MISSES'})",
        # Wall time above; the GUI thread's own CPU time tells our work from another
        # process taking the core (a shared machine's worst is often that).
        f"  {'search keystroke, worst, GUI thread CPU':<44} {max(search_cpu):9.1f} ms",
        ratio_line(
            "sort by name + repaint, median",
            statistics.median(sorts),
            statistics.median(floor_sorts),
            2.0 if judged else None,
        ),
        f"  {'save one contact + repaint, median':<44} {statistics.median(saves):9.1f} ms  "
        f"(one plain UPDATE transaction: {statistics.median(floor_saves):.1f} ms; "
        f"limit 16 ms: {'meets' if statistics.median(saves) <= 16 else 'MISSES'})",
        f"  {'save one contact + repaint, worst':<44} {max(saves):9.1f} ms",
    ]
    window.close()
    db.close()
    QApplication.processEvents()
    return lines


def bench_save(app, view, db, timed) -> tuple[list[float], list[float]]:
    """Save from the panel in a list sorted by name, descending, with one contact
    selected: the GUI thread from Save to the repainted row; the sort and the selection
    must stay. The floor: the same kind of write as one plain UPDATE transaction."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from networker.itemmodels.contact_table import NAME

    view.search.setText("")
    view.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    app.processEvents()
    contact_id = view.model.contact_id(1000)
    view.select_contact(contact_id)
    app.processEvents()
    saves, floors = [], []
    for round_ in range(9):
        view.panel.organization.setFocus()
        view.panel.organization.selectAll()
        QTest.keyClicks(view.panel.organization, f"Organization {round_}")  # as typed

        def save() -> None:
            assert view.panel.save()
            app.processEvents()

        saves.append(timed(save))
        assert view.selected_ids() == [contact_id], "the selection was lost"
        assert view.model.descending, "the sort was lost"

        def plain_update(round_=round_) -> None:
            with db.atomic():
                db.execute_sql(
                    "UPDATE contact SET organization = ? WHERE id = ?",
                    (f"Organization {round_}", contact_id),
                )

        floors.append(timed(plain_update))
    return saves, floors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="0,10000,100000")
    parser.add_argument("--start-only", action="store_true", help="skip search and sort")
    args = parser.parse_args()
    # Measure the app as an installed one starts: with its bytecode compiled (pip does it
    # at install; an editable checkout under PYTHONDONTWRITEBYTECODE=1 never has it).
    compileall.compile_dir(str(ROOT / "networker"), quiet=1)
    sizes = [int(s) for s in args.sizes.split(",")]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="bench-config-"),
    }
    print(
        f"Networker contact list benchmark, {args.runs} runs each, medians; {os.cpu_count()} cores"
    )
    targets = {0: 1.8, 10_000: 1.8, 100_000: 1.8}  # issue "A house for every page"
    for count in sizes:
        root = data_dir(count)
        bare, bound, app = measure_starts(["app", str(root)], args.runs, env)
        print(
            f"{count:,} contacts (bare QMainWindow+QTableView started in turn: first paint "
            f"{bare['painted'] * 1000:.0f} ms, peak {bare['peak_mb']:.0f} MB)"
        )
        print(
            ratio_line(
                "start to first painted window",
                app["painted"] * 1000,
                bare["painted"] * 1000,
                targets.get(count, 2.0),
            )
        )
        print(
            f"  {'  lower bound: bare + Peewee, open, Qt enums':<44} "
            f"{bound['painted'] * 1000:9.1f} ms  = {bound['painted'] / bare['painted']:.2f}x floor"
        )
        print(f"  {'start to whole list loaded':<44} {app['loaded'] * 1000:9.1f} ms")
        print(
            ratio_line("peak memory, whole list loaded", app["peak_mb"], bare["peak_mb"], 3.0, "MB")
        )
        if count >= 10_000 and not args.start_only:
            for line in bench_interaction(root, judged=count >= 100_000):
                print(line)


if __name__ == "__main__":
    main()
