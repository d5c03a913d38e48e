"""Reading and writing iCalendar: our own small cases, properties (RELIABILITY 37), then
the shared real-world corpus (every file reads, and what it holds comes back out)."""

import datetime as dt
import io
import re
import zoneinfo
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from networker.domain.events import Attendee, EventDraft, EventKind
from networker.formats.icalendar import looks_like_calendar, read_calendar
from networker.formats.icalendar_out import OutgoingEvent, calendar_text
from networker.formats.readers import reader_for
from networker.formats.reports import ParsedEvent, RecordProblem, UnreadableFileError

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "ics"
NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def computer_zone(monkeypatch):
    """The computer's zone is preferred for a custom VTIMEZONE: none here, by default."""
    zone = {"name": ""}
    monkeypatch.setattr("networker.clock.local_zone_name", lambda: zone["name"])
    return zone


def read(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return list(read_calendar(io.BytesIO(data)))


def events(data):
    return [r for r in read(data) if isinstance(r, ParsedEvent)]


def export(drafts):
    return calendar_text([OutgoingEvent(d, {}, {}) for d in drafts], now=NOW)


def calendar(*bodies):
    inner = "".join(f"BEGIN:VEVENT\r\n{b.strip()}\r\nEND:VEVENT\r\n" for b in bodies)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{inner}END:VCALENDAR\r\n"


def test_a_calendar_is_known_by_its_first_line_after_a_byte_order_mark():
    assert looks_like_calendar(b"\xef\xbb\xbfBEGIN:VCALENDAR\r\n")
    assert looks_like_calendar(b"  begin:vcalendar\n")
    assert not looks_like_calendar(b"BEGIN:VCARD\r\n")
    assert reader_for(".txt", b"BEGIN:VCALENDAR\r\n").file_type.mime_type == "text/calendar"
    assert reader_for(".ics", b"Name,Email\n").file_type.mime_type == "text/calendar"


def test_a_file_that_is_no_calendar_is_refused_with_a_reason():
    with pytest.raises(UnreadableFileError, match="not an iCalendar file"):
        read("Name,Email\nAda,ada@x.example\n")


def test_no_end_vcalendar_still_reads_every_event():
    """icalendar itself returns nothing for such a file."""
    text = calendar("UID:a\r\nDTSTART:20260105T100000Z\r\nSUMMARY:A").replace("END:VCALENDAR", "")
    assert [e.draft.title for e in events(text)] == ["A"]


def test_an_edited_occurrence_before_its_series_comes_after_it():
    text = calendar(
        "UID:s\r\nRECURRENCE-ID:20260112T100000Z\r\nDTSTART:20260112T120000Z\r\nSUMMARY:Moved",
        "UID:s\r\nDTSTART:20260105T100000Z\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Weekly",
    )
    assert [e.draft.title for e in events(text)] == ["Weekly", "Moved"]


def test_exchange_rules_with_spaces_and_escaped_semicolons_are_read():
    text = calendar(
        "UID:a\r\nDTSTART:20260105T100000Z\r\nSUMMARY:A\r\n"
        "RRULE:FREQ=DAILY;BYDAY=MO, TU\r\n ;WKST=SU",
        "UID:b\r\nDTSTART:20260105T100000Z\r\nSUMMARY:B\r\nRRULE:FREQ=DAILY\\;COUNT=10",
    )
    assert [e.draft.rrule for e in events(text)] == [
        "FREQ=DAILY;BYDAY=MO,TU;WKST=SU",
        "FREQ=DAILY;COUNT=10",
    ]


def test_a_windows_or_vendor_tzid_is_its_iana_zone():
    text = calendar(
        "UID:a\r\nDTSTART;TZID=W. Europe Standard Time:20260105T100000\r\nSUMMARY:A",
        "UID:b\r\nDTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20260105T100000\r\nSUMMARY:B",
    )
    for event in events(text):
        assert event.draft.zone == "Europe/Berlin"
        assert event.draft.start == dt.datetime(2026, 1, 5, 10, 0, tzinfo=BERLIN)
        assert event.warnings == []


def test_summer_and_winter_times_of_a_custom_vtimezone_give_the_right_instants():
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:My Zone\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
        "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
        "END:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )
    text = calendar(
        "UID:w\r\nDTSTART;TZID=My Zone:20260105T100000\r\nSUMMARY:Winter",
        "UID:s\r\nDTSTART;TZID=My Zone:20260705T100000\r\nSUMMARY:Summer",
    ).replace("PRODID:-//t//t//EN\r\n", "PRODID:-//t//t//EN\r\n" + zone)
    winter, summer = events(text)
    assert winter.draft.start == dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    assert summer.draft.start == dt.datetime(2026, 7, 5, 8, 0, tzinfo=dt.UTC)
    # No IANA name, but Berlin's offsets on every day: a series there repeats at 10:00
    # through the change to summer time (it was kept in UTC, an hour off half the year).
    assert winter.draft.zone == "Europe/Berlin" and summer.draft.zone == "Europe/Berlin"


def test_a_custom_vtimezone_like_the_computers_zone_is_that_zone(computer_zone):
    computer_zone["name"] = "Europe/Paris"
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:Romance Custom\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000"
        "\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\n"
        "TZOFFSETTO:+0100\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
        "END:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )
    text = calendar("UID:p\r\nDTSTART;TZID=Romance Custom:20260105T100000\r\nSUMMARY:P")
    (event,) = events(text.replace("PRODID:-//t//t//EN\r\n", "PRODID:-//t//t//EN\r\n" + zone))
    assert event.draft.zone == "Europe/Paris"


def test_a_custom_vtimezone_no_known_zone_agrees_with_stays_in_utc():
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:Odd\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        "TZOFFSETFROM:+0117\r\nTZOFFSETTO:+0117\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    )
    text = calendar("UID:o\r\nDTSTART;TZID=Odd:20260105T101700\r\nSUMMARY:Odd").replace(
        "PRODID:-//t//t//EN\r\n", "PRODID:-//t//t//EN\r\n" + zone
    )
    (odd,) = events(text)
    assert odd.draft.zone == ""
    assert odd.draft.start == dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def test_times_without_a_tzid_are_in_the_calendars_x_wr_timezone():
    """Apple and Google name the calendar's zone in X-WR-TIMEZONE: a floating time is
    a time there, and a weekly series written in UTC repeats at the same local hour
    across the change to summer time (it was an hour off from April on)."""
    text = calendar(
        "UID:f\r\nDTSTART:20260105T100000\r\nSUMMARY:Floating",
        "UID:u\r\nDTSTART:20260302T090000Z\r\nDTEND:20260302T100000Z\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=8\r\nEXDATE:20260309T090000Z\r\nSUMMARY:Weekly",
    ).replace("PRODID:-//t//t//EN\r\n", "PRODID:-//t//t//EN\r\nX-WR-TIMEZONE:Europe/Berlin\r\n")
    floating, weekly = events(text)
    assert floating.draft.zone == "Europe/Berlin"
    assert floating.draft.start == dt.datetime(2026, 1, 5, 10, 0, tzinfo=BERLIN)
    assert weekly.draft.zone == "Europe/Berlin"
    assert weekly.draft.start == dt.datetime(2026, 3, 2, 10, 0, tzinfo=BERLIN)  # 09:00 UTC
    assert weekly.draft.exdates == (dt.datetime(2026, 3, 9, 10, 0, tzinfo=BERLIN),)
    from networker.domain.recurrence import expand

    april = expand(weekly.draft.start, dt.timedelta(hours=1), weekly.draft.rrule,
                   after=dt.datetime(2026, 4, 1, tzinfo=dt.UTC),
                   before=dt.datetime(2026, 4, 10, tzinfo=dt.UTC))  # fmt: skip
    assert [s.astimezone(BERLIN).hour for s in april] == [10]  # 08:00 UTC in summer


def test_without_x_wr_timezone_floating_stays_floating_and_utc_stays_utc():
    floating, utc = events(calendar(
        "UID:f\r\nDTSTART:20260105T100000\r\nSUMMARY:F",
        "UID:u\r\nDTSTART:20260105T100000Z\r\nSUMMARY:U",
    ))  # fmt: skip
    assert floating.draft.start == dt.datetime(2026, 1, 5, 10, 0) and floating.draft.zone == ""
    assert utc.draft.start == dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.UTC)
    assert utc.draft.zone == ""


