"""The Calendar page: a month with each day's events marked in their kind's colour, the
agenda beside it (the selected day and the two weeks after it), and the selected event's
panel (views/event_panel.py).

The page reads through the event service on a worker (one task reads the month's six
weeks and the agenda's fifteen days, the marks computed there too); the GUI thread only
fills the grid and the list. Every change goes through the undo history
(views/event_history.py) or the encounter service; the change hub then asks the page to
read again. Keys: arrows move the day, PageUp/PageDown the month, Home or Ctrl+T go to
today, Enter opens the selected event, Delete deletes it (Edit > Undo brings it back),
Ctrl+N or a double-click on a day adds one.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from networker.clock import Clock, local_zone_name
from networker.domain.changes import Changes
from networker.domain.contacts import ContactDraft, ContactValidationError
from networker.domain.events import EventDraft, EventKind, EventRecord, InterviewStage, Occurrence
from networker.domain.reminders import MORNING
from networker.services.contacts import ContactService
from networker.services.encounters import EncounterService, Met
from networker.services.events import EventNotFoundError, EventService
from networker.tasks import TaskRunner
from networker.views import look, text
from networker.views.adaptive import WidthWatcher
from networker.views.event_history import EventHistory
from networker.views.event_panel import EventPanel, EventView, when_words
from networker.views.month_grid import (
    WEEKS,
    Mark,
    MonthGrid,
    OccurrenceKey,
    grid_start,
    kind_icon,
    moved_months,
)
from networker.views.pages import Page
from networker.views.people_picker import Finder

# The agenda: the selected day and this many days after it.
AGENDA_DAYS = 14
# Below this page width the agenda and the event's panel go under the month.
NARROW_WIDTH = 760
MONTH_MIN_WIDTH = 300
SIDE_MIN_WIDTH = 280
# Two short lines: the agenda elides what is wider than itself (the tooltip has it all).
NOTHING_PLANNED = "Nothing planned.\nDouble-click a day, or press Ctrl+N, to add an event."
_OCCURRENCE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class CalendarContent:
    first: dt.date  # the grid's first and last days
    last: dt.date
    marks: dict[dt.date, list[Mark]]
    agenda_first: dt.date
    agenda: list[Occurrence]
    month_count: int  # events in the month shown


def occurrence_key(occurrence: Occurrence) -> OccurrenceKey:
    """What names an occurrence in the grid and the agenda alike."""
    return occurrence.series_id, occurrence.original_start


def local_days(occurrence: Occurrence, clock: Clock) -> tuple[dt.date, dt.date]:
    """The first and last local days an occurrence touches."""
    start, end = occurrence.start, occurrence.end
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        first = clock.local(start).date()
        local_end = clock.local(end)
        last = local_end.date()
        if local_end.time() == dt.time() and end > start:
            last -= dt.timedelta(days=1)  # ends at midnight: the day before
        return first, max(first, last)
    assert not isinstance(start, dt.datetime) and not isinstance(end, dt.datetime)
    return start, max(start, end - dt.timedelta(days=1))


def read_calendar(
    events: EventService,
    clock: Clock,
    *,
    first: dt.date,
    last: dt.date,
    month: tuple[int, int],
    agenda_first: dt.date,
) -> CalendarContent:
    """Everything the page shows (on a worker): the grid's marks and the agenda, from
    one read of the days they cover (each read expands every endless series again)."""
    agenda_last = agenda_first + dt.timedelta(days=AGENDA_DAYS)
    marks: dict[dt.date, list[Mark]] = defaultdict(list)
    in_month: set[tuple[int, object]] = set()
    agenda = []
    for occurrence in events.between_days(min(first, agenda_first), max(last, agenda_last)):
        start_day, end_day = local_days(occurrence, clock)
        if start_day <= agenda_last and end_day >= agenda_first:
            agenda.append(occurrence)
        if start_day > last or end_day < first:
            continue
        time = ""
        if isinstance(occurrence.start, dt.datetime):
            local = clock.local(occurrence.start)
            time = f"{local.hour:02d}:{local.minute:02d}"
        day = max(start_day, first)
        while day <= min(end_day, last):
            words = time if day == start_day else ""
            marks[day].append(
                Mark(occurrence.kind, occurrence.title, words, occurrence_key(occurrence))
            )
            if (day.year, day.month) == month:
                in_month.add((occurrence.series_id, occurrence.original_start))
            day += dt.timedelta(days=1)
    return CalendarContent(first, last, dict(marks), agenda_first, agenda, len(in_month))


class CalendarView(Page):
    refreshed = Signal()

    def __init__(
        self,
        *,
        events: EventService,
        encounters: EncounterService,
        contacts: ContactService,
        find: Finder,
        history: EventHistory,
        clock: Clock,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendarView")
        self._events = events
        self._encounters = encounters
        self._contacts = contacts
        self._find = find
        self._history = history
        self._clock = clock
        self._tasks = tasks
        self._loading = False
        self._again = False
        self._pending: int | None = None  # an event to select once read
        self.content: CalendarContent | None = None

        self.heading = text.plain_label()
        self.heading.setObjectName("calendarHeading")
        look.heading(self.heading)
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addStretch(1)
        self.buttons: dict[str, QToolButton] = {}
        for name, words, tip, slot in (
            ("calendarPreviousMonth", "«", "Previous month (PageUp)", self.previous_month),
            ("calendarPreviousWeek", "\u2039", "Previous week", self.previous_week),
            ("calendarToday", "Today", "Today (Ctrl+T or Home)", self.go_today),
            ("calendarNextWeek", "\u203a", "Next week", self.next_week),
            ("calendarNextMonth", "»", "Next month (PageDown)", self.next_month),
        ):
            button = QToolButton()
            button.setObjectName(name)
            button.setText(words)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        self.new_button = QPushButton("New Event…")
        self.new_button.setObjectName("calendarNewEvent")
        self.new_button.setToolTip("Add an event on the selected day (Ctrl+N)")
        self.new_button.clicked.connect(self.new_event)
        bar.addSpacing(12)
        bar.addWidget(self.new_button)

        today = clock.today()
        self.grid = MonthGrid(today)
        self.grid.day_selected.connect(self._on_day_selected)
        self.grid.chosen_changed.connect(self._on_grid_chosen)
        # The months before and after the one shown, read ahead: PageUp/PageDown paint
        # at once from them (the read is 35-50 ms at 2,000 events), the agenda follows.
        self._marks_ahead: dict[dt.date, dict[dt.date, list[Mark]]] = {}
        self._ahead_generation = 0  # a change of data makes what is being read stale
        self.painted_first: dt.date | None = None  # the grid's first day of the marks shown
        self.grid.month_changed.connect(self._paint_ahead)
        self.grid.add_requested.connect(self.new_event_on)
        self.grid.open_requested.connect(self.edit_selected)
        self.grid.delete_requested.connect(self.delete_selected)
        legend = QGridLayout()
        legend.setHorizontalSpacing(14)
        for index, kind in enumerate(EventKind):
            swatch = text.plain_label()
            swatch.setPixmap(kind_icon(kind, 10).pixmap(10, 10))
            kind_name = text.plain_label(kind.label)
            look.muted(kind_name)
            cell = QHBoxLayout()
            cell.setSpacing(4)
            cell.addWidget(swatch)
            cell.addWidget(kind_name)
            cell.addStretch(1)
            legend.addLayout(cell, index // 4, index % 4)
        self.legend = QWidget()
        self.legend.setLayout(legend)
        legend.setContentsMargins(0, 0, 0, 0)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.grid, 1)
        left_layout.addWidget(self.legend)

        self.agenda_title = text.plain_label()
        look.section_title(self.agenda_title)
        self.agenda_title.setContentsMargins(0, 0, 0, 0)
        self.agenda = QListWidget()
        self.agenda.setObjectName("calendarAgenda")
        # Two lines each, broken where the item says: no word wrap to lay out (a busy
        # fortnight holds hundreds).
        self.agenda.setWordWrap(False)
        self.agenda.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Without this the list scrolled sideways to the longest line and elided nothing.
        self.agenda.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.agenda.setAlternatingRowColors(False)
        self.agenda.currentItemChanged.connect(self._on_agenda_current)
        self.agenda.itemActivated.connect(self._on_agenda_activated)
        self.panel = EventPanel()
        self.panel.edit_requested.connect(self.edit_selected)
        self.panel.delete_requested.connect(self.delete_selected)
        self.panel.met_requested.connect(self.who_met)
        self.panel.contact_requested.connect(self._open_contact)
        self.panel.link_requested.connect(self._open_link)
        self.panel.stage_chosen.connect(self._on_stage_chosen)
        agenda_box = QWidget()
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.setContentsMargins(0, 0, 0, 0)
        agenda_layout.addWidget(self.agenda_title)
        agenda_layout.addWidget(self.agenda, 1)
        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.addWidget(agenda_box)
        self.side.addWidget(self.panel)
        self.side.setStretchFactor(0, 1)
        self.side.setStretchFactor(1, 1)
        self.side.setChildrenCollapsible(False)
        self.side.setSizes([260, 420])
        self.splitter = QSplitter()
        self.splitter.setObjectName("calendarSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([640, 420])
        # Small minimum widths of their own (views/adaptive.py says why): the month beside
        # the agenda, or above it on a narrow window.
        left.setMinimumWidth(MONTH_MIN_WIDTH)
        self.side.setMinimumWidth(SIDE_MIN_WIDTH)
        self.narrow: bool | None = None
        WidthWatcher(self, self._fit_width)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self.setFocusProxy(self.grid)
        self._show_heading()

    def _fit_width(self, width: int) -> None:
        """Below NARROW_WIDTH the agenda and the event go under the month (and the
        legend, whose colours the agenda's items carry too, away)."""
        narrow = width < NARROW_WIDTH
        if narrow == self.narrow:
            return
        first, self.narrow = self.narrow is None, narrow
        self.legend.setVisible(not narrow)
        if narrow:
            self.splitter.setOrientation(Qt.Orientation.Vertical)
            height = max(self.height(), 400)
            self.splitter.setSizes([height // 2, height // 2])
        else:
            self.splitter.setOrientation(Qt.Orientation.Horizontal)
            if not first:  # back from narrow (at the start, the layout kept is used)
                self.splitter.setSizes([width * 3 // 5, width * 2 // 5])

    # The page's part in the window

    def status_text(self) -> str:
        if self.content is None:
            return ""
        count = self.content.month_count
        month = dt.date(self.grid.year, self.grid.month, 1)
        return f"{count:,} event{'s' if count != 1 else ''} in {month:%B}"

    def apply_changes(self, changes: Changes) -> None:
        if changes.events or changes.interactions or changes.reminders or changes.contacts:
            self._marks_ahead.clear()
            self._ahead_generation += 1
            self.refresh()

    def selected_contacts(self) -> list[int]:
        shown = self.panel.shown
        return list(shown.record.draft.contact_ids) if shown else []

    def open_item(self, item: object) -> None:
        """Show an event (its id), asked for by another page (a contact's events)."""
        if not isinstance(item, int):
            return
        try:
            record = self._events.get(item)
        except EventNotFoundError as error:
            self.status_message.emit(str(error))
            return
        day = self._day_to_show(record)
        self._pending = item
        self.grid.select(day)
        self.refresh()
        self.grid.setFocus()

    def _day_to_show(self, record: EventRecord) -> dt.date:
        """An event's day; for a series, its next occurrence from today (else its first)."""
        start = record.draft.start
        if isinstance(start, dt.datetime):
            first = self._clock.local(start).date() if start.tzinfo is not None else start.date()
        else:
            first = start
        if record.draft.rrule:
            today = self._clock.today()
            for occurrence in self._events.between_days(today, today + dt.timedelta(days=366)):
                if occurrence.series_id == record.id:
                    return local_days(occurrence, self._clock)[0]
        return first

    # Loading

    @Slot()
    def refresh(self) -> None:
        """Read the month and the agenda on a worker; a refresh asked for meanwhile runs
        after it."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        events, clock = self._events, self._clock
        first, last = self.grid.first_day, self.grid.last_day
        month = (self.grid.year, self.grid.month)
        agenda_first = self.grid.selected
        self._tasks.run(
            lambda _progress: read_calendar(
                events, clock, first=first, last=last, month=month, agenda_first=agenda_first
            ),
            name="calendar",
            on_success=self._show,
            on_failure=self._on_failed,
        )

    @Slot(object)
    def _show(self, content: CalendarContent) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.refresh()
            return
        if content.first != self.grid.first_day or content.agenda_first != self.grid.selected:
            self.refresh()  # the user moved on meanwhile
            return
        self.content = content
        self.grid.set_today(self._clock.today())
        self.grid.set_marks(content.marks)
        self.painted_first = content.first
        self._marks_ahead[content.first] = content.marks
        self.grid.repaint()  # the month the user asked for first, then the agenda
        self._fill_agenda(content)
        self.status_changed.emit()
        self.refreshed.emit()
        self._read_ahead()

    @Slot()
    def _paint_ahead(self) -> None:
        """A month read ahead is painted as soon as it is shown."""
        marks = self._marks_ahead.get(self.grid.first_day)
        if marks is not None:
            self.grid.set_marks(marks)
            self.painted_first = self.grid.first_day
            self.grid.repaint()

    def _read_ahead(self) -> None:
        shown = dt.date(self.grid.year, self.grid.month, 1)
        today = self._clock.today()  # Today (Ctrl+T) from far away paints at once too
        nearby = {grid_start(d.year, d.month) for d in (moved_months(shown, -1), shown,
                                                       moved_months(shown, 1), today)}  # fmt: skip
        for first in list(self._marks_ahead):
            if first not in nearby:
                del self._marks_ahead[first]
        events, clock, generation = self._events, self._clock, self._ahead_generation
        for first in sorted(nearby - set(self._marks_ahead)):
            last = first + dt.timedelta(days=7 * WEEKS - 1)
            middle = first + dt.timedelta(days=15)

            def read(
                _progress: object,
                first: dt.date = first,
                last: dt.date = last,
                middle: dt.date = middle,
            ) -> tuple[dt.date, dict[dt.date, list[Mark]]]:
                content = read_calendar(
                    events,
                    clock,
                    first=first,
                    last=last,
                    month=(middle.year, middle.month),
                    agenda_first=first,
                )
                return first, content.marks  # fmt: skip

            self._tasks.run(
                read,
                name="calendar ahead",
                on_success=functools.partial(self._keep_ahead, generation=generation),
            )

    def _keep_ahead(
        self, found: tuple[dt.date, dict[dt.date, list[Mark]]], *, generation: int
    ) -> None:
        if generation == self._ahead_generation:
            first, marks = found
            self._marks_ahead[first] = marks

    @Slot(object)
    def _on_failed(self, error: Exception) -> None:
        self._loading = False
        self.agenda_title.setText(f"The calendar could not be read: {error}")

    def _fill_agenda(self, content: CalendarContent) -> None:
        # What the grid chose (a bar clicked, perhaps before this read), else what the
        # agenda had; neither: the day's first event.
        previous = self.current_occurrence()
        keep = self.grid.chosen or (occurrence_key(previous) if previous else None)
        first = content.agenda_first
        self.agenda_title.setText(f"{first:%A %d %B} and the two weeks after")
        self.agenda.blockSignals(True)
        self.agenda.clear()
        by_day: dict[dt.date, list[Occurrence]] = defaultdict(list)
        for occurrence in content.agenda:
            start_day, _end_day = local_days(occurrence, self._clock)
            by_day[max(start_day, first)].append(occurrence)
        today = self._clock.today()
        wanted: QListWidgetItem | None = None
        first_of_day: QListWidgetItem | None = None
        for day in sorted({first, *by_day}):
            self._header(day, today)
            if day == first and not by_day.get(day):
                self._muted_item("Nothing planned this day." if content.agenda else
                                 NOTHING_PLANNED)  # fmt: skip
            for occurrence in by_day.get(day, []):
                item = self._occurrence_item(occurrence)
                if day == first and first_of_day is None:
                    first_of_day = item
                key = occurrence_key(occurrence)
                if self._pending is not None and self._pending in (
                    occurrence.event_id,
                    occurrence.series_id,
                ):
                    wanted = wanted or item
                elif keep == key and self._pending is None:
                    wanted = item
        self._pending = None
        chosen = wanted or first_of_day
        if chosen is not None:
            self.agenda.setCurrentItem(chosen)
            self.agenda.scrollToItem(chosen)
        self.agenda.blockSignals(False)
        self._show_panel()

    def _header(self, day: dt.date, today: dt.date) -> None:
        words = f"{day:%A %d %B}"
        if day == today:
            words = f"Today, {words}"
        elif day == today + dt.timedelta(days=1):
            words = f"Tomorrow, {words}"
        item = QListWidgetItem(words)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setForeground(self.palette().color(QPalette.ColorRole.Highlight))
        self.agenda.addItem(item)

    def _muted_item(self, words: str) -> None:
        item = QListWidgetItem(words)
        item.setToolTip(text.plain_tooltip(words))
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        self.agenda.addItem(item)

    def _occurrence_item(self, occurrence: Occurrence) -> QListWidgetItem:
        if isinstance(occurrence.start, dt.datetime) and isinstance(occurrence.end, dt.datetime):
            start, end = self._clock.local(occurrence.start), self._clock.local(occurrence.end)
            time = f"{start:%H:%M}\u2013{end:%H:%M}"
        else:
            time = "All day"
        details = [occurrence.kind.label]
        if occurrence.stage is not None:
            details.append(f"Stage: {occurrence.stage.label}")
        if occurrence.location:
            details.append(occurrence.location)
        if occurrence.recurring:
            details.append("repeats")
        item = QListWidgetItem(f"{time}  {occurrence.title}\n{' · '.join(details)}")
        item.setIcon(kind_icon(occurrence.kind))
        item.setData(_OCCURRENCE, occurrence)
        item.setToolTip(text.plain_tooltip(occurrence.title))
        self.agenda.addItem(item)
        return item

    def current_occurrence(self) -> Occurrence | None:
        item = self.agenda.currentItem()
        if item is None:
            return None
        value = item.data(_OCCURRENCE)
        return value if isinstance(value, Occurrence) else None

    def agenda_occurrences(self) -> list[Occurrence]:
        found = []
        for row in range(self.agenda.count()):
            value = self.agenda.item(row).data(_OCCURRENCE)
            if isinstance(value, Occurrence):
                found.append(value)
        return found

    # The panel

    @Slot()
    def _on_agenda_current(self) -> None:
        self._show_panel()

    @Slot(object)
    def _on_grid_chosen(self, chosen: OccurrenceKey | None) -> None:
        """A click on a bar or a day, or a key: what the grid chose becomes the agenda's
        current item at once, so Enter and Delete never act on the one chosen before.
        While the agenda still lists another day, the day alone leaves nothing current
        (the read under way chooses its first event)."""
        showing_day = self.content is not None and self.content.agenda_first == self.grid.selected
        wanted: QListWidgetItem | None = None
        for row in range(self.agenda.count()):
            item = self.agenda.item(row)
            value = item.data(_OCCURRENCE)
            if not isinstance(value, Occurrence):
                continue
            if chosen is not None and occurrence_key(value) == chosen:
                wanted = item
                break
            if chosen is None and showing_day:
                if local_days(value, self._clock)[0] <= self.grid.selected:
                    wanted = item  # the day's first event (listed first)
                break
        self.agenda.blockSignals(True)  # one panel read, below
        if wanted is None:
            self.agenda.setCurrentRow(-1)
        else:
            self.agenda.setCurrentItem(wanted)
            self.agenda.scrollToItem(wanted)
        self.agenda.blockSignals(False)
        self._show_panel()

    def _show_panel(self) -> None:
        occurrence = self.current_occurrence()
        self.grid.show_chosen(occurrence_key(occurrence) if occurrence else None)
        if occurrence is None:
            self.panel.show_nothing()
            return
        try:
            record = self._events.get(occurrence.event_id)
        except EventNotFoundError:
            self.panel.show_nothing()
            return
        ended = self._ended(occurrence)
        local = self._clock.local_now().tzinfo
        contact_ids = list(record.draft.contact_ids)
        # Who was met is asked once per occurrence of a series (QA: answered for one, the
        # question left every other), once for a single event.
        met = (
            tuple(self._encounters.met_people(record.id, self._encounter_time(occurrence)))
            if ended and record.draft.rrule
            else ()
        )
        met_anyone = ended and (
            bool(met) if record.draft.rrule else bool(self._encounters.with_encounters([record.id]))
        )
        view = EventView(
            occurrence=occurrence,
            record=record,
            when=when_words(occurrence, local, record.draft.zone),
            ended=ended,
            met_anyone=met_anyone,
            brief=[] if ended else self._encounters.brief(contact_ids),
            reminders=self._encounters.open_reminders_due(record.id),
            goals=tuple(self._encounters.goals_of([record.id, occurrence.series_id])),
            met=met,
        )
        self.panel.show_event(view)

    def _encounter_time(self, occurrence: Occurrence) -> dt.datetime:
        """When who was met at an occurrence is dated: its start (an all-day one's
        morning)."""
        start = occurrence.start
        return start if isinstance(start, dt.datetime) else self._clock.at(start, MORNING)

    def _ended(self, occurrence: Occurrence) -> bool:
        end = occurrence.end
        instant = end if isinstance(end, dt.datetime) else self._clock.day_start(end)
        return instant <= self._clock.now()

    # Moving around

    def _show_heading(self) -> None:
        self.heading.setText(f"{dt.date(self.grid.year, self.grid.month, 1):%B %Y}")

    @Slot(object)
    def _on_day_selected(self, _day: dt.date) -> None:
        self._show_heading()
        self.refresh()

    @Slot()
    def previous_month(self) -> None:
        self.grid.move_months(-1)

    @Slot()
    def next_month(self) -> None:
        self.grid.move_months(1)

    @Slot()
    def previous_week(self) -> None:
        self.grid.select(self.grid.selected - dt.timedelta(days=7))

    @Slot()
    def next_week(self) -> None:
        self.grid.select(self.grid.selected + dt.timedelta(days=7))

    @Slot()
    def go_today(self) -> None:
        self.grid.set_today(self._clock.today())
        self.grid.select(self._clock.today())
        self.grid.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # (Ctrl+N and Ctrl+T are the page's commands' keys while it is shown, wherever
        # the focus is: calendar_entry.py's page_shortcut, moved by the window.)
        if event.key() == Qt.Key.Key_Delete:
            self.delete_selected()
        else:
            super().keyPressEvent(event)

    # Adding, editing, deleting

    @Slot()
    def new_event(self) -> None:
        self.new_event_on(self.grid.selected)

    @Slot(object)
    def new_event_on(self, day: dt.date) -> None:
        zone_name = local_zone_name()
        now = self._clock.local_now()
        if day == now.date():
            hour = min(now.hour + 1, 23)
        else:
            hour = 9
        naive = dt.datetime.combine(day, dt.time(hour))
        start: dt.datetime = naive.replace(tzinfo=zoneinfo.ZoneInfo(zone_name)) if zone_name \
            else naive  # fmt: skip
        initial = EventDraft(
            title="", start=start, end=start + dt.timedelta(hours=1), zone=zone_name,
            kind=EventKind.MEETUP,
        )  # fmt: skip
        self._open_dialog(initial, self._add, editing=False)

    def _add(self, draft: EventDraft) -> None:
        event_id = self._history.add(draft)
        self._pending = event_id
        self.status_message.emit(f"Added “{draft.title}”.")

    @Slot()
    def edit_selected(self) -> None:
        occurrence = self.current_occurrence()
        if occurrence is None:
            self.status_message.emit("Select an event in the agenda first.")
            return
        try:
            record = self._events.get(occurrence.event_id)
        except EventNotFoundError as error:
            self.status_message.emit(str(error))
            return
        if not occurrence.recurring:
            self._open_dialog(record.draft, self._updater(record.id), editing=True,
                              names=record)  # fmt: skip
            return
        scope = self._ask_scope("Change", occurrence)
        if scope is None:
            return
        if scope == "all":
            series = self._events.get(occurrence.series_id)
            every = "Every event of the series is changed."
            self._open_dialog(
                series.draft, self._updater(series.id), editing=True, names=series, note=every
            )
            return
        own = self._own_time
        one = replace(
            record.draft, start=own(occurrence.start, record.draft),
            end=own(occurrence.end, record.draft), rrule="", exdates=(),
        )  # fmt: skip
        day = local_days(occurrence, self._clock)[0]

        def save(draft: EventDraft) -> None:
            self._history.edit_occurrence(occurrence.series_id, occurrence.original_start, draft)
            self._pending = occurrence.series_id
            self.status_message.emit(f"Changed “{draft.title}” on {day:%d %B} only.")

        # Goals are the series' (linked to it, every occurrence counts): not asked here.
        self._open_dialog(one, save, editing=True, names=record, with_goals=False,
                          note=f"Only {day:%A %d %B} is changed; the series stays.")  # fmt: skip

    @staticmethod
    def _own_time(value: dt.date | dt.datetime, draft: EventDraft) -> dt.date | dt.datetime:
        """An occurrence's time as its event keeps times (floating stays floating)."""
        if isinstance(value, dt.datetime) and draft.floating:
            return value.replace(tzinfo=None)
        if isinstance(value, dt.datetime) and draft.zone:
            return value.astimezone(zoneinfo.ZoneInfo(draft.zone))
        return value

    def _updater(self, event_id: int) -> Callable[[EventDraft], None]:
        def save(draft: EventDraft) -> None:
            self._history.update(event_id, draft)
            self._pending = event_id
            self.status_message.emit(f"Saved “{draft.title}”.")

        return save

    def _open_dialog(
        self,
        initial: EventDraft,
        save: Callable[[EventDraft], None],
        *,
        editing: bool,
        names: EventRecord | None = None,
        note: str = "",
        with_goals: bool = True,
    ) -> None:
        from networker.views.event_dialog import EventDialog

        attendees = []
        if names is not None:
            for attendee, name in zip(names.draft.attendees, names.attendee_names, strict=False):
                if attendee.contact_id is not None:
                    attendees.append((attendee.contact_id, name))
        self.dialog = EventDialog(
            initial=initial, save_with=save, find=self._find,
            create_contact=self._create_contact, attendee_names=attendees,
            groups=self._events.groups(), editing=editing, series_note=note,
            goals=self._events.goal_choices() if with_goals else (), parent=self,
        )  # fmt: skip
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()

    def _create_contact(self, name: str) -> int | None:
        try:
            contact_id = self._contacts.create(ContactDraft(display_name=name.strip()))
        except ContactValidationError as error:
            self.status_message.emit(str(error))
            return None
        self.status_message.emit(f"Added {name.strip()} to your contacts.")
        return contact_id

    @Slot()
    def delete_selected(self) -> None:
        occurrence = self.current_occurrence()
        if occurrence is None:
            self.status_message.emit("Select an event in the agenda first.")
            return
        if occurrence.recurring:
            scope = self._ask_scope("Delete", occurrence)
            if scope is None:
                return
            if scope == "one":
                self._history.delete_occurrence(occurrence.series_id, occurrence.original_start)
                day = local_days(occurrence, self._clock)[0]
                self.status_message.emit(
                    f"Deleted “{occurrence.title}” on {day:%d %B}. Edit > Undo brings it back."
                )
                return
            self._history.delete(occurrence.series_id)
        else:
            self._history.delete(occurrence.event_id)
        self.status_message.emit(f"Deleted “{occurrence.title}”. Edit > Undo brings it back.")

    def _ask_scope(self, verb: str, occurrence: Occurrence) -> str | None:
        """ "one", "all" or None (cancelled) for a change to a repeating event."""
        day = local_days(occurrence, self._clock)[0]
        box = text.message_box(
            self,
            QMessageBox.Icon.Question,
            f"{verb} a Repeating Event",
            f"“{occurrence.title}” repeats. {verb} only the one on {day:%A %d %B}, or every "
            "event in the series?",
            QMessageBox.StandardButton.Cancel,
        )
        one = box.addButton("This Event Only", QMessageBox.ButtonRole.AcceptRole)
        every = box.addButton("All Events in the Series", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(one)
        box.exec()
        clicked = box.clickedButton()
        if clicked is one:
            return "one"
        if clicked is every:
            return "all"
        return None

    @Slot(QListWidgetItem)
    def _on_agenda_activated(self, _item: QListWidgetItem) -> None:
        self.edit_selected()

    # After the event, and interviews

    @Slot()
    def who_met(self) -> None:
        from networker.views.met_dialog import MetDialog

        shown = self.panel.shown
        if shown is None:
            self.status_message.emit("Select an event that has taken place first.")
            return
        occurrence, record = shown.occurrence, shown.record
        start = occurrence.start
        if (
            start > self._clock.now()
            if isinstance(start, dt.datetime)
            else start > self._clock.today()
        ):  # QA: offered for a meeting still to come
            self.status_message.emit(
                f"“{record.draft.title}” has not started yet: who you met there can be "
                "logged once it has."
            )
            return
        last = local_days(occurrence, self._clock)[1]
        today = self._clock.today()
        next_day = max(last + dt.timedelta(days=1), today)
        week_later = max(last + dt.timedelta(days=7), next_day + dt.timedelta(days=1))
        at = self._encounter_time(occurrence)
        attendees = [
            (a.contact_id, name)
            for a, name in zip(record.draft.attendees, record.attendee_names, strict=False)
            if a.contact_id is not None
        ]

        def save(met: list[Met]) -> None:
            ids = self._history.record_met(self._encounters, record, met, at)
            self.status_message.emit(
                f"Logged meeting {len(ids)} {'person' if len(ids) == 1 else 'people'} at "
                f"“{record.draft.title}”."
            )

        self.met_dialog = MetDialog(
            title=record.draft.title, find=self._find, save_with=save, next_day=next_day,
            week_later=week_later, attendees=attendees, parent=self,
        )  # fmt: skip
        self.met_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.met_dialog.open()

    @Slot(object)
    def _on_stage_chosen(self, stage: InterviewStage | None) -> None:
        shown = self.panel.shown
        if shown is None:
            return
        record = shown.record
        if stage is InterviewStage.DONE:
            from networker.views.learned_dialog import LearnedDialog

            self.learned_dialog = LearnedDialog(record.draft.title, self)
            self.learned_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.learned_dialog.learned.connect(
                lambda notes: self._set_stage(record, InterviewStage.DONE, notes)
            )
            self.learned_dialog.rejected.connect(self.panel.revert_stage)
            self.learned_dialog.open()
            return
        self._set_stage(record, stage, "")

    def _set_stage(self, record: EventRecord, stage: InterviewStage | None, learned: str) -> None:
        self._pending = record.id
        self._history.set_stage(self._encounters, record, stage, learned)
        words = stage.label.lower() if stage else "no stage"
        self.status_message.emit(f"“{record.draft.title}”: {words}.")

    # Elsewhere

    @Slot(int)
    def _open_contact(self, contact_id: int) -> None:
        self.open_requested.emit("contactsView", contact_id)

    @Slot(str)
    def _open_link(self, url: str) -> None:
        from networker.views.links import open_link

        self.status_message.emit(open_link(url))
