"""The calendar at scale (issue 12): 2,000 events, 300 of them recurring (weekly,
monthly and yearly series started years ago, with exceptions: occurrences taken out and
occurrences edited on their own). Prints each figure beside the issue's target and a
floor measured in the same run (the same rows read by one plain SQL query):

- switching the month view to the next month, until it is painted  target 50 ms
  (after a moment on a month, as a user pages: its neighbours are read ahead on a
  worker and painted at once; the agenda, read after the switch, is printed apart)
- the next 14 days' agenda (EventService.agenda)                   target 20 ms

    .venv/bin/python -m tests.bench.bench_calendar [--runs 3]
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
import zoneinfo
from pathlib import Path

from networker.clock import FixedClock
from networker.domain.events import EventDraft, EventKind
from networker.domain.recurrence import expand
from networker.paths import prepare_data_dir
from networker.services.events import EventService
from networker.storage.db import open_database
from networker.storage.timestamps import utc_text

EVENTS = 2_000
SERIES = 300
ZONES = ("Europe/Paris", "America/New_York", "UTC", "Asia/Tokyo")


def fill(events: EventService, rng: random.Random) -> None:
    """1,700 single events over 2024-2028 and 300 series started 2018-2026."""
    kinds = list(EventKind)
    for n in range(EVENTS - SERIES):
        zone = rng.choice(ZONES)
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
        if n % 10 == 0:
            events.add(
                EventDraft(
                    title=f"Conference {n}",
                    kind=EventKind.CONFERENCE,
                    start=day,
                    end=day + dt.timedelta(days=rng.randint(1, 3)),
                )
            )
            continue  # fmt: skip
        start = dt.datetime.combine(day, dt.time(rng.randint(7, 20)), zoneinfo.ZoneInfo(zone))
        events.add(EventDraft(title=f"Event {n}", kind=rng.choice(kinds), start=start,
                              end=start + dt.timedelta(minutes=rng.choice((30, 60, 120))),
                              zone=zone))  # fmt: skip
    rules = ("FREQ=WEEKLY", "FREQ=MONTHLY;BYDAY=2TU", "FREQ=YEARLY", "FREQ=MONTHLY",
             "FREQ=WEEKLY;INTERVAL=2")  # fmt: skip
    for n in range(SERIES):
        zone = rng.choice(ZONES)
        day = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(9 * 365))
        start = dt.datetime.combine(day, dt.time(18), zoneinfo.ZoneInfo(zone))
        rule = rules[n % len(rules)]
        series = events.add(EventDraft(title=f"Series {n}", kind=EventKind.ASSOCIATION,
                                       start=start, end=start + dt.timedelta(hours=2),
                                       zone=zone, rrule=rule))  # fmt: skip
        # Exceptions: two occurrences out, one edited, somewhere in 2026.
        mine = list(expand(start, dt.timedelta(hours=2), rule,
                           after=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                           before=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)))  # fmt: skip
        for original in mine[1:3]:
            events.delete_occurrence(series, original)
        if len(mine) > 4:
            moved = mine[4] + dt.timedelta(hours=1)
            assert isinstance(moved, dt.datetime)
            moved_draft = EventDraft(
                title=f"Series {n}, moved", kind=EventKind.ASSOCIATION, start=moved,
                end=moved + dt.timedelta(hours=2), zone=zone,
            )  # fmt: skip
            events.edit_occurrence(series, mine[4], moved_draft)


CPU: list[float] = []  # the process's CPU time of each timed run (the machine may be shared)


def timed(action, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    results = []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        action()
        results.append((time.perf_counter() - started) * 1000)
        CPU.append((time.process_time() - cpu) * 1000)
    return results


def cpu_since(mark: int) -> str:
    return f"CPU {statistics.median(CPU[mark:]):.1f} ms" if len(CPU) > mark else ""


def line(label: str, values: list[float], floor: list[float], target: float) -> str:
    median, base, worst = statistics.median(values), statistics.median(floor), max(values)
    verdict = "meets" if median <= target else "MISSES"
    return (
        f"  {label:<44} {median:7.1f} ms (worst {worst:5.1f})  floor {base:6.1f} ms"
        f"  (target {target:.0f} ms: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    clock = FixedClock(dt.datetime(2026, 11, 28, 9, 0))
    root = Path(tempfile.mkdtemp(prefix="bench-calendar-")) / "data"
    paths = prepare_data_dir(root)
    db = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    events = EventService(database=db, clock=clock)
    started = time.perf_counter()
    fill(events, random.Random(12))
    count = db.execute_sql("SELECT count(*) FROM event").fetchone()[0]
    took = time.perf_counter() - started
    print(f"Calendar benchmark: {count:,} events stored ({EVENTS:,} planned, {SERIES} series,"
          f" with their edited occurrences), filled in {took:.0f} s")  # fmt: skip
    plain = sqlite3.connect(paths.database)

    def floor(first: dt.date, last: dt.date) -> None:
        after = dt.datetime.combine(first, dt.time(), dt.UTC)
        before = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), dt.UTC)
        plain.execute(
            "SELECT * FROM event WHERE span_start < ? AND span_end >= ?",
            (utc_text(before), utc_text(after)),
        ).fetchall()

    # The agenda: today and the next 14 days, from many days of the years shown.
    days = [dt.date(2024, 1, 3) + dt.timedelta(days=37 * n) for n in range(40)]
    agenda: list[float] = []
    agenda_floor: list[float] = []
    cold = [timed(lambda day=day: events.agenda(day, 14), 1)[0] for day in days]
    mark = len(CPU)
    for day in days:
        agenda += timed(lambda day=day: events.agenda(day, 14), args.runs)
    agenda_cpu = cpu_since(mark)
    for day in days:
        agenda_floor += timed(lambda day=day: floor(day, day + dt.timedelta(days=14)), args.runs)
    shown = len(events.agenda(clock.today(), 14))
    print(f"  ({shown} occurrences in the 15 days from {clock.today()})")
    print(line("the next 14 days' agenda, first time", cold, agenda_floor, 20))
    print(line("the next 14 days' agenda, again", agenda, agenda_floor, 20) + f"  {agenda_cpu}")

    for text in window_figures(db, paths, clock, events, plain, floor, args.runs):
        print(text)
    plain.close()
    db.close()
    shutil.rmtree(root.parent, ignore_errors=True)


def window_figures(db, paths, clock, events, plain, floor, runs: int) -> list[str]:  # type: ignore[no-untyped-def]
    """From a click on "next month" to the month painted, through the page's worker."""
    from PySide6.QtCore import QEventLoop, QSettings

    from networker.app import build_main_window, make_application

    app = make_application(sys.argv[:1])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "ui.ini"), QSettings.Format.IniFormat)
    window = build_main_window(database=db, paths=paths, clock=clock, settings=settings)
    window.resize(1280, 760)
    window.show()
    page = window.show_page("calendarView")
    app.processEvents()
    # As the app does once the contact list is loaded (app._freeze_after_loading): the
    # task runner's collection on every task then walks only recent garbage.
    gc.freeze()

    def wait() -> None:
        """Until the page has shown what it read: in Qt's event loop, as the app waits
        (a loop of processEvents() would hold the GIL the worker needs)."""
        loop = QEventLoop()
        page.refreshed.connect(loop.quit)
        while page._loading:
            loop.exec()
        page.refreshed.disconnect(loop.quit)
        app.processEvents()

    wait()
    switch: list[float] = []
    switch_cpu: list[float] = []
    filled: list[float] = []
    read: list[float] = []
    paint: list[float] = []
    switch_floor: list[float] = []
    painted: list[float] = []

    def ahead_of(page) -> None:  # type: ignore[no-untyped-def]
        from networker.views.month_grid import grid_start, moved_months

        shown = dt.date(page.grid.year, page.grid.month, 1)
        after = moved_months(shown, 1)
        wanted = grid_start(after.year, after.month)
        while wanted not in page._marks_ahead:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)

    def on_painted() -> None:
        # The month's own marks on the grid: read ahead, or read after the switch.
        if page.painted_first == page.grid.first_day and not painted:
            painted.append(time.perf_counter())

    page.grid.painted.connect(on_painted)
    for _ in range(runs):
        page.grid.select(dt.date(2024, 1, 1))
        wait()
        for _month in range(36):  # every month of 2024-2026
            ahead_of(page)  # as after a moment on a month: its neighbours read ahead
            painted.clear()
            started, cpu = time.perf_counter(), time.process_time()
            page.next_month()
            wait()
            switch.append((painted[0] - started) * 1000)
            filled.append((time.perf_counter() - started) * 1000)
            switch_cpu.append((time.process_time() - cpu) * 1000)
            grid = page.grid
            read += timed(lambda grid=grid: events.between_days(grid.first_day, grid.last_day), 1)
            paint += timed(grid.repaint, 1)
            switch_floor += timed(lambda grid=grid: floor(grid.first_day, grid.last_day), 1)
    marks = sum(len(m) for m in page.grid.marks.values())
    window.close()
    return [
        f"  ({marks} marks on the last month's grid)",
        line("switch to a month: the month painted", switch, switch_floor, 50),
        line("  and the agenda filled too", filled, switch_floor, 50)
        + f"  CPU {statistics.median(switch_cpu):.1f} ms",
        line("  of which the month's occurrences (service)", read, switch_floor, 50),
        line("  of which the grid's paint", paint, [0.0], 50),
    ]


if __name__ == "__main__":
    main()
