"""Contacts > Keep in Touch by Tag…: a default keep-in-touch cadence for each tag
(``mentor``: every 30 days), which the tag's contacts follow unless they set their own."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from networker.views import look, text
from networker.views.button_mnemonics import give_buttons_mnemonics
from networker.views.wheel_guard import guard_wheel

MAX_DAYS = 3650
NONE_TEXT = "No default"


class TagCadenceDialog(QDialog):
    def __init__(
        self,
        *,
        tags: Sequence[str],
        cadences: Mapping[str, int],
        save_with: Callable[[dict[str, int | None]], None],
        parent: QWidget | None = None,
    ) -> None:
        """``save_with`` gets the changed tags only (None: the tag sets no cadence)."""
        super().__init__(parent)
        self.setObjectName("tagCadenceDialog")
        self.setWindowTitle("Keep in Touch by Tag")
        self._cadences = dict(cadences)
        self._save_with = save_with
        intro = text.plain_label(
            "People with a tag are kept in touch with this often, unless they have their "
            "own “Keep in touch every”. With several tags, the shortest applies."
        )
        intro.setWordWrap(True)
        look.muted(intro)
        self.table = QTableWidget(len(tags), 2)
        self.table.setObjectName("tagCadences")
        self.table.setHorizontalHeaderLabels(["Tag", "Keep in touch every"])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.spins: dict[str, QSpinBox] = {}
        for row, tag in enumerate(tags):
            name = QTableWidgetItem(tag)  # a QTableWidgetItem shows plain text
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, name)
            spin = QSpinBox()
            spin.setRange(0, MAX_DAYS)
            spin.setSpecialValueText(NONE_TEXT)  # 0: no default (a cadence is above zero)
            spin.setSuffix(" days")
            spin.setValue(cadences.get(tag, 0))
            spin.setAccessibleName(f"Keep in touch with people tagged {tag} every")
            self.table.setCellWidget(row, 1, spin)
            self.spins[tag] = spin
        self.empty = text.plain_label(
            "No tags yet. Tag the people who matter (a contact's Tags field, or Add Tag "
            "with several selected), then give a tag a cadence here."
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(not tags)
        self.table.setVisible(bool(tags))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(bool(tags))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        give_buttons_mnemonics(self)
        self.resize(460, 380)
        guard_wheel(self.table)  # scrolling the list never changes a cadence
        if tags:
            self.spins[tags[0]].setFocus()

    def changes(self) -> dict[str, int | None]:
        changed: dict[str, int | None] = {}
        for tag, spin in self.spins.items():
            value = spin.value() or None
            if value != self._cadences.get(tag):
                changed[tag] = value
        return changed

    @Slot()
    def save(self) -> None:
        if changed := self.changes():
            self._save_with(changed)
        self.accept()
