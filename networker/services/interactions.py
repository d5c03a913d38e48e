"""Logging what the user did with whom, and what follows from it: a follow-up reminder,
a "say thank you" for help received (closed by a thank-you), a reset keep-in-touch, and
the congratulations for their news closed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import ChangeListener, Changes, ignore_changes
from networker.domain.interactions import (
    Balance,
    InteractionDraft,
    InteractionKind,
    InteractionRecord,
    InteractionValidationError,
    Owed,
    Value,
    balance,
    validate,
)
from networker.domain.reminders import MORNING, ReminderKind
from networker.storage import contacts as contact_store
from networker.storage import goal_links
from networker.storage import interactions as store
from networker.storage import milestones as milestone_store
from networker.storage import reminders as reminder_store
from networker.storage.db import write_transaction

# The reciprocity balance looks this far back.
BALANCE_PERIOD = dt.timedelta(days=365)


class InteractionNotFoundError(Exception):
    def __init__(self, interaction_id: int) -> None:
        super().__init__("This interaction no longer exists; it may have been deleted.")
        self.interaction_id = interaction_id


class InteractionService:
    """The only way the window and the command line log, change and delete interactions."""

    def __init__(
        self, *, database: SqliteDatabase, clock: Clock, on_change: ChangeListener = ignore_changes
    ) -> None:
        self._db = database
        self._clock = clock
        self._on_change = on_change

    # Reading

    def get(self, interaction_id: int) -> InteractionRecord:
        record = store.load(self._db, interaction_id)
        if record is None:
            raise InteractionNotFoundError(interaction_id)
        return record

    def timeline(self, contact_id: int) -> list[InteractionRecord]:
        """A contact's interactions, newest first."""
        return store.timeline(self._db, contact_id)

    def balance(self, contact_id: int) -> Balance:
        """Value given and received over the last 12 months."""
        since = self._clock.now() - BALANCE_PERIOD
        return balance(store.values_since(self._db, contact_id, since))

    def owed_back(self, limit: int) -> tuple[list[Owed], int]:
        """Who helped over the last 12 months and got nothing back since (the longest
        waiting first, at most ``limit``), and how many in all: a nudge to give back."""
        return store.owed_back(self._db, self._clock.now() - BALANCE_PERIOD, limit)

    # Writing: one transaction each

    def log(self, draft: InteractionDraft) -> int:
        """Record an interaction; its follow-up date and a favour received become
        reminders, and a thank-you closes the open "say thank you" ones."""
        self.check(draft)
        now = self._clock.now()
        occurred = draft.occurred_at or now
        with write_transaction(self._db):
            interaction_id = store.insert(self._db, draft, occurred_at=occurred, now=now)
            if draft.goal_ids:
                goal_links.set_goals_of(self._db, "interaction", interaction_id, draft.goal_ids)
            self._follow_from(interaction_id, draft, now)
        self._changed(draft.contact_ids, goals=bool(draft.goal_ids))
        return interaction_id

    def update(self, interaction_id: int, draft: InteractionDraft) -> None:
        self.check(draft)
        before = self.get(interaction_id)
        now = self._clock.now()
        with write_transaction(self._db):
            store.update(self._db, interaction_id, draft, occurred_at=draft.occurred_at or now)
            if draft.goal_ids is not None:  # None: the links stay as they are
                goal_links.set_goals_of(self._db, "interaction", interaction_id, draft.goal_ids)
            # What it implies is made again from what it says now (open ones only:
            # a reminder already done stays done).
            for kind in (ReminderKind.FOLLOW_UP, ReminderKind.THANK_YOU):
                reminder_store.delete_for_interaction(self._db, interaction_id, kind.value)
            self._follow_from(interaction_id, draft, now)
        self._changed(
            [*before.draft.contact_ids, *draft.contact_ids], goals=draft.goal_ids is not None
        )

    def delete(self, interaction_id: int) -> InteractionRecord:
        """Delete one interaction; returns it, so that it can be logged again (Undo)."""
        record = self.get(interaction_id)
        with write_transaction(self._db):
            store.delete(self._db, interaction_id)  # its reminders go with it
        self._changed(record.draft.contact_ids)
        return record

    def restore(self, record: InteractionRecord) -> int:
        """Log a deleted interaction again, as it was (its contacts that still exist)."""
        alive = [i for i in record.draft.contact_ids if contact_store.contact_exists(self._db, i)]
        return self.log(dataclasses.replace(record.draft, contact_ids=alive))

    def _follow_from(self, interaction_id: int, draft: InteractionDraft, now: dt.datetime) -> None:
        names = self._names(draft.contact_ids)
        for contact_id in dict.fromkeys(draft.contact_ids):
            name = names.get(contact_id, "")
            if draft.follow_up_on is not None:
                reminder_store.add(
                    self._db,
                    kind=ReminderKind.FOLLOW_UP.value,
                    contact_id=contact_id,
                    interaction_id=interaction_id,
                    occurrence=f"interaction:{interaction_id}",
                    title=f"Follow up with {name}: {draft.summary or draft.kind.label}",
                    # A date in the past is allowed: due at once.
                    due_at=self._clock.at(draft.follow_up_on, MORNING),
                    now=now,
                )
            if draft.value is Value.RECEIVED:
                reminder_store.add(
                    self._db,
                    kind=ReminderKind.THANK_YOU.value,
                    contact_id=contact_id,
                    interaction_id=interaction_id,
                    occurrence=f"interaction:{interaction_id}",
                    title=f"Say thank you to {name}"
                    + (f" for the {draft.value_kind}" if draft.value_kind else ""),
                    due_at=draft.occurred_at or now,
                    now=now,
                )
        if draft.kind is InteractionKind.THANK_YOU:
            reminder_store.close_open(self._db, ReminderKind.THANK_YOU.value, draft.contact_ids)
        # Being in touch after their news is the congratulation (whatever was said).
        day = self._clock.local(draft.occurred_at or now).date()
        milestone_store.close_congratulations(self._db, draft.contact_ids, day)

    def _names(self, contact_ids: Sequence[int]) -> dict[int, str]:
        return {i: s.name for i, s in contact_store.summaries(self._db, contact_ids).items()}

    def check(self, draft: InteractionDraft) -> None:
        """Raise InteractionValidationError if ``draft`` cannot be saved as it is."""
        problems = validate(draft)
        missing = [i for i in draft.contact_ids if not contact_store.contact_exists(self._db, i)]
        if missing and not problems:
            problems.append("A contact of this interaction no longer exists.")
        if problems:
            raise InteractionValidationError(problems)

    def _changed(self, contact_ids: Sequence[int], *, goals: bool = False) -> None:
        self._on_change(
            Changes(
                contact_ids=frozenset(contact_ids), interactions=True, reminders=True, goals=goals
            )
        )
