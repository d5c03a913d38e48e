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

from networker.domain.events import EventKind

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
    selected, Delete to delete it, and a double-click asks to add an event that day."""

    day_selected = Signal(object)  # dt.date: the selected day changed
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

    def select(self, day: dt.date) -> None:
        """Select ``day``, showing its month if it is another."""
        if (day.year, day.month) != (self.year, self.month):
            self.year, self.month = day.year, day.month
            self.marks = {}
            self.month_changed.emit()
        if day != self.selected:
            self.selected = day
            self.day_selected.emit(day)
        self.update()

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
        day = self.day_at(event.position().toPoint())
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.select(day)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            self.select(day)
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
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        bold = QFont(font)
        bold.setBold(True)
        metrics = QFontMetrics(small)
        bar_height = metrics.height() + 2

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

            self._paint_marks(painter, cell, self.marks.get(day, ()), small, metrics, bar_height,
                              muted, dim=not in_month)  # fmt: skip

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
        bar_height: int,
        muted: QColor,
        *,
        dim: bool,
    ) -> None:
        if not marks:
            return
        top = cell.top() + metrics.height() + 9
        room = max((cell.bottom() - top - 2) // (bar_height + 2), 0)
        shown = marks if len(marks) <= room else marks[: max(room - 1, 0)]
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        width = cell.width() - 6
        text_top = (bar_height - metrics.height()) // 2
        for mark in shown:
            bar = QRect(cell.left() + 3, top, width, bar_height)
            colour = kind_colour(mark.kind)
            if dim:
                colour.setAlpha(150)
            painter.fillRect(bar, colour)
            words = f"{mark.time} {mark.title}" if mark.time else mark.title
            painter.drawStaticText(
                bar.left() + 4, top + text_top, self._static(words, width - 6, font, metrics)
            )
            top += bar_height + 2
        hidden = len(marks) - len(shown)
        if hidden:
            painter.setPen(muted)
            more = QRect(cell.left() + 4, top, width, bar_height)
            painter.drawText(
                more, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                f"+{hidden} more" if shown else f"{hidden} events",
            )  # fmt: skip
