"""The rest of a contact's card in the panel, read-only: units, titles, roles,
dates, gender, related people (the name's parts, nicknames, addresses and handles
are edited above it: contact_panel.py, card_item_editors.py). Plain text only; a
row without a value is hidden. No mnemonics (nothing here takes focus), so none
can clash with the menu bar or the editor's."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from networker.domain.contacts import ContactDraft, LabeledValue
from networker.views import text

# (objectName, row title), in the order shown.
ROWS = (
    ("orgUnits", "Department"), ("moreTitles", "Other titles"), ("roles", "Roles"),
    ("dates", "Dates"), ("gender", "Gender"), ("related", "Related people"),
)  # fmt: skip


def _labeled(item: LabeledValue) -> str:
    label = item.label or ", ".join(item.types)
    return f"{label}: {item.value}" if label else item.value


def card_lines(draft: ContactDraft) -> dict[str, str]:
    """The text of each row for a draft ("" hides the row)."""
    return {
        "orgUnits": ", ".join(u for u in draft.org_units if u),
        "moreTitles": "\n".join(draft.more_titles),
        "roles": "\n".join(draft.roles),
        "dates": "\n".join(_labeled(d) for d in draft.dates),
        "gender": draft.gender,
        "related": "\n".join(_labeled(r) for r in draft.related),
    }


class CardDetailsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardDetails")
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.values: dict[str, QLabel] = {}
        for name, title in ROWS:
            value = text.plain_label()
            value.setObjectName(name)
            value.setWordWrap(True)
            self.values[name] = value
            self._layout.addRow(text.plain_label(title), value)

    def show_draft(self, draft: ContactDraft) -> None:
        lines = card_lines(draft)
        for row, (name, _title) in enumerate(ROWS):
            self.values[name].setText(lines[name])
            self._layout.setRowVisible(row, bool(lines[name]))
        self.setVisible(any(lines.values()))
