"""The calendar: adding, changing and deleting events (one occurrence of a series or the
whole series), and the occurrences of a window of days, recurring ones expanded for that
window only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import ChangeListener, Changes, ignore_changes
from networker.domain.events import (
    EventDraft,
    EventRecord,
    EventValidationError,
    InterviewStage,
    Occurrence,
    When,
    validate,
)
from networker.domain.recurrence import expand
from networker.storage import events as store
from networker.storage import goal_links
from networker.storage.db import write_transaction


class EventExistsError(Exception):
    """The event (its uid and occurrence) is in the calendar already: added or imported
    again meanwhile, so a deleted one cannot come back beside it."""


class EventNotFoundError(Exception):
    def __init__(self, event_id: int) -> None:
        super().__init__("This event no longer exists; it may have been deleted.")
        self.event_id = event_id


def _day(value: When) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def occurrences_between(
    db: SqliteDatabase,
    clock: Clock,
    after: dt.datetime,
    before: dt.datetime,
    *,
    reminded_only: bool = False,
) -> list[Occurrence]:
    """The occurrences that overlap [after, before) (aware instants), by start;
    ``reminded_only``: of the events that have a reminder (what the scheduler needs)."""
    return _Window(clock, after, before).occurrences(
        store.in_span(db, after, before, reminded_only=reminded_only), db
    )


class _Window:
    """Occurrences of stored events within one window, in the local zone of ``clock``."""

    def __init__(self, clock: Clock, after: dt.datetime, before: dt.datetime) -> None:
        self._clock = clock
        self._after = after
        self._before = before

    def occurrences(self, records: list[EventRecord], db: SqliteDatabase) -> list[Occurrence]:
        after, before = self._after, self._before
        series = [r.id for r in records if r.draft.rrule]
        replaced = store.replaced_starts(db, series) if series else {}
        found: list[Occurrence] = []
        for record in records:
            found.extend(self._occurrences(record, after, before, replaced.get(record.id, set())))
        found.sort(key=Occurrence.key)
        return found

    def _occurrences(
        self, record: EventRecord, after: dt.datetime, before: dt.datetime, replaced: set[str]
    ) -> list[Occurrence]:
        draft = record.draft
        if not draft.rrule:
            occurrence = self._occurrence(record, draft.start, draft.recurrence_id)
            return [occurrence] if self._overlaps(occurrence, after, before) else []
        aware = isinstance(draft.start, dt.datetime) and draft.start.tzinfo is not None
        low, high = (after, before) if aware else (self._wall(after), self._wall(before))
        starts = expand(
            draft.start, draft.duration, draft.rrule, after=low, before=high,
            exdates=draft.exdates,
        )  # fmt: skip
        duration = draft.duration
        return [
            self._occurrence(record, start, start, duration)
            for start in starts
            if not replaced or store.time_text(start) not in replaced
        ]

    def _occurrence(
        self,
        record: EventRecord,
        start: When,
        original: When | None,
        duration: dt.timedelta | None = None,
    ) -> Occurrence:
        draft = record.draft
        duration = draft.duration if duration is None else duration
        if isinstance(start, dt.datetime):
            shown_start: When = self._aware(start)
            shown_end: When = self._aware(start + duration)
        else:
            shown_start, shown_end = start, start + dt.timedelta(days=duration.days)
        return Occurrence(
            event_id=record.id,
            series_id=record.series_id or record.id,
            title=draft.title,
            kind=draft.kind,
            start=shown_start,
            end=shown_end,
            recurring=bool(draft.rrule) or record.series_id is not None,
            original_start=original if original is not None else start,
            location=draft.location,
            reminder_minutes=draft.reminder_minutes,
            stage=draft.stage,
        )

    def _overlaps(self, occurrence: Occurrence, after: dt.datetime, before: dt.datetime) -> bool:
        start, end = occurrence.start, occurrence.end
        if not isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
            last = max(_day(end), _day(start) + dt.timedelta(days=1))  # the end is exclusive
            return (
                self._clock.day_start(_day(start)) < before and self._clock.day_start(last) > after
            )
        if end > start:
            return start < before and end > after
        return after <= start < before

    def _aware(self, value: dt.datetime) -> dt.datetime:
        """A floating time as this computer's local time; an aware one as it is."""
        if value.tzinfo is not None:
            return value
        return self._clock.at(value.date(), value.time())

    def _wall(self, instant: dt.datetime) -> dt.datetime:
        return self._clock.local(instant).replace(tzinfo=None)


