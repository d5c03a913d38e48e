"""What needs the user, and when: follow-ups and thank-yous as stored, keep-in-touch and
birthdays computed from the contacts (their state stored once acted on), each done,
snoozed or dismissed, and notified once per due time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import ChangeListener, Changes, ignore_changes
from networker.domain.contacts import parse_birthday
from networker.domain.interactions import InteractionKind
from networker.domain.reminders import (
    MORNING,
    ReminderKind,
    Snooze,
    effective_cadence,
    keep_in_touch_due,
    next_birthday,
    snooze_day,
)
from networker.storage import reminders as store
from networker.storage.db import write_transaction

# Reminders computed from the contacts; their state is stored when the user acts.
COMPUTED = (ReminderKind.KEEP_IN_TOUCH, ReminderKind.BIRTHDAY)


@dataclass(frozen=True)
class DueReminder:
    """One thing to do. ``key`` names it for done/snooze/dismiss: a stored reminder's
    id, or a computed one's (kind, contact, occurrence) until it is stored."""

    kind: ReminderKind
    title: str
    due: dt.datetime  # aware, UTC
    contact_id: int | None
    occurrence: str
    reminder_id: int | None = None
    notified: bool = False

    @property
    def key(self) -> tuple[str, int | None, str]:
        return (self.kind.value, self.contact_id, self.occurrence)


@dataclass(frozen=True)
class ReminderContext:
    """What a due reminder's notification says about its contact, as plain text."""

    how_we_met: str
    last_on: dt.date | None  # the local day of the latest interaction (None: never)
    last_interaction: str  # its summary, else its kind
    other_follow_ups: tuple[str, ...]  # the contact's other open follow-ups, earliest first


def _subject(summary: str, kind: str) -> str:
    """An interaction in a few words: its summary, else its kind."""
    if summary:
        return summary
    try:
        return InteractionKind(kind).label
    except ValueError:
        return kind


