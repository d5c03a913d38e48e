"""Layouts that follow the window's width: a page two panes wide on a large screen,
one above the other at 640 px, as mail and contacts programs do.

A layout that changes with its own size would never shrink: its minimum width is that
of the wide arrangement. So the panes get explicit minimum widths (small), and a
WidthWatcher changes the arrangement when a width threshold is crossed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QGridLayout, QWidget


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
    """A tool bar's widgets on one row, or on two when the row does not fit: ``first``
    (the search field, say, and the main button at its end) above, ``second`` below."""

    def __init__(self, grid: QGridLayout, first: list[QWidget], second: list[QWidget]) -> None:
        self._grid = grid
        self._first = first
        self._second = second
        self.two_rows: bool | None = None
        self.arrange(two_rows=False)

    def one_row_width(self) -> int:
        widgets = [*self._first[:-1], *self._second, self._first[-1]]
        margins = self._grid.contentsMargins()
        spacing = max(self._grid.horizontalSpacing(), 0) * (len(widgets) - 1)
        hints = sum(w.sizeHint().width() for w in widgets if not w.isHidden())
        return hints + spacing + margins.left() + margins.right()

    def fit(self, width: int) -> None:
        self.arrange(two_rows=width < self.one_row_width())

    def arrange(self, *, two_rows: bool) -> None:
        """One row: first's widgets, then second's, first's last widget at the end.
        Two rows: first's above (its first widget stretched), second's below."""
        if two_rows == self.two_rows:
            return
        self.two_rows = two_rows
        for widget in (*self._first, *self._second):
            self._grid.removeWidget(widget)
        *leading, last = self._first
        if two_rows:
            for column, widget in enumerate(leading):
                self._grid.addWidget(widget, 0, column, 1, 1 if column else len(self._second))
            self._grid.addWidget(last, 0, len(self._second))
            for column, widget in enumerate(self._second):
                self._grid.addWidget(widget, 1, column)
        else:
            row = [*leading, *self._second, last]
            for column, widget in enumerate(row):
                self._grid.addWidget(widget, 0, column)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column == 0 else 0)
