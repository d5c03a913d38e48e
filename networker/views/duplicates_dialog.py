"""Contacts > Find Duplicates: each likely pair side by side, merged field by field.

Every field of both contacts is shown, each side with a button: a radio for a field
that holds one value (the kept contact's chosen unless only the other has one), a check
box for the lists, which the merge unites unless a side is unticked. Values are
contact-supplied text: every label is plain text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from networker.domain.contacts import ContactDraft, LabeledValue
from networker.services.contacts import ContactNotFoundError
from networker.services.duplicates import (
    LIST_FIELDS,
    DuplicatePair,
    DuplicateService,
)
from networker.views import text
from networker.views.button_mnemonics import give_buttons_mnemonics

# Every field, in the editor's order: (field, label). The lists are united by default.
_ROWS = (
    ("display_name", "Shown as"), ("given_name", "Given name"),
    ("family_name", "Family name"), ("organization", "Organization"), ("title", "Title"),
    ("emails", "E-mails"), ("phones", "Phones"), ("urls", "Web addresses"), ("tags", "Tags"),
    ("how_we_met", "How we met"), ("source", "Source"), ("school", "School"),
    ("notes", "Notes"), ("strength", "Strength"), ("cadence_days", "Keep in touch"),
    ("birthday", "Birthday"), ("photo", "Photo"),
)  # fmt: skip
_NOTES_SHOWN = 600  # characters of notes shown; the merge keeps them whole

# A merge: (keep, other, take_from_other, take_from_kept, leave_out_of_kept,
# leave_out_of_other). The window passes one that can be undone.
Merge = Callable[[int, int, list[str], list[str], list[str], list[str]], None]


def shown(draft: ContactDraft, field: str) -> str:
    """A field's value as words, "—" for none."""
    value = getattr(draft, field)
    if field in LIST_FIELDS:
        return "\n".join(_item(v) for v in value) or "—"
    if value is None or value == "":
        return "—"
    if field == "photo":
        return "a photo"
    if field == "birthday":
        return str(value.iso())
    if field == "source":
        return str(value.label)
    if field == "cadence_days":
        return f"every {value} days"
    if field == "strength":
        return f"{value} of 5"
    if field == "notes":
        notes = str(value).strip()
        return notes if len(notes) <= _NOTES_SHOWN else notes[:_NOTES_SHOWN] + "…"
    return " ".join(str(value).split())


def _item(value: LabeledValue | str) -> str:
    if isinstance(value, str):
        return value
    return f"{value.value} ({value.label})" if value.label else value.value


def _empty(draft: ContactDraft, field: str) -> bool:
    value = getattr(draft, field)
    return value in (None, "", []) or (field == "source" and shown(draft, field) == "Other")