def test_an_alarm_that_cannot_be_read_costs_the_alarm_not_the_event():
    text = calendar(
        "UID:a\r\nDTSTART:20260105T100000Z\r\nSUMMARY:A\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\n"
        "TRIGGER:nonsense\r\nEND:VALARM"
    )
    (event,) = events(text)
    assert event.warnings == ["its alarms cannot be read and were left out"]
    assert "VALARM" not in event.draft.extra


def test_the_export_is_valid_icalendar_with_zones_uids_and_stamps():
    from icalendar import Calendar

    draft = EventDraft(
        "Meetup", dt.datetime(2026, 12, 8, 18, 30, tzinfo=BERLIN),
        dt.datetime(2026, 12, 8, 20, 0, tzinfo=BERLIN), zone="Europe/Berlin",
        rrule="FREQ=MONTHLY;BYDAY=2TU", uid="m@x",
        attendees=(Attendee(email="ada@x.example", name="Ada"),),
    )  # fmt: skip
    text = export([draft])
    parsed = Calendar.from_ical(text)
    assert parsed["PRODID"] and parsed["VERSION"] == "2.0"
    (event,) = parsed.walk("VEVENT")
    assert event["UID"] == "m@x" and event["DTSTAMP"].dt == NOW
    assert [tz.tz_name for tz in parsed.timezones] == ["Europe/Berlin"]
    assert parsed.get_missing_tzids() == set()
    assert "ATTENDEE;CN=Ada:mailto:ada@x.example" in text.splitlines()
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60
)


