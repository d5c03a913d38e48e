"""Goals at scale (issue 13): 20 goals of every target kind over 100,000 contacts,
500,000 interactions and 2,000 events. Prints each figure beside the issue's target and
a floor measured in the same run:

- progress of the 20 goals (one aggregate query per target)     target 50 ms
  floor: one plain count of a month's interactions per target
- a logged interaction reaching the Goals page, on the GUI thread target 16 ms
  (the page's share: the change handed to a worker, then the cards updated in place
  with what it read; the read itself is the figure above, off the GUI thread; the
  timer's full garbage collection, at most once a minute, is printed apart)

    .venv/bin/python -m tests.bench.bench_goals [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from networker.clock import FixedClock
from networker.domain.goals import (
    GoalDraft,
    Repeat,
    TargetDraft,
    TargetFilters,
    TargetKind,
)
from networker.domain.interactions import InteractionKind
from networker.paths import prepare_data_dir
from networker.services.goals import GoalService
from networker.storage.db import open_database
from networker.storage.timestamps import utc_text
from tests.bench.bench_contacts import data_dir

INTERACTIONS = 500_000
EVENTS = 2_000
GOALS = 20
KINDS = [k.value for k in InteractionKind]
EVENT_KINDS = ["conference", "meetup", "alumni event", "association meeting"]


def fill(root: Path, clock: FixedClock) -> None:
    """Cadences, events, interactions of every kind (a tenth with help given, a
    twentieth at an event) over three years, on a copy of the 100,000 list."""
    db = open_database(root / "networker.sqlite3", backups_dir=root / "backups", clock=clock)
    db.close()
    rng = random.Random(13)
    connection = sqlite3.connect(root / "networker.sqlite3")
    ids = [row[0] for row in connection.execute("SELECT id FROM contact")]
    now = clock.now()
    minutes = 3 * 365 * 24 * 60
    with connection:
        connection.executemany(
            "UPDATE contact SET cadence_days = ? WHERE id = ?",
            [(rng.choice((14, 30, 60, 90)), i) for i in rng.sample(ids, len(ids) // 5)],
        )
        events = []
        for n in range(1, EVENTS + 1):
            start = now - dt.timedelta(minutes=rng.randint(-60 * 24 * 60, minutes))
            text = utc_text(start)
            events.append(
                (n, f"bench-{n}", f"Event {n}", rng.choice(EVENT_KINDS), text,
                 utc_text(start + dt.timedelta(hours=2)), text, text, text, text)
            )  # fmt: skip
        connection.executemany(
            "INSERT INTO event (id, uid, title, kind, starts, ends, span_start, span_end,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            events,
        )
        rows = []
        for n in range(1, INTERACTIONS + 1):
            at_event = rng.random() < 0.05
            rows.append(
                (n, "event encounter" if at_event else rng.choice(KINDS),
                 utc_text(now - dt.timedelta(minutes=rng.randint(0, minutes))),
                 "given" if rng.random() < 0.1 else "", utc_text(now),
                 rng.randint(1, EVENTS) if at_event else None)
            )  # fmt: skip
        connection.executemany(
            "INSERT INTO interaction (id, kind, occurred_at, value, created_at, event_id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        connection.executemany(
            "INSERT INTO interaction_contact (interaction_id, contact_id) VALUES (?, ?)",
            [(n, rng.choice(ids)) for n in range(1, INTERACTIONS + 1)],
        )
    connection.execute("ANALYZE")
    connection.close()


def twenty_goals(today: dt.date) -> list[GoalDraft]:
    """Every target kind, over a week, a month, a quarter and a year; some filtered by
    a tag, a source or kinds, some counting only linked items."""
    quarter = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    year = (dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    periods = [
        {"starts_on": today.replace(day=1), "repeat": Repeat.MONTHLY},
        {"starts_on": quarter, "repeat": Repeat.QUARTERLY},
        {"starts_on": today - dt.timedelta(days=60), "repeat": Repeat.WEEKLY},
        {"starts_on": year[0], "ends_on": year[1]},
    ]
    targets = [
        TargetDraft(TargetKind.NEW_CONTACTS, 50),
        TargetDraft(TargetKind.NEW_CONTACTS, 20, TargetFilters(tag="mentor")),
        TargetDraft(TargetKind.NEW_CONTACTS, 20, TargetFilters(source="alumni")),
        TargetDraft(TargetKind.INTERACTIONS, 8, TargetFilters(kinds=("informational interview",))),
        TargetDraft(TargetKind.INTERACTIONS, 30),
        TargetDraft(TargetKind.EVENTS_ATTENDED, 3),
        TargetDraft(TargetKind.EVENTS_ATTENDED, 2, TargetFilters(kinds=("conference",))),
        TargetDraft(TargetKind.VALUE_GIVEN, 10),
        TargetDraft(TargetKind.THANK_YOUS, 5),
        TargetDraft(TargetKind.OVERDUE_REACHED, 10),
        TargetDraft(TargetKind.INTERACTIONS, 5, only_linked=True),
        TargetDraft(TargetKind.MANUAL, 3),
    ]
    return [
        GoalDraft(
            title=f"Goal {n + 1}",
            targets=(targets[n % len(targets)], targets[(n * 5 + 3) % len(targets)]),
            **periods[n % len(periods)],  # type: ignore[arg-type]
        )
        for n in range(GOALS)
    ]


def timed(action, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    results = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        results.append((time.perf_counter() - started) * 1000)
    return results


def line(label: str, values: list[float], floor: list[float] | None, target: float) -> str:
    median = statistics.median(values)
    verdict = "meets" if median <= target else "MISSES"
    base = f"floor {statistics.median(floor):7.1f} ms" if floor else " " * 16
    return f"  {label:<44} {median:8.1f} ms  {base}  (target {target:.0f} ms: {verdict})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    clock = FixedClock(dt.datetime(2026, 11, 28, 9, 0))
    root = Path(tempfile.mkdtemp(prefix="bench-goals-")) / "data"
    shutil.copytree(data_dir(100_000), root)
    started = time.perf_counter()
    fill(root, clock)
    print(
        f"Goals benchmark: {GOALS} goals, 100,000 contacts, {INTERACTIONS:,} interactions, "
        f"{EVENTS:,} events (filled in {time.perf_counter() - started:.0f} s)"
    )
    paths = prepare_data_dir(root)
    db = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    goals = GoalService(database=db, clock=clock)
    ids = goals.add_many(twenty_goals(clock.today()))
    for goal_id in ids:  # the people each goal is about: 50 (a mentor search has a dozen)
        goals.link(goal_id, "contact", list(range(goal_id * 100, goal_id * 100 + 50)))
    kept = goals.roll_over()
    progress = goals.progress(roll_over=False)
    targets = sum(len(p.targets) for p in progress)
    behind = sum(p.behind for p in progress)
    print(f"  ({targets} targets; {behind} goals behind; {kept} past periods kept at roll-over)")
    plain = sqlite3.connect(paths.database)
    month = (utc_text(clock.day_start(clock.today().replace(day=1))), utc_text(clock.now()))

    def floor() -> None:
        for _ in range(targets):
            plain.execute(
                "SELECT count(*) FROM interaction WHERE occurred_at >= ? AND occurred_at < ?",
                month,
            ).fetchone()

    print(line(f"progress of {GOALS} goals", timed(lambda: goals.progress(), args.runs),
               timed(floor, args.runs), 50))  # fmt: skip
    for text in window_figures(paths, db, clock, args.runs):
        print(text)
    db.close()
    plain.close()
    shutil.rmtree(root.parent, ignore_errors=True)


def window_figures(paths, db, clock, runs: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The GUI thread's part of a logged interaction reaching the Goals page: the
    change handed to the page (a worker started) and the cards updated with what the
    worker read. The log's own write is the Log dialog's (bench_nurture measures it)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from networker.app import build_main_window, make_application
    from networker.domain.interactions import InteractionDraft

    app = make_application(sys.argv[:1])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "ui.ini"), QSettings.Format.IniFormat)
    window = build_main_window(database=db, paths=paths, clock=clock, settings=settings)
    window.resize(1200, 800)
    window.show()
    window.page("contactsView").model.wait_for_loader()
    page = window.show_page("goalsView")
    while page.loading:
        app.processEvents()
    app.processEvents()
    contact = db.execute_sql("SELECT id FROM contact LIMIT 1").fetchone()[0]
    interactions = window.page("todayView")._interactions()  # reports to the window's hub
    handed: list[float] = []
    apply_changes = page.apply_changes

    def timed_apply(changes) -> None:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        apply_changes(changes)
        handed.append(time.perf_counter() - started)

    page.apply_changes = timed_apply  # type: ignore[method-assign]
    page_share: list[float] = []
    whole: list[float] = []
    for _ in range(runs):
        handed.clear()
        started = time.perf_counter()
        interactions.log(InteractionDraft([contact], InteractionKind.CALL))
        while page.loading:
            app.processEvents()
        whole.append((time.perf_counter() - started) * 1000)
        page_share.append((sum(handed) + page.last_show_seconds) * 1000)
        app.processEvents()
    # Not per change: the GUI thread's garbage collector (garbage.py) runs a full
    # collection at most once a minute; what one costs with this window open.
    full = timed(lambda: gc.collect(2), runs)
    window.close()
    return [
        line("logged interaction -> Goals page (GUI thread)", page_share, None, 16),
        f"  {'  (a full gc, at most once a minute)':<44} {statistics.median(full):8.1f} ms",
        f"  {'  the whole round: log, worker read, update':<44} {statistics.median(whole):8.1f} ms",
    ]


if __name__ == "__main__":
    main()
