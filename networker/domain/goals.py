"""Goals: what the user means to achieve, counted from what they already log.

The rules without storage or Qt: what a goal and its targets are, which period a day
falls in (a date range, or a week, month or quarter that repeats), whether progress
keeps pace with the share of the period gone by, a repeating goal's streak, the seed
goals a new user is offered, and what makes a goal unsavable (in words for people).
Counting itself is storage's: aggregate queries over indexes (storage/goals.py).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from networker.domain.interactions import InteractionKind

TITLE_MAX = 200
DESCRIPTION_MAX = 20_000
AMOUNT_MAX = 1_000_000


class Purpose(Enum):
    MENTORSHIP = "mentorship"
    JOB_OPPORTUNITIES = "job opportunities"
    INDUSTRY_INSIGHTS = "industry insights"
    SKILL_DEVELOPMENT = "skill development"
    VISIBILITY = "visibility"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Status(Enum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    PAUSED = "paused"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Repeat(Enum):
    """A goal's period: a date range (NONE), or one that starts again each week (on
    Mondays), month or quarter (January, April, July, October)."""

    NONE = ""
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"

    @property
    def label(self) -> str:
        return "Date range" if self is Repeat.NONE else f"Every {self.noun}"

    @property
    def noun(self) -> str:
        return {"weekly": "week", "monthly": "month", "quarterly": "quarter"}.get(
            self.value, "period"
        )


class TargetKind(Enum):
    NEW_CONTACTS = "new contacts"
    INTERACTIONS = "interactions"
    EVENTS_ATTENDED = "events attended"
    VALUE_GIVEN = "value given"
    THANK_YOUS = "thank-yous sent"
    OVERDUE_REACHED = "overdue contacts reached"
    MANUAL = "manual"

    @property
    def label(self) -> str:
        return {
            "new contacts": "New contacts",
            "interactions": "Interactions",
            "events attended": "Events attended",
            "value given": "Help given",
            "thank-yous sent": "Thank-yous sent",
            "overdue contacts reached": "Overdue contacts reached",
            "manual": "A number I keep",
        }[self.value]

    @property
    def counts_kinds(self) -> bool:
        """Whether the target chooses kinds (of interactions, or of events)."""
        return self in (TargetKind.INTERACTIONS, TargetKind.EVENTS_ATTENDED)


@dataclass(frozen=True)
class TargetFilters:
    """What a target counts within its kind: interaction or event kinds (their stored
    values; none = all), and for new contacts a tag, a source, an organization."""

    kinds: tuple[str, ...] = ()
    tag: str = ""
    source: str = ""
    organization: str = ""

    def as_dict(self) -> dict[str, object]:
        found: dict[str, object] = {}
        if self.kinds:
            found["kinds"] = list(self.kinds)
        for name in ("tag", "source", "organization"):
            if value := getattr(self, name).strip():
                found[name] = value
        return found

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> TargetFilters:
        kinds = data.get("kinds") or []
        return cls(
            kinds=tuple(str(k) for k in kinds) if isinstance(kinds, list) else (),
            tag=str(data.get("tag", "")),
            source=str(data.get("source", "")),
            organization=str(data.get("organization", "")),
        )


@dataclass(frozen=True)
class TargetDraft:
    kind: TargetKind
    amount: int
    filters: TargetFilters = field(default_factory=TargetFilters)
    only_linked: bool = False
    manual_count: int = 0
    id: int | None = None  # a stored target being edited

    def describe(self) -> str:
        """'4 informational interviews', '10 new contacts tagged mentor'."""
        what = self.kind.label[:1].lower() + self.kind.label[1:]
        if self.kind.counts_kinds and self.filters.kinds:
            what = f"{' or '.join(self.filters.kinds)} {_noun(self.kind)}"
        parts = [f"{self.amount:,} {what}"]
        if self.filters.tag:
            parts.append(f"tagged {self.filters.tag}")
        if self.filters.source:
            parts.append(f"met through {self.filters.source}")
        if self.filters.organization:
            parts.append(f"at {self.filters.organization}")
        if self.only_linked:
            parts.append("(linked only)")
        return " ".join(parts)


def _noun(kind: TargetKind) -> str:
    return "events" if kind is TargetKind.EVENTS_ATTENDED else "interactions"


@dataclass(frozen=True)
class GoalDraft:
    title: str
    targets: tuple[TargetDraft, ...]
    starts_on: dt.date
    ends_on: dt.date | None = None  # the last day included; None when it repeats
    repeat: Repeat = Repeat.NONE
    purpose: Purpose = Purpose.OTHER
    description: str = ""
    status: Status = Status.ACTIVE


@dataclass(frozen=True)
class GoalRecord:
    id: int
    draft: GoalDraft
    created_at: dt.datetime

    @property
    def title(self) -> str:
        return self.draft.title


class GoalValidationError(ValueError):
    """``problems`` are (where, words): where is "title", "period", "targets" or
    "target N" (0-based), so a form can show each beside its field."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(" ".join(words for _where, words in problems))
        self.problems = problems


