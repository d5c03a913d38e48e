"""Keys a text field would take that the window means.

Alt+letter never types a letter into a field. On X11 a key press Qt found no shortcut
or mnemonic for reaches the focused widget, and a line edit inserts its text: Alt+K in
the contact editor typed "k" over a name (QA: "Xkqjunpz" from eight Alt+letters). Such
presses are dropped; a matched mnemonic or menu never gets this far. Not on macOS,
where Option+letter is how å and ∫ are typed; Ctrl+Alt (AltGr on Windows) passes too.

Ctrl+Z (and Redo) in a field with nothing of its own to undo is Edit > Undo: a line
edit takes the key whenever it has focus, so right after a save (which clears the
fields' typing history, ContactPanel) Ctrl+Z did nothing the user could see (QA).
Every text field the focus reaches gets one filter for both.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
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


class _FieldKeys(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers()
            alt_only = modifiers & Qt.KeyboardModifier.AltModifier and not (
                modifiers & Qt.KeyboardModifier.ControlModifier
            )
            if alt_only and event.text().isprintable() and event.text().strip():
                return True
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or _is_shift_z(event)
            if (undo or redo) and not _has_own(watched, redo=redo):
                event.ignore()  # not the field's: the window's shortcut takes it
                return True
        return False


def _is_shift_z(event: QKeyEvent) -> bool:
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    return event.key() == Qt.Key.Key_Z and event.modifiers() == shift_ctrl


def _has_own(field: QObject, *, redo: bool) -> bool:
    """Whether the field has typing of its own to undo (redo); unknown kinds: yes."""
    if isinstance(field, QComboBox):
        field = field.lineEdit() or field
    if isinstance(field, QLineEdit):
        return field.isRedoAvailable() if redo else field.isUndoAvailable()
    if isinstance(field, QTextEdit | QPlainTextEdit):
        document = field.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return True


_GUARD = _FieldKeys()


def guard(field: QWidget) -> None:
    """Drop unmatched Alt+letter presses in ``field``, and pass Ctrl+Z to the window
    when it has nothing to undo (once per field)."""
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
