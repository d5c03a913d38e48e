"""A second client checks Networker's iCalendar export (issue 10): the events go up to a
real CalDAV server (Radicale) and down again with vdirsyncer, a second, empty Networker
imports them, and its export holds the same events field by field; khal reads the same
files and lists them at the right local times.

What Radicale changes on the way, and why that is acceptable, is SERVER_CHANGES.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zoneinfo
from pathlib import Path

import pytest

from networker.clock import FixedClock
from networker.domain.events import Attendee, EventDraft, EventKind
from networker.formats.icalendar import read_calendar
from networker.formats.reports import ParsedEvent
from networker.paths import prepare_data_dir
from networker.services.contacts import ContactService
from networker.services.events import EventService
from networker.storage.db import open_database
from tests.conftest import make_draft
from tests.interop.partners import (
    networker,
    partner,
    radicale_server,
    run,
    split_calendar,
    sync_through_server,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")

# Radicale parses every calendar object with vobject and stores vobject's serialization.
SERVER_CHANGES = {
    "order": "properties, an attendee's parameters and (seen once) an RRULE's parts come "
    "back in another order (FREQ=WEEKLY;BYDAY=TU;COUNT=6 as FREQ=WEEKLY;COUNT=6;BYDAY=TU): "
    "RFC 5545 gives none of them an order; Networker keeps a rule as written, so the "
    "rule's text may change, not the rule; its own export writes its lines in its order",
    "quotes": 'a parameter is quoted only when it must be (CN="Ada Lovelace" is '
    "CN=Ada Lovelace): the same value",
    "DTSTAMP": "the time of the export, new with every export (not the event's)",
}


def _create_events(folder: Path) -> None:
    """A weekly series in Berlin with a date taken out and one occurrence moved, a
    contact and a stranger attending; an all-day conference; a call in New York."""
    clock = FixedClock(dt.datetime(2026, 11, 28, 9, 0))
    paths = prepare_data_dir(folder)
    database = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    try:
        ada = ContactService(database=database, clock=clock).create(make_draft())
        events = EventService(database=database, clock=clock)
        coffee = EventDraft(
            title="Coffee with Ada, weekly",
            kind=EventKind.COFFEE_CHAT,
            start=dt.datetime(2026, 12, 1, 8, 30, tzinfo=BERLIN),
            end=dt.datetime(2026, 12, 1, 9, 15, tzinfo=BERLIN),
            zone="Europe/Berlin",
            rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=6",
            exdates=(dt.datetime(2026, 12, 22, 8, 30, tzinfo=BERLIN),),
            location="Café Einstein; Unter den Linden",
            notes="Engines, looms\nand poetry 🧮",
            attendees=(
                Attendee(contact_id=ada),
                Attendee(
                    email="grace@navy.example",
                    name="Grace Hopper",
                    params="ROLE=OPT-PARTICIPANT;PARTSTAT=TENTATIVE",
                ),
            ),
            reminder_minutes=30,
            group="Engines Club",
            uid="coffee@networker.example",
        )
        series = events.add(coffee)
        moved = dt.datetime(2026, 12, 15, 8, 30, tzinfo=BERLIN)
        events.edit_occurrence(
            series,
            moved,
            dataclasses.replace(
                coffee,
                title="Coffee with Ada (Thursday)",
                start=dt.datetime(2026, 12, 17, 10, 0, tzinfo=BERLIN),
                end=dt.datetime(2026, 12, 17, 11, 0, tzinfo=BERLIN),
                rrule="",
                exdates=(),
                recurrence_id=moved,
            ),
        )
        events.add(
            EventDraft(
                title="PyCon US",
                kind=EventKind.CONFERENCE,
                start=dt.date(2027, 5, 14),
                end=dt.date(2027, 5, 17),
                url="https://us.pycon.example/2027",
                uid="pycon@networker.example",
            )
        )
        events.add(
            EventDraft(
                title="Call with New York",
                start=dt.datetime(2026, 12, 3, 11, 0, tzinfo=NEW_YORK),
                end=dt.datetime(2026, 12, 3, 11, 45, tzinfo=NEW_YORK),
                zone="America/New_York",
                attendees=(Attendee(email="bob@ny.example", name="Bob"),),
                uid="call@networker.example",
            )
        )
    finally:
        database.close()


def _events(data: bytes) -> dict[tuple[str, object], EventDraft]:
    records = read_calendar(io.BytesIO(data))
    return {
        (r.draft.uid, r.draft.recurrence_id): r.draft for r in records if isinstance(r, ParsedEvent)
    }


def _as_any_reader_sees_it(draft: EventDraft) -> EventDraft:
    """The draft with SERVER_CHANGES undone (order, quotes)."""

    def attendee(a: Attendee) -> Attendee:
        params = sorted(p.replace('"', "") for p in a.params.split(";") if p)
        return dataclasses.replace(a, params=";".join(params))

    return dataclasses.replace(
        draft,
        rrule=";".join(sorted(draft.rrule.split(";"))) if draft.rrule else "",
        attendees=tuple(attendee(a) for a in draft.attendees),
    )


def _blocks(text: str) -> dict[str, list[str]]:
    """Each VEVENT's logical lines, by UID and RECURRENCE-ID, with SERVER_CHANGES undone
    (an attendee's parameters and a rule's parts sorted, quotes dropped, no DTSTAMP)."""
    found = {}
    for block in re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", text, re.DOTALL):
        lines = []
        for line in block.replace("\r\n ", "").splitlines():
            name, _, value = line.partition(":")
            if name.startswith(("ATTENDEE", "RRULE")):
                parts = name.replace('"', "").split(";")
                value = ";".join(sorted(value.split(";"))) if name == "RRULE" else value
                line = ";".join([parts[0], *sorted(parts[1:])]) + ":" + value
            if not line.startswith("DTSTAMP:"):
                lines.append(line)
        key = [line for line in lines if line.startswith(("UID:", "RECURRENCE-ID"))]
        found[" ".join(key)] = lines
    return found


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    folder = tmp_path_factory.mktemp("first") / "data"
    _create_events(folder)
    return folder


def test_events_come_back_from_a_caldav_server_as_they_went(first, tmp_path):
    exported = tmp_path / "first.ics"
    networker("export", "--data-dir", str(first), "--format", "ics", str(exported))
    sent = split_calendar(exported.read_bytes(), tmp_path / "up" / "calendar")
    assert sorted(sent) == [
        "call@networker.example",
        "coffee@networker.example",
        "pycon@networker.example",
    ]

    with radicale_server(tmp_path / "radicale") as url:
        sync_through_server(url, "events", kind="caldav", up=tmp_path / "up",
                            down=tmp_path / "down", work=tmp_path / "vdirsyncer")  # fmt: skip
    came = sorted((tmp_path / "down" / "calendar").glob("*.ics"))
    assert len(came) == len(sent)

    networker("import", "--data-dir", str(tmp_path / "second"), *map(str, came))
    again = tmp_path / "second.ics"
    networker("export", "--data-dir", str(tmp_path / "second"), "--format", "ics", str(again))

    before, after = _events(exported.read_bytes()), _events(again.read_bytes())
    assert len(before) == 4  # the moved occurrence is an event of its own
    assert sorted(after, key=str) == sorted(before, key=str)
    problems = [
        f"{key} {item.name}: {getattr(old, item.name)!r} became {getattr(new, item.name)!r}"
        for key in before
        for old, new in [(_as_any_reader_sees_it(before[key]), _as_any_reader_sees_it(after[key]))]
        for item in dataclasses.fields(old)
        if getattr(old, item.name) != getattr(new, item.name)
    ]
    assert not problems, "\n".join(problems)
    # Line for line too, each event in Networker's order of lines.
    sent_lines = _blocks(exported.read_bytes().decode())
    assert len(sent_lines) == 4
    assert _blocks(again.read_bytes().decode()) == sent_lines


def test_khal_lists_the_events_at_their_local_times(first, tmp_path):
    khal = partner("khal")
    exported = tmp_path / "all.ics"
    networker("export", "--data-dir", str(first), "--format", "ics", str(exported))
    split_calendar(exported.read_bytes(), tmp_path / "calendars" / "networker")
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[networker]]\npath = {tmp_path / 'calendars' / 'networker'}\n"
        "[sqlite]\n"
        f"path = {tmp_path / 'khal.db'}\n"
        "[locale]\n"
        "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = Europe/Berlin\ndefault_timezone = Europe/Berlin\n"
    )
    listed = run(
        [khal, "--config", str(config), "list", "--day-format", "",
         "--format", "{start} {end} {title}", "2026-12-01", "2027-05-31"],
        env={"TZ": "Europe/Berlin"},
    ).splitlines()  # fmt: skip
    assert [line for line in listed if line] == [
        "2026-12-01 08:30 2026-12-01 09:15 Coffee with Ada, weekly",
        # 11:00 in New York is 17:00 in Berlin.
        "2026-12-03 17:00 2026-12-03 17:45 Call with New York",
        "2026-12-08 08:30 2026-12-08 09:15 Coffee with Ada, weekly",
        # The occurrence of 15 December, moved to Thursday the 17th.
        "2026-12-17 10:00 2026-12-17 11:00 Coffee with Ada (Thursday)",
        # 22 December is taken out of the series.
        "2026-12-29 08:30 2026-12-29 09:15 Coffee with Ada, weekly",
        "2027-01-05 08:30 2027-01-05 09:15 Coffee with Ada, weekly",
        # An all-day event's DTEND is the day after its last (exclusive): 14 to 16 May,
        # listed on each of its three days.
        *["2027-05-14 2027-05-16 PyCon US"] * 3,
    ]
