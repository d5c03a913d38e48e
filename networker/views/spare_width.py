"""A table's spare width for the columns that are cut short.

A stretched last column takes all the width a wide window has ("Next due" at 1,920 px
while the tags were cut: QA). Here the width beyond what the last column shows goes to
the columns whose text on screen is cut, in a given order, up to what they show; as
the table narrows they give it back, down to their own widths (the defaults, or what
the user dragged them to). Only the rows on screen are measured: at 100,000 contacts no
row off screen is fetched for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QObject, Slot
from PySide6.QtWidgets import QTableView


class SpareWidth(QObject):
    def __init__(self, table: QTableView, widening: Sequence[int]) -> None:
        super().__init__(table)
        self._table = table
        self._widening = tuple(widening)
        self._own: dict[int, int] = {}  # each column's width before any sharing
        self._sharing = False
        self._filled = False
        table.horizontalHeader().sectionResized.connect(self._on_resized)

    @Slot(int, int, int)
    def _on_resized(self, column: int, _old: int, new: int) -> None:
        if not self._sharing:  # the user dragged it, or a saved layout came back
            self._own[column] = new

    @Slot()
    def share_once_filled(self) -> None:
        """Share once the list first has rows; later searches and sorts leave the
        widths (measuring the rows at every keystroke would cost it milliseconds)."""
        model = self._table.model()
        if not self._filled and model is not None and model.rowCount() > 0:
            self._filled = True
            self.share()

    def own_state(self) -> QByteArray:
        """The header's state with each column at its own width (what is kept between
        runs: a width shared out on a wide screen is not one the user chose)."""
        header = self._table.horizontalHeader()
        self._set_widths({c: self._own.get(c, header.sectionSize(c)) for c in self._widening})
        state = header.saveState()
        self.share()
        return state

    @Slot()
    def share(self) -> None:
        table, header, model = self._table, self._table.horizontalHeader(), self._table.model()
        if model is None or header.count() == 0 or not table.isVisible():
            return  # (shown later: measured then, not while the window starts)
        last = header.logicalIndex(header.count() - 1)
        own = {c: self._own.setdefault(c, header.sectionSize(c)) for c in self._widening}
        top, height = max(table.rowAt(0), 0), table.viewport().height()
        bottom = table.rowAt(height - 1)
        if bottom < 0:  # fewer rows than the screen holds
            bottom = min(model.rowCount(), top + height // max(table.rowHeight(top), 1) + 1) - 1
        rows = range(top, bottom + 1)

        def wanted(column: int) -> int:
            shown = [table.sizeHintForIndex(model.index(row, column)).width() for row in rows]
            return max([header.sectionSizeHint(column), *shown])

        others = sum(
            own.get(c, header.sectionSize(c))
            for c in range(header.count())
            if c != last and not header.isSectionHidden(c)
        )
        # (A stretched last section never gets narrower than its width before the
        # stretch: the default section size here.)
        last_needs = max(wanted(last), header.defaultSectionSize())
        spare = max(table.viewport().width() - others - last_needs, 0)
        widths = {}
        for column in self._widening:
            grow = min(spare, max(wanted(column) - own[column], 0))
            widths[column] = own[column] + grow
            spare -= grow
        self._set_widths(widths)

    def _set_widths(self, widths: dict[int, int]) -> None:
        header = self._table.horizontalHeader()
        self._sharing = True
        try:
            for column, width in widths.items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._sharing = False
