"""Which contacts an export writes: all of them, the ones selected, or the ones the
list shows now (a search, a sidebar view); archived contacts only when asked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from networker.services.exporting import ExportScope
from networker.views import text
from networker.views.button_mnemonics import give_buttons_mnemonics


class ExportScopeDialog(QDialog):
    def __init__(
        self,
        *,
        total: int,
        archived: int,
        selected: Sequence[int],
        listed: Sequence[int] | None,
        parent: QWidget | None = None,
    ) -> None:
        """``total``: contacts not archived; ``listed``: what the list shows when a
        search or a view narrows it (None: it shows them all)."""
        super().__init__(parent)
        self.setObjectName("exportScope")
        self.setWindowTitle("Export Contacts")
        self._selected, self._listed = tuple(selected), tuple(listed or ())
        intro = text.plain_label("Which contacts should the file hold?")
        self.all = QRadioButton(f"&All contacts ({total:,})")
        self.include_archived = QCheckBox(f"Include a&rchived contacts ({archived:,})")
        self.include_archived.setEnabled(archived > 0)
        self.selection = QRadioButton(f"The &selected contacts ({len(self._selected):,})")
        self.selection.setEnabled(bool(self._selected))  # one person's card too (QA)
        # The list showing everyone is no narrower choice: said so, not "(0)" (QA).
        shown_count = f"{len(self._listed):,}" if listed is not None else "all of them"
        self.shown = QRadioButton(f"The contacts the list sho&ws now ({shown_count})")
        self.shown.setEnabled(listed is not None and bool(self._listed))
        group = QButtonGroup(self)
        for button in (self.all, self.selection, self.shown):
            group.addButton(button)
        # The narrowest choice the user made is the likely one; one contact selected is
        # just the one open, not yet a choice.
        default = self.selection if len(self._selected) > 1 else (
            self.shown if self.shown.isEnabled() else self.all
        )  # fmt: skip
        default.setChecked(True)
        self.all.toggled.connect(self.include_archived.setEnabled)
        self.include_archived.setEnabled(self.all.isChecked() and archived > 0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.all)
        archived_row = QVBoxLayout()
        archived_row.setContentsMargins(24, 0, 0, 0)
        archived_row.addWidget(self.include_archived)
        layout.addLayout(archived_row)
        layout.addWidget(self.selection)
        layout.addWidget(self.shown)
        layout.addWidget(buttons)
        give_buttons_mnemonics(self)

    def scope(self) -> ExportScope:
        if self.selection.isChecked():
            return ExportScope(ids=self._selected)
        if self.shown.isChecked():
            return ExportScope(ids=self._listed)
        return ExportScope(include_archived=self.include_archived.isChecked())
