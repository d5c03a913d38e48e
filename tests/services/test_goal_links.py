"""Linking interactions and events to goals as part of saving them, and a deleted goal
taken out whole and put back (Undo): targets, manual numbers, links, past periods."""

import dataclasses
import datetime as dt

import pytest

from networker.domain.events import EventDraft, EventKind
from networker.domain.goals import GoalDraft, PastPeriod, Period, TargetDraft, TargetKind
from networker.domain.interactions import InteractionDraft, InteractionKind
from networker.services.events import EventService
from networker.services.goals import GoalNotFoundError, GoalService
from networker.services.interactions import InteractionService
from networker.storage import goals as goal_store
from networker.storage.db import write_transaction
from tests.conftest import make_draft

NOVEMBER = dict(starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 11, 30))


@pytest.fixture
def goals(database, clock, changes):
    return GoalService(database=database, clock=clock, on_change=changes.append)


@pytest.fixture
def interactions(database, clock, changes):
    return InteractionService(database=database, clock=clock, on_change=changes.append)


@pytest.fixture
def events(database, clock, changes):
    return EventService(database=database, clock=clock, on_change=changes.append)


def goal(title="Find a mentor", *targets):
    targets = targets or (TargetDraft(TargetKind.INTERACTIONS, 3, only_linked=True),)
    return GoalDraft(title=title, targets=targets, **NOVEMBER)


def coffee(people, **fields):
    when = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)
    return InteractionDraft(list(people), InteractionKind.COFFEE_CHAT, occurred_at=when, **fields)


def counts(goals, goal_id):
    return [t.count for t in goals.progress_of(goal_id).targets]


def test_an_interaction_logged_with_goals_counts_for_them(goals, contacts, interactions, changes):
    ada = contacts.create(make_draft())
    mentor, job = goals.add(goal()), goals.add(goal("New role"))
    logged = interactions.log(coffee([ada], goal_ids=(mentor,)))
    assert changes[-1].goals and changes[-1].interactions
    assert counts(goals, mentor) == [1] and counts(goals, job) == [0]
    assert interactions.get(logged).draft.goal_ids == (mentor,)
    # An edit that says nothing of goals leaves the links; one that does sets them.
    interactions.update(logged, coffee([ada], summary="notes"))
    assert interactions.get(logged).draft.goal_ids == (mentor,)
    interactions.update(logged, coffee([ada], goal_ids=(job,)))
    assert counts(goals, mentor) == [0] and counts(goals, job) == [1]
    # Deleted and logged again (Undo): the links come back with it.
    again = interactions.restore(interactions.delete(logged))
    assert interactions.get(again).draft.goal_ids == (job,)
    assert counts(goals, job) == [1]


def test_goal_links_do_not_make_two_drafts_differ(contacts):
    ada = contacts.create(make_draft())
    assert coffee([ada], goal_ids=(1,)) == coffee([ada])


def test_an_event_saved_with_goals_is_linked_and_a_deleted_one_comes_back_linked(goals, events):
    mentor = goals.add(goal())
    start = dt.datetime(2026, 12, 3, 18, tzinfo=dt.UTC)
    draft = EventDraft("PMI chapter", start, start + dt.timedelta(hours=2),
                       kind=EventKind.MEETUP, goal_ids=(mentor,))  # fmt: skip
    event_id = events.add(draft)
    assert events.get(event_id).draft.goal_ids == (mentor,)
    assert goals.linked(mentor).events == ((event_id, "PMI chapter"),)
    events.update(event_id, dataclasses.replace(draft, title="PMI", goal_ids=None))
    assert events.get(event_id).draft.goal_ids == (mentor,)
    record = events.delete(event_id)
    assert goals.linked(mentor).events == ()
    back = events.add(record.draft)
    assert goals.linked(mentor).events == ((back, "PMI"),)
    events.update(back, dataclasses.replace(record.draft, goal_ids=()))
    assert goals.linked(mentor).events == ()
    assert [t for _i, t, _s in events.goal_choices()] == ["Find a mentor"]


def test_the_linked_items_are_listed_newest_first_to_open(goals, contacts, interactions, events):
    ada = contacts.create(make_draft())
    mentor = goals.add(goal())
    interactions.log(coffee([ada], summary="CV", goal_ids=(mentor,)))
    start = dt.datetime(2026, 12, 3, 18, tzinfo=dt.UTC)
    event_id = events.add(EventDraft("PMI chapter", start, start + dt.timedelta(hours=2),
                                     goal_ids=(mentor,)))  # fmt: skip
    items = goals.linked(mentor).items
    assert [(i.kind, i.title) for i in items] == [
        ("event", "PMI chapter"),
        ("interaction", "coffee chat: Ada Lovelace — CV"),
    ]
    assert items[0].id == event_id and items[1].contact_id == ada


def test_a_goal_taken_out_is_put_back_whole_under_its_id(
    goals, contacts, interactions, database, clock
):
    ada = contacts.create(make_draft())
    bob = contacts.create(make_draft(given_name="Bob", tags=[]))
    targets = (
        TargetDraft(TargetKind.INTERACTIONS, 3, only_linked=True),
        TargetDraft(TargetKind.MANUAL, 5, manual_count=2),
    )
    kept_goal = goals.add(goal("Other"))
    goal_id = goals.add(goal("Find a mentor", *targets))
    goals.link(goal_id, "contact", [ada, bob])
    interactions.log(coffee([ada], goal_ids=(goal_id,)))
    past = PastPeriod(Period(dt.date(2026, 10, 1), dt.date(2026, 10, 31)), True, ((3, 3),))
    with write_transaction(database):
        goal_store.close_period(database, goal_id, past, now=clock.now())
    before = goals.get(goal_id)
    linked = goals.linked(goal_id)
    kept = goals.take_out(goal_id)
    with pytest.raises(GoalNotFoundError):
        goals.get(goal_id)
    contacts.delete([bob])  # gone meanwhile: its link stays gone
    assert goals.put_back(kept) == goal_id
    assert goals.get(goal_id) == before  # targets (their ids, the manual 2) and all
    assert [n for _i, n in goals.linked(goal_id).contacts] == ["Ada Lovelace"]
    assert goals.linked(goal_id).interactions == linked.interactions == 1
    assert goal_store.history(database, goal_id) == [past]
    assert [g.id for g in goals.goals()] == [kept_goal, goal_id]  # in its place
    assert counts(goals, goal_id) == [1, 2]


def test_a_goal_whose_id_was_taken_meanwhile_comes_back_under_a_new_one(goals):
    goal_id = goals.add(goal("Last"))
    kept = goals.take_out(goal_id)
    taken = goals.add(goal("Newer"))  # SQLite gives the freed highest id again
    assert taken == goal_id
    back = goals.put_back(kept)
    assert back != goal_id
    assert goals.get(back).draft.title == "Last"
    assert goals.get(back).draft.targets[0].kind is TargetKind.INTERACTIONS
