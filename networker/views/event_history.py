"""Undo and redo for the calendar (Edit > Undo, the window's one stack): adding, editing
and deleting an event, a whole series or one occurrence of it; who the user met at one,
and an interview's stage. As in views/undo.py, a
command does its change and takes it back through the event service, in the service's
own transaction.

A deleted event comes back under a new id (with its uid, its attendees and, for a
series, the occurrences that were edited on their own); the ids map lets the commands
pushed before it follow it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand, QUndoStack

from networker.domain.contacts import ContactValidationError
from networker.domain.events import (
    EventDraft,
    EventRecord,
    EventValidationError,
    InterviewStage,
    When,
)
from networker.services.events import EventExistsError, EventNotFoundError, EventService
from networker.views.undo import InteractionIds

if TYPE_CHECKING:  # loaded with the Calendar page (calendar_entry.py), not at start
    from networker.services.encounters import EncounterService, Met, Recorded

log = logging.getLogger(__name__)

_GONE = (EventNotFoundError, EventValidationError, EventExistsError)


class EventHistory:
    def __init__(self, *, stack: QUndoStack, events: EventService) -> None:
        self.stack = stack
        self._events = events
        self._ids = InteractionIds()  # (any ids that move when brought back)

    def current(self, event_id: int) -> int:
        return self._ids.current(event_id)

    def add(self, draft: EventDraft) -> int:
        """Add it (EventValidationError, with nothing pushed, if it cannot be)."""
        self._events.check(draft)
        command = _Add(self._events, self._ids, draft)
        self.stack.push(command)
        return command.event_id

    def update(self, event_id: int, draft: EventDraft) -> None:
        """The event (a whole series) says what ``draft`` says."""
        self._events.check(draft)
        before = self._events.get(event_id).draft
        self.stack.push(_Edit(self._events, self._ids, event_id, before, draft))

    def delete(self, event_id: int) -> EventRecord:
        command = _Delete(self._events, self._ids, event_id)
        self.stack.push(command)
        assert command.record is not None
        return command.record

    def edit_occurrence(self, series_id: int, original_start: When, draft: EventDraft) -> None:
        self._events.check(replace(draft, rrule=""))
        self.stack.push(_EditOccurrence(self._events, self._ids, series_id, original_start, draft))

    def delete_occurrence(self, series_id: int, original_start: When) -> None:
        self.stack.push(_DeleteOccurrence(self._events, self._ids, series_id, original_start))

    def record_met(
        self, encounters: EncounterService, event: EventRecord, met: list[Met], at: dt.datetime
    ) -> list[int]:
        """Who the user met at the event (EncounterError or ContactValidationError, with
        nothing pushed, when it cannot be recorded); returns the contacts."""
        recorded = encounters.record_met_undoably(event, met, at=at)
        title = f"Who You Met at “{event.draft.title[:40]}”"

        def again(record: EventRecord) -> Recorded:
            return encounters.record_met_undoably(record, met, at=at)

        self.stack.push(_Encounter(self._events, self._ids, encounters, recorded, title, again))
        return list(recorded.contact_ids)

    def set_stage(
        self,
        encounters: EncounterService,
        event: EventRecord,
        stage: InterviewStage | None,
        learned: str = "",
    ) -> None:
        recorded = encounters.set_stage(event, stage, learned=learned)
        words = stage.label if stage else "No Stage"

        def again(record: EventRecord) -> Recorded:
            return encounters.set_stage(record, stage, learned=learned)

        title = f"Stage “{words}”"
        self.stack.push(_Encounter(self._events, self._ids, encounters, recorded, title, again))


def _edited(events: EventService, series_id: int, original: When) -> EventRecord | None:
    for record in events.edited_occurrences(series_id):
        if record.draft.recurrence_id == original:
            return record
    return None


class _Command(QUndoCommand):
    def __init__(self, text: str, events: EventService, ids: InteractionIds) -> None:
        super().__init__(text)
        self._events = events
        self._ids = ids

    def _gone(self, error: Exception) -> None:
        log.info("%s can no longer be done or undone: %s", self.text(), error)
        self.setObsolete(True)


class _Add(_Command):
    def __init__(self, events: EventService, ids: InteractionIds, draft: EventDraft) -> None:
        super().__init__(f"Add “{draft.title[:40]}”", events, ids)
        self._draft = draft
        self.event_id = -1

    def redo(self) -> None:
        try:
            new = self._events.add(self._draft)
        except _GONE as error:
            self._gone(error)
            return
        if self.event_id == -1:
            self.event_id = new
        else:
            self._ids.moved(self._ids.current(self.event_id), new)

    def undo(self) -> None:
        try:
            record = self._events.delete(self._ids.current(self.event_id))
        except _GONE as error:
            self._gone(error)
            return
        self._draft = record.draft  # its uid comes back with it


class _Edit(_Command):
    def __init__(
        self,
        events: EventService,
        ids: InteractionIds,
        event_id: int,
        before: EventDraft,
        after: EventDraft,
    ) -> None:
        super().__init__(f"Edit “{after.title[:40]}”", events, ids)
        self._id, self._before, self._after = event_id, before, after

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)

    def _apply(self, draft: EventDraft) -> None:
        try:
            self._events.update(self._ids.current(self._id), draft)
        except _GONE as error:
            self._gone(error)


class _Delete(_Command):
    def __init__(self, events: EventService, ids: InteractionIds, event_id: int) -> None:
        super().__init__("Delete Event", events, ids)
        self._id = event_id
        self.record: EventRecord | None = None
        self._edited: list[EventRecord] = []

    def redo(self) -> None:
        try:
            current = self._ids.current(self._id)
            self._edited = self._events.edited_occurrences(current)
            self.record = self._events.delete(current)
        except _GONE as error:
            self._gone(error)
            return
        self.setText(f"Delete “{self.record.draft.title[:40]}”")

    def undo(self) -> None:
        if self.record is None:
            return
        try:
            new = self._events.add(self.record.draft)
            for occurrence in self._edited:
                original = occurrence.draft.recurrence_id
                if original is not None:
                    self._events.edit_occurrence(new, original, occurrence.draft)
        except _GONE as error:
            self._gone(error)
            return
        self._ids.moved(self._ids.current(self._id), new)


class _EditOccurrence(_Command):
    def __init__(
        self,
        events: EventService,
        ids: InteractionIds,
        series_id: int,
        original: When,
        draft: EventDraft,
    ) -> None:
        super().__init__(f"Edit “{draft.title[:40]}” once", events, ids)
        self._series, self._original, self._draft = series_id, original, draft
        self._before: EventDraft | None = None
        self._first = True

    def redo(self) -> None:
        series = self._ids.current(self._series)
        try:
            if self._first:
                self._first = False
                edited = _edited(self._events, series, self._original)
                self._before = edited.draft if edited else None
            self._events.edit_occurrence(series, self._original, self._draft)
        except _GONE as error:
            self._gone(error)

    def undo(self) -> None:
        series = self._ids.current(self._series)
        try:
            if self._before is not None:
                self._events.edit_occurrence(series, self._original, self._before)
            elif (edited := _edited(self._events, series, self._original)) is not None:
                self._events.delete(edited.id)  # the series shows it as it was again
        except _GONE as error:
            self._gone(error)


class _DeleteOccurrence(_Command):
    def __init__(
        self, events: EventService, ids: InteractionIds, series_id: int, original: When
    ) -> None:
        super().__init__("Delete One Occurrence", events, ids)
        self._series, self._original = series_id, original
        self._before: EventDraft | None = None
        self._edited: EventDraft | None = None

    def redo(self) -> None:
        series = self._ids.current(self._series)
        try:
            record = self._events.get(series)
            edited = _edited(self._events, series, self._original)
            self._before, self._edited = record.draft, edited.draft if edited else None
            self._events.delete_occurrence(series, self._original)
        except _GONE as error:
            self._gone(error)

    def undo(self) -> None:
        if self._before is None:
            return
        series = self._ids.current(self._series)
        try:
            self._events.update(series, self._before)
            if self._edited is not None:
                self._events.edit_occurrence(series, self._original, self._edited)
        except _GONE as error:
            self._gone(error)


class _Encounter(_Command):
    """Who the user met, or an interview's stage: pushed once done (the service said
    what it wrote); Undo takes that back, Redo does it again."""

    def __init__(
        self,
        events: EventService,
        ids: InteractionIds,
        encounters: EncounterService,
        recorded: Recorded,
        text: str,
        again: Callable[[EventRecord], Recorded],
    ) -> None:
        super().__init__(text, events, ids)
        self._encounters, self._again = encounters, again
        self._event_id = recorded.event_id
        self._recorded: Recorded | None = recorded
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        from networker.services.encounters import EncounterError

        try:
            record = self._events.get(self._ids.current(self._event_id))
            self._recorded = self._again(record)
        except (*_GONE, EncounterError, ContactValidationError) as error:
            self._gone(error)

    def undo(self) -> None:
        if self._recorded is not None:
            self._encounters.take_back(self._recorded)
            self._recorded = None
