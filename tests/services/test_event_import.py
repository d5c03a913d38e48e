"""iCalendar files through the import: events with their times and zones, attendees
matched to contacts, edited occurrences, importing again, and every bad input of
RELIABILITY 28, 29 and 30 reported rather than lost."""

import datetime as dt
import hashlib
import time
import zoneinfo
from pathlib import Path

import pytest

from networker.domain.changes import Changes
from networker.domain.contacts import LabeledValue
from networker.domain.events import EventKind, InterviewStage
from networker.services.events import EventService
from networker.services.exporting import ExportService
from networker.services.importing import ImportService
from networker.storage import events as event_store
from tests.conftest import make_draft

CALENDARS = Path(__file__).resolve().parents[1] / "formats" / "calendars"
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def importer(database, clock, changes):
    return ImportService(database=database, clock=clock, thumbnailer=None, on_change=changes.append)


@pytest.fixture
def events(database, clock):
    return EventService(database=database, clock=clock)


@pytest.fixture(autouse=True)
def no_computer_zone(monkeypatch):
    # A custom VTIMEZONE takes the computer's zone first when it agrees: none here.
    monkeypatch.setattr("networker.clock.local_zone_name", lambda: "")


def by_title(database):
    return {r.draft.title: r for r in event_store.every(database)}


