"""The Calendar page's month: six weeks of days, painted in one pass.

A QCalendarWidget paints a cell per day through its own delegate and cannot show what
happens on a day; this widget paints the days, today, the selected day and, on each day,
its events as coloured bars with their titles (the kind's colour), so a month reads at a
glance. Painting is a loop over 42 cells and the day's marks: well under a millisecond.
Colours come from the palette (light or dark), except the kinds' own colours, chosen to
read on both.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from networker.domain.events import EventKind, When

# Names one occurrence: its series and its original start (Occurrence.series_id and
# .original_start), what the page edits or deletes.
OccurrenceKey = tuple[int, When]

# Each kind's colour: mid tones that read with white text, on light and dark windows.
KIND_COLOURS = {
    EventKind.CONFERENCE: "#3867c8",
    EventKind.MEETUP: "#2a8f5f",
    EventKind.ALUMNI: "#7d52c7",
    EventKind.ASSOCIATION: "#c46d1c",
    EventKind.INFORMATIONAL_INTERVIEW: "#c23d6c",
    EventKind.COFFEE_CHAT: "#86633f",
    EventKind.FOLLOW_UP: "#18879a",
    EventKind.OTHER: "#6b7280",
}
WEEKS = 6
_HEADER = 24


_COLOURS: dict[EventKind, QColor] = {}
_ICONS: dict[tuple[EventKind, int], QIcon] = {}


def kind_colour(kind: EventKind) -> QColor:
    if kind not in _COLOURS:
        _COLOURS[kind] = QColor(KIND_COLOURS[kind])
    return QColor(_COLOURS[kind])


def kind_icon(kind: EventKind, size: int = 12) -> QIcon:
    """A rounded square of the kind's colour (the agenda's and the legend's mark), made
    once per kind and size (an agenda of two busy weeks holds hundreds)."""
    if (kind, size) not in _ICONS:
        _ICONS[(kind, size)] = _swatch(kind, size)
    return _ICONS[(kind, size)]


def _swatch(kind: EventKind, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(kind_colour(kind))
    painter.drawRoundedRect(QRectF(0, 0, size, size), 3, 3)
    painter.end()
    return QIcon(pixmap)


@dataclass(frozen=True)
class Mark:
    """One event on one day of the grid."""

    kind: EventKind
    title: str
    time: str = ""  # "18:30" for a timed event starting that day, "" otherwise
    key: OccurrenceKey | None = None  # the occurrence it marks (a click chooses it)


def grid_start(year: int, month: int) -> dt.date:
    """The Monday on or before the first of the month: the grid's first day."""
    first = dt.date(year, month, 1)
    return first - dt.timedelta(days=first.weekday())


def moved_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (or earlier), kept within the month (31 -> 30)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