@settings(max_examples=60, deadline=None)
@given(title=TEXT, notes=TEXT, location=TEXT, group=TEXT, name=TEXT, url=TEXT)
def test_any_text_comes_back_as_it_was_and_never_makes_a_second_event(
    title, notes, location, group, name, url
):
    """RELIABILITY 37: newlines, ; , \\ : and the rest; "\\nBEGIN:VEVENT" or
    "\\nBEGIN:VALARM" in a summary never yields an event or an alarm."""
    title = (title + "\nBEGIN:VEVENT\nEND:VALARM").strip() or "x"
    draft = EventDraft(
        title, dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 1, 5, 11, 0, tzinfo=dt.UTC), notes=notes, location=location,
        group=group + "\nEND:VEVENT\nBEGIN:VEVENT", kind=EventKind.MEETUP, uid="u@x",
        url=url, attendees=(Attendee(email="a@x.example", name=name + "\nBEGIN:VEVENT"),),
    )  # fmt: skip
    (back,) = events(export([draft]))  # exactly one event, whatever the text

    def normal(text):
        return text.replace("\r\n", "\n").replace("\r", "\n")

    assert back.draft.title == normal(draft.title)
    assert back.draft.notes == normal(notes) and back.draft.location == normal(location)
    assert back.draft.group == normal(draft.group) and back.draft.extra == ""
    assert back.draft.attendees[0].email == "a@x.example"


@settings(max_examples=80, deadline=None)
@given(
    st.binary(max_size=300)
    | st.text(max_size=300).map(
        lambda t: f"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260105T100000Z\n{t}\nEND:VEVENT\n"
    )
)
def test_reading_never_raises_anything_but_a_clear_refusal(data):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    try:
        for record in read(data):
            if isinstance(record, ParsedEvent):
                export([record.draft])  # and whatever was read can be written
    except UnreadableFileError:
        pass


