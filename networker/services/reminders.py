"""What needs the user, and when: follow-ups and thank-yous as stored, keep-in-touch and
birthdays computed from the contacts (their state stored once acted on), each done,
snoozed or dismissed, and notified once per due time."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import ChangeListener, Changes, ignore_changes
from networker.domain.contacts import parse_birthday
from networker.domain.interactions import InteractionKind
from networker.domain.reminders import (
    BIRTHDAY_GRACE_DAYS,
    MORNING,
    ReminderKind,
    Snooze,
    month_day_ranges,
    next_birthday,
    snooze_day,
)
from networker.storage import reminders as store
from networker.storage.db import write_transaction

if TYPE_CHECKING:
    from networker.domain.events import Occurrence
    from networker.domain.listing import ContactSummary

# Reminders computed from the contacts and the events; their state is stored when the
# user acts (or is told).
COMPUTED = (ReminderKind.KEEP_IN_TOUCH, ReminderKind.BIRTHDAY, ReminderKind.EVENT)
# How far the scheduler looks ahead for the next event reminder.
_EVENT_LOOKAHEAD = dt.timedelta(days=62)
STORED_KINDS = tuple(kind.value for kind in ReminderKind if kind not in COMPUTED)


@dataclass(frozen=True)
class ReminderUndo:
    """A reminder as it was before done, dismiss or snooze (ReminderService.undo)."""

    reminder_id: int
    state: tuple[object, ...] | None  # its stored state; None: stored by the action
    contact_id: int | None  # keep in touch: the contact whose reset time moved
    touch_reset_at: str | None


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
    event_id: int | None = None  # an event's reminder: the event (or occurrence) it is for

    @property
    def key(self) -> tuple[str, int | None, str]:
        return (self.kind.value, self.contact_id, self.occurrence)


@dataclass(frozen=True)
class SchedulerReading:
    due: list[DueReminder]  # the earliest due now
    count: int  # how many are due now in all
    fresh: list[DueReminder]  # due and not yet notified
    next_due: dt.datetime | None


@dataclass(frozen=True)
class Overview:
    """A screenful of what is due, and how many there are of each kind in all."""

    due: list[DueReminder]
    counts_now: dict[ReminderKind, int]
    counts_until: dict[ReminderKind, int]


@dataclass(frozen=True)
class ReminderContext:
    """What a due reminder's notification says about its contact, as plain text."""

    how_we_met: str
    last_on: dt.date | None  # the local day of the latest interaction (None: never)
    last_interaction: str  # its summary, else its kind
    other_follow_ups: tuple[str, ...]  # the contact's other open follow-ups, earliest first


def interaction_subject(summary: str, kind: str) -> str:
    """An interaction in a few words: its summary, else its kind."""
    if summary:
        return summary
    try:
        return InteractionKind(kind).label
    except ValueError:
        return kind


def _from_stored(stored: store.StoredReminder) -> DueReminder:
    """A stored reminder as the window and the scheduler see it."""
    return DueReminder(
        ReminderKind(stored.kind),
        stored.title,
        stored.effective_due,
        stored.contact_id,
        stored.occurrence,
        stored.id,
        stored.notified_at is not None,
    )


def _event_occurrence(occurrence: Occurrence) -> str:
    """Names one occurrence of an event: its series and the start it was planned for."""
    from networker.storage import events as event_store

    return f"{occurrence.series_id}:{event_store.time_text(occurrence.original_start)}"


