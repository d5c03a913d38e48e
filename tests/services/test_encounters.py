"""What an event leads to: who the user met (encounters, new contacts, follow-ups, in one
transaction), the brief before it, and an informational interview's stages."""

import datetime as dt

import pytest

from networker.domain.events import Attendee, EventDraft, EventKind, InterviewStage
from networker.domain.interactions import InteractionDraft, InteractionKind
from networker.services.encounters import EncounterError, EncounterService, Met
from networker.services.events import EventService
from networker.services.interactions import InteractionService
from networker.services.reminders import ReminderService
from tests.conftest import make_draft

START = dt.datetime(2026, 11, 26, 18, 0, tzinfo=dt.UTC)


@pytest.fixture
def events(database, clock):
    return EventService(database=database, clock=clock)


@pytest.fixture
def encounters(database, clock, changes):
    return EncounterService(database=database, clock=clock, on_change=changes.append)


def rows(database, sql, *args):
    return database.execute_sql(sql, args).fetchall()


def add_event(events, **fields):
    values = {
        "title": "Alumni mixer",
        "kind": EventKind.ALUMNI,
        "start": START,
        "end": START + dt.timedelta(hours=2),
        "zone": "UTC",
    }
    values.update(fields)
    return events.get(events.add(EventDraft(**values)))


def test_who_you_met_are_attendees_with_an_encounter_and_follow_ups(
    events, encounters, contacts, database, changes
):
    ada = contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    event = add_event(events)
    follow = (dt.date(2026, 11, 29), dt.date(2026, 12, 3))
    ids = encounters.record_met(
        event,
        [Met(contact_id=ada, follow_ups=follow), Met(name="Grace Hopper", organization="Navy",
                                                    follow_ups=follow[:1])],
        at=START,
    )  # fmt: skip
    assert ids[0] == ada and len(ids) == 2
    grace = contacts.get(ids[1])
    assert grace.draft.display_name == "Grace Hopper"
    assert grace.draft.organization == "Navy"
    assert events.get(event.id).draft.contact_ids == (ada, ids[1])
    logged = rows(database, "SELECT kind, event_id FROM interaction ORDER BY id")
    assert logged == [("event encounter", event.id), ("event encounter", event.id)]
    reminders = rows(
        database,
        "SELECT contact_id, kind, due_at, event_id FROM reminder ORDER BY contact_id, due_at",
    )
    assert reminders == [
        (ada, "follow-up", "2026-11-29 09:00:00", event.id),
        (ada, "follow-up", "2026-12-03 09:00:00", event.id),
        (ids[1], "follow-up", "2026-11-29 09:00:00", event.id),
    ]
    assert encounters.with_encounters([event.id, 999]) == {event.id}
    assert changes[-1].interactions and changes[-1].reminders and changes[-1].events


def test_nothing_is_written_when_one_person_cannot_be_recorded(events, encounters, database):
    event = add_event(events)
    with pytest.raises(EncounterError):
        encounters.record_met(event, [Met(name="Grace"), Met(contact_id=12345)], at=START)
    assert rows(database, "SELECT count(*) FROM contact") == [(0,)]
    assert rows(database, "SELECT count(*) FROM interaction") == [(0,)]
    with pytest.raises(EncounterError):
        encounters.record_met(event, [], at=START)


def test_the_brief_names_the_last_interaction_and_open_follow_ups(
    events, encounters, contacts, database, clock
):
    ada = contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    bob = contacts.create(make_draft(given_name="Bob", family_name="Stone"))
    InteractionService(database=database, clock=clock).log(
        InteractionDraft([ada], InteractionKind.CALL, START - dt.timedelta(days=20),
                         summary="Roles at Lumen", follow_up_on=dt.date(2026, 12, 1))
    )  # fmt: skip
    lines = encounters.brief([ada, bob])
    assert [line.name for line in lines] == ["Ada Lovelace", "Bob Stone"]
    assert lines[0].last_on == dt.date(2026, 11, 6)
    assert lines[0].last_interaction == "Roles at Lumen"
    assert lines[0].follow_ups == ("Roles at Lumen",)
    assert lines[1].last_on is None and lines[1].follow_ups == ()


