"""What reading a file found: one record per contact or event, and the problems, with
places."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from networker.domain.contacts import ContactDraft
from networker.domain.events import EventDraft


@dataclass(frozen=True)
class RecordProblem:
    """A record that was skipped, or a part of one that was left out."""

    record: int  # 1-based card or row number
    line: int  # 1-based line in the file where the record starts
    reason: str


@dataclass
class ParsedRecord:
    record: int
    line: int
    draft: ContactDraft
    warnings: list[str] = field(default_factory=list)
    # The day the record's role was true by (a LinkedIn export's, a card's REV): see
    # domain/jobs.py. None: the source does not say.
    as_of: dt.date | None = None
    archived: bool = False  # a vCard's X-NETWORKER-ARCHIVED (a contact's state, not a field)
    # The day the user met them, when the file says (LinkedIn's Connected On): a new
    # contact for goals on that day. None: only brought in.
    met: dt.date | None = None


@dataclass
class ParsedEvent:
    """One event of a calendar file (a VEVENT): a whole series, a single event, or one
    edited occurrence of a series (``draft.recurrence_id`` set). Attendees carry the
    file's addresses; which contact each one is, the import decides."""

    record: int
    line: int
    draft: EventDraft
    warnings: list[str] = field(default_factory=list)
    # iCalendar's SEQUENCE: a higher one is a newer version of the same event.
    sequence: int = 0
    # Which of the draft's fields the file said (kind, group, reminder): the others
    # keep what the user gave the event in Networker when it is imported again.
    says: frozenset[str] = frozenset()


class UnreadableFileError(Exception):
    """The whole file cannot be read; the message says why, for people."""


# Makes a small JPEG of a picture's bytes (imaging.make_thumbnail: Qt, so it is handed in).
Thumbnailer = Callable[[bytes], bytes]