def state(database):
    """Every event and attendee row, as a hash (RELIABILITY's "nothing changed")."""
    rows = [
        *database.execute_sql("SELECT * FROM event ORDER BY id"),
        *database.execute_sql("SELECT * FROM event_attendee ORDER BY id"),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def ics(tmp_path, *events, name="cal.ics"):
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    path = tmp_path / name
    path.write_text(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{body}END:VCALENDAR\r\n"
    )
    return path


def test_a_calendar_file_becomes_events(importer, contacts, database, changes):
    ada = contacts.create(
        make_draft(given_name="Ada", family_name="Lovelace",
                   emails=[LabeledValue("work", "Ada@Engines.example")])
    )  # fmt: skip
    grace = contacts.create(
        make_draft(given_name="Grace", family_name="Hopper",
                   emails=[LabeledValue("", "grace@navy.example")])
    )  # fmt: skip
    (report,) = importer.import_files([CALENDARS / "networking.ics"])
    assert report.format_name == "iCalendar" and report.holds_events
    assert (report.imported, report.updated, report.unchanged, report.skipped) == (6, 0, 0, 0)
    assert report.errors == []
    found = by_title(database)

    pmi = found["PMI chapter meeting"].draft
    # An Apple-style custom TZID: its VTIMEZONE names Europe/Berlin, which agrees with it.
    assert pmi.zone == "Europe/Berlin"
    assert pmi.start == dt.datetime(2026, 1, 13, 18, 30, tzinfo=BERLIN)
    assert pmi.end == dt.datetime(2026, 1, 13, 20, 0, tzinfo=BERLIN)
    assert pmi.rrule == "FREQ=MONTHLY;BYDAY=2TU"
    assert pmi.exdates == (dt.datetime(2026, 3, 10, 18, 30, tzinfo=BERLIN),)
    assert pmi.location == "Impact Hub, Berlin" and pmi.url == "https://pmi.example.org/berlin"
    assert pmi.notes == "Monthly meeting.\nBring business cards."
    assert pmi.kind is EventKind.ASSOCIATION  # from CATEGORIES
    assert pmi.group == "PMI Berlin"
    assert pmi.reminder_minutes == 24 * 60  # the DISPLAY alarm
    assert [(a.contact_id, a.email, a.name) for a in pmi.attendees] == [
        (ada, "ada@engines.example", "Ada Lovelace"),  # matched by e-mail, any case
        (None, "stranger@else.example", "Stranger"),
    ]
    assert pmi.attendees[0].params == "ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED"
    # What Networker does not model is kept as the file had it; only the DISPLAY alarm.
    for line in (
        "ORGANIZER;CN=PMI Berlin:mailto:board@pmi.example.org",
        "SEQUENCE:2",
        "STATUS:CONFIRMED",
        "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
        "ATTACH:file://attacker.example/share/agenda.pdf",
        "X-WR-ALARMUID:5B4A7C2E",
    ):
        assert line in pmi.extra.splitlines()
    assert "AUDIO" not in pmi.extra and "PROCEDURE" not in pmi.extra
    assert any("2 alarms left out" in w.reason for w in report.warnings)

    moved = found["PMI chapter meeting (moved to Thursday)"]
    assert moved.series_id == found["PMI chapter meeting"].id
    assert moved.draft.recurrence_id == dt.datetime(2026, 2, 10, 18, 30, tzinfo=BERLIN)

    coffee = found["Coffee with Grace"].draft
    assert coffee.kind is EventKind.COFFEE_CHAT and coffee.zone == ""
    assert coffee.start == dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
    assert coffee.end - coffee.start == dt.timedelta(minutes=45)  # DURATION
    assert coffee.attendees[0].contact_id == grace

    alumni = found["Alumni weekend"].draft
    assert alumni.all_day and alumni.start == dt.date(2026, 6, 20)
    assert alumni.end == dt.date(2026, 6, 22) and alumni.kind is EventKind.ALUMNI

    # A custom TZID nothing on this system names: its VTIMEZONE gives the instant, kept in
    # the known zone with the same offsets.
    priya = found["Informational interview with Priya"].draft
    assert priya.zone == "Asia/Kolkata"
    assert priya.start == dt.datetime(2026, 1, 20, 4, 30, tzinfo=dt.UTC)
    assert priya.stage is InterviewStage.SCHEDULED

    lunch = found["Lunch"].draft
    assert lunch.floating and lunch.start == dt.datetime(2026, 1, 22, 12, 30)

    assert changes[-1].events and {ada, grace} <= changes[-1].contact_ids


def test_the_edited_occurrence_takes_the_place_of_the_one_it_replaces(importer, events):
    importer.import_files([CALENDARS / "networking.ics"])
    february = events.between_days(dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    pmi = [o for o in february if o.title.startswith("PMI")]
    assert [(o.title, o.start) for o in pmi] == [
        ("PMI chapter meeting (moved to Thursday)",
         dt.datetime(2026, 2, 12, 19, 0, tzinfo=BERLIN)),
    ]  # fmt: skip
    march = events.between_days(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert not [o for o in march if o.title.startswith("PMI")]  # the EXDATE


def test_importing_the_same_file_again_changes_nothing(importer, database):
    importer.import_files([CALENDARS / "networking.ics"])
    before = state(database)
    (again,) = importer.import_files([CALENDARS / "networking.ics"])
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 6)
    assert state(database) == before


def test_what_the_user_gave_an_event_stays_when_its_file_comes_again(
    importer, events, contacts, database, tmp_path
):
    path = ics(tmp_path, "UID:u1\r\nDTSTART:20260105T100000Z\r\nSUMMARY:Chat with Lin")
    importer.import_files([path])
    record = next(iter(by_title(database).values()))
    lin = contacts.create(make_draft(given_name="Lin"))
    events.update(record.id, record.draft.with_contacts([lin]))
    events.set_stage(record.id, InterviewStage.DONE)
    before = state(database)
    (again,) = importer.import_files([path])
    assert again.unchanged == 1 and state(database) == before


def test_a_changed_event_is_updated_and_an_older_copy_is_not(importer, database, tmp_path):
    first = ics(tmp_path, "UID:u1\r\nSEQUENCE:1\r\nDTSTART:20260105T100000Z\r\nSUMMARY:Meetup")
    importer.import_files([first])
    newer = ics(
        tmp_path, "UID:u1\r\nSEQUENCE:2\r\nDTSTART:20260105T110000Z\r\nSUMMARY:Meetup (later)",
        name="newer.ics",
    )  # fmt: skip
    (report,) = importer.import_files([newer])
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 0)
    (change,) = report.changes
    assert change.action == "merged" and "time changed" in change.details
    older = ics(tmp_path, "UID:u1\r\nSEQUENCE:1\r\nDTSTART:20260105T100000Z\r\nSUMMARY:Meetup",
                name="older.ics")  # fmt: skip
    (report,) = importer.import_files([older])
    assert report.unchanged == 1 and "older than yours" in report.warnings[0].reason
    (record,) = event_store.every(database)
    assert record.draft.title == "Meetup (later)"


def test_an_event_without_uid_is_still_the_same_event_the_next_time(importer, tmp_path):
    path = ics(tmp_path, "DTSTART:20260105T100000Z\r\nSUMMARY:No UID")
    assert importer.import_files([path])[0].imported == 1
    assert importer.import_files([path])[0].unchanged == 1


def test_two_events_without_uid_or_title_at_one_time_are_two_and_stay_unchanged(
    importer, tmp_path, database
):
    """QA (icalendar's parsing_error.ics, from Google): two events without UID or
    SUMMARY starting on one day, told apart only by their DESCRIPTION, were taken for
    one: "updated 2" on every import, each overwriting the other."""
    same = "DTSTART;VALUE=DATE:20080303\r\nRRULE:FREQ=DAILY;UNTIL=20080323T235959Z\r\n"
    path = ics(tmp_path, same + "DESCRIPTION:Perfectly OK event", same + "DESCRIPTION:Wrong event",
               same + "DESCRIPTION:Perfectly OK event")  # fmt: skip
    (first,) = importer.import_files([path])
    assert (first.imported, first.updated, first.unchanged) == (2, 0, 1)
    before = state(database)
    (again,) = importer.import_files([path])
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 3)
    assert state(database) == before
    notes = sorted(r.draft.notes for r in event_store.every(database))
    assert notes == ["Perfectly OK event", "Wrong event"]