def validate(draft: GoalDraft) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not draft.title.strip():
        problems.append(("title", "A goal needs a title."))
    elif len(draft.title) > TITLE_MAX:
        problems.append(("title", f"The title is longer than {TITLE_MAX} characters."))
    if len(draft.description) > DESCRIPTION_MAX:
        problems.append(("description", "The description is too long."))
    if draft.repeat is Repeat.NONE:
        if draft.ends_on is None:
            problems.append(("period", "A goal over a date range needs the day it ends."))
        elif draft.ends_on < draft.starts_on:
            problems.append(("period", "The period ends before it starts."))
    if not draft.targets:
        problems.append(("targets", "A goal needs at least one target to measure it by."))
    for number, target in enumerate(draft.targets):
        if target.amount <= 0:
            problems.append((f"target {number}", "A target must be at least 1."))
        elif target.amount > AMOUNT_MAX:
            problems.append((f"target {number}", f"A target is at most {AMOUNT_MAX:,}."))
        if target.manual_count < 0:
            problems.append((f"target {number}", "The number done cannot be negative."))
    return problems


# Periods


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date  # included

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last

    def following(self, repeat: Repeat) -> Period:
        return period_of(repeat, self.last + dt.timedelta(days=1))


def period_of(repeat: Repeat, day: dt.date) -> Period:
    """The week (Monday to Sunday), month or quarter that holds ``day``."""
    if repeat is Repeat.WEEKLY:
        first = day - dt.timedelta(days=day.weekday())
        return Period(first, first + dt.timedelta(days=6))
    if repeat is Repeat.MONTHLY:
        first = day.replace(day=1)
    elif repeat is Repeat.QUARTERLY:
        first = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    else:
        raise ValueError("a date range has no repeating period")
    months = 1 if repeat is Repeat.MONTHLY else 3
    month = first.month - 1 + months
    after = dt.date(first.year + month // 12, month % 12 + 1, 1)
    return Period(first, after - dt.timedelta(days=1))


def current_period(draft: GoalDraft, today: dt.date) -> Period:
    """The period progress is counted in today: the range itself, or the repetition
    that holds today (the first one while the goal has not started)."""
    if draft.repeat is Repeat.NONE:
        return Period(draft.starts_on, draft.ends_on or draft.starts_on)
    period = period_of(draft.repeat, max(today, draft.starts_on))
    return Period(max(period.first, draft.starts_on), period.last)


def closed_periods(
    draft: GoalDraft, today: dt.date, after: dt.date | None, limit: int = 520
) -> list[Period]:
    """A repeating goal's periods that ended before today and start after ``after``
    (the last one kept), oldest first: those to roll over. At most ``limit``, the
    newest (a weekly goal left for years keeps ten years of weeks)."""
    if draft.repeat is Repeat.NONE:
        return []
    found: list[Period] = []
    period = current_period(draft, draft.starts_on)
    if after is not None and after >= period.first:
        period = period_of(draft.repeat, after).following(draft.repeat)
    while period.last < today:
        found.append(period)
        period = period.following(draft.repeat)
    return found[-limit:]


# Progress and pace


@dataclass(frozen=True)
class TargetProgress:
    target: TargetDraft
    count: int

    @property
    def amount(self) -> int:
        return self.target.amount

    @property
    def share(self) -> float:
        """How much of the target is done, 0..1."""
        return min(1.0, self.count / self.amount) if self.amount > 0 else 0.0

    @property
    def met(self) -> bool:
        return self.count >= self.amount


def elapsed_share(period: Period, now: dt.datetime) -> float:
    """How much of the period has gone by at ``now`` (a local, naive or aware, time),
    0 before its first day, 1 after its last."""
    start = dt.datetime.combine(period.first, dt.time())
    end = dt.datetime.combine(period.last + dt.timedelta(days=1), dt.time())
    wall = now.replace(tzinfo=None)
    if wall <= start:
        return 0.0
    if wall >= end:
        return 1.0
    return (wall - start) / (end - start)


def expected_by(amount: int, share: float) -> int:
    """How many a target should have reached when ``share`` of its period has gone:
    the whole ones of the pro-rata amount (a target of 4 a month wants 1 once a quarter
    of the month is gone, not 0.27 on its second day)."""
    return math.floor(amount * share + 1e-9)


def on_track(progress: TargetProgress, share: float) -> bool:
    return progress.met or progress.count >= expected_by(progress.amount, share)


@dataclass(frozen=True)
class GoalProgress:
    goal: GoalRecord
    period: Period
    targets: tuple[TargetProgress, ...]
    elapsed: float  # share of the period gone by
    days_left: int  # from today through the period's last day (0: it has ended)
    streak: int = 0  # past periods achieved in a row, newest first (repeating goals)
    history: tuple[PastPeriod, ...] = ()

    @property
    def achieved(self) -> bool:
        return bool(self.targets) and all(t.met for t in self.targets)

    @property
    def on_track(self) -> bool:
        return all(on_track(t, self.elapsed) for t in self.targets)

    @property
    def behind(self) -> bool:
        """Active, and some target is short of where the time gone says it should be."""
        return self.goal.draft.status is Status.ACTIVE and not self.on_track

    def worst(self) -> TargetProgress:
        """The target furthest behind its pace (the first when all keep up)."""
        return min(self.targets, key=lambda t: t.share - self.elapsed)

    def time_left(self) -> str:
        if self.elapsed <= 0:
            return f"Starts {self.period.first:%d %b %Y}"
        if self.days_left <= 0:
            return "Period ended"
        if self.days_left == 1:
            return "Last day"
        if self.days_left > 60:
            return f"{self.days_left // 7} weeks left"
        return f"{self.days_left} days left"

    def pace(self) -> str:
        if self.goal.draft.status is not Status.ACTIVE:
            return self.goal.draft.status.label
        if self.achieved:
            return "Achieved"
        return "On track" if self.on_track else "Behind"


@dataclass(frozen=True)
class PastPeriod:
    period: Period
    achieved: bool
    counts: tuple[tuple[int, int], ...] = ()  # (count, amount) per target, in order


def streak(history: Sequence[PastPeriod]) -> int:
    """Periods achieved in a row, back from the newest (history oldest first)."""
    count = 0
    for past in reversed(history):
        if not past.achieved:
            break
        count += 1
    return count


# The chart


@dataclass(frozen=True)
class ChartSeries:
    """What a goal's chart draws for one target: the cumulative count at the end of each
    day of the period so far, the target line and the on-track line (0 on the first
    day to the amount after the last)."""

    period: Period
    amount: int
    cumulative: tuple[tuple[dt.date, int], ...]

    def on_track_at(self, day: dt.date) -> float:
        return self.amount * ((day - self.period.first).days + 1) / self.period.days


def _running(
    period: Period, per_day: dict[dt.date, int], through: dt.date
) -> tuple[tuple[dt.date, int], ...]:
    total = 0
    points = []
    day = period.first
    last = min(through, period.last)
    while day <= last:
        total += per_day.get(day, 0)
        points.append((day, total))
        day += dt.timedelta(days=1)
    return tuple(points)


def chart_series(
    period: Period, amount: int, per_day: dict[dt.date, int], through: dt.date
) -> ChartSeries:
    return ChartSeries(period, amount, _running(period, per_day, through))


# First run


def seed_goals(today: dt.date) -> list[GoalDraft]:
    """What a new user is offered, from the strategy of networking on purpose: each
    with targets they can change before saving."""
    quarter = period_of(Repeat.QUARTERLY, today)
    half_year_end = _months_on(today, 6) - dt.timedelta(days=1)
    interview = InteractionKind.INFORMATIONAL_INTERVIEW.value
    coffee = InteractionKind.COFFEE_CHAT.value
    return [
        GoalDraft(
            title="Find a mentor",
            purpose=Purpose.MENTORSHIP,
            description="Meet people a few steps ahead and ask one of them to mentor you.",
            starts_on=today,
            ends_on=half_year_end,
            targets=(
                TargetDraft(TargetKind.INTERACTIONS, 6, TargetFilters(kinds=(interview, coffee))),
                TargetDraft(TargetKind.THANK_YOUS, 6),
            ),
        ),
        GoalDraft(
            title="Land a role in a new field",
            purpose=Purpose.JOB_OPPORTUNITIES,
            description="Informational interviews with people who work where you want to.",
            starts_on=quarter.first,
            repeat=Repeat.QUARTERLY,
            targets=(
                TargetDraft(TargetKind.INTERACTIONS, 8, TargetFilters(kinds=(interview,))),
                TargetDraft(TargetKind.NEW_CONTACTS, 15),
            ),
        ),
        GoalDraft(
            title="Learn an industry",
            purpose=Purpose.INDUSTRY_INSIGHTS,
            starts_on=today.replace(day=1),
            repeat=Repeat.MONTHLY,
            targets=(
                TargetDraft(TargetKind.EVENTS_ATTENDED, 1),
                TargetDraft(TargetKind.INTERACTIONS, 4, TargetFilters(kinds=(coffee,))),
            ),
        ),
        GoalDraft(
            title="Become visible in a community",
            purpose=Purpose.VISIBILITY,
            starts_on=quarter.first,
            repeat=Repeat.QUARTERLY,
            targets=(
                TargetDraft(TargetKind.EVENTS_ATTENDED, 3),
                TargetDraft(TargetKind.VALUE_GIVEN, 6),
            ),
        ),
        GoalDraft(
            title="Grow my alumni and association network",
            purpose=Purpose.OTHER,
            starts_on=quarter.first,
            repeat=Repeat.QUARTERLY,
            targets=(
                TargetDraft(TargetKind.NEW_CONTACTS, 10, TargetFilters(source="alumni")),
                TargetDraft(TargetKind.OVERDUE_REACHED, 10),
            ),
        ),
    ]


def _months_on(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")
