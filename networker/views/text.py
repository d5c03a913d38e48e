"""Contact-supplied text is plain text: every label, tooltip and message box goes through here.

A default QLabel guesses "rich text" from a string that looks like HTML and will
then render tags and load images; ``<b>x</b>`` in a name must show those characters.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def buddy_label(words: str, field: QWidget) -> QLabel:
    """A form row's label whose mnemonic (``&``) moves to ``field``: a row holding a
    layout (a field and its neighbours) gets none from QFormLayout, which then shows
    the ``&`` itself and lets Alt+letter fall through."""
    label = QLabel(words)
    label.setBuddy(field)
    return label


def isolated(names: list[str]) -> str:
    """Names joined by commas, each in a Unicode isolate (FSI … PDI): an Arabic or
    Hebrew name next to a Latin one keeps its own direction, the commas stay between
    them, and the line's direction is not taken from whichever name comes first (QA:
    a goal's people shown right-aligned, commas on the wrong sides)."""
    if not any(_right_to_left(name) for name in names):
        return ", ".join(names)  # one direction throughout: nothing to keep apart
    return ", ".join(f"\u2068{name}\u2069" for name in names)


def _right_to_left(words: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in words)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally (a tooltip that looks like HTML is rendered)."""
    if not text:
        return ""
    import html  # here, not at start-up: nothing shows a tooltip before the first paint

    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton | None = None,
) -> QMessageBox:
    # (No QMessageBox default in the signature: it would build the class at start-up.)
    if buttons is None:
        buttons = QMessageBox.StandardButton.Ok
    box = _MessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


class _MessageBox(QMessageBox):
    """A message box whose buttons get their Alt+letter as it shows, once every
    button (standard or added by name) is in."""

    def showEvent(self, event: QShowEvent) -> None:
        from networker.views.button_mnemonics import give_buttons_mnemonics  # (not at start)

        give_buttons_mnemonics(self)
        super().showEvent(event)


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before something that cannot be undone; ``action`` names the button."""
    box = message_box(
        parent, QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel
    )
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Information, title, text).exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """ "save", "discard" or "cancel" for unsaved edits of the contact ``name``."""
    box = save_changes_box(parent, name)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def save_changes_box(parent: QWidget | None, name: str) -> QMessageBox:
    """The question ask_save_changes asks: Save, Discard, Cancel."""
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box = message_box(
        parent,
        QMessageBox.Icon.Question,
        "Unsaved changes",
        f"Save the changes to {name}?",
        buttons,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return box
