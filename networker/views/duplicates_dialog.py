"""Contacts > Find Duplicates: look at each likely pair and merge it field by field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from networker.domain.contacts import ContactDraft
from networker.services.contacts import ContactNotFoundError
from networker.services.duplicates import MERGEABLE_FIELDS, DuplicatePair, DuplicateService
from networker.views import text

_LABELS = {
    "display_name": "Shown as", "given_name": "Given name", "family_name": "Family name",
    "organization": "Organization", "title": "Title", "birthday": "Birthday", "notes": "Notes",
    "how_we_met": "How we met", "source": "Source", "school": "School",
    "strength": "Strength", "cadence_days": "Keep in touch (days)", "photo": "Photo",
}  # fmt: skip


def _shown(draft: ContactDraft, field: str) -> str:
    value = getattr(draft, field)
    if value is None or value == "":
        return "—"
    if field == "photo":
        return "a photo"
    if field == "birthday":
        return str(value.iso())
    if field == "source":
        return str(value.label)
    return " ".join(str(value).split())[:200]


class DuplicatesDialog(QDialog):
    def __init__(
        self, *, pairs: list[DuplicatePair], service: DuplicateService, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle("Find Duplicates")
        self.resize(820, 480)
        self._service = service
        self.pairs_list = QListWidget()
        for pair in pairs:
            item = QListWidgetItem(f"{pair.first_name}  ↔  {pair.second_name}  ({pair.reason})")
            item.setData(Qt.ItemDataRole.UserRole, pair)
            self.pairs_list.addItem(item)
        self.fields = QTableWidget(0, 3)
        self.fields.setHorizontalHeaderLabels(["Field", "Kept contact", "Other (tick to use)"])
        self.fields.verticalHeader().hide()
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.hint = text.plain_label(
            "Merging keeps one contact with everything of both: all emails, phones, web "
            "addresses, tags and history; empty fields are filled from the other. Where the two "
            "differ, the kept contact's value stays unless you tick the other's."
        )
        self.hint.setWordWrap(True)
        self.merge_button = QPushButton("Merge")
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.merge_current)
        self.skip_button = QPushButton("Not the Same Person")
        self.skip_button.clicked.connect(self._skip_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        right = QVBoxLayout()
        right.addWidget(self.hint)
        right.addWidget(self.fields, 1)
        row = QHBoxLayout()
        row.addWidget(self.skip_button)
        row.addStretch(1)
        row.addWidget(self.merge_button)
        right.addLayout(row)
        body = QHBoxLayout()
        body.addWidget(self.pairs_list, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.pairs_list.currentRowChanged.connect(self._show_pair)
        self.pairs_list.setCurrentRow(0)

    def current_pair(self) -> DuplicatePair | None:
        item = self.pairs_list.currentItem()
        if item is None:
            return None
        pair: DuplicatePair = item.data(Qt.ItemDataRole.UserRole)
        return pair

    @Slot(int)
    def _show_pair(self, _row: int) -> None:
        self.fields.setRowCount(0)
        pair = self.current_pair()
        self.merge_button.setEnabled(pair is not None)
        self.skip_button.setEnabled(pair is not None)
        if pair is None:
            return
        try:
            kept, other = self._service.drafts(pair.first, pair.second)
        except ContactNotFoundError:
            self._drop_current()
            return
        for field in MERGEABLE_FIELDS:
            mine, theirs = getattr(kept, field), getattr(other, field)
            if mine == theirs or theirs in (None, "") or mine in (None, ""):
                continue  # the same, or one side empty: the merge fills it by itself
            row = self.fields.rowCount()
            self.fields.insertRow(row)
            self.fields.setItem(row, 0, QTableWidgetItem(_LABELS[field]))
            self.fields.setItem(row, 1, QTableWidgetItem(_shown(kept, field)))
            choice = QTableWidgetItem(_shown(other, field))
            choice.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            choice.setCheckState(Qt.CheckState.Unchecked)
            choice.setData(Qt.ItemDataRole.UserRole, field)
            self.fields.setItem(row, 2, choice)

    def chosen_fields(self) -> list[str]:
        chosen = []
        for row in range(self.fields.rowCount()):
            item = self.fields.item(row, 2)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                chosen.append(item.data(Qt.ItemDataRole.UserRole))
        return chosen

    @Slot()
    def merge_current(self) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        try:
            self._service.merge(pair.first, pair.second, take_from_other=self.chosen_fields())
        except ContactNotFoundError as exc:
            text.warn(self, "Not merged", str(exc))
        self._drop_current()
        # Pairs that named the merged-away contact now name the kept one.
        for index in range(self.pairs_list.count() - 1, -1, -1):
            other: DuplicatePair = self.pairs_list.item(index).data(Qt.ItemDataRole.UserRole)
            if pair.second in (other.first, other.second):
                self.pairs_list.takeItem(index)

    @Slot()
    def _skip_current(self) -> None:
        self._drop_current()

    def _drop_current(self) -> None:
        self.pairs_list.takeItem(self.pairs_list.currentRow())
        self._show_pair(self.pairs_list.currentRow())