def test_an_interview_done_logs_what_was_learned_a_thank_you_and_a_report_back(
    events, encounters, contacts, database, clock
):
    ada = contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    event = add_event(
        events, title="Informational interview: Ada", kind=EventKind.INFORMATIONAL_INTERVIEW,
        attendees=(Attendee(contact_id=ada),), stage=InterviewStage.SCHEDULED,
    )  # fmt: skip
    encounters.set_stage(event, InterviewStage.DONE, learned="Talk to the data team")
    assert events.get(event.id).draft.stage is InterviewStage.DONE
    assert rows(database, "SELECT kind, notes, event_id FROM interaction") == [
        ("informational interview", "Talk to the data team", event.id)
    ]
    due = {r.kind.value: r for r in ReminderService(database=database, clock=clock).due(
        clock.now() + dt.timedelta(days=40))}  # fmt: skip
    assert due["thank-you"].due == clock.now()
    assert due["thank-you"].title == "Say thank you to Ada Lovelace for the interview"
    assert due["follow-up"].due == dt.datetime(2026, 12, 28, 9, 0, tzinfo=dt.UTC)
    assert due["follow-up"].title.startswith("Report back to Ada Lovelace")
    assert rows(database, "SELECT count(*) FROM reminder WHERE event_id = ?", event.id) == [(2,)]
    assert len(encounters.open_reminders(event.id)) == 2

    encounters.set_stage(events.get(event.id), InterviewStage.THANKED)
    assert [t for t in encounters.open_reminders(event.id)] == [due["follow-up"].title]
    encounters.set_stage(events.get(event.id), InterviewStage.REPORTED_BACK)
    assert encounters.open_reminders(event.id) == []
    assert events.get(event.id).draft.stage is InterviewStage.REPORTED_BACK


def test_who_you_met_is_taken_back_whole(events, encounters, contacts, database):
    ada = contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    bob = contacts.create(make_draft(given_name="Bob", family_name="Byte", tags=[]))
    event = add_event(events, attendees=(Attendee(contact_id=bob),))
    before = {t: rows(database, f"SELECT * FROM {t} ORDER BY 1")
              for t in ("contact", "interaction", "reminder", "event_attendee")}  # fmt: skip
    recorded = encounters.record_met_undoably(
        event,
        [Met(contact_id=ada, follow_ups=(dt.date(2026, 11, 29),)), Met(contact_id=bob),
         Met(name="Grace Hopper")],
        at=START,
    )  # fmt: skip
    assert recorded.contact_ids[:2] == (ada, bob) and len(recorded.contacts_made) == 1
    assert recorded.attendees_added == (ada, recorded.contacts_made[0])  # Bob was there
    assert len(recorded.interactions) == 3 and len(recorded.reminders_made) == 1
    encounters.take_back(recorded)
    after = {t: rows(database, f"SELECT * FROM {t} ORDER BY 1") for t in before}
    assert after == before
    assert encounters.with_encounters([event.id]) == set()


def test_a_stage_change_is_taken_back_with_what_it_logged_and_closed(
    events, encounters, contacts, database
):
    ada = contacts.create(make_draft(given_name="Ada", family_name="Lovelace"))
    event = add_event(
        events, title="Informational interview: Ada", kind=EventKind.INFORMATIONAL_INTERVIEW,
        attendees=(Attendee(contact_id=ada),), stage=InterviewStage.SCHEDULED,
    )  # fmt: skip
    done = encounters.set_stage(event, InterviewStage.DONE, learned="Talk to the data team")
    thanked = encounters.set_stage(events.get(event.id), InterviewStage.THANKED)
    assert len(encounters.open_reminders(event.id)) == 1
    encounters.take_back(thanked)
    assert len(encounters.open_reminders(event.id)) == 2
    assert events.get(event.id).draft.stage is InterviewStage.DONE
    encounters.take_back(done)
    assert events.get(event.id).draft.stage is InterviewStage.SCHEDULED
    assert rows(database, "SELECT count(*) FROM interaction") == [(0,)]
    assert rows(database, "SELECT count(*) FROM reminder WHERE event_id = ?", event.id) == [(0,)]
