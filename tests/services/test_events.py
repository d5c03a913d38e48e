"""The calendar's service: events stored as they were meant, and the occurrences of a
window of days, series expanded and edited occurrences in their place."""

import datetime as dt
import zoneinfo

import pytest

from networker.clock import FixedClock
from networker.domain.events import (
    Attendee,
    EventDraft,
    EventKind,
    EventValidationError,
    InterviewStage,
)
from networker.services.events import EventExistsError, EventNotFoundError, EventService
from tests.conftest import make_draft

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def events(database, clock, changes):
    return EventService(database=database, clock=clock, on_change=changes.append)


def meetup(**fields):
    values = {
        "title": "PMI chapter meeting",
        "kind": EventKind.ASSOCIATION,
        "start": dt.datetime(2026, 12, 8, 18, 30, tzinfo=BERLIN),
        "end": dt.datetime(2026, 12, 8, 20, 0, tzinfo=BERLIN),
        "zone": "Europe/Berlin",
        "location": "Impact Hub",
        "group": "PMI Berlin",
    }
    values.update(fields)
    return EventDraft(**values)


def test_an_event_comes_back_as_it_was_meant(events, contacts, changes):
    ada = contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    draft = meetup(
        attendees=(Attendee(contact_id=ada), Attendee(email="x@y.org", name="X")),
        reminder_minutes=24 * 60,
        notes="Bring cards",
    )
    event_id = events.add(draft)
    record = events.get(event_id)
    assert record.draft.start == draft.start and record.draft.start.tzinfo == BERLIN
    assert record.draft.attendees == draft.attendees
    assert record.attendee_names == ("Ada Lovelace", "X")
    assert record.draft.uid.endswith("@networker")
    assert changes[-1].events and ada in changes[-1].contact_ids
    assert [r.id for r in events.of_contact(ada)] == [event_id]


def test_a_deleted_event_imported_again_cannot_be_added_beside_itself(events, qapp):
    """QA: deleting an event, importing its file again, then Edit > Undo crashed on the
    calendar's unique uid; the undo is now void, and the calendar holds it once."""
    from PySide6.QtGui import QUndoStack

    from networker.views.event_history import EventHistory

    history = EventHistory(stack=QUndoStack(), events=events)
    event_id = events.add(meetup(uid="pmi-2026-12@example.org"))
    history.delete(event_id)
    again = events.add(meetup(uid="pmi-2026-12@example.org"))  # as an import brings it
    with pytest.raises(EventExistsError):
        events.add(meetup(uid="pmi-2026-12@example.org"))
    history.stack.undo()  # no crash
    assert [
        o.event_id for o in events.between_days(dt.date(2026, 12, 8), dt.date(2026, 12, 8))
    ] == [again]


def test_floating_and_all_day_times(events):
    floating = events.add(
        meetup(start=dt.datetime(2026, 12, 9, 9, 0), end=dt.datetime(2026, 12, 9, 10, 0), zone="")
    )
    all_day = events.add(
        meetup(title="Conference", start=dt.date(2026, 12, 10), end=dt.date(2026, 12, 12), zone="")
    )
    assert events.get(floating).draft.start == dt.datetime(2026, 12, 9, 9, 0)
    assert events.get(all_day).draft.all_day
    days = events.between_days(dt.date(2026, 12, 11), dt.date(2026, 12, 11))
    assert [o.title for o in days] == ["Conference"]
    assert days[0].first_day(dt.UTC) == dt.date(2026, 12, 10)
    assert days[0].last_day(dt.UTC) == dt.date(2026, 12, 11)


def test_an_event_ending_before_it_starts_is_refused(events):
    with pytest.raises(EventValidationError, match="ends before it starts"):
        events.add(meetup(end=dt.datetime(2026, 12, 8, 17, 0, tzinfo=BERLIN)))
    with pytest.raises(EventValidationError, match="needs a title"):
        events.add(meetup(title="  "))
    with pytest.raises(EventValidationError, match="not known"):
        events.add(meetup(zone="Mars/Olympus"))


