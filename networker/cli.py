"""The command line (docs/command-line.md).

networker [--data-dir DIR] [--smoke-test]     the window
networker import [--json] [--prefer-file] FILE...  import without a window
networker export --format vcf|csv|ics OUTPUT  write every contact, or every event (ics)
                                              ("-": standard output)
networker agenda [--date YYYY-MM-DD] [--days N] [--json]
                                              what needs the user from that day (default
                                              today) through N days (default 7), overdue
                                              first, in local time
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import re
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from networker import APP_NAME, __version__

if TYPE_CHECKING:
    from networker.services.agenda import Agenda

EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE = 0, 1, 2


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where the data lives (default: $NETWORKER_DATA_DIR, else the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="networker",
        description=f"{APP_NAME}: build and keep your professional network. "
        "Also: 'networker import FILE...', 'networker export --format vcf|csv|ics OUTPUT' and "
        "'networker agenda' (what needs you today and in the next days; "
        "'networker agenda --help' tells more).",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _data_dir_option(parser)
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start, show the main window, print 'smoke-test ok' and exit",
    )
    parser.add_argument(
        "--hidden",
        action="store_true",
        help="start in the system tray without showing the window (the log-in start)",
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="files to offer to import: vCard (.vcf, .vcard), CSV (LinkedIn, Google, "
        "Outlook) or iCalendar (.ics) events",
    )
    return parser


def import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="networker import",
        description="Import vCards, CSV exports (LinkedIn, Google, Outlook) and iCalendar "
        "events without a window.",
    )
    _data_dir_option(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--prefer-file",
        action="store_true",
        help="where a file's value differs from a contact's, take the file's "
        "(default: keep yours and report the difference)",
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="vCard (.vcf, .vcard), CSV (LinkedIn Connections.csv, Google, Outlook) or "
        "iCalendar (.ics) files",
    )
    return parser


def export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="networker export", description="Write every contact, or every event, to a file."
    )
    _data_dir_option(parser)
    parser.add_argument(
        "--format",
        required=True,
        choices=["vcf", "csv", "ics"],
        help="vcf: contacts as vCard 3.0; csv: contacts as a table; ics: events as iCalendar",
    )
    parser.add_argument("--vcard-version", choices=["3.0", "4.0"], default="3.0")
    parser.add_argument("output", metavar="OUTPUT", help="a file, or - for standard output")
    return parser


def agenda_parser() -> argparse.ArgumentParser:
    from networker.services.agenda import DEFAULT_DAYS, MAX_DAYS

    parser = argparse.ArgumentParser(
        prog="networker agenda",
        description="What needs you from a day through the next days: due and overdue "
        "reminders (follow-ups, keep in touch, birthdays, thank-yous, congratulations), "
        "events and goals that are behind. Times are local.",
    )
    _data_dir_option(parser)
    parser.add_argument(
        "--date", type=_agenda_date, metavar="YYYY-MM-DD", help="the first day (default: today)"
    )
    parser.add_argument(
        "--days",
        type=_agenda_days,
        default=DEFAULT_DAYS,
        metavar="N",
        help=f"how many days, 1 to {MAX_DAYS} (default: {DEFAULT_DAYS})",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='print one JSON object: {"date", "days", "reminders", "events", "goals_behind"}',
    )
    return parser


def _agenda_date(text: str) -> dt.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def _agenda_days(text: str) -> int:
    from networker.services.agenda import MAX_DAYS

    if not re.fullmatch(r"[+-]?\d{1,9}", text.strip()):
        raise argparse.ArgumentTypeError(f"not a number of days: {text!r}")
    days = int(text)
    if not 1 <= days <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"from 1 to {MAX_DAYS} days, not {days}")
    return days


def main(argv: list[str] | None = None) -> int:
    arguments = _command_first(list(sys.argv[1:] if argv is None else argv))
    if arguments[:1] == ["import"]:
        return run_import(import_parser().parse_args(arguments[1:]))
    if arguments[:1] == ["export"]:
        return run_export(export_parser().parse_args(arguments[1:]))
    if arguments[:1] == ["agenda"]:
        parser = agenda_parser()
        return run_agenda(parser.parse_args(arguments[1:]), parser)
    args = build_parser().parse_args(arguments)
    prepare_window_start()
    # Imported here so that --help and --version answer without loading Qt.
    from networker.app import run_gui

    return run_gui(
        data_dir=args.data_dir, smoke_test=args.smoke_test, files=args.files, hidden=args.hidden
    )


COMMANDS = ("import", "export", "agenda")


def _command_first(arguments: list[str]) -> list[str]:
    """``--data-dir DIR`` may come before the command, as every command takes it
    (``networker --data-dir DIR import FILE`` opened the window, to import "import")."""
    rest = list(arguments)
    moved: list[str] = []
    while rest:
        if rest[0] == "--data-dir" and len(rest) >= 2:
            moved, rest = moved + rest[:2], rest[2:]
        elif rest[0].startswith("--data-dir="):
            moved, rest = moved + rest[:1], rest[1:]
        else:
            break
    if moved and rest[:1] and rest[0] in COMMANDS:
        return [rest[0], *moved, *rest[1:]]
    return arguments


def prepare_window_start() -> None:
    """What the window's start does before it imports Qt. The cyclic collector is off
    from here on: the start builds modules, classes and the window, which live as long
    as the app, and collecting while they are built only walks them (5-10 ms of the
    first paint, 80 collections); garbage.install's timer collects from the first
    seconds on, and run_gui freezes what the start built."""
    gc.disable()
    import_below_qt()


def import_below_qt() -> None:
    """Import what the window's start needs from the layers that never use Qt, before
    anything imports PySide6: PySide6's import hook reads the source of every module
    imported after it (looking for ``from __feature__ import``): measured 11 ms less to
    the first paint (median of 12 starts each). A test checks none of them brings Qt in."""
    import logging.handlers  # noqa: F401

    import networker.clock
    import networker.formats
    import networker.logging_setup
    import networker.paths
    import networker.services.backups
    import networker.services.lazy  # noqa: F401


def _open(data_dir: str | None, *, read_only_ok: bool = False):  # type: ignore[no-untyped-def]
    """The database for a command without a window, or None (the reason printed).

    ``read_only_ok`` (export): a database that cannot be written, or in a folder that
    cannot be, is opened read-only rather than refused."""
    from networker.clock import SystemClock
    from networker.logging_setup import configure_logging
    from networker.paths import DataDirError, prepare_data_dir, resolve_data_dir
    from networker.storage.db import open_database, write_problem
    from networker.storage.errors import StorageError

    try:
        paths = prepare_data_dir(
            resolve_data_dir(data_dir, os.environ), allow_read_only=read_only_ok
        )
    except DataDirError as exc:
        print(f"networker: {exc}", file=sys.stderr)
        return None
    configure_logging(None if paths.read_only else paths.log)
    try:
        reason = paths.read_only or None
        if reason is None and read_only_ok and paths.database.exists():
            reason = write_problem(paths.database)
        return open_database(
            paths.database, backups_dir=paths.backups, clock=SystemClock(), read_only=reason
        )
    except (StorageError, OSError) as exc:
        print(f"networker: {exc}", file=sys.stderr)
        return None


def run_import(args: argparse.Namespace) -> int:
    import sqlite3

    from peewee import DatabaseError

    from networker.clock import SystemClock
    from networker.services.importing import ImportService
    from networker.storage.errors import StorageError

    database = _open(args.data_dir)
    if database is None:
        return EXIT_UNUSABLE
    service = ImportService(database=database, clock=SystemClock(), thumbnailer=_thumbnail)
    try:
        reports = service.import_files([Path(f) for f in args.files], prefer_file=args.prefer_file)
    except StorageError as exc:  # the window (or another import) is writing: retry later
        print(f"networker: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except (DatabaseError, sqlite3.Error, OSError) as exc:  # disk full: nothing written
        print(f"networker: the import was not saved ({exc}); nothing was imported.",
              file=sys.stderr)  # fmt: skip
        return EXIT_UNUSABLE
    finally:
        database.close()
    totals = {
        key: sum(getattr(r, key) for r in reports)
        for key in ("imported", "updated", "unchanged", "skipped")
    }
    error_count = sum(len(r.errors) for r in reports)
    if args.json:
        print(
            json.dumps(
                {
                    "files": [
                        {
                            "path": str(r.path),
                            "imported": r.imported,
                            "updated": r.updated,
                            "unchanged": r.unchanged,
                            "skipped": r.skipped,
                            "errors": [
                                {"record": e.record, "line": e.line, "reason": e.reason}
                                for e in r.errors
                            ]
                            + (
                                [{"record": 0, "line": 0, "reason": r.unreadable}]
                                if r.unreadable
                                else []
                            ),
                            "warnings": [
                                {"record": w.record, "line": w.line, "reason": w.reason}
                                for w in r.notices()
                            ],
                            "conflicts": [
                                {
                                    "record": c.record,
                                    "contact": c.contact,
                                    "field": c.field,
                                    "kept": c.kept,
                                    "file": c.file,
                                }
                                for c in r.conflicts()
                            ],
                        }
                        for r in reports
                    ],
                    **totals,
                    "error_count": error_count + sum(1 for r in reports if r.unreadable),
                },
                ensure_ascii=False,
            )
        )
    else:
        for report in reports:
            print(
                report.summary()
                if not report.unreadable
                else f"{report.path}: imported 0, updated 0, unchanged 0, skipped 0, errors 1"
            )
            for notice in report.notices():
                print(f"  {report.record_word} {notice.record} (line {notice.line}): "
                      f"{notice.reason}")  # fmt: skip
            for conflict in report.conflicts():
                print(
                    f"  card {conflict.record}: {conflict.field.replace('_', ' ')} of "
                    f"“{conflict.contact}”: kept “{conflict.kept}”, the file has “{conflict.file}”"
                    " (--prefer-file takes the file's)"
                )
            for problem in report.errors:
                print(
                    f"{report.path}: {report.record_word} {problem.record} "
                    f"(line {problem.line}): {problem.reason}",
                    file=sys.stderr,
                )
            if report.unreadable:
                print(f"networker: {report.unreadable}", file=sys.stderr)
        print(
            f"total: imported {totals['imported']}, updated {totals['updated']}, "
            f"unchanged {totals['unchanged']}, skipped {totals['skipped']}, "
            f"errors {error_count + sum(1 for r in reports if r.unreadable)}"
        )
    return EXIT_UNUSABLE if any(r.unreadable for r in reports) else EXIT_OK


def _thumbnail(data: bytes) -> bytes:
    # Qt's image code is loaded only when a card has a photo: most imports never pay for it.
    from networker.imaging import limit_image_allocation, make_thumbnail

    limit_image_allocation()
    return make_thumbnail(data)


def run_export(args: argparse.Namespace) -> int:
    from networker.services.exporting import ExportService

    database = _open(args.data_dir, read_only_ok=True)
    if database is None:
        return EXIT_UNUSABLE
    try:
        exporter = ExportService(database=database)
        if args.format == "csv":
            count = exporter.export_csv(args.output)
        elif args.format == "ics":
            count = exporter.export_ics(args.output)
        else:
            count = exporter.export_vcards(args.output, version=args.vcard_version)
    except OSError as exc:
        print(f"networker: {args.output} cannot be written: {exc.strerror or exc}. "
              "Nothing was changed there.", file=sys.stderr)  # fmt: skip
        return EXIT_UNUSABLE
    finally:
        database.close()
    if args.output != "-":
        what = "events" if args.format == "ics" else "contacts"
        print(f"exported {count} {what} to {args.output}", file=sys.stderr)
    return EXIT_OK


def run_agenda(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import sqlite3

    from peewee import DatabaseError

    from networker.clock import SystemClock
    from networker.services.agenda import AgendaRangeError, AgendaService, check_range
    from networker.storage.errors import StorageError

    clock = SystemClock()
    start = args.date or clock.today()
    try:
        check_range(start, args.days)
    except AgendaRangeError as exc:
        parser.error(str(exc))  # exits 2
    database = _open(args.data_dir, read_only_ok=True)
    if database is None:
        return EXIT_UNUSABLE
    try:
        agenda = AgendaService(database=database, clock=clock).agenda(start, args.days)
    except (StorageError, DatabaseError, sqlite3.Error, OSError) as exc:
        print(f"networker: the agenda could not be read: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    finally:
        database.close()
    if args.json:
        print(json.dumps(agenda_json(agenda), ensure_ascii=False))
    else:
        print("\n".join(agenda_lines(agenda)))
    return EXIT_OK


def agenda_json(agenda: Agenda) -> dict[str, Any]:
    """The contract's object: every date and time in local time, without an offset."""
    return {
        "date": agenda.start.isoformat(),
        "days": agenda.days,
        "reminders": [
            {
                "kind": r.kind.value,
                "title": r.title,
                "due": _local_iso(r.due),
                "contact": r.contact,
            }
            for r in agenda.reminders
        ],
        "events": [
            {
                "title": e.title,
                "kind": e.kind,
                "start": _local_iso(e.start),
                "end": _local_iso(e.end),
            }
            for e in agenda.events
        ],
        "goals_behind": [
            {"title": g.title, "progress": g.progress, "target": g.target}
            for g in agenda.goals_behind
        ],
    }