class MonthGrid(QWidget):
    """Six weeks from the Monday before the month's first day. Arrows move the selected
    day, PageUp/PageDown the month, Home goes to today; Enter asks to open what is
    selected, Delete to delete it, and a double-click asks to add an event that day. A
    click on an event's bar chooses that occurrence (``chosen``, outlined); a click beside
    the bars, or a key, chooses the day."""

    day_selected = Signal(object)  # dt.date: the selected day changed
    # After every select: the occurrence chosen (OccurrenceKey), or None for the day.
    chosen_changed = Signal(object)
    month_changed = Signal()  # the grid shows another month
    add_requested = Signal(object)  # dt.date: a day was double-clicked
    open_requested = Signal()  # Enter
    delete_requested = Signal()  # Delete
    painted = Signal()  # a paint ended (the benchmark times a month switch to it)

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarMonth")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Month")
        self.today = today
        self.selected = today
        self.year, self.month = today.year, today.month
        self.marks: dict[dt.date, list[Mark]] = {}
        self.chosen: OccurrenceKey | None = None
        self._texts: dict[tuple[str, int, str], QStaticText] = {}

    # What it shows

    @property
    def first_day(self) -> dt.date:
        return grid_start(self.year, self.month)

    @property
    def last_day(self) -> dt.date:
        return self.first_day + dt.timedelta(days=7 * WEEKS - 1)

    def set_marks(self, marks: dict[dt.date, list[Mark]]) -> None:
        self.marks = marks
        self.update()

    def set_today(self, today: dt.date) -> None:
        if today != self.today:
            self.today = today
            self.update()

    def select(self, day: dt.date, chosen: OccurrenceKey | None = None) -> None:
        """Select ``day`` (and one of its occurrences, or None for the day), showing its
        month if it is another."""
        if (day.year, day.month) != (self.year, self.month):
            self.year, self.month = day.year, day.month
            self.marks = {}
            self.month_changed.emit()
        self.chosen = chosen
        if day != self.selected:
            self.selected = day
            self.day_selected.emit(day)
        self.chosen_changed.emit(chosen)
        self.update()

    def show_chosen(self, chosen: OccurrenceKey | None) -> None:
        """Outline this occurrence's bars: the one the page acts on."""
        if chosen == self.chosen:
            return
        changed = {self.chosen, chosen} - {None}
        self.chosen = chosen
        # Only the days of the two bars are painted again (a whole month is ~4 ms; this
        # follows every move in the agenda and every read).
        for day, marks in self.marks.items():
            if (
                any(mark.key in changed for mark in marks)
                and self.first_day <= day <= self.last_day
            ):
                self.update(self.cell_rect(day))

    def move_months(self, months: int) -> None:
        self.select(moved_months(self.selected, months))

    def day_at(self, point: QPoint) -> dt.date | None:
        top = _HEADER
        if point.y() < top or not self.rect().contains(point):
            return None
        column = min(point.x() * 7 // max(self.width(), 1), 6)
        row = min((point.y() - top) * WEEKS // max(self.height() - top, 1), WEEKS - 1)
        return self.first_day + dt.timedelta(days=row * 7 + column)

    def cell_rect(self, day: dt.date) -> QRect:
        """Where a day is painted (tests click there)."""
        index = (day - self.first_day).days
        row, column = divmod(index, 7)
        return self._cell(row, column)

    def bar_rect(self, day: dt.date, index: int) -> QRect | None:
        """Where a day's ``index``-th bar is painted, None if it is not (tests click)."""
        if not self.first_day <= day <= self.last_day:
            return None
        bars = self._bars(self.cell_rect(day), len(self.marks.get(day, ())))
        return bars[index] if index < len(bars) else None

    def mark_at(self, point: QPoint) -> Mark | None:
        """The mark whose bar is under ``point``, if any."""
        day = self.day_at(point)
        if day is None:
            return None
        marks = self.marks.get(day, [])
        for mark, bar in zip(marks, self._bars(self.cell_rect(day), len(marks)), strict=False):
            if bar.contains(point):
                return mark
        return None

    def _bar_metrics(self) -> tuple[QFont, QFontMetrics, int]:
        """The bars' font, its metrics and a bar's height."""
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 7.0))
        metrics = QFontMetrics(small)
        return small, metrics, metrics.height() + 2

    def _bars(self, cell: QRect, count: int, metrics: QFontMetrics | None = None) -> list[QRect]:
        """The bars painted in a cell holding ``count`` marks (the rest are "+N more"):
        one layout for painting and for clicks (a paint hands its metrics in)."""
        if metrics is None:
            metrics = self._bar_metrics()[1]
        bar_height = metrics.height() + 2
        top = cell.top() + metrics.height() + 9
        room = max((cell.bottom() - top - 2) // (bar_height + 2), 0)
        shown = count if count <= room else max(room - 1, 0)
        width = cell.width() - 6
        return [QRect(cell.left() + 3, top + i * (bar_height + 2), width, bar_height)
                for i in range(shown)]  # fmt: skip

    def _cell(self, row: int, column: int) -> QRect:
        width, height = self.width(), self.height() - _HEADER
        left, right = column * width // 7, (column + 1) * width // 7
        top = _HEADER + row * height // WEEKS
        bottom = _HEADER + (row + 1) * height // WEEKS
        return QRect(left, top, right - left, bottom - top)

    def sizeHint(self) -> QSize:
        return QSize(640, 520)

    def minimumSizeHint(self) -> QSize:
        return QSize(7 * 44, _HEADER + WEEKS * 40)

    # Input

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        # Each key chooses a day (select's chosen: None), never a bar.
        if key in steps and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.select(self.selected + dt.timedelta(days=steps[Qt.Key(key)]))
        elif key == Qt.Key.Key_PageUp:
            self.move_months(-1)
        elif key == Qt.Key.Key_PageDown:
            self.move_months(1)
        elif key == Qt.Key.Key_Home:
            self.select(self.today)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit()
        elif key == Qt.Key.Key_Delete:
            self.delete_requested.emit()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        day = self.day_at(point)
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            mark = self.mark_at(point)
            self.select(day, mark.key if mark is not None else None)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        day = self.day_at(point)
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            mark = self.mark_at(point)
            self.select(day, mark.key if mark is not None else None)
            self.add_requested.emit(day)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    # Painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        lines = palette.color(QPalette.ColorRole.Mid)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        outside = QColor(palette.color(QPalette.ColorRole.AlternateBase))
        painter.fillRect(self.rect(), base)

        font = QFont(self.font())
        small, metrics, _bar_height = self._bar_metrics()
        bold = QFont(font)
        bold.setBold(True)

        # The weekday names.
        painter.setFont(small)
        painter.setPen(muted)
        for column in range(7):
            cell = self._cell(0, column)
            header = QRect(cell.left(), 0, cell.width(), _HEADER)
            painter.drawText(
                header.adjusted(6, 0, -4, 0),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                calendar.day_abbr[column],
            )

        first = self.first_day
        for index in range(7 * WEEKS):
            day = first + dt.timedelta(days=index)
            row, column = divmod(index, 7)
            cell = self._cell(row, column)
            if not cell.intersects(event.rect()):
                continue  # a few days painted again (show_chosen)
            in_month = day.month == self.month
            if not in_month:
                painter.fillRect(cell, outside)
            if day == self.selected:
                tint = QColor(highlight)
                tint.setAlpha(40)
                painter.fillRect(cell, tint)
            painter.setPen(lines)
            painter.drawLine(cell.topLeft(), cell.topRight())
            painter.drawLine(cell.topLeft(), cell.bottomLeft())

            # The day's number; today's on a disc of the highlight colour.
            number = QRect(cell.left() + 3, cell.top() + 3, 24, metrics.height() + 4)
            if day == self.today:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(highlight)
                painter.drawRoundedRect(QRectF(number), 9, 9)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
                painter.setFont(bold)
            else:
                painter.setPen(text if in_month else muted)
                painter.setFont(bold if day == self.selected else font)
            painter.drawText(number, int(Qt.AlignmentFlag.AlignCenter), str(day.day))

            self._paint_marks(painter, cell, self.marks.get(day, ()), small, metrics, muted,
                              text, dim=not in_month)  # fmt: skip

        painter.setPen(lines)
        painter.drawLine(self.width() - 1, _HEADER, self.width() - 1, self.height() - 1)
        painter.drawLine(0, self.height() - 1, self.width() - 1, self.height() - 1)

        # The selected day's frame (stronger when the grid has the focus).
        if first <= self.selected <= self.last_day:
            cell = self.cell_rect(self.selected)
            pen_colour = QColor(highlight)
            if not self.hasFocus():
                pen_colour.setAlpha(140)
            painter.setPen(pen_colour)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(cell.adjusted(1, 1, -1, -1))
            if self.hasFocus():
                painter.drawRect(cell.adjusted(2, 2, -2, -2))
        painter.end()
        self.painted.emit()

    def _static(self, words: str, width: int, font: QFont, metrics: QFontMetrics) -> QStaticText:
        """A bar's words laid out once (a series' title is painted every week): laying out
        text was most of a busy month's paint."""
        key = (words, width, font.key())
        found = self._texts.get(key)
        if found is None:
            if len(self._texts) > 4000:
                self._texts.clear()
            found = QStaticText(metrics.elidedText(words, Qt.TextElideMode.ElideRight, width))
            found.setTextFormat(Qt.TextFormat.PlainText)
            found.prepare(QTransform(), font)
            self._texts[key] = found
        return found

    def _paint_marks(
        self,
        painter: QPainter,
        cell: QRect,
        marks: list[Mark] | tuple[()],
        font: QFont,
        metrics: QFontMetrics,
        muted: QColor,
        outline: QColor,
        *,
        dim: bool,
    ) -> None:
        if not marks:
            return
        bars = self._bars(cell, len(marks), metrics)
        painter.setFont(font)
        text_top = (bars[0].height() - metrics.height()) // 2 if bars else 0
        for mark, bar in zip(marks, bars, strict=False):
            colour = kind_colour(mark.kind)
            if dim:
                colour.setAlpha(150)
            painter.fillRect(bar, colour)
            if mark.key is not None and mark.key == self.chosen:
                # The occurrence Enter and Delete act on: framed in the text's colour,
                # a white line inside (reads on every kind's colour, light or dark).
                painter.setPen(outline)
                painter.drawRect(bar.adjusted(-1, -1, 0, 0))
                painter.setPen(QColor("#ffffff"))
                painter.drawRect(bar.adjusted(0, 0, -1, -1))
            painter.setPen(QColor("#ffffff"))
            words = f"{mark.time} {mark.title}" if mark.time else mark.title
            painter.drawStaticText(
                bar.left() + 4,
                bar.top() + text_top,
                self._static(words, bar.width() - 6, font, metrics),
            )
        hidden = len(marks) - len(bars)
        if hidden:
            painter.setPen(muted)
            bar_height = metrics.height() + 2
            top = bars[-1].bottom() + 3 if bars else cell.top() + metrics.height() + 9
            more = QRect(cell.left() + 4, top, cell.width() - 6, bar_height)
            painter.drawText(
                more, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                f"+{hidden} more" if bars else f"{hidden} events",
            )  # fmt: skip
