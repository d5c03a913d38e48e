"""Goal changes the user can take back with Edit > Undo (the window's one stack): adding
contacts to a goal ("Add to Goal…" on the Contacts list), unlinking something from one,
and deleting a goal, which comes back whole (targets and their numbers, links, past
periods) under its id.

A command does its change and takes it back through the goal service, in the service's
own transaction, as views/undo.py's do. The service (and this page's dialogs) are
imported on first use: the window paints before them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from networker.services.goals import GoalService
    from networker.storage.goals import GoalRows

log = logging.getLogger(__name__)

# (id, title, status in words) of a goal that can be chosen.
GoalChoice = tuple[int, str, str]


class GoalHistory:
    """Goal changes the user can take back with Edit > Undo. ``goals`` makes the goal
    service on first use (the window paints before it is imported)."""

    def __init__(self, *, stack: QUndoStack, goals: Callable[[], GoalService]) -> None:
        self.stack = stack
        self._goals = goals

    def choices(self) -> list[GoalChoice]:
        return [(i, t, s.label) for i, t, s in self._goals().choices()]

    def link_contacts(self, goal_id: int, contact_ids: Sequence[int]) -> list[int]:
        """Link these contacts to the goal; returns those that were not linked yet."""
        goals = self._goals()
        already = {i for i, _n in goals.linked(goal_id).contacts}
        new = [i for i in dict.fromkeys(contact_ids) if i not in already]
        if new:
            title = goals.get(goal_id).draft.title
            self.stack.push(_Links(goals, goal_id, "contact", new, f"Add to “{title[:40]}”"))
        return new

    def unlink(self, goal_id: int, kind: str, item_id: int) -> None:
        """Take a contact, event or interaction (``kind``) off the goal."""
        self.stack.push(_Links(self._goals(), goal_id, kind, [item_id], "Unlink", add=False))

    def delete(self, goal_id: int) -> None:
        """Delete the goal (GoalNotFoundError, with nothing pushed, if it is gone)."""
        goals = self._goals()
        goals.get(goal_id)
        self.stack.push(_DeleteGoal(goals, goal_id))


def add_contacts_to_goal(
    history: GoalHistory, parent: QWidget, contact_ids: list[int], say: Callable[[str], None]
) -> None:
    """Contacts > Add to Goal…: choose a goal, and the contacts are linked to it."""
    from networker.views.goal_links import GoalPickerDialog

    if not contact_ids:
        return
    choices = [c for c in history.choices() if c[2] == "Active"]
    if not choices:
        say("No goal to add them to yet: set one on the Goals page (Ctrl+Shift+G).")
        return
    what = "this contact" if len(contact_ids) == 1 else f"these {len(contact_ids)} contacts"

    def chosen(goal_id: int) -> None:
        title = next(t for i, t, _s in choices if i == goal_id)
        added = history.link_contacts(goal_id, contact_ids)
        if added:
            people = "1 contact" if len(added) == 1 else f"{len(added)} contacts"
            say(f"Added {people} to “{title}”. Edit > Undo takes them off.")
        else:
            say(f"Already linked to “{title}”.")

    dialog = GoalPickerDialog(choices=choices, what=what, choose_with=chosen, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


class _GoalCommand(QUndoCommand):
    def _gone(self, error: Exception) -> None:
        log.info("%s can no longer be done or undone: %s", self.text(), error)
        self.setObsolete(True)


class _Links(_GoalCommand):
    def __init__(
        self,
        goals: GoalService,
        goal_id: int,
        kind: str,
        ids: list[int],
        words: str,
        *,
        add: bool = True,
    ) -> None:
        super().__init__(words)
        self._goals, self._goal_id, self._kind, self._ids = goals, goal_id, kind, ids
        self._add = add

    def redo(self) -> None:
        self._change(self._add)

    def undo(self) -> None:
        self._change(not self._add)

    def _change(self, add: bool) -> None:
        if add:
            self._goals.link(self._goal_id, self._kind, self._ids)
        else:
            self._goals.unlink(self._goal_id, self._kind, self._ids)


class _DeleteGoal(_GoalCommand):
    def __init__(self, goals: GoalService, goal_id: int) -> None:
        super().__init__("Delete Goal")
        self._goals, self._goal_id = goals, goal_id
        self._kept: GoalRows | None = None

    def redo(self) -> None:
        from networker.services.goals import GoalNotFoundError

        try:
            self._kept = self._goals.take_out(self._goal_id)
        except GoalNotFoundError as error:
            self._gone(error)
            return
        self.setText(f"Delete Goal “{self._kept.title[:40]}”")

    def undo(self) -> None:
        if self._kept is not None:
            # Back under its id, unless that was taken meanwhile: redo follows it.
            self._goal_id = self._goals.put_back(self._kept)
            self._kept = None
