"""Creating, editing, tagging, archiving and deleting contacts."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum

from peewee import SqliteDatabase

from networker.clock import Clock
from networker.domain.changes import ChangeListener, Changes, ignore_changes
from networker.domain.contacts import (
    ContactDraft,
    ContactRecord,
    ContactValidationError,
    Relationship,
    Source,
    new_uid,
    normalize_tag,
    relationship_problem,
    validate,
)
from networker.domain.listing import ContactIndex, ContactSummary
from networker.storage import contacts as store
from networker.storage import interactions as interaction_store
from networker.storage import snapshots
from networker.storage.db import write_transaction
from networker.storage.snapshots import ContactSnapshot as ContactSnapshot  # for Undo


class Keep(Enum):
    """A field a bulk change leaves as each contact has it."""

    KEEP = "keep"


KEEP = Keep.KEEP

log = logging.getLogger(__name__)


def _everything_of(ids: Sequence[int]) -> Changes:
    """Contacts gone or back, with their interactions, news and reminders."""
    return Changes(contact_ids=frozenset(ids), interactions=True, milestones=True, reminders=True)


class ContactNotFoundError(Exception):
    def __init__(self, contact_id: int) -> None:
        super().__init__("This contact no longer exists; it may have been deleted.")
        self.contact_id = contact_id


class ContactService:
    """The only way the window and the command line change contacts.

    ``on_change`` hears what changed after each commit; it may be called from any thread.
    """

    def __init__(
        self,
        *,
        database: SqliteDatabase,
        clock: Clock,
        on_change: ChangeListener = ignore_changes,
    ) -> None:
        self._db = database
        self._clock = clock
        self._on_change = on_change

    # Reading

    def get(self, contact_id: int) -> ContactRecord:
        record = store.load_contact(self._db, contact_id)
        if record is None:
            raise ContactNotFoundError(contact_id)
        return record

    def summaries(self, ids: Iterable[int]) -> dict[int, ContactSummary]:
        return store.summaries(self._db, ids)

    def index(self, ids: Sequence[int] | None = None) -> ContactIndex:
        return store.load_index(self._db, ids)

    def first_ids(self, limit: int) -> list[int]:
        return store.first_ids(self._db, limit)

    def count(self, *, include_archived: bool = False, up_to: int | None = None) -> int:
        return store.count_contacts(self._db, include_archived=include_archived, up_to=up_to)

    def sources(self, contact_id: int) -> list[tuple[str, str, dt.datetime]]:
        """Where the contact came from: (file name, format, when), oldest first."""
        return store.sources(self._db, contact_id)

    def today(self) -> dt.date:
        return self._clock.today()

    @property
    def clock(self) -> Clock:
        """The time the list's "last interaction" and "next due" are read against."""
        return self._clock

    def tag_names(self) -> list[str]:
        return store.tag_names(self._db)

    # Writing: one transaction each

    def create(self, draft: ContactDraft) -> int:
        self._check(draft)
        with write_transaction(self._db):
            contact_id = store.insert_contact(
                self._db, draft, now=self._clock.now(), uid=draft.uid or new_uid()
            )
        self._on_change(Changes.of_contacts([contact_id]))
        return contact_id

    def update(self, contact_id: int, draft: ContactDraft) -> None:
        self._check(draft)
        with write_transaction(self._db):
            if not store.contact_exists(self._db, contact_id):
                raise ContactNotFoundError(contact_id)
            store.update_contact(self._db, contact_id, draft, now=self._clock.now())
        self._on_change(Changes.of_contacts([contact_id]))

    def delete(self, ids: Sequence[int]) -> ContactSnapshot:
        """Delete them; returns what restore() needs to bring them back (Undo)."""
        with write_transaction(self._db):
            snapshot = snapshots.take(self._db, ids)
            store.delete_contacts(self._db, ids)
            # Their reminders went with them; an interaction stays while another
            # contact of it is left.
            interaction_store.delete_orphans(self._db)
        self._on_change(_everything_of(ids))
        return snapshot

    def restore(self, snapshot: ContactSnapshot) -> list[int]:
        """Deleted contacts back, whole (one transaction); their ids now, in order."""
        with write_transaction(self._db):
            ids = snapshots.restore(self._db, snapshot)
        self._on_change(_everything_of(ids))
        return ids

    def set_archived(self, ids: Sequence[int], archived: bool) -> list[int]:
        """Archive or unarchive; returns the contacts whose state changed (one already
        in that state is left alone, its "updated" time too)."""
        with write_transaction(self._db):
            changed = store.set_archived(self._db, ids, archived, now=self._clock.now())
        self._on_change(Changes.of_contacts(changed))
        return changed

    def set_relationship(
        self,
        ids: Sequence[int],
        *,
        source: Source | None = None,
        strength: int | Keep | None = KEEP,
        cadence_days: int | Keep | None = KEEP,
    ) -> dict[int, Relationship]:
        """Set what is given (source; strength and cadence, None clearing them) on these
        contacts; returns what changed contacts had before (for Undo). ValueError for a
        strength or cadence out of range."""
        problem = relationship_problem(
            None if isinstance(strength, Keep) else strength,
            None if isinstance(cadence_days, Keep) else cadence_days,
        )
        if problem:
            raise ValueError(problem)
        with write_transaction(self._db):
            before = store.relationships(self._db, ids)
            after = {
                contact_id: Relationship(
                    source or old.source,
                    old.strength if isinstance(strength, Keep) else strength,
                    old.cadence_days if isinstance(cadence_days, Keep) else cadence_days,
                )
                for contact_id, old in before.items()
            }
            changed = {i: r for i, r in after.items() if r != before[i]}
            store.set_relationships(self._db, changed, now=self._clock.now())
        self._on_change(Changes.of_contacts(changed))
        return {i: before[i] for i in changed}

    def restore_relationships(self, values: Mapping[int, Relationship]) -> None:
        """Put back what set_relationship() returned (contacts deleted since are left)."""
        with write_transaction(self._db):
            alive = store.relationships(self._db, list(values))
            store.set_relationships(self._db, {i: values[i] for i in alive}, now=self._clock.now())
        self._on_change(Changes.of_contacts(values))

    def family_names(self) -> dict[int, str]:
        """Every contact's family name, by id (the list sorted by family name)."""
        return store.family_names(self._db)

    def tag_cadence(self, tags: Iterable[str]) -> tuple[str, int] | None:
        """The keep-in-touch cadence these tags give a contact without one of its own:
        the shortest of their defaults, with the tag it comes from (None: none)."""
        from networker.storage import reminders as reminder_store

        wanted = {normalize_tag(t).casefold() for t in tags}
        defaults = [
            (days, tag)
            for tag, days in reminder_store.tag_cadences(self._db).items()
            if tag.casefold() in wanted
        ]
        if not defaults:
            return None
        days, tag = min(defaults)
        return tag, days

    def add_tag(self, ids: Sequence[int], tag: str) -> None:
        tag = self._checked_tag(tag)
        with write_transaction(self._db):
            store.add_tag(self._db, ids, tag, now=self._clock.now())
        self._on_change(Changes.of_contacts(ids))

    def remove_tag(self, ids: Sequence[int], tag: str) -> None:
        tag = self._checked_tag(tag)
        with write_transaction(self._db):
            store.remove_tag(self._db, ids, tag, now=self._clock.now())
        self._on_change(Changes.of_contacts(ids))

    def _check(self, draft: ContactDraft) -> None:
        draft.tags = [t for t in (normalize_tag(t) for t in draft.tags) if t]
        problems = validate(draft, today=self._clock.today())
        if problems:
            raise ContactValidationError(problems)

    def check_tag(self, tag: str) -> str:
        """The tag as stored, or ValueError when it cannot be one."""
        return self._checked_tag(tag)

    @staticmethod
    def _checked_tag(tag: str) -> str:
        tag = normalize_tag(tag)
        if not tag:
            raise ValueError("A tag needs at least one letter.")
        return tag
