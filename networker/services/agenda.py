"""The agenda: what needs the user from a day through the next days (``networker agenda``,
and the Today page's content): open reminders, overdue ones included, events and goals
that are behind, with every time in the user's local zone.

Reminders are listed as ReminderService lists them, seen from the start of the agenda's
first day: each once, at its next open due time. So keep in touch appears once (the
next interaction moves it), and a birthday appears on its next occurrence, or as
overdue for the seven days after it while it is not done (as on the Today page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.interactions import Owed
from networker.domain.reminders import ReminderKind
from networker.services.events import occurrences_between
from networker.services.interactions import InteractionService
from networker.services.reminders import DueReminder, Overview, ReminderService
from networker.storage import contacts as contact_store

if TYPE_CHECKING:
    from networker.domain.events import Occurrence
    from networker.domain.listing import ContactSummary
    from networker.services.events import EventService
    from networker.services.goals import GoalService

DEFAULT_DAYS = 7
# A year and a day: past that a birthday would come round twice and be listed once.
MAX_DAYS = 366
# Dates whose local midnight, a week either side, every zone can still express.
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(9998, 12, 31)


class AgendaRangeError(ValueError):
    """The agenda cannot cover these days; the message says which it can."""


def check_range(start: dt.date, days: int) -> None:
    if not 1 <= days <= MAX_DAYS:
        raise AgendaRangeError(f"An agenda covers 1 to {MAX_DAYS} days, not {days}.")
    if not FIRST_DATE <= start <= LAST_DATE - dt.timedelta(days=days):
        raise AgendaRangeError(
            f"An agenda covers dates from {FIRST_DATE.year} to {LAST_DATE.year}, not {start}."
        )


@dataclass(frozen=True)
class AgendaReminder:
    reminder: DueReminder  # to act on it (done, snooze, dismiss)
    due: dt.datetime  # aware, in the local zone
    contact: str | None  # the contact's display name
    overdue: bool  # due before the agenda's first day

    @property
    def kind(self) -> ReminderKind:
        return self.reminder.kind

    @property
    def title(self) -> str:
        return self.reminder.title


@dataclass(frozen=True)
class AgendaEvent:
    """An event in the agenda's days. A date is an all-day event (its end the day after
    the last); a datetime is aware, in the local zone."""

    title: str
    kind: str  # domain.events.EventKind values
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    event_id: int = 0


@dataclass(frozen=True)
class GoalBehind:
    """A goal whose progress is behind its schedule: its target furthest behind, the
    count so far and the number wanted in the period."""

    title: str
    progress: float
    target: float
    goal_id: int = 0


def goals_behind(goals: GoalService) -> tuple[GoalBehind, ...]:
    """The active goals short of the pace their period asks, in the user's order."""
    found = []
    for progress in goals.behind():
        worst = progress.worst()
        title = progress.goal.title
        if len(progress.targets) > 1:
            what = worst.target.describe().split(" ", 1)[1]
            title = f"{title} ({what})"
        found.append(GoalBehind(title, worst.count, worst.amount, progress.goal.id))
    return tuple(found)


@dataclass(frozen=True)
class Agenda:
    start: dt.date  # the first day, local
    days: int
    reminders: tuple[AgendaReminder, ...]  # earliest first, overdue ones first of all
    events: tuple[AgendaEvent, ...] = ()  # by start
    goals_behind: tuple[GoalBehind, ...] = ()

    @property
    def end(self) -> dt.date:
        """The last day included."""
        return self.start + dt.timedelta(days=self.days - 1)

    @property
    def empty(self) -> bool:
        return not (self.reminders or self.events or self.goals_behind)

    def overdue(self) -> list[AgendaReminder]:
        return [r for r in self.reminders if r.overdue]

    def on(self, day: dt.date) -> list[AgendaReminder]:
        return [r for r in self.reminders if not r.overdue and r.due.date() == day]

    def events_on(self, day: dt.date) -> list[AgendaEvent]:
        """The events that start on ``day``."""
        return [e for e in self.events if _day_of(e.start) == day]


