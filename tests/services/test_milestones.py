"""Their news: milestones on a contact and the congratulations they call for."""

import datetime as dt

import pytest

from networker.domain.changes import Changes
from networker.domain.interactions import InteractionDraft, InteractionKind
from networker.domain.milestones import MilestoneDraft, MilestoneKind, MilestoneValidationError
from networker.domain.reminders import ReminderKind
from networker.services.interactions import InteractionService
from networker.services.milestones import MilestoneService
from networker.services.reminders import ReminderService
from tests.conftest import make_draft

UTC = dt.UTC


@pytest.fixture
def milestones(database, clock, changes):
    return MilestoneService(database=database, clock=clock, on_change=changes.append)


@pytest.fixture
def interactions(database, clock):
    return InteractionService(database=database, clock=clock)


@pytest.fixture
def reminders(database, clock):
    return ReminderService(database=database, clock=clock)


def ada(contacts):
    return contacts.create(make_draft(given_name="Ada", family_name="Lovelace", emails=[]))


def congratulations(reminders, until=None):
    return [r for r in reminders.due(until) if r.kind is ReminderKind.CONGRATULATE]


def test_a_milestone_asks_for_congratulations_at_once(contacts, milestones, reminders, changes):
    person = ada(contacts)
    news = MilestoneDraft(person, MilestoneKind.PROMOTION, dt.date(2026, 11, 20), "VP Research")
    milestone_id = milestones.add(news)
    assert [m.id for m in milestones.of_contact(person)] == [milestone_id]
    assert milestones.get(milestone_id).words == "Promotion: VP Research"
    (due,) = congratulations(reminders)
    assert due.title == "Congratulate Ada Lovelace: promotion, VP Research"
    assert due.contact_id == person
    assert changes[-1] == Changes(contact_ids=frozenset({person}), milestones=True, reminders=True)


def test_news_for_a_later_day_is_due_that_morning(contacts, milestones, reminders):
    person = ada(contacts)
    milestones.add(MilestoneDraft(person, MilestoneKind.NEW_JOB, dt.date(2026, 12, 7)))
    assert congratulations(reminders) == []
    (due,) = congratulations(reminders, dt.datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    assert due.title == "Congratulate Ada Lovelace: new job"


def test_an_interaction_after_the_news_closes_the_congratulation(
    contacts, milestones, interactions, reminders, clock
):
    person = ada(contacts)
    milestones.add(MilestoneDraft(person, MilestoneKind.AWARD, dt.date(2026, 11, 25), "Turing"))
    # A chat before the news does not count as congratulating.
    before = dt.datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    interactions.log(InteractionDraft([person], InteractionKind.CALL, occurred_at=before))
    assert len(congratulations(reminders)) == 1
    interactions.log(InteractionDraft([person], InteractionKind.MESSAGE))
    assert congratulations(reminders) == []


def test_done_closes_it_too_and_editing_retitles_an_open_one(contacts, milestones, reminders):
    person = ada(contacts)
    first = milestones.add(MilestoneDraft(person, MilestoneKind.PUBLICATION, dt.date(2026, 11, 1)))
    milestones.update(
        first, MilestoneDraft(person, MilestoneKind.PUBLICATION, dt.date(2026, 11, 1), "Notes")
    )
    (due,) = congratulations(reminders)
    assert due.title == "Congratulate Ada Lovelace: publication, Notes"
    reminders.done(due)
    assert congratulations(reminders) == []


def test_deleting_a_milestone_or_its_contact_takes_its_reminder(
    contacts, milestones, reminders, database
):
    person = ada(contacts)
    first = milestones.add(MilestoneDraft(person, MilestoneKind.OTHER, dt.date(2026, 11, 1)))
    milestones.delete(first)
    assert congratulations(reminders) == [] and milestones.of_contact(person) == []
    milestones.add(MilestoneDraft(person, MilestoneKind.OTHER, dt.date(2026, 11, 2)))
    contacts.delete([person])
    assert database.execute_sql("SELECT count(*) FROM milestone").fetchone()[0] == 0
    assert congratulations(reminders) == []


def test_a_milestone_needs_one_short_line_and_a_contact(contacts, milestones):
    person = ada(contacts)
    with pytest.raises(MilestoneValidationError, match="longer than 200"):
        milestones.add(MilestoneDraft(person, MilestoneKind.AWARD, dt.date(2026, 1, 1), "x" * 201))
    with pytest.raises(MilestoneValidationError, match="no longer exists"):
        milestones.add(MilestoneDraft(999, MilestoneKind.AWARD, dt.date(2026, 1, 1)))
