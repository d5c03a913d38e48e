"""A contact's events, in the contact's panel: every event they attend, the coming ones
first, then the past ones newest first; a click or Enter opens the event on the Calendar
page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from networker.clock import Clock
from networker.domain.events import EventRecord
from networker.domain.repeat import describe
from networker.services.events import EventService
from networker.views import look, text
from networker.views.month_grid import kind_icon


def _day(record: EventRecord, clock: Clock) -> dt.date:
    start = record.draft.start
    if isinstance(start, dt.datetime):
        return clock.local(start).date() if start.tzinfo is not None else start.date()
    return start


class ContactEventsSection(QWidget):
    open_event = Signal(int)

    def __init__(
        self, *, events: EventService, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._events = events
        self._clock = clock
        self.contact_id: int | None = None
        self.list = QListWidget()
        self.list.setObjectName("contactEvents")
        self.list.setMaximumHeight(140)
        self.list.setToolTip("Click or press Enter to open the event in the Calendar")
        self.list.itemActivated.connect(self._open)
        self.list.itemClicked.connect(self._open)
        self.empty = text.plain_label("No events with them yet.")
        look.muted(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)

    @Slot(object)
    def show_contact(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        records = self._events.of_contact(self.contact_id) if self.contact_id is not None else []
        today = self._clock.today()
        coming = sorted((r for r in records if _day(r, self._clock) >= today or r.draft.rrule),
                        key=lambda r: _day(r, self._clock))  # fmt: skip
        past = [r for r in records if r not in coming]
        for record in coming + past:
            day = _day(record, self._clock)
            repeat = f" · {describe(record.draft.rrule)}" if record.draft.rrule else ""
            item = QListWidgetItem(
                f"{day:%d %b %Y}  {record.draft.title}\n{record.draft.kind.label}{repeat}"
            )
            item.setIcon(kind_icon(record.draft.kind))
            item.setData(Qt.ItemDataRole.UserRole, record.series_id or record.id)
            self.list.addItem(item)
        self.list.setVisible(self.list.count() > 0)
        self.empty.setVisible(self.list.count() == 0 and self.contact_id is not None)

    @Slot(QListWidgetItem)
    def _open(self, item: QListWidgetItem) -> None:
        self.open_event.emit(int(item.data(Qt.ItemDataRole.UserRole)))
