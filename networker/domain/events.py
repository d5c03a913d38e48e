"""Events: conferences, meet-ups, coffee chats and informational interviews, their times
and the rules about them, without storage or Qt.

Times, as iCalendar has them (RFC 5545 3.3.5): a timed event is planned in an IANA zone
(``zone``, its start and end aware datetimes), or floats (naive datetimes, the same wall
time wherever the user is: a file whose zone nobody knows); an all-day event has dates,
its end the day after its last (exclusive, as DTEND is). Occurrences of a recurring
event are computed for the window on screen (domain/recurrence.py), never stored.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

TITLE_MAX = 200
TEXT_MAX = 20_000
# A reminder before an event: at most four weeks ahead.
REMINDER_MAX_MINUTES = 4 * 7 * 24 * 60

When = dt.datetime | dt.date


class EventKind(Enum):
    CONFERENCE = "conference"
    MEETUP = "meetup"
    ALUMNI = "alumni event"
    ASSOCIATION = "association meeting"
    INFORMATIONAL_INTERVIEW = "informational interview"
    COFFEE_CHAT = "coffee chat"
    FOLLOW_UP = "follow-up"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"alumni event": "Alumni event", "meetup": "Meet-up"}.get(
            self.value, self.value.capitalize()
        )


class InterviewStage(Enum):
    """Where an informational interview stands; the page moves it along."""

    ASKED = "asked"
    SCHEDULED = "scheduled"
    DONE = "done"
    THANKED = "thanked"
    REPORTED_BACK = "reported back"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Attendee:
    """Someone at an event: a contact, or (from a file) only an address and a name.
    ``params`` keeps the ATTENDEE line's parameters as the file wrote them (ROLE,
    PARTSTAT…), so an export says what the import read."""

    contact_id: int | None = None
    email: str = ""
    name: str = ""
    params: str = ""


@dataclass(frozen=True)
class EventDraft:
    title: str
    start: When
    end: When
    kind: EventKind = EventKind.OTHER
    zone: str = ""  # IANA id of a timed event; "" for floating times and all-day events
    location: str = ""
    url: str = ""
    notes: str = ""
    group: str = ""  # the organizing group or association
    reminder_minutes: int | None = None  # remind this long before the start
    rrule: str = ""  # an RRULE value ("FREQ=MONTHLY;BYDAY=2TU"), "" for a single event
    exdates: tuple[When, ...] = ()  # starts of occurrences taken out of the series
    attendees: tuple[Attendee, ...] = ()
    stage: InterviewStage | None = None  # informational interviews only
    uid: str = ""  # given on insert when empty
    extra: str = ""  # iCalendar properties Networker does not model, as the file had them
    # The start of the occurrence this event replaces: set on one edited occurrence of a
    # series (iCalendar's RECURRENCE-ID), which is stored as an event of its own.
    recurrence_id: When | None = None
    # The goals the event (a whole series) is linked to. None: not read (an event from
    # a file, an occurrence), or, on a save, the links stay as they are. Not what the
    # event says: drafts that differ only here are equal (a re-import is "unchanged").
    goal_ids: tuple[int, ...] | None = field(default=None, compare=False)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def floating(self) -> bool:
        return isinstance(self.start, dt.datetime) and self.start.tzinfo is None

    @property
    def recurring(self) -> bool:
        return bool(self.rrule)

    @property
    def duration(self) -> dt.timedelta:
        return _as_datetime(self.end) - _as_datetime(self.start)

    @property
    def contact_ids(self) -> tuple[int, ...]:
        return tuple(a.contact_id for a in self.attendees if a.contact_id is not None)

    def with_contacts(self, contact_ids: Sequence[int]) -> EventDraft:
        """The same event with these contacts as its attendees (those from a file who
        are no contact are kept)."""
        others = tuple(a for a in self.attendees if a.contact_id is None)
        known = {a.contact_id: a for a in self.attendees if a.contact_id is not None}
        chosen = tuple(known.get(cid) or Attendee(contact_id=cid) for cid in contact_ids)
        return replace(self, attendees=chosen + others)


@dataclass(frozen=True)
class EventRecord:
    id: int
    draft: EventDraft
    created_at: dt.datetime
    updated_at: dt.datetime
    series_id: int | None = None  # the series an edited occurrence belongs to
    attendee_names: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Occurrence:
    """One time an event takes place, as a calendar shows it. ``start``/``end`` are
    aware datetimes (floating times read in the local zone) or, all day, dates.
    ``original_start`` names the occurrence within its series (what an edit of this
    occurrence alone or its removal refers to)."""

    event_id: int
    series_id: int  # the event itself when it does not recur
    title: str
    kind: EventKind
    start: When
    end: When
    recurring: bool
    original_start: When
    location: str = ""
    reminder_minutes: int | None = None
    stage: InterviewStage | None = None

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    def first_day(self, zone: dt.tzinfo) -> dt.date:
        """The local day it starts on."""
        if isinstance(self.start, dt.datetime):
            return self.start.astimezone(zone).date()
        return self.start

    def last_day(self, zone: dt.tzinfo) -> dt.date:
        """The local day it ends on (an all-day end is exclusive; a timed event ending
        at midnight ends the day before)."""
        if isinstance(self.end, dt.datetime):
            end = self.end.astimezone(zone)
            day = end.date()
            if end.time() == dt.time() and end > self.start:
                day -= dt.timedelta(days=1)
            return max(day, self.first_day(zone))
        return max(self.end - dt.timedelta(days=1), self.first_day(zone))

    def key(self) -> tuple[str, str]:
        """Sorts occurrences by start (all-day ones first on their day), then title."""
        start = self.start
        text = start.isoformat() if not isinstance(start, dt.datetime) else _utc_key(start)
        return text, self.title.casefold()


def _utc_key(instant: dt.datetime) -> str:
    # An all-day date "2026-12-03" sorts before any time that day ("2026-12-03T…").
    # (isoformat, not strftime: a busy month sorts thousands; strftime was a tenth of it.)
    return instant.astimezone(dt.UTC).isoformat(timespec="seconds")[:19]


def _as_datetime(value: When) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time())


class EventValidationError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def zone_exists(zone: str) -> bool:
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def validate(draft: EventDraft) -> list[str]:
    """What is wrong with an event, in words for people (empty: nothing)."""
    from networker.domain.recurrence import rule_problem

    problems = []
    if not draft.title.strip():
        problems.append("An event needs a title.")
    elif len(draft.title) > TITLE_MAX:
        problems.append(f"The title is longer than {TITLE_MAX} characters.")
    if isinstance(draft.start, dt.datetime) != isinstance(draft.end, dt.datetime):
        problems.append("An event is all day, or has a start and an end time, not both.")
    elif isinstance(draft.start, dt.datetime) and isinstance(draft.end, dt.datetime):
        if (draft.start.tzinfo is None) != (draft.end.tzinfo is None):
            problems.append("The start and the end need the same kind of time.")
        elif draft.end < draft.start:
            problems.append("The event ends before it starts.")
        if draft.zone and not zone_exists(draft.zone):
            problems.append(f"The time zone “{draft.zone}” is not known.")
        if draft.zone and draft.start.tzinfo is None:
            problems.append("A time in a zone needs that zone.")
    elif draft.end < draft.start:
        problems.append("The event ends before it starts.")
    if draft.reminder_minutes is not None and not (
        0 <= draft.reminder_minutes <= REMINDER_MAX_MINUTES
    ):
        problems.append("A reminder is from 0 minutes to four weeks before the event.")
    for text in (draft.location, draft.url, draft.notes, draft.group):
        if len(text) > TEXT_MAX:
            problems.append(f"A field is longer than {TEXT_MAX:,} characters.")
            break
    if draft.rrule:
        problem = rule_problem(draft.rrule, draft.start)
        if problem:
            problems.append(problem)
    return problems
