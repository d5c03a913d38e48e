"""Picking contacts by typing: a search field whose matches come from the whole network,
Enter picks the first (or, when nobody matches, offers to create the typed name as a new
contact), and the chosen people listed below it (Delete takes one away).

The event dialog's attendees and "Who did you meet?" use it; the contact is created
through a callable the page hands in (the contact service), never here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from networker.domain.listing import ContactSummary
from networker.views.people_words import told_apart

Finder = Callable[[str], list[ContactSummary]]
# Makes a contact of a typed name and returns its id (None: it could not be made).
Creator = Callable[[str], "int | None"]
RESULTS_SHOWN = 8
_NEW = -1  # the "create" row's id


class SearchField(QLineEdit):
    """Down moves into the matches; Enter picks the first."""

    to_results = Signal()
    pick_first = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.to_results.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip():
            self.pick_first.emit()
        else:
            super().keyPressEvent(event)


class PeoplePicker(QWidget):
    changed = Signal()

    def __init__(
        self,
        *,
        find: Finder,
        create: Creator | None = None,
        chosen: Sequence[tuple[int, str]] = (),
        placeholder: str = "Type a name, organization or email",
        name: str = "people",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._find = find
        self._create = create
        self.search = SearchField()
        self.search.setObjectName(f"{name}Search")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.search.to_results.connect(self._to_results)
        self.search.pick_first.connect(self._pick_first)
        self.results = QListWidget()
        self.results.setObjectName(f"{name}Results")
        self.results.setMaximumHeight(130)
        self.results.itemActivated.connect(self._pick)
        self.results.itemClicked.connect(self._pick)
        self.results.hide()
        self.chosen = QListWidget()
        self.chosen.setObjectName(f"{name}Chosen")
        self.chosen.setMaximumHeight(90)
        self.chosen.setToolTip("Delete takes the selected person away")
        self.chosen.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen)
        # Room the picker keeps after its matches hide goes below, not around the field:
        # it stayed beside its form label (QA saw it move away after adding a person).
        layout.addStretch(1)
        for contact_id, shown in chosen:
            self.add(contact_id, shown)

    def ids(self) -> list[int]:
        return [int(self.chosen.item(row).data(Qt.ItemDataRole.UserRole))
                for row in range(self.chosen.count())]  # fmt: skip

    def add(self, contact_id: int, name: str) -> None:
        if contact_id in self.ids():
            return
        item = QListWidgetItem(name or "(no name)")
        item.setData(Qt.ItemDataRole.UserRole, contact_id)
        self.chosen.addItem(item)
        self.changed.emit()

    @Slot(str)
    def _on_search(self, query: str) -> None:
        self.results.clear()
        query = query.strip()
        if not query:
            self.results.hide()
            return
        chosen = set(self.ids())
        found = [s for s in self._find(query)[:RESULTS_SHOWN] if s.id not in chosen]
        for summary, words in zip(found, told_apart(found), strict=True):
            item = QListWidgetItem(words)
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, summary.name)
            self.results.addItem(item)
        if self._create is not None:
            item = QListWidgetItem(f"Add “{query}” as a new contact")
            item.setData(Qt.ItemDataRole.UserRole, _NEW)
            item.setData(Qt.ItemDataRole.UserRole + 1, query)
            self.results.addItem(item)
        self.results.setVisible(self.results.count() > 0)
        if self.results.count():
            self.results.setCurrentRow(0)

    @Slot()
    def _to_results(self) -> None:
        if self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(0)

    @Slot()
    def _pick_first(self) -> None:
        self._on_search(self.search.text())
        if self.results.count():
            self._pick(self.results.item(0))

    @Slot(QListWidgetItem)
    def _pick(self, item: QListWidgetItem) -> None:
        contact_id = int(item.data(Qt.ItemDataRole.UserRole))
        name = str(item.data(Qt.ItemDataRole.UserRole + 1))
        if contact_id == _NEW:
            if self._create is None:
                return
            made = self._create(name)
            if made is None:
                return
            contact_id = made
        else:
            name = item.text()  # the chosen are told apart as the results were
        self.add(contact_id, name)
        self.search.clear()
        self.search.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.chosen
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            row = self.chosen.currentRow()
            if row >= 0:
                self.chosen.takeItem(row)
                self.changed.emit()
            return True
        return super().eventFilter(watched, event)
