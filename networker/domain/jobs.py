"""Job history: a contact's roles over time, as dated sources showed them, and whether a
file's role is newer or older than the one the user has. No storage, no Qt.

How files are dated (the rule ``networker import`` and the preview follow):

- A LinkedIn ``Connections.csv`` is as of its newest "Connected On" date. The export
  holds every connection made up to the day it was made, so it was made on or after
  that date; of two exports, the one with the newer newest connection is the newer
  (the same newest date cannot tell them apart). A file without any such date is
  taken as of the day it is imported.
- A vCard is as of its REV (when the card was last revised); a card without one is
  undated, and a different role on it stays a conflict the user settles.
- What the user has is as of the last date a source showed the current role; a role
  typed by hand since then, as of that edit (the contact's last change); a role no
  dated source ever showed is undated, and any dated file is newer than it.

A newer file's role becomes the current one (the old one ends, a job milestone and a
congratulation follow); an older file's never does: it is reported "older than what
you have", and its role joins the history as a former one. Importing two exports in
either order therefore ends the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Role:
    organization: str = ""
    title: str = ""

    @property
    def words(self) -> str:
        """The title at the organization (CTO at Babbage & Co), or whichever is known."""
        if self.organization and self.title:
            return f"{self.title} at {self.organization}"
        return self.title or self.organization

    def __bool__(self) -> bool:
        return bool(self.organization or self.title)


@dataclass(frozen=True)
class Stint:
    """A role from the first to the last day a source showed it (None: a role known
    without a date, older than any dated one); ``ended_on`` is the first day a later
    role was seen (None: the current role)."""

    role: Role
    started_on: dt.date | None
    seen_on: dt.date | None
    ended_on: dt.date | None = None


def _key(day: dt.date | None) -> dt.date:
    return day or dt.date.min


def observe(
    stints: Sequence[Stint], sightings: Iterable[tuple[Role, dt.date | None]]
) -> list[Stint]:
    """The history (oldest first) with these sightings added: every known sighting in
    date order, runs of the same role folded into one stint. The result does not depend
    on the order sightings arrive in (only a run's first and last days are kept, so a
    role seen again inside another's run splits it at those days)."""
    seen: list[tuple[dt.date | None, Role]] = []
    for stint in stints:
        seen += [(stint.started_on, stint.role), (stint.seen_on, stint.role)]
    seen += [(day, role) for role, day in sightings if role]
    seen.sort(key=lambda sighting: _key(sighting[0]))  # stable: a tie keeps what was known
    runs: list[tuple[Role, dt.date | None, dt.date | None]] = []
    for day, role in seen:
        if runs and runs[-1][0] == role:
            _role, first, last = runs[-1]
            runs[-1] = (role, first, day if day is not None else last)
        else:
            runs.append((role, day, day))
    return [
        Stint(role, first, last, runs[i + 1][1] if i + 1 < len(runs) else None)
        for i, (role, first, last) in enumerate(runs)
    ]


class Verdict(Enum):
    SAME = "same"  # nothing new about the role
    NEWER = "newer"  # the file's role is the current one now
    OLDER = "older"  # "older than what you have": the current role stays
    UNKNOWN = "unknown"  # undated, or dated the same: a conflict the user settles


def judge(have: Role, have_on: dt.date | None, theirs: Role, on: dt.date | None) -> Verdict:
    """Whether a record's role (``theirs``, as of ``on``) replaces the contact's
    (``have``, as of ``have_on``). A field the record leaves empty says nothing."""
    differs = any(
        new and new != old
        for new, old in ((theirs.organization, have.organization), (theirs.title, have.title))
    )
    if not differs:
        return Verdict.SAME
    if not have:
        return Verdict.NEWER  # nothing to replace: the record fills it
    if on is None:
        return Verdict.UNKNOWN
    if have_on is None or on > have_on:
        return Verdict.NEWER
    return Verdict.OLDER if on < have_on else Verdict.UNKNOWN


def taken(have: Role, theirs: Role) -> Role:
    """The role a newer record gives: its fields, the contact's where it has none."""
    return Role(theirs.organization or have.organization, theirs.title or have.title)


def is_promotion(before: Role, after: Role) -> bool:
    """A new title at the same organization."""
    return bool(before.organization) and before.organization == after.organization