def _local_iso(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    return value.isoformat()


def agenda_lines(agenda: Agenda) -> list[str]:
    """Plain lines: overdue first, then each day that has something, then goals behind."""
    days = _day(agenda.start)
    if agenda.days > 1:
        days = f"{days} through {_day(agenda.end)}"
    if agenda.empty:
        return [
            f"Nothing needs you {'on' if agenda.days == 1 else 'from'} {days}. To be "
            "reminded, give contacts a keep-in-touch cadence or a birthday, or log an "
            "interaction with a follow-up date."
        ]
    lines = [f"Agenda {'for' if agenda.days == 1 else 'from'} {days}"]
    year = agenda.start.year
    if overdue := agenda.overdue():
        lines += ["", "Overdue"]
        for reminder in overdue:
            due = reminder.due
            label = _day(due.date(), short=True, year=due.year != year)
            lines.append(f"  {label} {due:%H:%M}  {_printable(reminder.title)}")
    for offset in range(agenda.days):
        day = agenda.start + dt.timedelta(days=offset)
        entries = [(_time_of(e.start), e.title) for e in agenda.events_on(day)]
        entries += [(f"{r.due:%H:%M}", r.title) for r in agenda.on(day)]
        if entries:
            lines += ["", _day(day, year=day.year != year)]
            entries.sort(key=lambda entry: (entry[0] != ALL_DAY, entry))
            lines += [f"  {when}  {_printable(title)}" for when, title in entries]
    if agenda.goals_behind:
        lines += ["", "Goals behind"]
        lines += [
            f"  {_printable(g.title)}: {g.progress:g} of {g.target:g}" for g in agenda.goals_behind
        ]
    return lines


def _day(day: dt.date, *, short: bool = False, year: bool = True) -> str:
    """'Wednesday 2 December 2026'; short: 'Wed 2 Dec'."""
    text = f"{day:%a} {day.day} {day:%b}" if short else f"{day:%A} {day.day} {day:%B}"
    return f"{text} {day.year}" if year else text


ALL_DAY = "all day"


def _time_of(start: dt.date | dt.datetime) -> str:
    return f"{start:%H:%M}" if isinstance(start, dt.datetime) else ALL_DAY


def _printable(text: str) -> str:
    """Contact-supplied text on a terminal: control characters (escape sequences, line
    breaks) become spaces."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