def test_a_preview_writes_nothing(importer, database):
    (report,) = importer.import_files([CALENDARS / "networking.ics"], preview=True)
    assert report.imported == 6 and event_store.count(database) == 0


def test_broken_events_are_reported_and_the_good_ones_import(importer, database):
    """RELIABILITY 29: a BOM, two VCALENDARs, no END:VCALENDAR, an impossible date, a
    bad EXDATE, an unknown TZID, a line that is no property, an event without END."""
    (report,) = importer.import_files([CALENDARS / "broken.ics"])
    assert report.unreadable is None
    assert sorted(by_title(database)) == [
        "Bad EXDATE", "Good one", "Has a garbage line", "In the second calendar",
        "Meeting on Mars",
    ]  # fmt: skip
    errors = {(e.record, e.line): e.reason for e in report.errors}
    # By name and line (RELIABILITY 29).
    assert errors == {
        (2, 10): "“Impossible date”: its start (DTSTART) cannot be read: Wrong datetime "
        "format: 20241399T250000",
        (4, 22): "“Ends before it starts”: The event ends before it starts.",
        (7, 40): "“No start”: it has no start (DTSTART)",
        (8, 44): "a to-do: Networker imports events only",
        (10, 56): "“No END:VEVENT”: the event has no END:VEVENT line",
    }
    warnings = {(w.record, w.line): w.reason for w in report.warnings}
    assert warnings[(3, 15)].startswith("a date taken out of the series cannot be read")
    assert warnings[(5, 28)] == (
        "the time zone “Mars/Olympus” is not known and the file does not define it: "
        "its times are kept as floating local time"
    )
    assert warnings[(6, 34)].startswith("a line that is no property was left out")
    mars = by_title(database)["Meeting on Mars"].draft
    assert mars.floating and mars.start == dt.datetime(2026, 1, 8, 10, 0)
    assert report.summary().endswith("imported 5, updated 0, unchanged 0, skipped 5, errors 5")


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SECONDLY;COUNT=1000000000",
        "FREQ=MINUTELY",
        "FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,"
        "13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,"
        "13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,15,30,45",
        "FREQ=DAILY;COUNT=5000000",
    ],
)
def test_a_recurrence_bomb_is_stored_flagged_and_never_expanded(importer, events, tmp_path, rule):
    """RELIABILITY 28: under a second per event, kept as the file had it, and a month
    of the calendar still shows at most MAX_PER_WINDOW of it."""
    # The first import of a process loads icalendar and the zones: not the rule's cost.
    importer.import_files([ics(tmp_path, "UID:w\r\nDTSTART:20260105T100000Z", name="w.ics")])
    path = ics(tmp_path, f"UID:bomb\r\nDTSTART:20260105T100000Z\r\nSUMMARY:Bomb\r\nRRULE:{rule}")
    started = time.perf_counter()
    (report,) = importer.import_files([path])
    assert time.perf_counter() - started < 1.0
    assert report.imported == 1
    month = [o for o in events.between_days(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
             if o.title == "Bomb"]  # fmt: skip
    assert 1 <= len(month) <= 1000
    record = events.get(month[0].event_id)
    assert record.draft.rrule == rule
    if "SECONDLY" in rule or "MINUTELY" in rule or "5000000" in rule:
        assert any("kept but not shown" in w.reason for w in report.warnings)


def test_ten_thousand_alarms_keep_five_display_ones_and_nothing_is_opened(
    importer, database, tmp_path, monkeypatch
):
    """RELIABILITY 30: only DISPLAY alarms, at most 5; an ATTACH is text, never opened."""
    import urllib.request

    opened = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: opened.append(a))
    alarms = "".join(
        f"BEGIN:VALARM\r\nACTION:{'DISPLAY' if i % 2 else 'AUDIO'}\r\nTRIGGER:-PT{i}M\r\n"
        "ATTACH:file://attacker.example/share/x.wav\r\nEND:VALARM\r\n"
        for i in range(1, 10_001)
    )
    path = ics(tmp_path, f"UID:alarms\r\nDTSTART:20260105T100000Z\r\nSUMMARY:Loud\r\n{alarms}")
    started = time.perf_counter()
    (report,) = importer.import_files([path])
    assert time.perf_counter() - started < 5
    (record,) = event_store.every(database)
    assert record.draft.extra.count("BEGIN:VALARM") == 5
    assert "AUDIO" not in record.draft.extra
    assert record.draft.reminder_minutes == 1
    assert any("9995 alarms left out" in w.reason for w in report.warnings)
    assert opened == []


