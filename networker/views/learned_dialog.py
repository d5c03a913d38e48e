"""An informational interview is done: what did you learn? The answer is logged with
the people interviewed (an informational-interview interaction), and saying it is
also when the thank-you and the report back are set."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from networker.views import look, text
from networker.views.button_mnemonics import give_buttons_mnemonics


class LearnedDialog(QDialog):
    learned = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("learnedDialog")
        self.setWindowTitle("Interview Done")
        heading = text.plain_label(f"What did you learn in “{title}”?")
        heading.setWordWrap(True)
        look.section_title(heading)
        hint = text.plain_label(
            "A thank-you is due today, and in 30 days a reminder to tell them what came of "
            "their advice."
        )
        hint.setWordWrap(True)
        look.muted(hint)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("learnedNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("Advice, names to contact, what the work is really like")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.notes)
        layout.addWidget(buttons)
        give_buttons_mnemonics(self)
        self.notes.setFocus()
        self.resize(480, 300)

    def accept(self) -> None:
        self.learned.emit(self.notes.toPlainText().strip())
        super().accept()