# What the export writes differently from the file, on purpose (docs/command-line.md).
DELIBERATE = {"DURATION": "becomes DTEND", "DTSTAMP": "the time of the export"}


def _unfolded_lines(text):
    return re.sub(r"\r?\n[ \t]", "", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")


def _top_level_names(text):
    """The property names of each top-level component of each calendar, in order
    (VTIMEZONEs left out), the way the reader numbers its records."""
    found, current, depth = [], None, 0
    for line in _unfolded_lines(text):
        name = re.match(r"^([A-Za-z0-9-]*)", line).group(1).upper()
        value = line.split(":", 1)[1].strip().upper() if ":" in line else ""
        if name == "BEGIN" and value != "VCALENDAR":
            depth += 1
            if depth == 1:
                current = (value, set())
                if value != "VTIMEZONE":
                    found.append(current)
        elif name == "END" and value != "VCALENDAR" and depth:
            depth -= 1
        elif depth == 1 and name and current is not None and value:
            current[1].add(name)  # an empty property is left out on purpose
    return found


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")
def test_every_corpus_file_reads_and_what_it_holds_comes_back_out():
    """Every file reads without an exception; each event read comes back equal from an
    export, its kept lines as they were, and every property it had is in the export
    (or named in DELIBERATE, or warned about)."""
    problems, read_ok = [], 0
    for path in sorted(CORPUS.glob("*.ics")):
        data = path.read_bytes()
        records = read(data)
        parsed = [r for r in records if isinstance(r, ParsedEvent)]
        skipped = {r.record for r in records if isinstance(r, RecordProblem)}
        text = export([r.draft for r in parsed])
        back = events(text)
        if [b.draft for b in back] != [r.draft for r in parsed]:
            problems.append(f"{path.name}: export -> import differs")
            continue
        source = _top_level_names(data.decode("utf-8", "replace"))
        exported = [names for kind, names in _top_level_names(text) if kind == "VEVENT"]
        for record, names_out in zip(parsed, exported, strict=True):
            read_ok += 1
            out_lines = set(_unfolded_lines(text))
            for line in record.draft.extra.split("\n") if record.draft.extra else []:
                if line not in out_lines:
                    problems.append(f"{path.name} event {record.record}: {line!r} not kept")
            kind, names_in = source[record.record - 1]
            assert kind == "VEVENT" and record.record not in skipped
            for name in sorted(names_in - names_out - DELIBERATE.keys()):
                if not any(name.casefold() in w.casefold() for w in record.warnings):
                    problems.append(f"{path.name} event {record.record}: {name} lost")
    assert problems == []
    assert read_ok >= 30


def test_an_oversized_event_is_skipped_with_the_reason_and_the_next_one_reads():
    """RELIABILITY (c): an event of more than 1 MB (a 2 MB DESCRIPTION, folded) and a
    line of more than 256 KB cost that event only."""
    huge = "\r\n ".join(["x" * 74] * (2 * 1024 * 1024 // 74))
    text = calendar(
        f"UID:a\r\nDTSTART:20260105T100000Z\r\nSUMMARY:Huge\r\nDESCRIPTION:{huge}",
        f"UID:b\r\nDTSTART:20260105T100000Z\r\nSUMMARY:Long line\r\nX-A:{'y' * 300_000}",
        "UID:c\r\nDTSTART:20260105T100000Z\r\nSUMMARY:Fine",
    )
    first, second, third = read(text)
    assert first == RecordProblem(1, 4, "it is larger than 1 MB")  # (its lines were let go)
    assert isinstance(second, RecordProblem) and second.record == 2
    assert second.reason == f"line {second.line + 4} is longer than 256 KB"
    text = calendar("UID:d\r\nSUMMARY:Broken\\, really\r\nDTSTART:20261399T000000")
    assert read(text)[0].reason.startswith("“Broken, really”: its start (DTSTART)")
    assert third.draft.title == "Fine"
