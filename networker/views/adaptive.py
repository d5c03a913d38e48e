"""Layouts that follow the window's width: a page two panes wide on a large screen,
one above the other at 640 px, as mail and contacts programs do.

A layout that changes with its own size would never shrink: its minimum width is that
of the wide arrangement. So the panes get explicit minimum widths (small), and a
WidthWatcher changes the arrangement when a width threshold is crossed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget


class WidthWatcher(QObject):
    """Calls ``changed(width)`` whenever ``widget`` is resized to a new width."""

    def __init__(self, widget: QWidget, changed: Callable[[int], None]) -> None:
        super().__init__(widget)
        self._changed = changed
        self._width = -1
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            width = watched.width()
            if width != self._width:
                self._width = width
                self._changed(width)
        return False


class WrappingBar:
    """A tool bar's widgets on one row, or on two when the row does not fit: ``lead``
    (the search field) and ``last`` (the main button) above, ``rest`` (held in one row
    of their own) below, across the bar's width."""

    def __init__(
        self, grid: QGridLayout, lead: QWidget, rest: list[QWidget], last: QWidget
    ) -> None:
        self._grid = grid
        self._lead, self._last = lead, last
        self._rest = QWidget()
        row = QHBoxLayout(self._rest)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in rest:
            row.addWidget(widget)
        row.addStretch(1)
        self.two_rows: bool | None = None
        self.arrange(two_rows=False)

    def one_row_width(self) -> int:
        margins = self._grid.contentsMargins()
        spacing = max(self._grid.horizontalSpacing(), 0) * 2
        widgets = (self._lead, self._rest, self._last)
        hints = sum(w.sizeHint().width() for w in widgets)
        return hints + spacing + margins.left() + margins.right()

    def fit(self, width: int) -> None:
        self.arrange(two_rows=width < self.one_row_width())

    def arrange(self, *, two_rows: bool) -> None:
        if two_rows == self.two_rows:
            return
        self.two_rows = two_rows
        for widget in (self._lead, self._rest, self._last):
            self._grid.removeWidget(widget)
        if two_rows:
            self._grid.addWidget(self._lead, 0, 0)
            self._grid.addWidget(self._last, 0, 1)
            self._grid.addWidget(self._rest, 1, 0, 1, 2)
        else:
            self._grid.addWidget(self._lead, 0, 0)
            self._grid.addWidget(self._rest, 0, 1)
            self._grid.addWidget(self._last, 0, 2)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column == 0 else 0)