def test_the_export_gives_back_what_the_import_read(importer, database, clock, tmp_path):
    """The round trip: every modelled field comes back equal, and what Networker does
    not model comes back as the file had it."""
    importer.import_files([CALENDARS / "networking.ics"])
    target = tmp_path / "out.ics"
    assert ExportService(database=database, clock=clock).export_ics(str(target)) == 6
    text = target.read_text()
    for line in (
        "ORGANIZER;CN=PMI Berlin:mailto:board@pmi.example.org",
        "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
        "X-WR-ALARMUID:5B4A7C2E",
        "X-NETWORKER-KIND:association meeting",
        "X-NETWORKER-GROUP:PMI Berlin",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "RECURRENCE-ID;TZID=Europe/Berlin:20260210T183000",
    ):
        assert line in text.splitlines(), line
    before = {
        r.draft.uid + str(r.draft.recurrence_id): r.draft for r in event_store.every(database)
    }
    from networker.storage.db import open_database

    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = open_database(other_dir / "n.sqlite3", backups_dir=other_dir / "b", clock=clock)
    try:
        ImportService(database=other, clock=clock, thumbnailer=None).import_files([target])
        after = {
            r.draft.uid + str(r.draft.recurrence_id): r.draft for r in event_store.every(other)
        }
    finally:
        other.close()
    assert before.keys() == after.keys()
    for key, draft in before.items():
        again = after[key]
        # Attendees who were contacts here are addresses there (that database has none).
        assert [(a.email, a.name, a.params) for a in again.attendees] == [
            (a.email, a.name, a.params) for a in draft.attendees
        ]
        plain = [a.__class__(None, a.email, a.name, a.params) for a in draft.attendees]
        assert again == draft.__class__(**{**draft.__dict__, "attendees": tuple(plain)}), key


def test_importing_the_export_into_the_same_database_changes_nothing(
    importer, database, clock, tmp_path
):
    importer.import_files([CALENDARS / "networking.ics"])
    before = state(database)
    target = tmp_path / "out.ics"
    ExportService(database=database, clock=clock).export_ics(str(target))
    (report,) = importer.import_files([target])
    assert (report.imported, report.updated, report.unchanged) == (0, 0, 6)
    assert state(database) == before


