"""The Contacts page's sidebar: views of the network with their counts (All, Overdue,
Strength 4+, Archived, each source, each tag) and the searches the user saved. Choosing
one filters the list. On a narrow window the same views are a drop-down list above the
list (``choice``), as the sidebar has no room there."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QFrame, QListWidget, QListWidgetItem, QMenu, QWidget

from networker.domain.contacts import Source
from networker.domain.listing import ALL, OVERDUE, STRONG_AT, FilterKind, ListFilter

# What an item stands for (a ListFilter or a SavedSearch; headings hold None).
TARGET_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str


class ViewsSidebar(QListWidget):
    # A view (ListFilter) or a saved search (SavedSearch) was chosen.
    chosen = Signal(object)
    # The user asked to forget a saved search.
    forget_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactViews")
        self.setAccessibleName("Contact views")
        self.setMinimumWidth(110)
        self.setMaximumWidth(240)
        # A long view's name is cut with "…" (its tooltip says it all), not scrolled to.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSpacing(1)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_context_menu)
        self.currentItemChanged.connect(self._on_current_changed)
        self._entries: list[tuple[str, object]] = []
        self._current: object = ALL
        # The views at a narrow width (QA: unreachable at 640 px): the same items (one
        # model), headings shown but not chosen; the page shows one or the other.
        self.choice = QComboBox()
        self.choice.setObjectName("contactViewChoice")
        self.choice.setAccessibleName("Contact views")
        self.choice.setToolTip("Which contacts the list shows")
        self.choice.setModel(self.model())
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.choice.setMaximumWidth(220)
        self.choice.activated.connect(self.setCurrentRow)
        self.set_entries(Counter(), 0, [])

    def set_entries(
        self, counts: Counter[ListFilter], overdue: int, saved: Sequence[SavedSearch]
    ) -> None:
        """Show these views (rebuilt only when a text or a view changed)."""
        entries: list[tuple[str, object]] = [
            (_counted("All contacts", counts[ALL]), ALL),
            (_counted("Overdue", overdue), OVERDUE),
        ]
        strong = ListFilter(FilterKind.STRONG)
        if counts[strong]:
            entries.append((_counted(f"Strength {STRONG_AT}+", counts[strong]), strong))
        archived = ListFilter(FilterKind.ARCHIVED)
        if counts[archived]:
            entries.append((_counted("Archived", counts[archived]), archived))
        sources = [
            (_counted(source.label, counts[key]), key)
            for source in Source
            if counts[key := ListFilter(FilterKind.SOURCE, source.value)]
        ]
        if sources:
            entries += [("How we met", None), *sources]
        tags = sorted(
            (key for key in counts if key.kind is FilterKind.TAG and counts[key]),
            key=lambda key: key.value.casefold(),
        )
        if tags:
            entries += [("Tags", None), *((_counted(t.value, counts[t]), t) for t in tags)]
        if saved:
            entries += [("Saved searches", None), *((s.name, s) for s in saved)]
        if entries != self._entries:
            self._rebuild(entries)

    def _rebuild(self, entries: list[tuple[str, object]]) -> None:
        self._entries = entries
        self.blockSignals(True)
        self.clear()
        for text, target in entries:
            item = QListWidgetItem(text)  # plain text: tag names are the user's
            item.setData(TARGET_ROLE, target)
            if target is None:  # a heading
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            elif isinstance(target, SavedSearch):
                item.setToolTip(f"Search: {target.query}")
            elif target == OVERDUE:
                item.setToolTip("People whose keep-in-touch date has come: longest overdue first")
            self.addItem(item)
        self.blockSignals(False)
        if not self.select(self._current, announce=False):
            self.select(ALL)  # the view shown is gone (its last tag removed, say)
        self.choice.setCurrentIndex(self.currentRow())

    def select(self, target: object, *, announce: bool = True) -> bool:
        """Make ``target`` the current view; False when the sidebar has no such view."""
        for row in range(self.count()):
            item = self.item(row)
            if item.data(TARGET_ROLE) == target:
                if not announce:
                    self.blockSignals(True)
                self.setCurrentRow(row)
                self.blockSignals(False)
                self._current = target
                self.choice.setCurrentIndex(row)
                return True
        return False

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        target = current.data(TARGET_ROLE) if current is not None else None
        if target is not None:
            self._current = target
            self.choice.setCurrentIndex(self.currentRow())
            self.chosen.emit(target)

    @Slot(QPoint)
    def _on_context_menu(self, where: QPoint) -> None:
        item = self.itemAt(where)
        target = item.data(TARGET_ROLE) if item is not None else None
        if not isinstance(target, SavedSearch):
            return
        menu = QMenu(self)
        forget = menu.addAction("&Forget Saved Search")
        if menu.exec(self.viewport().mapToGlobal(where)) is forget:
            self.forget_requested.emit(target)


def _counted(label: str, count: int) -> str:
    return f"{label} ({count:,})" if count else label
