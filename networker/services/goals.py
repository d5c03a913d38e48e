"""Goals: setting them, and measuring them from what the user logged.

Progress is read, never kept: each target is counted by one aggregate query over the
goal's current period (storage/goals.py), so an edit, an import or a deletion shows at
the next read. Repeating goals roll over when read: each period that ended since the
last one kept is counted once more and kept as achieved or missed (its manual numbers
with it), so the streak survives later edits of the targets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import ChangeListener, Changes, ignore_changes
from networker.domain.goals import (
    ChartSeries,
    GoalDraft,
    GoalProgress,
    GoalRecord,
    GoalValidationError,
    PastPeriod,
    Period,
    Repeat,
    Status,
    TargetDraft,
    TargetKind,
    TargetProgress,
    chart_series,
    closed_periods,
    current_period,
    elapsed_share,
    streak,
    validate,
)
from networker.storage import goal_links
from networker.storage import goals as store
from networker.storage.db import write_transaction
from networker.storage.errors import StorageError
from networker.storage.goals import CountedItem, GoalRows, Linked, Window

log = logging.getLogger(__name__)

# How far ahead suggestions look for events.
EVENTS_AHEAD = dt.timedelta(days=30)
SUGGESTIONS_PER_KIND = 5

_LINK_COLUMNS = {"contact": "contact_id", "event": "event_id", "interaction": "interaction_id"}


class GoalNotFoundError(Exception):
    def __init__(self, goal_id: int) -> None:
        super().__init__("This goal no longer exists; it may have been deleted.")
        self.goal_id = goal_id


@dataclass(frozen=True)
class Suggestion:
    """A next useful step for a goal: "Get back in touch with Ada (overdue 12 days)"."""

    text: str
    kind: str  # "contact", "event"
    id: int


class GoalService:
    """The only way the window and the command line set goals and read their progress."""

    def __init__(
        self, *, database: SqliteDatabase, clock: Clock, on_change: ChangeListener = ignore_changes
    ) -> None:
        self._db = database
        self._clock = clock
        self._on_change = on_change

    # Goals

    def goals(self) -> list[GoalRecord]:
        return store.all_goals(self._db)

    def has_goals(self) -> bool:
        return store.count_goals(self._db) > 0

    def get(self, goal_id: int) -> GoalRecord:
        record = store.load(self._db, goal_id)
        if record is None:
            raise GoalNotFoundError(goal_id)
        return record

    def check(self, draft: GoalDraft) -> None:
        """Raise GoalValidationError if ``draft`` cannot be saved as it is."""
        if problems := validate(draft):
            raise GoalValidationError(problems)

    def add(self, draft: GoalDraft) -> int:
        self.check(draft)
        with write_transaction(self._db):
            goal_id = store.insert(self._db, draft, now=self._clock.now())
        self._changed()
        return goal_id

    def add_many(self, drafts: Sequence[GoalDraft]) -> list[int]:
        """The goals a new user chose from the suggested ones: one transaction."""
        for draft in drafts:
            self.check(draft)
        with write_transaction(self._db):
            ids = [store.insert(self._db, d, now=self._clock.now()) for d in drafts]
        self._changed()
        return ids

    def update(self, goal_id: int, draft: GoalDraft) -> None:
        self.check(draft)
        self.get(goal_id)
        with write_transaction(self._db):
            store.update(self._db, goal_id, draft, now=self._clock.now())
        self._changed()

    def delete(self, goal_id: int) -> GoalRecord:
        record = self.get(goal_id)
        with write_transaction(self._db):
            store.delete(self._db, goal_id)
        self._changed()
        return record

    def take_out(self, goal_id: int) -> GoalRows:
        """Delete a goal, keeping every row of it (targets and their manual numbers,
        links, past periods), so that put_back() brings it back as it was (Undo)."""
        self.get(goal_id)
        with write_transaction(self._db):
            kept = store.take(self._db, goal_id)
            store.delete(self._db, goal_id)
        self._changed()
        return kept

    def put_back(self, kept: GoalRows) -> int:
        """A goal taken out, back under its id (unless that was taken meanwhile); the
        id it has now."""
        with write_transaction(self._db):
            goal_id = store.put_back(self._db, kept)
        self._changed()
        return goal_id

    def set_status(self, goal_id: int, status: Status) -> None:
        self.get(goal_id)
        with write_transaction(self._db):
            store.set_status(self._db, goal_id, status, now=self._clock.now())
        self._changed()

    def set_manual_count(self, goal_id: int, target_id: int, count: int) -> None:
        """The number a manual target stands at now (what the app cannot see)."""
        if count < 0:
            raise GoalValidationError([("target", "The number done cannot be negative.")])
        with write_transaction(self._db):
            store.set_manual_count(self._db, target_id, count)
        self._changed()

    # Links

    def link(self, goal_id: int, kind: str, ids: Sequence[int]) -> None:
        """Tie contacts, events or interactions (``kind``) to a goal."""
        with write_transaction(self._db):
            store.link(self._db, goal_id, _LINK_COLUMNS[kind], ids)
        self._changed()

    def unlink(self, goal_id: int, kind: str, ids: Sequence[int]) -> None:
        with write_transaction(self._db):
            store.unlink(self._db, goal_id, _LINK_COLUMNS[kind], ids)
        self._changed()

    def linked(self, goal_id: int) -> Linked:
        return store.linked(self._db, goal_id)

    def goals_of(self, kind: str, ids: Sequence[int]) -> list[int]:
        """The goals these contacts, events or interactions are linked to."""
        return goal_links.goals_of(self._db, kind, ids)

    def set_goals_of(self, kind: str, item_id: int, goal_ids: Sequence[int]) -> None:
        """Link one contact, event or interaction to exactly these goals."""
        with write_transaction(self._db):
            goal_links.set_goals_of(self._db, kind, item_id, goal_ids)
        self._changed()

    def choices(self) -> list[tuple[int, str, Status]]:
        """The goals something can be linked to (id, title, status), in the user's order."""
        return store.choices(self._db)

    # Progress

    def window(self, period: Period) -> Window:
        start = self._clock.day_start(period.first)
        offset = self._clock.local(start).utcoffset() or dt.timedelta()
        return Window(
            start,
            self._clock.day_start(period.last + dt.timedelta(days=1)),
            int(offset.total_seconds() // 60),
        )

    def progress(self, *, roll_over: bool = True) -> list[GoalProgress]:
        """Every goal's progress in its current period, in the user's order. Repeating
        goals roll over first (unless ``roll_over`` is off or the session is read-only)."""
        if roll_over:
            self.roll_over()
        histories = store.histories(self._db)
        return [self._progress(g, histories.get(g.id, [])) for g in self.goals()]

    def progress_of(self, goal_id: int) -> GoalProgress:
        return self._progress(self.get(goal_id), store.history(self._db, goal_id))

    def _progress(self, goal: GoalRecord, history: list[PastPeriod]) -> GoalProgress:
        today = self._clock.today()
        period = current_period(goal.draft, today)
        window = self.window(period)
        counts = tuple(
            TargetProgress(t, store.count(self._db, goal.id, t, window)) for t in goal.draft.targets
        )
        return GoalProgress(
            goal=goal,
            period=period,
            targets=counts,
            elapsed=elapsed_share(period, self._clock.local_now()),
            days_left=max(0, (period.last - today).days + 1),
            streak=streak(history),
            history=tuple(history),
        )

    def behind(self) -> list[GoalProgress]:
        """Active goals short of the pace their period's elapsed share asks."""
        return [p for p in self.progress(roll_over=False) if p.behind]

    def roll_over(self) -> int:
        """Keep each repeating goal's periods that ended since the last one kept;
        returns how many were kept. A read-only session keeps none (they are kept when
        the file can be written)."""
        today = self._clock.today()
        closing: list[tuple[GoalRecord, list[Period]]] = []
        for goal in self.goals():
            if goal.draft.repeat is Repeat.NONE or goal.draft.status is not Status.ACTIVE:
                continue
            periods = closed_periods(goal.draft, today, store.last_closed(self._db, goal.id))
            if periods:
                closing.append((goal, periods))
        if not closing:
            return 0
        kept = 0
        try:
            with write_transaction(self._db):
                for goal, periods in closing:
                    for number, period in enumerate(periods):
                        # The manual numbers belong to the period they were kept in:
                        # the first one closed; the periods after it start from 0.
                        targets = goal.draft.targets if number == 0 else _manual_zero(goal)
                        counts = tuple(
                            (store.count(self._db, goal.id, t, self.window(period)), t.amount)
                            for t in targets
                        )
                        achieved = bool(counts) and all(c >= a for c, a in counts)
                        past = PastPeriod(period, achieved, counts)
                        store.close_period(self._db, goal.id, past, now=self._clock.now())
                        kept += 1
                    store.reset_manual_counts(self._db, goal.id)
        except StorageError as exc:  # a read-only session, a busy file: next time
            log.info("goals not rolled over now: %s", exc)
            return 0
        return kept

    # A goal's detail

    def chart(self, goal_id: int, target_index: int) -> ChartSeries:
        """The cumulative count of one target over the current period, day by day
        through today."""
        goal = self.get(goal_id)
        target = goal.draft.targets[target_index]
        period = current_period(goal.draft, self._clock.today())
        per_day = store.per_day(self._db, goal_id, target, self.window(period))
        if target.kind is TargetKind.MANUAL:
            per_day = {min(self._clock.today(), period.last): target.manual_count}
        return chart_series(period, target.amount, per_day, self._clock.today())

    def counted(self, goal_id: int, target_index: int, limit: int = 200) -> list[CountedItem]:
        goal = self.get(goal_id)
        target = goal.draft.targets[target_index]
        period = current_period(goal.draft, self._clock.today())
        return store.counted_items(self._db, goal_id, target, self.window(period), limit)

    def suggestions(self, goal_id: int) -> list[Suggestion]:
        """Next steps from the data: overdue people tagged for (or linked to) the goal,
        and coming events of the kinds it counts."""
        goal = self.get(goal_id)
        now = self._clock.now()
        found: list[Suggestion] = []
        tags = sorted({t.filters.tag for t in goal.draft.targets if t.filters.tag})
        for person in store.overdue_contacts(self._db, goal_id, tags, now, SUGGESTIONS_PER_KIND):
            days = (now - person.due_since).days
            late = f"overdue {days} days" if days > 1 else "due now"
            found.append(Suggestion(f"Get back in touch with {person.name} ({late})",
                                    "contact", person.id))  # fmt: skip
        event_targets = [t for t in goal.draft.targets if t.kind is TargetKind.EVENTS_ATTENDED]
        if event_targets:
            from networker.services.events import EventService

            kinds = {k for t in event_targets for k in t.filters.kinds}
            today = self._clock.today()
            events = EventService(database=self._db, clock=self._clock)
            ahead = events.between_days(today, today + dt.timedelta(days=EVENTS_AHEAD.days))
            shown = 0
            for occurrence in ahead:
                if kinds and occurrence.kind.value not in kinds:
                    continue
                day = occurrence.first_day(self._clock.local_now().tzinfo or dt.UTC)
                found.append(Suggestion(f"Go to {occurrence.title} on {day:%a %d %b}",
                                        "event", occurrence.event_id))  # fmt: skip
                shown += 1
                if shown >= SUGGESTIONS_PER_KIND:
                    break
        return found

    def _changed(self) -> None:
        self._on_change(Changes(goals=True))


def _manual_zero(goal: GoalRecord) -> tuple[TargetDraft, ...]:
    return tuple(
        dataclasses.replace(t, manual_count=0) if t.kind is TargetKind.MANUAL else t
        for t in goal.draft.targets
    )
