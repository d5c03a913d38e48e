"""Add or edit one milestone of a contact (their news): kind, day and a short line.
Enter saves, Esc cancels; the text is plain."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from networker.domain.milestones import (
    TEXT_MAX,
    MilestoneDraft,
    MilestoneKind,
    MilestoneRecord,
    MilestoneValidationError,
)
from networker.services.milestones import MilestoneNotFoundError, MilestoneService
from networker.views import look, text
from networker.views.button_mnemonics import give_buttons_mnemonics


class MilestoneDialog(QDialog):
    saved = Signal(int)

    def __init__(
        self,
        *,
        milestones: MilestoneService,
        contact_id: int,
        today: dt.date,
        editing: MilestoneRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("milestoneDialog")
        self.setWindowTitle("Edit Milestone" if editing else "Add Milestone")
        self._milestones = milestones
        self._contact_id = contact_id
        self._editing = editing
        draft = (
            editing.draft if editing else MilestoneDraft(contact_id, MilestoneKind.NEW_JOB, today)
        )

        self.kind = QComboBox()
        for kind in MilestoneKind:
            self.kind.addItem(kind.label, kind)
        self.kind.setCurrentIndex(self.kind.findData(draft.kind))
        self.day = QDateEdit(QDate(draft.happened_on.year, draft.happened_on.month,
                                   draft.happened_on.day))  # fmt: skip
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.words = QLineEdit(draft.text)
        self.words.setMaxLength(TEXT_MAX)
        self.words.setPlaceholderText("In a few words: CTO at Babbage & Co")
        self.problem = text.plain_label()
        look.validation_message(self.problem)
        self.problem.hide()
        form = QFormLayout()
        form.addRow("&Kind", self.kind)
        form.addRow("&Day", self.day)
        form.addRow("&What", self.words)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)  # Enter in any field saves
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        give_buttons_mnemonics(self)
        self.words.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.words.setFocus()  # the line to type is where the keyboard starts

    def draft(self) -> MilestoneDraft:
        day = self.day.date().toPython()
        assert isinstance(day, dt.date)
        return MilestoneDraft(
            self._contact_id, self.kind.currentData(), day, self.words.text().strip()
        )

    @Slot()
    def save(self) -> None:
        try:
            if self._editing is None:
                milestone_id = self._milestones.add(self.draft())
            else:
                milestone_id = self._editing.id
                self._milestones.update(milestone_id, self.draft())
        except (MilestoneValidationError, MilestoneNotFoundError) as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        self.saved.emit(milestone_id)
        self.accept()