def test_a_changed_reminder_changes_the_alarm_it_came_from(importer, events, database, clock,
                                                          tmp_path):  # fmt: skip
    importer.import_files([CALENDARS / "networking.ics"])
    pmi = by_title(database)["PMI chapter meeting"]
    from dataclasses import replace

    events.update(pmi.id, replace(pmi.draft, reminder_minutes=30))
    target = tmp_path / "out.ics"
    ExportService(database=database, clock=clock).export_ics(str(target))
    text = target.read_text()
    assert "TRIGGER:-PT30M" in text and "TRIGGER:-P1D" not in text
    assert text.count("BEGIN:VALARM") == 1


def test_events_and_contacts_of_one_import_meet(importer, database, tmp_path, changes):
    """A vCard and a calendar dropped together: the calendar's attendee is the contact
    the same import adds, whichever file is read first."""
    card = tmp_path / "z.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Lin Wu\nEMAIL:lin@wu.example\nEND:VCARD\n")
    calendar = ics(tmp_path, "UID:u\r\nDTSTART:20260105T100000Z\r\nSUMMARY:Lunch\r\n"
                   "ATTENDEE;CN=Lin:mailto:lin@wu.example", name="a.ics")  # fmt: skip
    importer.import_files([calendar, card])
    (record,) = event_store.every(database)
    # The calendar was read first (files go in name order): Lin was no contact yet.
    assert record.draft.attendees[0].contact_id is None
    card2 = tmp_path / "a.vcf"
    card2.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Max\nEMAIL:max@x.example\nEND:VCARD\n")
    calendar2 = ics(tmp_path, "UID:v\r\nDTSTART:20260106T100000Z\r\nSUMMARY:Dinner\r\n"
                    "ATTENDEE;CN=Max:mailto:max@x.example", name="b.ics")  # fmt: skip
    importer.import_files([calendar2, card2])
    dinner = by_title(database)["Dinner"].draft
    assert dinner.attendees[0].contact_id is not None
    assert isinstance(changes[-1], Changes) and changes[-1].events


def test_the_users_own_changes_survive_importing_the_export_again(
    importer, events, contacts, database, clock, tmp_path
):
    """Contacts added as attendees (with and without an address) and an occurrence
    taken out in Networker: exporting and importing the export changes nothing."""
    importer.import_files([CALENDARS / "networking.ics"])
    pmi = by_title(database)["PMI chapter meeting"]
    lin = contacts.create(make_draft(given_name="Lin", family_name="Wu", emails=[]))
    max_ = contacts.create(make_draft(given_name="Max", family_name="Roe",
                                      emails=[LabeledValue("", "max@roe.example")]))  # fmt: skip
    events.update(pmi.id, pmi.draft.with_contacts([*pmi.draft.contact_ids, lin, max_]))
    events.delete_occurrence(pmi.id, dt.datetime(2026, 4, 14, 18, 30, tzinfo=BERLIN))
    before = state(database)
    target = tmp_path / "out.ics"
    ExportService(database=database, clock=clock).export_ics(str(target))
    text = target.read_text()
    assert 'ATTENDEE;CN="Lin Wu":invalid:nomail' in text.splitlines()
    assert 'ATTENDEE;CN="Max Roe":mailto:max@roe.example' in text.splitlines()
    (report,) = importer.import_files([target])
    assert (report.imported, report.updated, report.unchanged) == (0, 0, 6)
    (original,) = importer.import_files([CALENDARS / "networking.ics"])
    assert (original.updated, original.unchanged) == (0, 6)
    assert state(database) == before


def test_an_edited_occurrence_imported_before_its_series_joins_it(importer, database, tmp_path):
    one = ics(tmp_path, "UID:s\r\nRECURRENCE-ID:20260112T100000Z\r\nDTSTART:20260112T120000Z\r\n"
              "SUMMARY:Moved", name="one.ics")  # fmt: skip
    importer.import_files([one])
    series = ics(tmp_path, "UID:s\r\nDTSTART:20260105T100000Z\r\nRRULE:FREQ=WEEKLY\r\n"
                 "SUMMARY:Weekly", name="series.ics")  # fmt: skip
    importer.import_files([series])
    found = by_title(database)
    assert found["Moved"].series_id == found["Weekly"].id
