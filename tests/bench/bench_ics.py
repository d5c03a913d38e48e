"""`networker import` of a generated calendar against icalendar alone, in the same run.

    .venv/bin/python -m tests.bench.bench_ics [--events 5000] [--recurring 300] [--runs 3]

The file: 5,000 VEVENTs, 300 of them series (weekly, monthly, yearly, with EXDATEs and
edited occurrences as RECURRENCE-ID VEVENTs), in Europe/Berlin and UTC, with
attendees, a DISPLAY alarm on some, and the ORGANIZER/STATUS/SEQUENCE/X- lines real
exports carry. The floor: a process that parses the same file with
icalendar.Calendar.from_ical and walks its events (no database). Target (issue 12): the
whole import, into an empty database, within 1.5x of the floor. Both run as processes
of their own (interpreter start and imports count on both sides); medians of --runs.
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

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CACHE = ROOT / "bench-data"

FLOOR = r"""
import sys
from icalendar import Calendar
data = open(sys.argv[1], "rb").read()
events = Calendar.from_ical(data).walk("VEVENT")
print(len(events))
"""

KINDS = ("conference", "meetup", "coffee chat", "informational interview", "follow-up")


def calendar_file(count: int, recurring: int) -> Path:
    path = CACHE / f"calendar-{count}-{recurring}.ics"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    rules = ("FREQ=WEEKLY;BYDAY=TU", "FREQ=MONTHLY;BYDAY=2TH", "FREQ=YEARLY;COUNT=10")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Networker bench//EN"]
    written = series = 0
    while written < count:
        i = written
        month, day, hour = 1 + (i // 28) % 12, 1 + i % 28, 9 + i % 9
        zone = i % 3 != 0

        def time(
            hour: int, year: int = 2026, zone: bool = zone, month: int = month, day: int = day
        ) -> str:
            text = f"{year}{month:02d}{day:02d}T{hour:02d}0000"
            return f";TZID=Europe/Berlin:{text}" if zone else f":{text}Z"

        lines += [
            "BEGIN:VEVENT", f"UID:bench-{i}@example.org", "DTSTAMP:20260101T000000Z",
            f"DTSTART{time(hour)}", f"DTEND{time(hour + 1)}", f"SUMMARY:Event {i} of the bench",
            f"LOCATION:Room {i % 40}\\, Building B",
            f"DESCRIPTION:Notes about event {i}.\\nBring cards.",
            f"X-NETWORKER-KIND:{KINDS[i % len(KINDS)]}",
            f"ORGANIZER;CN=Organizer {i % 30}:mailto:org{i % 30}@example.org",
            f"ATTENDEE;CN=Person {i % 200};ROLE=REQ-PARTICIPANT:mailto:p{i % 200}@example.org",
            f"ATTENDEE;CN=Person {(i + 7) % 200}:mailto:p{(i + 7) % 200}@example.org",
            "STATUS:CONFIRMED", f"SEQUENCE:{i % 3}", "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
        ]  # fmt: skip
        if i % 4 == 0:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder",
                      "TRIGGER:-PT30M", "END:VALARM"]  # fmt: skip
        recurs = series < recurring and i % max(count // recurring, 1) == 0
        if recurs:
            series += 1
            lines += [f"RRULE:{rules[series % 3]}", f"EXDATE{time(hour, year=2027)}"]
        lines.append("END:VEVENT")
        written += 1
        if recurs and series % 2 == 0 and written < count:
            # Its first occurrence edited on its own: an hour later.
            lines += [
                "BEGIN:VEVENT", f"UID:bench-{i}@example.org", "DTSTAMP:20260101T000000Z",
                f"RECURRENCE-ID{time(hour)}", f"DTSTART{time(hour + 1)}",
                f"DTEND{time(hour + 2)}", f"SUMMARY:Event {i} (moved)", "END:VEVENT",
            ]  # fmt: skip
            written += 1
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8", newline="")
    return path


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{command[:3]} failed: {result.stderr.decode()[-800:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--recurring", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = calendar_file(args.events, args.recurring)
    print(f"networker import of an .ics, {args.runs} runs each, medians; {os.cpu_count()} cores")
    app, floor = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as data:
            floor.append(timed([sys.executable, "-c", FLOOR, str(path)]))
            app.append(timed([sys.executable, "-m", "networker", "import", "--data-dir", data,
                              str(path)]))  # fmt: skip
    seconds, floor_seconds = statistics.median(app), statistics.median(floor)
    ratio = seconds / floor_seconds
    print(
        f"{args.events:,} events, {args.recurring} recurring ({path.stat().st_size / 1e6:.1f} MB)"
    )
    print(f"  networker import            {seconds:6.2f} s  (runs: "
          f"{', '.join(f'{t:.2f}' for t in app)})")  # fmt: skip
    print(f"  icalendar alone (from_ical) {floor_seconds:6.2f} s  (runs: "
          f"{', '.join(f'{t:.2f}' for t in floor)})")  # fmt: skip
    print(f"  ratio {ratio:.2f}x (target 1.5x: {'meets' if ratio <= 1.5 else 'MISSES'})")


if __name__ == "__main__":
    main()
