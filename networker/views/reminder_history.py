"""Undo and redo for acting on a reminder (Edit > Undo, the window's one stack): done,
dismissed or snoozed on Today comes back due as it was, with a keep-in-touch contact's
next due time (QA: a Done clicked by mistake could not be taken back)."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtGui import QUndoCommand, QUndoStack

from networker.domain.reminders import Snooze
from networker.services.reminders import DueReminder, ReminderService, ReminderUndo

log = logging.getLogger(__name__)


class ReminderHistory:
    def __init__(self, *, stack: QUndoStack, reminders: ReminderService) -> None:
        self.stack = stack
        self._reminders = reminders

    def done(self, reminder: DueReminder) -> None:
        self.stack.push(_Act(self._reminders, reminder, "Done", None))

    def dismiss(self, reminder: DueReminder) -> None:
        self.stack.push(_Act(self._reminders, reminder, "Dismiss", None))

    def snooze(self, reminder: DueReminder, choice: Snooze | dt.datetime) -> dt.datetime:
        """Snooze it; returns until when."""
        command = _Act(self._reminders, reminder, "Snooze", choice)
        self.stack.push(command)
        assert command.until is not None
        return command.until


class _Act(QUndoCommand):
    def __init__(
        self,
        reminders: ReminderService,
        reminder: DueReminder,
        action: str,
        choice: Snooze | dt.datetime | None,
    ) -> None:
        super().__init__(f"{action} “{reminder.title}”")
        self._reminders, self._reminder, self._action = reminders, reminder, action
        self._choice = choice
        self._before: ReminderUndo | None = None
        self.until: dt.datetime | None = None

    def redo(self) -> None:
        # (A computed reminder's row, stored by the action, is deleted by undo: done
        # again, it is stored again.)
        if self._action == "Done":
            self._before = self._reminders.done(self._reminder)
        elif self._action == "Dismiss":
            self._before = self._reminders.dismiss(self._reminder)
        else:
            assert self._choice is not None
            if self.until is not None:  # again, to the same time as the first time
                self._choice = self.until
            self.until, self._before = self._reminders.snooze_undoable(self._reminder, self._choice)

    def undo(self) -> None:
        if self._before is not None:
            self._reminders.undo(self._before)
