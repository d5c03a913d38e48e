"""Their news: adding, editing and deleting a contact's milestones, each with the
"congratulate" reminder it calls for (closed by the next interaction, or by Done), and
reading the job history imports keep."""

from __future__ import annotations

import datetime as dt

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import ChangeListener, Changes, ignore_changes
from networker.domain.jobs import Stint
from networker.domain.milestones import (
    MilestoneDraft,
    MilestoneRecord,
    MilestoneValidationError,
    congratulate_title,
    validate,
)
from networker.domain.reminders import MORNING
from networker.storage import contacts as contact_store
from networker.storage import jobs as job_store
from networker.storage import milestones as store
from networker.storage.db import write_transaction


class MilestoneNotFoundError(Exception):
    def __init__(self, milestone_id: int) -> None:
        super().__init__("This milestone no longer exists; it may have been deleted.")
        self.milestone_id = milestone_id


def record_milestone(
    db: SqliteDatabase, clock: Clock, draft: MilestoneDraft, *, congratulate: bool = True
) -> int:
    """Store a milestone and (unless it is old news) its congratulate reminder, inside
    the caller's transaction (the window's add, or an import that found a new job)."""
    now = clock.now()
    milestone_id = store.insert(db, draft, now=now)
    if not congratulate:
        return milestone_id
    store.add_congratulate(
        db,
        milestone_id=milestone_id,
        contact_id=draft.contact_id,
        title=congratulate_title(_name(db, draft.contact_id), draft),
        due_at=_due(clock, draft),
        now=now,
    )
    return milestone_id


def _due(clock: Clock, draft: MilestoneDraft) -> dt.datetime:
    # News announced for a later day is due that morning; news already out, at once.
    return max(clock.at(draft.happened_on, MORNING), clock.now())


def _name(db: SqliteDatabase, contact_id: int) -> str:
    found = contact_store.summaries(db, [contact_id]).get(contact_id)
    return found.name if found else ""


class MilestoneService:
    """The only way the window adds, changes and deletes milestones."""

    def __init__(
        self, *, database: SqliteDatabase, clock: Clock, on_change: ChangeListener = ignore_changes
    ) -> None:
        self._db = database
        self._clock = clock
        self._on_change = on_change

    def get(self, milestone_id: int) -> MilestoneRecord:
        record = store.load(self._db, milestone_id)
        if record is None:
            raise MilestoneNotFoundError(milestone_id)
        return record

    def of_contact(self, contact_id: int) -> list[MilestoneRecord]:
        """A contact's milestones, newest first."""
        return store.of_contact(self._db, contact_id)

    def job_history(self, contact_id: int) -> list[Stint]:
        """A contact's roles over time, oldest first (imports write it)."""
        return job_store.history(self._db, contact_id)

    def add(self, draft: MilestoneDraft) -> int:
        self._check(draft)
        with write_transaction(self._db):
            milestone_id = record_milestone(self._db, self._clock, draft)
        self._changed(draft.contact_id)
        return milestone_id

    def update(self, milestone_id: int, draft: MilestoneDraft) -> None:
        self._check(draft)
        self.get(milestone_id)
        with write_transaction(self._db):
            store.update(self._db, milestone_id, draft)
            title = congratulate_title(_name(self._db, draft.contact_id), draft)
            store.retitle_congratulate(
                self._db, milestone_id, title=title, due_at=_due(self._clock, draft)
            )
        self._changed(draft.contact_id)

    def delete(self, milestone_id: int) -> None:
        record = self.get(milestone_id)
        with write_transaction(self._db):
            store.delete(self._db, milestone_id)
        self._changed(record.draft.contact_id)

    def _check(self, draft: MilestoneDraft) -> None:
        problems = validate(draft)
        if not contact_store.contact_exists(self._db, draft.contact_id):
            problems.append("This contact no longer exists.")
        if problems:
            raise MilestoneValidationError(problems)

    def _changed(self, contact_id: int) -> None:
        # A milestone sits on the timeline and its reminder on Today.
        self._on_change(
            Changes(contact_ids=frozenset({contact_id}), milestones=True, reminders=True)
        )