def test_a_series_is_expanded_for_the_window_with_its_edits(events):
    series = events.add(meetup(rrule="FREQ=MONTHLY;BYDAY=2TU"))
    december = events.between_days(dt.date(2026, 12, 1), dt.date(2027, 2, 28))
    assert [o.start.date() for o in december] == [
        dt.date(2026, 12, 8),
        dt.date(2027, 1, 12),
        dt.date(2027, 2, 9),
    ]
    january = december[1]
    moved = events.edit_occurrence(
        series, january.original_start,
        meetup(title="PMI: New Year social", start=dt.datetime(2027, 1, 14, 19, 0, tzinfo=BERLIN),
               end=dt.datetime(2027, 1, 14, 22, 0, tzinfo=BERLIN)),
    )  # fmt: skip
    events.delete_occurrence(series, december[2].original_start)
    shown = events.between_days(dt.date(2026, 12, 1), dt.date(2027, 2, 28))
    assert [(o.title, o.start.day) for o in shown] == [
        ("PMI chapter meeting", 8),
        ("PMI: New Year social", 14),
    ]
    assert shown[1].event_id == moved and shown[1].series_id == series
    # Editing it again changes the same replacement; deleting the series takes it along.
    events.edit_occurrence(
        series,
        january.original_start,
        meetup(
            title="Social",
            start=dt.datetime(2027, 1, 14, 19, 0, tzinfo=BERLIN),
            end=dt.datetime(2027, 1, 14, 22, 0, tzinfo=BERLIN),
        ),
    )
    assert [o.title for o in events.between_days(dt.date(2027, 1, 1), dt.date(2027, 1, 31))] == [
        "Social"
    ]
    events.delete(series)
    assert events.between_days(dt.date(2026, 12, 1), dt.date(2027, 2, 28)) == []
    with pytest.raises(EventNotFoundError):
        events.get(moved)


def test_times_in_another_zone_are_shown_in_the_local_one(database):
    clock = FixedClock(dt.datetime(2026, 12, 1, 9, 0), zone=BERLIN)
    events = EventService(database=database, clock=clock)
    start = dt.datetime(2026, 12, 3, 18, 30, tzinfo=NEW_YORK)
    events.add(meetup(title="NY call", start=start, end=start + dt.timedelta(minutes=30),
                      zone="America/New_York"))  # fmt: skip
    # 18:30 in New York is half past midnight in Berlin: the 4th there.
    assert events.between_days(dt.date(2026, 12, 3), dt.date(2026, 12, 3)) == []
    [call] = events.agenda(dt.date(2026, 12, 4), 0)
    assert call.start.astimezone(BERLIN).hour == 0


def test_the_agenda_and_an_endless_series(events):
    events.add(meetup(title="Coffee", kind=EventKind.COFFEE_CHAT, rrule="FREQ=WEEKLY",
                      start=dt.datetime(2020, 1, 7, 8, 0, tzinfo=BERLIN),
                      end=dt.datetime(2020, 1, 7, 9, 0, tzinfo=BERLIN)))  # fmt: skip
    agenda = events.agenda(dt.date(2026, 12, 1), 14)
    assert len(agenda) == 3 and {o.start.weekday() for o in agenda} == {1}


def test_groups_complete_from_earlier_events_and_stages_move(events):
    events.add(meetup())
    events.add(meetup(group="Alumni Club"))
    events.add(meetup())
    assert events.groups() == ["PMI Berlin", "Alumni Club"]
    interview = events.add(
        meetup(kind=EventKind.INFORMATIONAL_INTERVIEW, stage=InterviewStage.ASKED)
    )
    events.set_stage(interview, InterviewStage.DONE)
    assert events.get(interview).draft.stage is InterviewStage.DONE


def test_a_deleted_contact_leaves_the_attendee_address(events, contacts):
    ada = contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    event_id = events.add(meetup(attendees=(Attendee(contact_id=ada, email="ada@example.org"),)))
    contacts.delete([ada])
    assert events.get(event_id).draft.attendees == (Attendee(email="ada@example.org"),)
