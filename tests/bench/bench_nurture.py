"""Nurture at scale (issue "Nurture the network"): 100,000 contacts (a fifth with a
keep-in-touch cadence, a third with a birthday), 500,000 interactions and 20,000 open
reminders. Prints each figure beside the issue's target and a floor measured in the same
run (the same rows read by one plain SQL query):

- Today's content (every section: what is due now and this week)   target 50 ms
- the scheduler's next-due query                                    target 5 ms
- logging one interaction (the service's transaction)               target 16 ms

    .venv/bin/python -m tests.bench.bench_nurture [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from networker.domain.interactions import InteractionDraft, InteractionKind
from networker.paths import prepare_data_dir
from networker.services.interactions import InteractionService
from networker.services.reminders import ReminderService
from networker.storage.db import open_database
from networker.storage.timestamps import utc_text
from networker.views.today_view import read_content
from tests.bench.bench_contacts import data_dir

INTERACTIONS = 500_000
OPEN_REMINDERS = 20_000


def fill(root: Path, clock: FixedClock) -> None:
    """Cadences, birthdays, interactions and reminders on a copy of the 100,000 list."""
    db = open_database(root / "networker.sqlite3", backups_dir=root / "backups", clock=clock)
    db.close()
    rng = random.Random(7)
    connection = sqlite3.connect(root / "networker.sqlite3")
    ids = [row[0] for row in connection.execute("SELECT id FROM contact")]
    now = clock.now()
    with connection:
        connection.executemany(
            "UPDATE contact SET cadence_days = ? WHERE id = ?",
            [(rng.choice((14, 30, 60, 90)), i) for i in rng.sample(ids, len(ids) // 5)],
        )
        connection.executemany(
            "UPDATE contact SET birthday = ? WHERE id = ?",
            [
                (f"--{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", i)
                for i in rng.sample(ids, len(ids) // 3)
            ],
        )
        interactions = [
            (n, "call", utc_text(now - dt.timedelta(minutes=rng.randint(0, 2_000_000))),
             utc_text(now))
            for n in range(1, INTERACTIONS + 1)
        ]  # fmt: skip
        connection.executemany(
            "INSERT INTO interaction (id, kind, occurred_at, created_at) VALUES (?, ?, ?, ?)",
            interactions,
        )
        connection.executemany(
            "INSERT INTO interaction_contact (interaction_id, contact_id) VALUES (?, ?)",
            [(n, rng.choice(ids)) for n in range(1, INTERACTIONS + 1)],
        )
        connection.executemany(
            "INSERT INTO reminder (kind, contact_id, interaction_id, occurrence, title, due_at,"
            " created_at) VALUES ('follow-up', ?, ?, ?, 'Follow up', ?, ?)",
            [
                (rng.choice(ids), n, f"interaction:{n}",
                 utc_text(now + dt.timedelta(hours=rng.randint(-500, 2000))), utc_text(now))
                for n in range(1, OPEN_REMINDERS + 1)
            ],
        )  # fmt: skip
    connection.close()


def timed(action, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    results = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        results.append((time.perf_counter() - started) * 1000)
    return results


def line(label: str, values: list[float], floor: list[float], target: float) -> str:
    median, base = statistics.median(values), statistics.median(floor)
    verdict = "meets" if median <= target else "MISSES"
    return (
        f"  {label:<40} {median:9.1f} ms  floor {base:7.1f} ms  (target {target:.0f} ms: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    clock = FixedClock(dt.datetime(2026, 12, 1, 9, 0))
    source = data_dir(100_000)
    root = Path(tempfile.mkdtemp(prefix="bench-nurture-")) / "data"
    shutil.copytree(source, root)
    started = time.perf_counter()
    fill(root, clock)
    took = time.perf_counter() - started
    print(
        f"Nurture benchmark: 100,000 contacts, {INTERACTIONS:,} interactions, "
        f"{OPEN_REMINDERS:,} open reminders (filled in {took:.0f} s)"
    )
    paths = prepare_data_dir(root)
    db = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    reminders = ReminderService(database=db, clock=clock)
    interactions = InteractionService(database=db, clock=clock)
    week = clock.now() + dt.timedelta(days=7)
    plain = sqlite3.connect(paths.database)

    def floor_today() -> None:
        plain.execute(
            "SELECT id, title, due_at FROM reminder WHERE state = 'open' AND due_at <= ?",
            (utc_text(week),),
        ).fetchall()
        plain.execute(
            "SELECT id, cadence_days, birthday FROM contact WHERE cadence_days IS NOT NULL"
            " OR birthday IS NOT NULL"
        ).fetchall()

    def floor_next() -> None:
        plain.execute("SELECT min(due_at) FROM reminder WHERE state = 'open'").fetchone()

    def scheduler_check() -> None:
        reminders.scheduler_reading(clock.now(), 5)

    contact = db.execute_sql("SELECT id FROM contact LIMIT 1").fetchone()[0]
    now = clock.now()
    due_now = len(reminders.due())
    print(f"  ({due_now:,} reminders due now, {len(reminders.due(week)):,} by a week from now)")

    def today() -> None:
        read_content(reminders, interactions, now)

    print(line("Today's content (due now and this week)", timed(today, args.runs),
               timed(floor_today, args.runs), 50))  # fmt: skip
    print(line("next-due query (scheduler)", timed(lambda: reminders.next_due(now), args.runs),
               timed(floor_next, args.runs), 5))  # fmt: skip
    reminders.mark_notified(reminders.unnotified(clock.now()))  # as after the first check
    print(line("scheduler's check (count, earliest, untold)", timed(scheduler_check, args.runs),
               timed(floor_next, args.runs), 50))  # fmt: skip
    print(line(
        "log one interaction",
        timed(lambda: interactions.log(InteractionDraft([contact], InteractionKind.CALL)),
              args.runs),
        timed(lambda: plain.execute("SELECT 1").fetchone(), args.runs),
        16,
    ))  # fmt: skip
    for text in window_figures(paths, db, clock, contact, args.runs):
        print(text)
    db.close()
    plain.close()
    shutil.rmtree(root.parent, ignore_errors=True)


def window_figures(paths, db, clock, contact: int, runs: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The GUI thread's part of logging one interaction (Ctrl+L's Save) in a window over
    this network: the list's and the timeline's update, then Today's repaint once its
    worker has read what is due (the read itself is off the GUI thread, measured above)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from networker.app import build_main_window, make_application

    app = make_application(sys.argv[:1])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "ui.ini"), QSettings.Format.IniFormat)
    window = build_main_window(database=db, paths=paths, clock=clock, settings=settings)
    window.resize(1100, 700)
    window.show()
    view = window.show_page("contactsView")
    view.model.wait_for_loader()
    view.select_contact(contact)
    app.processEvents()
    history = view.timeline._history
    today = window.page("todayView")

    def log_and_update() -> None:
        history.log(InteractionDraft([contact], InteractionKind.CALL))
        app.processEvents()  # the list's row and the timeline follow

    logged = timed(log_and_update, runs)
    window.show_page("todayView")
    today.refresh()
    while today._loading:
        app.processEvents()
    repaint = timed(lambda: (today._fill(), app.processEvents()), runs)
    window.close()
    both = statistics.median(logged) + statistics.median(repaint)
    return [
        f"  {'log from Ctrl+L: list + timeline (GUI)':<40} {statistics.median(logged):9.1f} ms",
        f"  {'Today repainted after its read (GUI)':<40} {statistics.median(repaint):9.1f} ms",
        f"  {'both, on the GUI thread':<40} {both:9.1f} ms  "
        f"(target 16 ms: {'meets' if both <= 16 else 'MISSES'})",
    ]


if __name__ == "__main__":
    main()