class EventService:
    """The only way the window and the command line read and write events."""

    def __init__(
        self, *, database: SqliteDatabase, clock: Clock, on_change: ChangeListener = ignore_changes
    ) -> None:
        self._db = database
        self._clock = clock
        self._on_change = on_change

    # Reading

    def get(self, event_id: int) -> EventRecord:
        """The event, with the goals it is linked to."""
        record = store.load(self._db, event_id)
        if record is None:
            raise EventNotFoundError(event_id)
        goals = tuple(goal_links.goals_of(self._db, "event", [event_id]))
        return replace(record, draft=replace(record.draft, goal_ids=goals))

    def goal_choices(self) -> list[tuple[int, str, str]]:
        """The goals an event can be linked to: id, title and status in words."""
        from networker.storage import goals as goal_store  # with the goals, not at start

        return [(i, t, s.label) for i, t, s in goal_store.choices(self._db)]

    def groups(self) -> list[str]:
        """Organizing groups of earlier events, most used first."""
        return store.groups(self._db)

    def of_contact(self, contact_id: int) -> list[EventRecord]:
        """The events a contact attends, newest first."""
        return store.of_contact(self._db, contact_id)

    def edited_occurrences(self, series_id: int) -> list[EventRecord]:
        """The occurrences of a series edited on their own (a series deleted and
        brought back by Undo brings them back too)."""
        return store.edited_occurrences(self._db, series_id)

    def between_days(self, first: dt.date, last: dt.date) -> list[Occurrence]:
        """The occurrences that touch the local days ``first`` through ``last``, by start."""
        return self.between(
            self._clock.day_start(first), self._clock.day_start(last + dt.timedelta(days=1))
        )

    def agenda(self, first: dt.date, days: int) -> list[Occurrence]:
        """What takes place from the local day ``first`` through the ``days`` after it
        (``days`` = 14: today and the next two weeks)."""
        return self.between_days(first, first + dt.timedelta(days=days))

    def between(self, after: dt.datetime, before: dt.datetime) -> list[Occurrence]:
        """The occurrences that overlap [after, before) (aware instants)."""
        return occurrences_between(self._db, self._clock, after, before)

    # Writing

    def check(self, draft: EventDraft) -> None:
        problems = validate(draft)
        if problems:
            raise EventValidationError(problems)

    def add(self, draft: EventDraft) -> int:
        self.check(draft)
        with write_transaction(self._db):
            recurrence = "" if draft.recurrence_id is None else store.time_text(draft.recurrence_id)
            if draft.uid and store.by_uid(self._db, draft.uid, recurrence) is not None:
                raise EventExistsError(f"“{draft.title}” is in the calendar again.")
            event_id = store.insert(self._db, draft, now=self._clock.now())
            if draft.goal_ids:
                goal_links.set_goals_of(self._db, "event", event_id, draft.goal_ids)
        self._changed(draft.contact_ids, goals=bool(draft.goal_ids))
        return event_id

    def update(self, event_id: int, draft: EventDraft) -> None:
        """The event (a whole series, when it is one) says what ``draft`` says."""
        self.check(draft)
        before = self.get(event_id)
        kept = replace(draft, uid=before.draft.uid, recurrence_id=before.draft.recurrence_id)
        with write_transaction(self._db):
            store.update(self._db, event_id, kept, now=self._clock.now())
            if draft.goal_ids is not None:  # None: the links stay as they are
                goal_links.set_goals_of(self._db, "event", event_id, draft.goal_ids)
        self._changed(
            before.draft.contact_ids + draft.contact_ids, goals=draft.goal_ids is not None
        )

    def delete(self, event_id: int) -> EventRecord:
        """Delete an event (a series with its edited occurrences); returns what it was."""
        record = self.get(event_id)
        with write_transaction(self._db):
            store.delete(self._db, event_id)
        self._changed(record.draft.contact_ids)
        return record

    def edit_occurrence(self, series_id: int, original_start: When, draft: EventDraft) -> int:
        """One occurrence of a series says what ``draft`` says, the others stay; returns
        the id of the event that now stands for it."""
        self.check(replace(draft, rrule=""))
        series = self.get(series_id)
        existing = store.occurrence_of(self._db, series_id, original_start)
        alone = replace(
            draft, rrule="", exdates=(), uid=series.draft.uid, recurrence_id=original_start
        )
        with write_transaction(self._db):
            if existing is not None:
                store.update(self._db, existing, alone, now=self._clock.now())
                event_id = existing
            else:
                event_id = store.insert(self._db, alone, now=self._clock.now(), series_id=series_id)
        self._changed(series.draft.contact_ids + draft.contact_ids)
        return event_id

    def delete_occurrence(self, series_id: int, original_start: When) -> None:
        """Take one occurrence out of a series (EXDATE); an edited one goes too."""
        series = self.get(series_id)
        existing = store.occurrence_of(self._db, series_id, original_start)
        exdates = tuple(dict.fromkeys((*series.draft.exdates, original_start)))
        with write_transaction(self._db):
            if existing is not None:
                store.delete(self._db, existing)
            store.set_exdates(self._db, series_id, exdates)
        self._changed(series.draft.contact_ids)

    def set_stage(self, event_id: int, stage: InterviewStage | None) -> None:
        record = self.get(event_id)
        with write_transaction(self._db):
            store.set_stage(self._db, event_id, stage, now=self._clock.now())
        self._changed(record.draft.contact_ids)

    def _changed(self, contact_ids: Sequence[int], *, goals: bool = False) -> None:
        self._on_change(
            Changes(events=True, reminders=True, contact_ids=frozenset(contact_ids), goals=goals)
        )
