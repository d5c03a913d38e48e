"""Alt+letter never types a letter into a field.

On X11 a key press Qt found no shortcut or mnemonic for reaches the focused widget, and
a line edit inserts its text: Alt+K in the contact editor typed "k" over a name (QA:
"Xkqjunpz" from eight Alt+letters). Every text field the focus reaches gets a filter
that drops such presses; a matched mnemonic or menu never gets this far. Not on macOS,
where Option+letter is how å and ∫ are typed; Ctrl+Alt (AltGr on Windows) passes too.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)
_GUARDED = "altLettersGuarded"


class _AltGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers()
            alt_only = modifiers & Qt.KeyboardModifier.AltModifier and not (
                modifiers & Qt.KeyboardModifier.ControlModifier
            )
            if alt_only and event.text().isprintable() and event.text().strip():
                return True
        return False


_GUARD = _AltGuard()


def guard(field: QWidget) -> None:
    """Drop unmatched Alt+letter presses in ``field`` (once per field)."""
    if isinstance(field, _TEXT_FIELDS) and not field.property(_GUARDED):
        field.setProperty(_GUARDED, True)
        field.installEventFilter(_GUARD)


def install(app: QApplication) -> None:
    """Guard each text field as the focus first reaches it."""
    if sys.platform != "darwin" and not app.property(_GUARDED):
        app.setProperty(_GUARDED, True)
        app.focusChanged.connect(_on_focus_changed)


def _on_focus_changed(_old: QWidget | None, new: QWidget | None) -> None:
    if new is not None:
        guard(new)
