"""Undo and redo for the window (Edit > Undo, Ctrl+Z): one QUndoStack, and a command for
each undoable change (interactions; a contact's edit, archive, tags, delete and merge).
A command does its change (redo) and takes it back (undo) through a service, in the
service's own transaction, so the database is never half undone.

Interactions: logging, editing and deleting one. Undoing a delete logs the interaction
again, under a new id; InteractionIds lets the commands pushed before it follow it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand, QUndoStack

from networker.domain.contacts import (
    ContactDraft,
    ContactValidationError,
    Relationship,
    relationship_problem,
)
from networker.domain.interactions import (
    InteractionDraft,
    InteractionRecord,
    InteractionValidationError,
)
from networker.services.contacts import ContactNotFoundError, ContactService, ContactSnapshot
from networker.services.interactions import InteractionNotFoundError, InteractionService

if TYPE_CHECKING:
    # Built on first use (the window paints sooner): only its type is needed here.
    from networker.services.duplicates import DuplicateService

log = logging.getLogger(__name__)

# What a command cannot do any more (its contacts were deleted since, say): it is
# dropped from the stack rather than raised into Qt's event loop.
_GONE = (InteractionNotFoundError, InteractionValidationError)


class InteractionIds:
    """Where an interaction logged again by Undo lives now."""

    def __init__(self) -> None:
        self._moved: dict[int, int] = {}

    def current(self, interaction_id: int) -> int:
        while interaction_id in self._moved:
            interaction_id = self._moved[interaction_id]
        return interaction_id

    def moved(self, old: int, new: int) -> None:
        if old != new:
            self._moved[old] = new


class InteractionHistory:
    """Logging, editing and deleting interactions as undoable commands."""

    def __init__(self, *, stack: QUndoStack, interactions: InteractionService) -> None:
        self.stack = stack
        self._interactions = interactions
        self._ids = InteractionIds()

    def log(self, draft: InteractionDraft) -> int:
        """Log it (InteractionValidationError, with nothing pushed, if it cannot be)."""
        self._interactions.check(draft)
        command = _Log(self._interactions, self._ids, draft)
        self.stack.push(command)
        return command.interaction_id

    def update(self, interaction_id: int, draft: InteractionDraft) -> None:
        self._interactions.check(draft)
        before = self._interactions.get(interaction_id).draft
        self.stack.push(_Edit(self._interactions, self._ids, interaction_id, before, draft))

    def delete(self, interaction_id: int) -> None:
        self.stack.push(_Delete(self._interactions, self._ids, interaction_id))


class _Command(QUndoCommand):
    def __init__(self, text: str, interactions: InteractionService, ids: InteractionIds) -> None:
        super().__init__(text)
        self._interactions = interactions
        self._ids = ids

    def _gone(self, error: Exception) -> None:
        log.info("%s can no longer be done or undone: %s", self.text(), error)
        self.setObsolete(True)


class _Log(_Command):
    def __init__(
        self, interactions: InteractionService, ids: InteractionIds, draft: InteractionDraft
    ) -> None:
        super().__init__(f"Log {draft.kind.label.lower()}", interactions, ids)
        self._draft = draft
        self.interaction_id = -1

    def redo(self) -> None:
        try:
            new = self._interactions.log(self._draft)
        except _GONE as error:
            self._gone(error)
            return
        if self.interaction_id == -1:
            self.interaction_id = new
        else:
            self._ids.moved(self._ids.current(self.interaction_id), new)

    def undo(self) -> None:
        try:
            self._interactions.delete(self._ids.current(self.interaction_id))
        except _GONE as error:
            self._gone(error)


class _Edit(_Command):
    def __init__(
        self,
        interactions: InteractionService,
        ids: InteractionIds,
        interaction_id: int,
        before: InteractionDraft,
        after: InteractionDraft,
    ) -> None:
        super().__init__("Edit Interaction", interactions, ids)
        self._id = interaction_id
        self._before, self._after = before, after

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)

    def _apply(self, draft: InteractionDraft) -> None:
        try:
            self._interactions.update(self._ids.current(self._id), draft)
        except _GONE as error:
            self._gone(error)


class _Delete(_Command):
    def __init__(
        self, interactions: InteractionService, ids: InteractionIds, interaction_id: int
    ) -> None:
        super().__init__("Delete Interaction", interactions, ids)
        self._id = interaction_id
        self._record: InteractionRecord | None = None

    def redo(self) -> None:
        try:
            self._record = self._interactions.delete(self._ids.current(self._id))
        except _GONE as error:
            self._gone(error)

    def undo(self) -> None:
        if self._record is None:
            return
        try:
            new = self._interactions.restore(self._record)
        except _GONE as error:
            self._gone(error)
            return
        self._ids.moved(self._ids.current(self._id), new)


class ContactHistory:
    """Editing, archiving, tagging, deleting and merging contacts as undoable commands.
    A delete or a merge keeps the rows as they were (storage/snapshots.py), so Undo
    brings the contacts back whole, under the same ids."""

    def __init__(self, *, stack: QUndoStack, contacts: ContactService) -> None:
        self.stack = stack
        self._contacts = contacts

    def edited(self, contact_id: int, before: ContactDraft, after: ContactDraft) -> None:
        """A save the editor made: pushed as done, so Undo puts ``before`` back."""
        if before != after:
            self.stack.push(_EditContact(self._contacts, contact_id, before, after))

    def created(self, contact_id: int, name: str) -> None:
        """A contact the editor made: pushed as done, so Undo deletes it (QA: Ctrl+Z
        after a new contact undid something older instead)."""
        self.stack.push(_CreateContact(self._contacts, contact_id, name))

    def set_archived(self, ids: Sequence[int], archived: bool) -> list[int]:
        """Archive (or unarchive) them; returns those that changed."""
        command = _Archive(self._contacts, ids, archived)
        self.stack.push(command)
        return command.changed

    def tag(self, ids: Sequence[int], tag: str, *, add: bool) -> list[int]:
        """Add (or remove) a tag; returns the contacts that changed. ValueError for a
        tag that cannot be one (nothing pushed)."""
        summaries = self._contacts.summaries(ids)
        has = {i for i, s in summaries.items() if tag.casefold() in _tags(s.tags)}
        changed = [i for i in ids if i in summaries and ((i in has) != add)]
        if changed:
            self._contacts.check_tag(tag)
            self.stack.push(_Tag(self._contacts, changed, tag, add))
        return changed

    def set_relationship(self, ids: Sequence[int], changes: dict[str, object]) -> list[int]:
        """Set source, strength or cadence (``changes`` as ContactService.set_relationship
        takes them) on these contacts; returns those that changed. ValueError for a
        value out of range (nothing pushed)."""
        problem = relationship_problem(
            _number(changes.get("strength")), _number(changes.get("cadence_days"))
        )
        if problem:
            raise ValueError(problem)
        command = _Relationship(self._contacts, ids, changes)
        self.stack.push(command)
        return list(command.before)

    def delete(self, ids: Sequence[int]) -> None:
        self.stack.push(_DeleteContacts(self._contacts, ids))

    def merge(
        self,
        duplicates: DuplicateService,
        keep: int,
        other: int,
        take_from_other: list[str],
        take_from_kept: list[str],
        leave_out_of_kept: list[str],
        leave_out_of_other: list[str],
    ) -> None:
        """Merge ``other`` into ``keep`` (ContactNotFoundError, with nothing pushed, when
        one of them is gone); the choices are DuplicateService.merge's."""
        duplicates.drafts(keep, other)
        choices = _MergeChoices(take_from_other, take_from_kept, leave_out_of_kept,
                                leave_out_of_other)  # fmt: skip
        self.stack.push(_Merge(duplicates, keep, other, choices))


