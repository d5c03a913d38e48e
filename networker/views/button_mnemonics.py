"""Alt+letter for the buttons of dialogs and message boxes.

Qt's standard buttons (Save, Discard, OK, Cancel…) carry no mnemonic on most Linux
desktops, and a button we name ourselves has none unless we write one (QA: Alt+D did
not discard, Alt+I did not import). Each button without one gets a letter no label,
check box or other button of its dialog already uses: a word's first letter if one
is free, else any letter of its text.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel, QWidget

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(words: str) -> str | None:
    """The (lower-case) letter Alt reaches in ``words``, or None."""
    found = _MNEMONIC.search(words.replace("&&", ""))
    return found.group(1).lower() if found else None


def give_buttons_mnemonics(dialog: QWidget) -> None:
    """Give each button of ``dialog``'s button boxes a mnemonic of its own."""
    taken = {
        letter
        for words in [
            *(label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None),
            *(button.text() for button in dialog.findChildren(QAbstractButton)),
        ]
        if (letter := mnemonic(words))
    }
    for box in dialog.findChildren(QDialogButtonBox):
        # Cancel last: the buttons that act get the first letters of their words.
        rejecting = QDialogButtonBox.ButtonRole.RejectRole
        for button in sorted(box.buttons(), key=lambda b: box.buttonRole(b) == rejecting):
            words = button.text()
            if not words or mnemonic(words):
                continue
            at = _free_letter(words, taken)
            if at is not None:
                taken.add(words[at].lower())
                button.setText(words[:at].replace("&", "&&") + "&" + words[at:].replace("&", "&&"))


def _free_letter(words: str, taken: set[str]) -> int | None:
    starts = [m.start() for m in re.finditer(r"\b\w", words)]
    others = [i for i, c in enumerate(words) if c.isalnum() and i not in starts]
    return next((i for i in starts + others if words[i].lower() not in taken), None)
