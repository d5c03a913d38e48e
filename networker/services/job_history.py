"""What an import learns about roles (domain/jobs.py gives the rule): each record's role
judged against the contact's history, including what this import saw before it; the
history written, and a milestone with a congratulation for each new change of job,
once the import's contacts exist."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.jobs import Role, Stint, Verdict, is_promotion, judge, observe
from networker.domain.milestones import MilestoneDraft, MilestoneKind
from networker.services.milestones import record_milestone
from networker.storage import jobs as store
from networker.storage import milestones as milestone_store

Sighting = tuple[Role, dt.date | None]
NO_ROLE = Role()


def older_notice(
    have: Role, have_on: dt.date, theirs: Role, on: dt.date, *, taken_anyway: bool = False
) -> str:
    """What the preview and ``networker import`` say about a record older than the
    contact's role."""
    dates = f"the file is as of {on:%d %b %Y}, yours as of {have_on:%d %b %Y}"
    if taken_anyway:
        return f"older than what you have ({dates}): {theirs.words} taken, as you asked"
    return f"older than what you have ({dates}): kept {have.words}, not {theirs.words}"


@dataclass(frozen=True)
class Judged:
    verdict: Verdict
    have_on: dt.date | None  # the date of what the user has


class JobTracker:
    """One import's sightings of roles, kept until its contacts are written."""

    def __init__(self, db: SqliteDatabase, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._pending: dict[int, list[Sighting]] = {}
        self._stored: dict[int, list[Stint]] = {}  # read once per contact

    def history(self, contact_id: int) -> list[Stint]:
        return observe(self._before(contact_id), self._pending.get(contact_id, []))

    def _before(self, contact_id: int) -> list[Stint]:
        if contact_id not in self._stored:
            self._stored[contact_id] = store.history(self._db, contact_id)
        return self._stored[contact_id]

    def judge(
        self, contact_id: int, have: Role, updated_at: dt.datetime, theirs: Role, on: dt.date | None
    ) -> Judged:
        have_on, _ = self._have(contact_id, have, updated_at)
        return Judged(judge(have, have_on, theirs, on), have_on)

    def saw(
        self,
        contact_id: int,
        role: Role,
        on: dt.date,
        *,
        have: Role = NO_ROLE,
        updated_at: dt.datetime | None = None,
        new: bool = False,
    ) -> None:
        """A dated record showed ``role``; ``have`` is the contact's role before it, put
        into the history first when no dated source showed it yet. ``new``: a contact
        this import adds (it has no history to read)."""
        if new:
            self._stored[contact_id] = []
        sightings = self._pending.setdefault(contact_id, [])
        if have and updated_at is not None:
            _, known = self._have(contact_id, have, updated_at)
            sightings += known
        sightings.append((role, on))

    def _have(
        self, contact_id: int, have: Role, updated_at: dt.datetime
    ) -> tuple[dt.date | None, list[Sighting]]:
        """The date of the contact's role, and the sighting that puts it in the history
        when it is not there yet."""
        if not have:
            return None, []
        stints = self.history(contact_id)
        if stints and stints[-1].role == have:
            return stints[-1].seen_on, []
        if stints:  # typed by hand since a file showed the last one: as of that edit
            edited = self._clock.local(updated_at).date()
            return edited, [(have, edited)]
        return None, [(have, None)]  # never dated: older than any dated file

    def write(self) -> set[int]:
        """Store the histories; returns the contacts that gained a milestone or a role."""
        changed: dict[int, list[Stint]] = {}
        for contact_id, sightings in self._pending.items():
            before = self._before(contact_id)
            after = observe(before, sightings)
            if after == before:
                continue
            changed[contact_id] = after
            known = {(a.role, b.role) for a, b in itertools.pairwise(before)}
            was_current = before[-1].role if before else None
            for previous, stint in itertools.pairwise(after):
                if (previous.role, stint.role) not in known:
                    # News only when it moves them on: a past change an older file
                    # fills in goes into the history without a congratulation.
                    news = stint is after[-1] and stint.role != was_current
                    self._milestone(contact_id, previous, stint, congratulate=news)
        store.replace(self._db, changed)
        self._pending.clear()
        self._stored.clear()
        return set(changed)

    def _milestone(
        self, contact_id: int, previous: Stint, stint: Stint, *, congratulate: bool
    ) -> None:
        kind = MilestoneKind.PROMOTION if is_promotion(previous.role, stint.role) else (
            MilestoneKind.NEW_JOB
        )  # fmt: skip
        text = stint.role.words
        if milestone_store.find(self._db, contact_id, kind, text) is not None:
            return  # seen before (a role left and taken again is one piece of news)
        day = stint.started_on or self._clock.today()
        record_milestone(
            self._db,
            self._clock,
            MilestoneDraft(contact_id, kind, day, text),
            congratulate=congratulate,
        )