class DuplicatesDialog(QDialog):
    def __init__(
        self,
        *,
        pairs: list[DuplicatePair],
        service: DuplicateService,
        merge: Merge | None = None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle("Find Duplicates")
        self.resize(980, 620)
        self._service = service
        self._merge = merge or self._merge_directly
        self.choices: dict[str, tuple[QAbstractButton, QAbstractButton]] = {}
        self._groups: list[QButtonGroup] = []
        self.pairs_list = QListWidget()
        for pair in pairs:
            flag = "Check: " if pair.different_names else ""
            item = QListWidgetItem(f"{flag}{pair.first_name}  ↔  {pair.second_name}")
            item.setToolTip(text.plain_tooltip(pair.reason))
            item.setData(Qt.ItemDataRole.UserRole, pair)
            self.pairs_list.addItem(item)
        self.reason = text.plain_label()
        self.reason.setObjectName("duplicateReason")
        self.reason.setWordWrap(True)
        self.hint = text.plain_label(
            "Choose each field's value. E-mails, phones, web addresses and tags of both are "
            "kept unless you untick a side; interactions, reminders and history of both go "
            "to the merged contact. Edit > Undo takes a merge back."
        )
        self.hint.setWordWrap(True)
        self.sides = QWidget()
        self.grid = QGridLayout(self.sides)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.sides)
        self.merge_button = QPushButton("&Merge")
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.merge_current)
        self.skip_button = QPushButton("&Not the Same Person")
        self.skip_button.clicked.connect(self._not_the_same)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        right = QVBoxLayout()
        right.addWidget(self.reason)
        right.addWidget(self.hint)
        right.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.addWidget(self.skip_button)
        row.addStretch(1)
        row.addWidget(self.merge_button)
        right.addLayout(row)
        body = QHBoxLayout()
        body.addWidget(self.pairs_list, 2)
        body.addLayout(right, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        give_buttons_mnemonics(self)
        self.pairs_list.currentRowChanged.connect(self._show_pair)
        self.pairs_list.setCurrentRow(0)

    def current_pair(self) -> DuplicatePair | None:
        item = self.pairs_list.currentItem()
        if item is None:
            return None
        pair: DuplicatePair = item.data(Qt.ItemDataRole.UserRole)
        return pair

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.setParent(None)
                widget.deleteLater()
        for group in self._groups:
            group.deleteLater()
        self.choices.clear()
        self._groups.clear()

    @Slot(int)
    def _show_pair(self, _row: int) -> None:
        self._clear()
        pair = self.current_pair()
        self.merge_button.setEnabled(pair is not None)
        self.skip_button.setEnabled(pair is not None)
        self.reason.setText("" if pair is None else f"Why: {pair.reason}")
        if pair is None:
            return
        try:
            kept, other = self._service.drafts(pair.first, pair.second)
        except ContactNotFoundError:
            self._drop_current()
            return
        self.grid.addWidget(text.plain_label("Field"), 0, 0)
        self.grid.addWidget(text.plain_label(f"Kept: {pair.first_name}"), 0, 1, 1, 2)
        self.grid.addWidget(text.plain_label(f"Merged in: {pair.second_name}"), 0, 3, 1, 2)
        for row, (field, label) in enumerate(_ROWS, start=1):
            self._add_row(row, field, label, kept, other)
        self.grid.setColumnStretch(2, 1)
        self.grid.setColumnStretch(4, 1)
        self.grid.setRowStretch(len(_ROWS) + 1, 1)

    def _add_row(
        self, row: int, field: str, label: str, kept: ContactDraft, other: ContactDraft
    ) -> None:
        self.grid.addWidget(text.plain_label(label), row, 0, Qt.AlignmentFlag.AlignTop)
        mine, theirs = _empty(kept, field), _empty(other, field)
        buttons: list[QAbstractButton] = []
        for column, draft, empty in ((1, kept, mine), (3, other, theirs)):
            button: QAbstractButton
            if field in LIST_FIELDS:
                button = QCheckBox()
                button.setChecked(not empty)
                button.setEnabled(not empty)
            else:
                button = QRadioButton()
            button.setObjectName(f"{field}_{'kept' if column == 1 else 'other'}")
            button.setAccessibleName(f"{label} of {'the kept' if column == 1 else 'the other'}")
            value = text.plain_label(shown(draft, field))
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(value, row, column + 1, Qt.AlignmentFlag.AlignTop)
            buttons.append(button)
        if field not in LIST_FIELDS:
            group = QButtonGroup(self.sides)
            for button in buttons:
                group.addButton(button)
            self._groups.append(group)
            same = shown(kept, field) == shown(other, field) and field != "photo"
            # The value there is: the kept one's, else the other's.
            buttons[1 if mine and not theirs else 0].setChecked(True)
            if same or (field == "photo" and kept.photo == other.photo):
                for button in buttons:
                    button.setEnabled(False)
        self.choices[field] = (buttons[0], buttons[1])

    def chosen(self) -> tuple[list[str], list[str], list[str], list[str]]:
        """(take_from_other, take_from_kept, leave_out_of_kept, leave_out_of_other)."""
        from_other: list[str] = []
        from_kept: list[str] = []
        out_of_kept: list[str] = []
        out_of_other: list[str] = []
        for field, (mine, theirs) in self.choices.items():
            if field in LIST_FIELDS:
                if mine.isEnabled() and not mine.isChecked():
                    out_of_kept.append(field)
                if theirs.isEnabled() and not theirs.isChecked():
                    out_of_other.append(field)
            elif theirs.isEnabled():
                (from_other if theirs.isChecked() else from_kept).append(field)
        return from_other, from_kept, out_of_kept, out_of_other

    def _merge_directly(
        self,
        keep: int,
        other: int,
        take_from_other: list[str],
        take_from_kept: list[str],
        leave_out_of_kept: list[str],
        leave_out_of_other: list[str],
    ) -> None:
        self._service.merge(
            keep, other, take_from_other=take_from_other, take_from_kept=take_from_kept,
            leave_out_of_kept=leave_out_of_kept, leave_out_of_other=leave_out_of_other,
        )  # fmt: skip

    @Slot()
    def merge_current(self) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        if pair.different_names and not text.confirm(
            self,
            "Merge Contacts",
            f"{pair.first_name} and {pair.second_name} share contact details but their names "
            "differ: they may be two people (an assistant, a shared line).\n\nMerge them "
            "into one contact?",
            "Merge",
        ):
            return
        try:
            self._merge(pair.first, pair.second, *self.chosen())
        except ContactNotFoundError as exc:
            text.warn(self, "Not merged", str(exc))
        self._drop_current()
        # Pairs that named the merged-away contact now name the kept one.
        for index in range(self.pairs_list.count() - 1, -1, -1):
            other: DuplicatePair = self.pairs_list.item(index).data(Qt.ItemDataRole.UserRole)
            if pair.second in (other.first, other.second):
                self.pairs_list.takeItem(index)
        self._show_pair(self.pairs_list.currentRow())

    @Slot()
    def _not_the_same(self) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        try:
            self._service.mark_not_the_same(pair.first, pair.second)
        except ContactNotFoundError:
            pass  # deleted meanwhile: the pair is gone anyway
        self._drop_current()

    def _drop_current(self) -> None:
        self.pairs_list.takeItem(self.pairs_list.currentRow())
        self._show_pair(self.pairs_list.currentRow())

    def row_texts(self, field: str) -> tuple[str, str]:
        """What the row of ``field`` shows of each contact."""
        row = 1 + [name for name, _label in _ROWS].index(field)
        texts = []
        for column in (2, 4):
            item = self.grid.itemAtPosition(row, column)
            widget = item.widget() if item is not None else None
            texts.append(widget.text() if isinstance(widget, QLabel) else "")
        return texts[0], texts[1]
