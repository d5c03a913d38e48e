"""Deleting and merging contacts can be undone: every row that went with them comes back,
under the same ids."""

import datetime as dt

import pytest

from networker.domain.contacts import Birthday
from networker.domain.events import Attendee, EventDraft
from networker.domain.interactions import InteractionDraft, Value
from networker.domain.jobs import Role, Stint
from networker.domain.milestones import MilestoneDraft, MilestoneKind
from networker.services.duplicates import DuplicateService
from networker.services.events import EventService
from networker.services.interactions import InteractionService
from networker.services.milestones import MilestoneService
from networker.services.reminders import ReminderService
from networker.storage import jobs as job_store
from networker.storage import snapshots
from networker.storage.contacts import add_source
from tests.conftest import make_draft
from tests.full_card import full_draft

PHOTO = b"\xff\xd8\xff\xe0 not really a JPEG"


def dump(db):
    """Every row of every table, sorted: the whole file as data."""
    names = [
        row[0]
        for row in db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {name: sorted(map(repr, db.execute_sql(f"SELECT * FROM {name}"))) for name in names}


@pytest.fixture
def filled(database, clock, contacts):
    """Ada with everything (an interaction of her own, one shared with Bob, a reminder,
    a milestone and its congratulation, job roles, a tag with a cadence only she wears,
    a source, a pair marked not the same, an event with Bob), Bob, and Carol."""
    ada = contacts.create(
        full_draft(
            photo=PHOTO,
            tags=["mentor", "only-ada"],
            notes="Notes",
            strength=5,
            cadence_days=30,
            birthday=Birthday(12, 10, 1815),
            how_we_met="Salon",
            school="Home",
            title="Analyst",
        )
    )
    bob = contacts.create(make_draft(given_name="Bob", family_name="Babbage", emails=[],
                                     phones=[], uid="urn:uuid:bob"))  # fmt: skip
    carol = contacts.create(make_draft(given_name="Carol", family_name="Lovelace", emails=[],
                                       phones=[], uid="urn:uuid:carol"))  # fmt: skip
    interactions = InteractionService(database=database, clock=clock)
    interactions.log(InteractionDraft([ada], summary="Alone", follow_up_on=dt.date(2026, 12, 5),
                                      value=Value.RECEIVED))  # fmt: skip
    interactions.log(InteractionDraft([ada, bob], summary="Together"))
    MilestoneService(database=database, clock=clock).add(
        MilestoneDraft(ada, MilestoneKind.AWARD, dt.date(2026, 11, 1), "Medal")
    )
    ReminderService(database=database, clock=clock).set_tag_cadence("only-ada", 14)
    with database.atomic():
        job_store.replace(
            database,
            {ada: [Stint(Role("Engines", "Analyst"), dt.date(2025, 1, 1), dt.date(2026, 1, 1))]},
        )
        add_source(database, ada, file_name="a.vcf", format_name="vCard", at=clock.now())
    DuplicateService(database=database, clock=clock).mark_not_the_same(ada, carol)
    EventService(database=database, clock=clock).add(
        EventDraft("Salon", dt.date(2026, 12, 1), dt.date(2026, 12, 2),
                   attendees=(Attendee(contact_id=ada), Attendee(contact_id=bob)))
    )  # fmt: skip
    return ada, bob, carol


def test_deleting_then_restoring_puts_every_row_back_under_the_same_ids(database, contacts, filled):
    ada, _bob, _carol = filled
    before = dump(database)
    snapshot = contacts.delete([ada])
    after_delete = dump(database)
    assert after_delete["interaction"] != before["interaction"]  # "Alone" went with her
    assert not any("only-ada" in row for row in after_delete["tag"])
    assert contacts.restore(snapshot) == [ada]
    assert dump(database) == before
    assert contacts.get(ada).draft.photo == PHOTO


def test_several_contacts_sharing_an_interaction_come_back_together(database, contacts, filled):
    ada, bob, carol = filled
    before = dump(database)
    snapshot = contacts.delete([bob, ada, carol])
    assert contacts.count() == 0
    assert contacts.restore(snapshot) == [bob, ada, carol]
    assert dump(database) == before


def test_an_id_taken_meanwhile_gives_the_contact_a_new_one_and_its_rows_follow(
    database, contacts, filled
):
    last = contacts.create(make_draft(given_name="Zed", emails=[], phones=[], uid="urn:uuid:z"))
    snapshot = contacts.delete([last])
    newcomer = contacts.create(make_draft(given_name="Yan", emails=[], phones=[]))
    assert newcomer == last  # SQLite gave the free id again
    [back] = contacts.restore(snapshot)
    assert back != last
    assert contacts.get(back).draft.given_name == "Zed"
    assert contacts.get(newcomer).draft.given_name == "Yan"
    assert [e.value for e in contacts.get(back).draft.emails] == []


def test_unmerging_gives_back_both_contacts_as_they_were(database, clock, contacts, filled):
    ada, bob, _carol = filled
    duplicates = DuplicateService(database=database, clock=clock)
    before = dump(database)
    merged = duplicates.merge(bob, ada, take_from_other=["title"])
    assert contacts.count() == 2
    assert duplicates.unmerge(merged) == (bob, ada)
    assert dump(database) == before


def test_every_table_that_refers_to_a_contact_is_in_a_snapshot(database):
    referring = {
        table
        for (table,) in database.execute_sql("SELECT name FROM sqlite_master WHERE type='table'")
        for reference in database.execute_sql(f"PRAGMA foreign_key_list({table})")
        if reference[2] == "contact"
    }
    assert referring == {*snapshots.OWNED_BY_CONTACT, "not_duplicate", "event_attendee"}


def test_the_goal_links_of_the_interactions_that_went_come_back(database, clock, contacts, filled):
    from networker.domain.goals import GoalDraft, TargetDraft, TargetKind
    from networker.services.goals import GoalService

    ada, bob, _carol = filled
    goals = GoalService(database=database, clock=clock)
    only = (TargetDraft(TargetKind.INTERACTIONS, 5, only_linked=True),)
    goal_id = goals.add(GoalDraft("Mentor", only, dt.date(2026, 11, 1), dt.date(2026, 11, 30)))
    alone, together = [row[0] for row in database.execute_sql(
        "SELECT id FROM interaction ORDER BY id")]  # fmt: skip
    goals.link(goal_id, "interaction", [alone, together])
    before = dump(database)
    assert goals.progress_of(goal_id).targets[0].count == 2
    snapshot = contacts.delete([ada])  # "Alone" goes with her, "Together" stays with Bob
    assert goals.progress_of(goal_id).targets[0].count == 1
    contacts.restore(snapshot)
    assert dump(database) == before
    assert goals.progress_of(goal_id).targets[0].count == 2
    assert bob