def _day_of(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


class AgendaService:
    def __init__(self, *, database: SqliteDatabase, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def agenda(self, start: dt.date | None = None, days: int = DEFAULT_DAYS) -> Agenda:
        """From ``start`` (default: today, local) through ``days`` days; what is still
        open from before ``start`` is included as overdue."""
        start = start or self._clock.today()
        check_range(start, days)
        begins = self._clock.day_start(start)
        ends = self._clock.day_start(start + dt.timedelta(days=days))
        reminders_then = ReminderService(database=self._db, clock=_SeenFrom(self._clock, begins))
        due = [r for r in reminders_then.due(ends) if r.due < ends]
        ids = {r.contact_id for r in due if r.contact_id is not None}
        names = {i: s.name for i, s in contact_store.summaries(self._db, ids).items()}
        reminders = tuple(
            AgendaReminder(
                reminder=r,
                due=self._clock.local(r.due),
                contact=names.get(r.contact_id) if r.contact_id is not None else None,
                overdue=r.due < begins,
            )
            for r in due
        )
        occurrences = occurrences_between(self._db, self._clock, begins, ends)
        events = tuple(
            AgendaEvent(o.title, o.kind.value, self._local(o.start), self._local(o.end), o.event_id)
            for o in occurrences
        )
        from networker.services.goals import GoalService

        goals = GoalService(database=self._db, clock=self._clock)
        return Agenda(
            start=start,
            days=days,
            reminders=reminders,
            events=events,
            goals_behind=goals_behind(goals),
        )

    def _local(self, value: dt.date | dt.datetime) -> dt.date | dt.datetime:
        return self._clock.local(value) if isinstance(value, dt.datetime) else value


class _SeenFrom:
    """The clock as it will read (or read) at ``instant``: ReminderService keeps a
    birthday for seven days after it, counted from its clock's today."""

    def __init__(self, clock: Clock, instant: dt.datetime) -> None:
        self._clock = clock
        self._instant = instant

    def now(self) -> dt.datetime:
        return self._instant

    def local_now(self) -> dt.datetime:
        return self._clock.local(self._instant)

    def today(self) -> dt.date:
        return self.local_now().date()

    def monotonic(self) -> float:
        return self._clock.monotonic()

    def local(self, instant: dt.datetime) -> dt.datetime:
        return self._clock.local(instant)

    def at(self, day: dt.date, time_of_day: dt.time) -> dt.datetime:
        return self._clock.at(day, time_of_day)

    def day_start(self, day: dt.date) -> dt.datetime:
        return self._clock.day_start(day)


@dataclass(frozen=True)
class TodayContent:
    reminders: Overview
    owed: list[Owed]  # who helped and got nothing back: the longest waiting first
    owed_count: int
    events: list[Occurrence] = field(default_factory=list)  # this week's, not yet over
    goals_behind: tuple[GoalBehind, ...] = ()
    # Who the reminders and favours shown are for: their rows tell apart people of
    # one name (QA: four "Amara Johnson"s on Today).
    people: dict[int, ContactSummary] = field(default_factory=dict)


def read_today(
    reminders: ReminderService,
    interactions: InteractionService,
    now: dt.datetime,
    *,
    ahead: dt.timedelta,
    per_section: int,
    owed_shown: int,
    events: EventService | None = None,
    goals: Callable[[], GoalService] | None = None,
) -> TodayContent:
    """Everything the Today page shows (on a worker: a few indexed queries): what is
    due until ``ahead`` from ``now``, at most ``per_section`` of a kind, the first
    ``owed_shown`` people owed a favour, this week's events and the goals behind."""
    owed, owed_count = interactions.owed_back(owed_shown)
    upcoming = (
        _next_of_each(events.between(now, now + ahead))[:per_section] if events is not None else []
    )
    behind = goals_behind(goals()) if goals is not None else ()
    overview = reminders.overview(now, now + ahead, per_section)
    ids = {r.contact_id for r in overview.due if r.contact_id is not None}
    people = reminders.people(sorted(ids | {o.contact_id for o in owed}))
    return TodayContent(overview, owed, owed_count, upcoming, behind, people)


def _next_of_each(occurrences: list[Occurrence]) -> list[Occurrence]:
    """Each series once, at its next occurrence (QA: a daily stand-up filled the week's
    events); the panel and the Calendar show the rest."""
    seen: set[int] = set()
    kept = []
    for occurrence in occurrences:
        if occurrence.series_id not in seen:
            seen.add(occurrence.series_id)
            kept.append(occurrence)
    return kept