def _number(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _tags(joined: str) -> set[str]:
    return {t.strip().casefold() for t in joined.split(",") if t.strip()}


class _ContactCommand(QUndoCommand):
    def _gone(self, error: Exception) -> None:
        log.info("%s can no longer be done or undone: %s", self.text(), error)
        self.setObsolete(True)


class _EditContact(_ContactCommand):
    def __init__(
        self, contacts: ContactService, contact_id: int, before: ContactDraft, after: ContactDraft
    ) -> None:
        super().__init__(f"Edit {after.display_name or 'Contact'}")
        self._contacts, self._id = contacts, contact_id
        self._before, self._after = before, after
        self._done = True  # pushed after the editor saved it

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)

    def _apply(self, draft: ContactDraft) -> None:
        try:
            self._contacts.update(self._id, draft)
        except (ContactNotFoundError, ContactValidationError) as error:
            self._gone(error)


class _Archive(_ContactCommand):
    def __init__(self, contacts: ContactService, ids: Sequence[int], archived: bool) -> None:
        super().__init__("Archive" if archived else "Unarchive")
        self._contacts, self._ids, self._archived = contacts, list(ids), archived
        self.changed: list[int] = []

    def redo(self) -> None:
        changed = self._contacts.set_archived(self.changed or self._ids, self._archived)
        if not self.changed:
            self.changed = list(changed)
            if not changed:
                self.setObsolete(True)  # nothing to undo: not kept on the stack

    def undo(self) -> None:
        self._contacts.set_archived(self.changed, not self._archived)