class ReminderService:
    def __init__(
        self, *, database: SqliteDatabase, clock: Clock, on_change: ChangeListener = ignore_changes
    ) -> None:
        self._db = database
        self._clock = clock
        self._on_change = on_change

    # Reading

    def due(self, until: dt.datetime | None = None) -> list[DueReminder]:
        """Open reminders due by ``until`` (default: now), earliest first."""
        until = until or self._clock.now()
        found = [
            DueReminder(
                ReminderKind(r.kind),
                r.title,
                r.effective_due,
                r.contact_id,
                r.occurrence,
                r.id,
                r.notified_at is not None,
            )
            for r in store.open_until(self._db, until)
            if ReminderKind(r.kind) not in COMPUTED
        ]
        found += self._keep_in_touch(until) + self._birthdays(until)
        return sorted(found, key=lambda r: (r.due, r.title))

    def _keep_in_touch(self, until: dt.datetime) -> list[DueReminder]:
        rows = store.keep_in_touch_rows(self._db)
        kind = ReminderKind.KEEP_IN_TOUCH
        stored = store.for_occurrences(self._db, kind.value, [r.contact_id for r in rows])
        found = []
        for row in rows:
            tagged = [row.tag_cadence] if row.tag_cadence else []
            cadence = effective_cadence(row.own_cadence, tagged)
            if cadence is None:
                continue
            due = keep_in_touch_due(cadence, row.last_interaction, row.created_at)
            occurrence = due.date().isoformat()
            title = f"Keep in touch with {row.name} (every {cadence} days)"
            if reminder := self._computed(kind, row.contact_id, occurrence, title, due, stored):
                if reminder.due <= until:
                    found.append(reminder)
        return found

    def _birthdays(self, until: dt.datetime) -> list[DueReminder]:
        kind = ReminderKind.BIRTHDAY
        rows = store.birthday_rows(self._db)
        stored = store.for_occurrences(self._db, kind.value, [row[0] for row in rows])
        local = self._clock.local_now()
        found = []
        for contact_id, name, text in rows:
            try:
                birthday = parse_birthday(text)
            except ValueError:
                continue
            # This year's (or next) birthday; one passed in the last days still shows
            # until it is done, so a birthday during a week away is not lost.
            day = next_birthday(birthday.month, birthday.day, local.date() - dt.timedelta(days=7))
            due = self._clock.at(day, MORNING)
            title = f"{name}'s birthday" + (f" ({day:%d %B})" if day != local.date() else " today")
            reminder = self._computed(kind, contact_id, str(day.year), title, due, stored)
            if reminder and reminder.due <= until:
                found.append(reminder)
        return found

    @staticmethod
    def _computed(
        kind: ReminderKind,
        contact_id: int,
        occurrence: str,
        title: str,
        due: dt.datetime,
        stored: dict[tuple[int, str], store.StoredReminder],
    ) -> DueReminder | None:
        known = stored.get((contact_id, occurrence))
        if known is None:
            return DueReminder(kind, title, due, contact_id, occurrence)
        if known.state != "open":
            return None  # done or dismissed
        return DueReminder(
            kind, title, known.effective_due, contact_id, occurrence, known.id,
            known.notified_at is not None,
        )  # fmt: skip

    def next_due(self, after: dt.datetime | None = None) -> dt.datetime | None:
        """When the next reminder not yet notified comes due (after ``after``, if
        given): the scheduler's one timer is set for it."""
        return self.due_and_next(after)[1]

    def due_and_next(
        self, now: dt.datetime | None = None
    ) -> tuple[list[DueReminder], dt.datetime | None]:
        """What is due by ``now`` (default: the clock's) and when the next reminder not
        yet notified comes due after it, from one reading (each reading computes keep in
        touch and birthdays for the whole network)."""
        upcoming = self.due(self._clock.now() + dt.timedelta(days=400))
        cutoff = now or self._clock.now()
        pending = [r.due for r in upcoming if not r.notified and (now is None or r.due > now)]
        return [r for r in upcoming if r.due <= cutoff], min(pending, default=None)

    def contexts(
        self, reminders: Sequence[DueReminder]
    ) -> dict[tuple[str, int | None, str], ReminderContext]:
        """The context of each reminder with a contact, by its key: how the user met
        them, their latest interaction, and their other open follow-ups."""
        ids = sorted({r.contact_id for r in reminders if r.contact_id is not None})
        rows = store.context_rows(self._db, ids)
        found = {}
        for reminder in reminders:
            row = rows.get(reminder.contact_id) if reminder.contact_id is not None else None
            if row is None:
                continue
            found[reminder.key] = ReminderContext(
                how_we_met=row.how_we_met.strip(),
                last_on=self._clock.local(row.last_at).date() if row.last_at else None,
                last_interaction=_subject(row.last_summary, row.last_kind),
                other_follow_ups=tuple(
                    _subject(summary, kind)
                    for reminder_id, summary, kind in row.follow_ups
                    if reminder_id != reminder.reminder_id
                ),
            )
        return found

    # Acting on reminders

    def done(self, reminder: DueReminder) -> None:
        self._set(reminder, "done")

    def dismiss(self, reminder: DueReminder) -> None:
        self._set(reminder, "dismissed")

    def snooze(self, reminder: DueReminder, choice: Snooze | dt.datetime) -> dt.datetime:
        """Due again later (``choice``, or a chosen instant); returns when."""
        if not isinstance(choice, Snooze):
            until = choice
        elif (day := snooze_day(choice, self._clock.today())) is None:
            until = self._clock.now() + dt.timedelta(hours=1)
        else:
            until = self._clock.at(day, MORNING)
        with write_transaction(self._db):
            store.snooze(self._db, self._stored(reminder), until)
        self._on_change(Changes(reminders=True))
        return until

    def mark_notified(self, reminders: Sequence[DueReminder]) -> None:
        """Each is notified once per due time, across restarts."""
        with write_transaction(self._db):
            ids = [self._stored(reminder) for reminder in reminders]
            store.mark_notified(self._db, ids, self._clock.now())

    def _set(self, reminder: DueReminder, state: str) -> None:
        with write_transaction(self._db):
            store.set_state(self._db, self._stored(reminder), state)
        self._on_change(Changes(reminders=True))

    def _stored(self, reminder: DueReminder) -> int:
        """The stored row of a reminder (a computed one is stored on first use)."""
        if reminder.reminder_id is not None:
            return reminder.reminder_id
        return store.add(
            self._db,
            kind=reminder.kind.value,
            contact_id=reminder.contact_id,
            occurrence=reminder.occurrence,
            title=reminder.title,
            due_at=reminder.due,
            now=self._clock.now(),
        )

    # Cadence of a tag

    def set_tag_cadence(self, tag: str, cadence_days: int | None) -> None:
        """Contacts with this tag and no cadence of their own are kept in touch with
        every ``cadence_days`` days (None: the tag sets none)."""
        if cadence_days is not None and cadence_days <= 0:
            raise ValueError("A keep-in-touch cadence is a number of days above zero.")
        with write_transaction(self._db):
            store.set_tag_cadence(self._db, tag, cadence_days)
        self._on_change(Changes(reminders=True, all_contacts=True))

    def tag_cadences(self) -> dict[str, int]:
        return store.tag_cadences(self._db)
