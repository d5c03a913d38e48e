"""A CSV of no known layout: the user says which column holds what."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from networker.formats.csv_formats import MAPPABLE_FIELDS
from networker.views import text
from networker.views.button_mnemonics import give_buttons_mnemonics

# First guesses from a column's name; the user corrects them.
_GUESSES = [
    (r"e-?mail", "email"), (r"phone|tel|mobile|cell", "phone"),
    (r"first|given|fore", "given"), (r"last|family|surname", "family"),
    (r"compan|organi[sz]ation|employer", "organization"), (r"title|position|role|job", "title"),
    (r"birth", "birthday"), (r"note|comment", "notes"), (r"tag|group|label|categor", "tags"),
    (r"url|web|site|linkedin", "web"), (r"middle", "middle"), (r"nick", "nickname"),
    (r"how.*met|met (at|through)|where.*met", "how_we_met"), (r"source|origin", "source"),
    (r"school|universit|college|alma", "school"), (r"strength|closeness", "strength"),
    (r"cadence|keep in touch|frequency", "cadence"), (r"name", "display"),
]  # fmt: skip


def layout_key(header: list[str]) -> str:
    """Names a header layout: files exported by the same program share a mapping."""
    joined = "\x1f".join(" ".join(column.split()).casefold() for column in header)
    return hashlib.sha1(joined.encode("utf-8"), usedforsecurity=False).hexdigest()[:20]


def guess(column: str) -> str:
    for pattern, field in _GUESSES:
        if re.search(pattern, column, re.IGNORECASE):
            return field
    return ""


class ColumnMappingDialog(QDialog):
    def __init__(
        self,
        path: Path,
        header: list[str],
        sample: list[str],
        parent: QWidget | None = None,
        *,
        remembered: Mapping[int, str] | None = None,
    ) -> None:
        """``remembered``: the mapping chosen last time for a file of this header layout
        (layout_key), offered instead of guesses."""
        super().__init__(parent)
        self.setObjectName("columnMapping")
        self.setWindowTitle("Match the Columns")
        self.resize(640, 420)
        self.path = path
        self.header = header
        intro = text.plain_label(
            f"{path.name} is a CSV file of a layout Networker does not know. Say which column "
            "holds what; columns left on “Ignore” are not imported."
        )
        if remembered is not None:
            intro.setText(intro.text() + " The columns are as you matched them last time.")
        intro.setWordWrap(True)
        self.table = QTableWidget(len(header), 3)
        self.table.setHorizontalHeaderLabels(["Column", "First row", "Import as"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.choices: list[QComboBox] = []
        used: set[str] = set()
        for row, (column, example) in enumerate(zip(header, sample, strict=False)):
            self.table.setItem(row, 0, QTableWidgetItem(column))
            self.table.setItem(row, 1, QTableWidgetItem(example[:80]))
            choice = QComboBox()
            choice.addItem("Ignore", "")
            for key, (label, _column) in MAPPABLE_FIELDS.items():
                choice.addItem(label, key)
            if remembered is not None:
                kept = remembered.get(row, "")
                choice.setCurrentIndex(max(choice.findData(kept), 0))
                choice.currentIndexChanged.connect(self._update_ok)
                self.table.setCellWidget(row, 2, choice)
                self.choices.append(choice)
                continue
            guessed = guess(column)
            # Several columns may be emails or phones; the others are guessed once.
            if guessed and (guessed in ("email", "phone", "web") or guessed not in used):
                choice.setCurrentIndex(choice.findData(guessed))
                used.add(guessed)
            choice.currentIndexChanged.connect(self._update_ok)
            self.table.setCellWidget(row, 2, choice)
            self.choices.append(choice)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Continue")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.hint = text.plain_label("")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        give_buttons_mnemonics(self)
        self._update_ok()

    def mapping(self) -> dict[int, str]:
        return {row: c.currentData() for row, c in enumerate(self.choices) if c.currentData()}

    def _update_ok(self) -> None:
        chosen = set(self.mapping().values())
        usable = bool(chosen & {"given", "family", "display", "email", "phone", "organization"})
        self.ok_button.setEnabled(usable)
        self.hint.setText("" if usable else "Choose at least a name, an email or a phone column.")