class _Relationship(_ContactCommand):
    def __init__(
        self, contacts: ContactService, ids: Sequence[int], changes: dict[str, object]
    ) -> None:
        super().__init__("Change Relationship")
        self._contacts, self._ids, self._changes = contacts, list(ids), changes
        self.before: dict[int, Relationship] = {}
        self._first = True

    def redo(self) -> None:
        before = self._contacts.set_relationship(self._ids, **self._changes)  # type: ignore[arg-type]
        if self._first:
            self._first = False
            self.before = before
            if not before:
                self.setObsolete(True)  # nothing changed: nothing to undo

    def undo(self) -> None:
        self._contacts.restore_relationships(self.before)


class _Tag(_ContactCommand):
    def __init__(self, contacts: ContactService, ids: Sequence[int], tag: str, add: bool) -> None:
        super().__init__(f"{'Tag' if add else 'Untag'} “{tag}”")
        self._contacts, self._ids, self._tag, self._add = contacts, list(ids), tag, add

    def redo(self) -> None:
        self._change(self._add)

    def undo(self) -> None:
        self._change(not self._add)

    def _change(self, add: bool) -> None:
        alive = list(self._contacts.summaries(self._ids))
        if add:
            self._contacts.add_tag(alive, self._tag)
        else:
            self._contacts.remove_tag(alive, self._tag)


class _CreateContact(_ContactCommand):
    def __init__(self, contacts: ContactService, contact_id: int, name: str) -> None:
        super().__init__(f"New Contact {name}".strip())
        self._contacts, self._id = contacts, contact_id
        self._snapshot: ContactSnapshot | None = None
        self._done = True  # pushed after the editor made it

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        if self._snapshot is not None:
            (self._id,) = self._contacts.restore(self._snapshot)
            self._snapshot = None

    def undo(self) -> None:
        try:
            self._snapshot = self._contacts.delete([self._id])
        except ContactNotFoundError as error:
            self._gone(error)


class _DeleteContacts(_ContactCommand):
    def __init__(self, contacts: ContactService, ids: Sequence[int]) -> None:
        super().__init__("Delete Contact" if len(ids) == 1 else f"Delete {len(ids)} Contacts")
        self._contacts, self._ids = contacts, list(ids)
        self._snapshot: ContactSnapshot | None = None

    def redo(self) -> None:
        self._snapshot = self._contacts.delete(self._ids)

    def undo(self) -> None:
        if self._snapshot is not None:
            # Back under the same ids, unless one was taken meanwhile: redo follows them.
            self._ids = self._contacts.restore(self._snapshot)
            self._snapshot = None


@dataclass(frozen=True)
class _MergeChoices:
    take_from_other: list[str]
    take_from_kept: list[str]
    leave_out_of_kept: list[str]
    leave_out_of_other: list[str]


class _Merge(_ContactCommand):
    def __init__(
        self, duplicates: DuplicateService, keep: int, other: int, choices: _MergeChoices
    ) -> None:
        super().__init__("Merge Contacts")
        self._duplicates, self._keep, self._other = duplicates, keep, other
        self._choices = choices
        self._before: ContactSnapshot | None = None

    def redo(self) -> None:
        try:
            self._before = self._duplicates.merge(self._keep, self._other, **vars(self._choices))
        except ContactNotFoundError as error:
            self._gone(error)

    def undo(self) -> None:
        if self._before is None:
            return
        try:
            self._keep, self._other = self._duplicates.unmerge(self._before)
        except ContactNotFoundError as error:
            self._gone(error)
        self._before = None