class ReminderService:
    def __init__(
        self, *, database: SqliteDatabase, clock: Clock, on_change: ChangeListener = ignore_changes
    ) -> None:
        self._db = database
        self._clock = clock
        self._on_change = on_change

    # Reading

    def people(self, contact_ids: Sequence[int]) -> dict[int, ContactSummary]:
        """Who the reminders are for, as a list shows them (their organization and
        title tell apart people of one name)."""
        from networker.storage.contacts import summaries

        return summaries(self._db, contact_ids)

    def due(
        self, until: dt.datetime | None = None, *, per_kind: int | None = None
    ) -> list[DueReminder]:
        """Open reminders due by ``until`` (default: now), earliest first; with
        ``per_kind``, only the earliest so many of each kind."""
        until = until or self._clock.now()
        return self._due(until, per_kind, self._birthdays(until))

    def _due(
        self,
        until: dt.datetime,
        per_kind: int | None,
        birthdays: list[DueReminder],
        events: list[DueReminder] | None = None,
    ) -> list[DueReminder]:
        stored = store.open_until(self._db, until, per_kind=per_kind, kinds=STORED_KINDS)
        found = [_from_stored(r) for r in stored]
        found += self._keep_in_touch(until, per_kind) + birthdays[:per_kind]
        found += (self._events(until) if events is None else events)[:per_kind]
        return sorted(found, key=lambda r: (r.due, r.title))

    def overview(self, now: dt.datetime, until: dt.datetime, per_kind: int) -> Overview:
        """What Today shows: the earliest ``per_kind`` of each kind due by ``until``, and
        how many of each kind are due by ``now`` and by ``until`` (18,000 people overdue
        are a number and a link, not 18,000 rows). A few indexed queries."""
        return self._overview(now, until, per_kind, self._birthdays(until))

    def _overview(
        self, now: dt.datetime, until: dt.datetime, per_kind: int, birthdays: list[DueReminder]
    ) -> Overview:
        counts_now: dict[ReminderKind, int] = {}
        counts_until: dict[ReminderKind, int] = {}
        tallies = {kind: pair for kind, pair in store.count_open(self._db, now, until).items()}
        tallies[ReminderKind.KEEP_IN_TOUCH.value] = store.count_keep_in_touch(self._db, now, until)
        tallies[ReminderKind.BIRTHDAY.value] = (
            sum(1 for b in birthdays if b.due <= now), len(birthdays)
        )  # fmt: skip
        events = self._events(until)
        tallies[ReminderKind.EVENT.value] = (sum(1 for e in events if e.due <= now), len(events))
        for kind, (by_now, by_until) in tallies.items():
            if by_now:
                counts_now[ReminderKind(kind)] = by_now
            if by_until:
                counts_until[ReminderKind(kind)] = by_until
        return Overview(self._due(until, per_kind, birthdays, events), counts_now, counts_until)

    def _keep_in_touch(
        self, until: dt.datetime, limit: int | None = None, *, unnotified: bool = False
    ) -> list[DueReminder]:
        kind = ReminderKind.KEEP_IN_TOUCH
        found = []
        for row in store.keep_in_touch_until(self._db, until, limit=limit, unnotified=unnotified):
            occurrence = row.due_at.date().isoformat()
            title = f"Keep in touch with {row.name} (every {row.cadence_days} days)"
            stored = {(row.contact_id, occurrence): row.stored} if row.stored else {}
            if reminder := self._computed(kind, row.contact_id, occurrence, title, row.due_at,
                                          stored):  # fmt: skip
                if reminder.due <= until:
                    found.append(reminder)
        return found

    def _events(self, until: dt.datetime, *, after: dt.datetime | None = None) -> list[DueReminder]:
        """Reminders of events that have not ended, due by ``until`` (and after
        ``after``, if given), earliest first. Once an event is over its reminder is
        gone: what is left to do then is a follow-up."""
        # The calendar's modules (dateutil with them) wait until a reminder is read:
        # the window paints first (measured: 38 ms of imports).
        from networker.domain.events import REMINDER_MAX_MINUTES
        from networker.services.events import occurrences_between

        now = self._clock.now()
        lead = dt.timedelta(minutes=REMINDER_MAX_MINUTES)  # the earliest a reminder may be
        occurrences = occurrences_between(
            self._db, self._clock, now, until + lead, reminded_only=True
        )
        timed = [(o, _event_occurrence(o), self._event_due(o)) for o in occurrences]
        stored = store.for_event_occurrences(self._db, [key for _o, key, _due in timed])
        found = []
        for occurrence, key, due in timed:
            known = stored.get(key)
            if known is not None:
                if known.state != "open":
                    continue
                due = known.effective_due
            if due > until or (after is not None and due <= after):
                continue
            found.append(DueReminder(
                ReminderKind.EVENT, self._event_title(occurrence), due, None, key,
                known.id if known else None, bool(known and known.notified_at),
                occurrence.event_id,
            ))  # fmt: skip
        return sorted(found, key=lambda r: (r.due, r.title))

    def _event_due(self, occurrence: Occurrence) -> dt.datetime:
        start = occurrence.start
        if not isinstance(start, dt.datetime):  # all day: from that morning
            start = self._clock.at(start, MORNING)
        return start - dt.timedelta(minutes=occurrence.reminder_minutes or 0)

    def _event_title(self, occurrence: Occurrence) -> str:
        start = occurrence.start
        if isinstance(start, dt.datetime):
            local = self._clock.local(start)
            when = f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"
        else:
            when = f"{start:%a} {start.day} {start:%b}, all day"
        return f"{occurrence.title} ({when})"

    def _birthdays(self, until: dt.datetime) -> list[DueReminder]:
        kind = ReminderKind.BIRTHDAY
        # A birthday passed in the last days still shows until it is done, so one
        # during a week away is not lost.
        since = self._clock.today() - dt.timedelta(days=BIRTHDAY_GRACE_DAYS)
        last = self._clock.local(until).date()
        if last < since:
            return []
        rows = store.birthdays_on(self._db, month_day_ranges(since, last))
        stored = store.for_occurrences(self._db, kind.value, [row[0] for row in rows])
        today = self._clock.today()
        days = self._birthday_day
        found = []
        # A week's birthdays at 100,000 contacts are over a thousand: the loop is kept
        # lean (the stored forms end in "MM-DD"; the day's due time is cached).
        for contact_id, name, text in rows:
            try:
                month, day_of_month = int(text[-5:-3]), int(text[-2:])
                day, due, when = days(month, day_of_month, since, today)
            except ValueError:
                continue  # not a date (a damaged value): no reminder
            occurrence = str(day.year)
            if (known := stored.get((contact_id, occurrence))) is None:
                if due <= until:
                    found.append(DueReminder(kind, f"{name}'s birthday{when}", due, contact_id,
                                             occurrence))  # fmt: skip
            elif known.state == "open" and known.effective_due <= until:
                found.append(DueReminder(
                    kind, f"{name}'s birthday{when}", known.effective_due, contact_id,
                    occurrence, known.id, known.notified_at is not None,
                ))  # fmt: skip
        return sorted(found, key=lambda r: r.due)

    def _birthday(
        self,
        contact_id: int,
        name: str,
        text: str,
        since: dt.date,
        stored: dict[tuple[int, str], store.StoredReminder],
    ) -> DueReminder | None:
        """The birthday's occurrence on or after ``since`` (None: unreadable, or acted on)."""
        try:
            birthday = parse_birthday(text)
        except ValueError:
            return None
        day, due, when = self._birthday_day(
            birthday.month, birthday.day, since, self._clock.today()
        )
        title = f"{name}'s birthday{when}"
        return self._computed(ReminderKind.BIRTHDAY, contact_id, str(day.year), title, due, stored)

    @functools.lru_cache(maxsize=512)  # noqa: B019 (a service lives as long as the app)
    def _birthday_day(
        self, month: int, day_of_month: int, since: dt.date, today: dt.date
    ) -> tuple[dt.date, dt.datetime, str]:
        """The day, due time and title ending of a birthday on or after ``since``: the
        same for everyone born that day (a week's 1,300 birthdays fall on 8 days)."""
        day = next_birthday(month, day_of_month, since)
        when = f" ({day:%d %B})" if day != today else " today"
        return day, self._clock.at(day, MORNING), when

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
        given): the scheduler's one timer is set for it. Index lookups only: the stored
        reminders by due time, contacts by next keep-in-touch time, birthdays by day."""
        since = after or self._clock.now()
        events = self._events(since + _EVENT_LOOKAHEAD, after=after)
        candidates = [
            store.next_open_due(self._db, after),
            store.next_touch_after(self._db, after),
            next((e.due for e in events if not e.notified), None),
            self._next_birthday(
                after or self._clock.now() - dt.timedelta(days=BIRTHDAY_GRACE_DAYS)
            ),
        ]
        return min((c for c in candidates if c is not None), default=None)

    def _next_birthday(self, after: dt.datetime) -> dt.datetime | None:
        """The first birthday after ``after`` nobody was told about yet: a walk in
        calendar order from the first day whose morning is still to come, which stops
        at the first one (today's, if its morning is over, come round at the end)."""
        day = self._clock.local(after).date()
        if self._clock.at(day, MORNING) <= after:
            day += dt.timedelta(days=1)
        for contact_id, name, text in store.birthdays_from(self._db, f"{day:%m-%d}"):
            stored = store.for_occurrences(self._db, ReminderKind.BIRTHDAY.value, [contact_id])
            reminder = self._birthday(contact_id, name, text, day, stored)
            if reminder is not None and reminder.reminder_id is None:
                return reminder.due  # (one acted on or told is passed over)
        return None

    def unnotified(
        self, now: dt.datetime, birthdays: list[DueReminder] | None = None
    ) -> list[DueReminder]:
        """What is due by ``now`` that nobody was told about yet, earliest first (what the
        scheduler notifies): indexed reads that skip those already told."""
        stored = store.open_until(self._db, now, kinds=STORED_KINDS, unnotified=True)
        found = [_from_stored(r) for r in stored]
        found += self._keep_in_touch(now, unnotified=True)
        if birthdays is None:
            birthdays = self._birthdays(now)
        found += [b for b in birthdays if not b.notified]
        found += [e for e in self._events(now) if not e.notified]
        return sorted(found, key=lambda r: (r.due, r.title))

    def scheduler_reading(self, now: dt.datetime, shown: int) -> SchedulerReading:
        """One check of the scheduler: the earliest ``shown`` reminders due now (the tray's
        menu, the banner), how many are due in all, those not yet notified, and when the
        next comes due. No reading builds every due reminder: 18,000 people overdue are a
        count, not 18,000 objects at every change."""
        birthdays = self._birthdays(now)
        overview = self._overview(now, now, shown, birthdays)
        return SchedulerReading(
            due=overview.due[:shown],
            count=sum(overview.counts_now.values()),
            fresh=self.unnotified(now, birthdays),
            next_due=self.next_due(now),
        )

    def snooze_all_due(self, choice: Snooze) -> int:
        """Snooze every reminder due now (the tray's Snooze All); returns how many."""
        due = self.due()
        if due:
            self.snooze_many(due, choice)
        return len(due)

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
                last_interaction=interaction_subject(row.last_summary, row.last_kind),
                other_follow_ups=tuple(
                    interaction_subject(summary, kind)
                    for reminder_id, summary, kind in row.follow_ups
                    if reminder_id != reminder.reminder_id
                ),
            )
        return found

    # Acting on reminders

    def done(self, reminder: DueReminder) -> ReminderUndo:
        """Done; returns what undo() needs to make it due again as it was."""
        return self._set(reminder, "done")

    def dismiss(self, reminder: DueReminder) -> ReminderUndo:
        return self._set(reminder, "dismissed")

    def snooze(self, reminder: DueReminder, choice: Snooze | dt.datetime) -> dt.datetime:
        """Due again later (``choice``, or a chosen instant); returns when."""
        return self.snooze_many([reminder], choice)

    def snooze_undoable(
        self, reminder: DueReminder, choice: Snooze | dt.datetime
    ) -> tuple[dt.datetime, ReminderUndo]:
        """snooze(), and what undo() needs to take it back."""
        until = self._until(choice)
        with write_transaction(self._db):
            before = self._before(reminder)
            store.snooze(self._db, before.reminder_id, until)
        self._on_change(Changes(reminders=True))
        return until, before

    def undo(self, before: ReminderUndo) -> None:
        """Put a reminder (and a contact's keep-in-touch time) back as it was before a
        done, dismiss or snooze (Edit > Undo on Today)."""
        with write_transaction(self._db):
            if before.state is None:  # stored by the action: it was only computed
                store.delete(self._db, before.reminder_id)
            else:
                store.put_state(self._db, before.reminder_id, before.state)
            if before.contact_id is not None:
                store.put_touch_reset(self._db, before.contact_id, before.touch_reset_at)
        changed = frozenset({before.contact_id}) if before.contact_id is not None else frozenset()
        self._on_change(Changes(reminders=True, contact_ids=changed))

    def _before(self, reminder: DueReminder) -> ReminderUndo:
        """The reminder's stored row (made now for a computed one) and state, and for
        keep in touch the contact's reset time, before an action changes them (in the
        action's transaction)."""
        made = reminder.reminder_id is None
        reminder_id = self._stored(reminder)
        state = None if made else store.state_of(self._db, reminder_id)
        contact = reminder.contact_id
        touch = reminder.kind is ReminderKind.KEEP_IN_TOUCH and contact is not None
        reset = store.touch_reset_of(self._db, contact) if touch and contact else None
        return ReminderUndo(reminder_id, state, contact if touch else None, reset)

    def snooze_many(
        self, reminders: Sequence[DueReminder], choice: Snooze | dt.datetime
    ) -> dt.datetime:
        """Snooze these together, in one transaction; returns until when."""
        until = self._until(choice)
        with write_transaction(self._db):
            for reminder in reminders:
                store.snooze(self._db, self._stored(reminder), until)
        self._on_change(Changes(reminders=True))
        return until

    def _until(self, choice: Snooze | dt.datetime) -> dt.datetime:
        if not isinstance(choice, Snooze):
            return choice
        if (day := snooze_day(choice, self._clock.today())) is None:
            return self._clock.now() + dt.timedelta(hours=1)
        return self._clock.at(day, MORNING)

    def mark_notified(self, reminders: Sequence[DueReminder]) -> None:
        """Each is notified once per due time, across restarts."""
        with write_transaction(self._db):
            ids = [self._stored(reminder) for reminder in reminders]
            store.mark_notified(self._db, ids, self._clock.now())

    def _set(self, reminder: DueReminder, state: str) -> ReminderUndo:
        with write_transaction(self._db):
            before = self._before(reminder)
            store.set_state(self._db, before.reminder_id, state)
            if (contact := before.contact_id) is not None:  # keep in touch
                # Done (or not this time): the next one comes a cadence from now, so
                # the list's Next due and Overdue agree with Today.
                store.reset_touch(self._db, contact, self._clock.now())
        changed = frozenset({contact}) if contact is not None else frozenset()
        self._on_change(Changes(reminders=True, contact_ids=changed))
        return before

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
            event_id=reminder.event_id,
        )

    # Cadence of a tag

    def set_tag_cadence(self, tag: str, cadence_days: int | None) -> None:
        """Contacts with this tag and no cadence of their own are kept in touch with
        every ``cadence_days`` days (None: the tag sets none)."""
        self.set_tag_cadences({tag: cadence_days})

    def set_tag_cadences(self, cadences: Mapping[str, int | None]) -> None:
        """Several tags' cadences, in one transaction."""
        if any(days is not None and days <= 0 for days in cadences.values()):
            raise ValueError("A keep-in-touch cadence is a number of days above zero.")
        with write_transaction(self._db):
            for tag, cadence_days in cadences.items():
                store.set_tag_cadence(self._db, tag, cadence_days)
        self._on_change(Changes(reminders=True, all_contacts=True))

    def tag_cadences(self) -> dict[str, int]:
        return store.tag_cadences(self._db)
