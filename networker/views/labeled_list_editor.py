"""An editable list of labelled values: a contact's emails, phones or web addresses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from networker.domain.contacts import LabeledValue
from networker.views.wheel_guard import guard_wheel


class _Row(QWidget):
    remove_requested = Signal(QWidget)
    open_requested = Signal(str)
    edited = Signal()

    def __init__(
        self, labels: tuple[str, ...], placeholder: str, noun: str, *, openable: bool = False
    ) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QComboBox()
        self.label.setEditable(True)
        self.label.addItems(labels)
        self.label.setMaximumWidth(110)
        self.value = QLineEdit()
        self.value.setPlaceholderText(placeholder)
        self.value.setClearButtonEnabled(True)
        self.remove = remove = QToolButton()
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setToolTip(f"Remove this {noun}")
        remove.setAccessibleName(f"Remove {noun}")
        remove.clicked.connect(self._on_remove)
        layout.addWidget(self.label)
        layout.addWidget(self.value, 1)
        if openable:
            self.open_button = QToolButton()
            self.open_button.setText("↗")
            self.open_button.setAutoRaise(True)
            self.open_button.setToolTip(f"Open this {noun} in its app")
            self.open_button.setAccessibleName(f"Open {noun}")
            self.open_button.clicked.connect(lambda: self.open_requested.emit(self.value.text()))
            layout.addWidget(self.open_button)
        layout.addWidget(remove)
        self.label.currentTextChanged.connect(self.edited)
        self.value.textEdited.connect(self.edited)

    def first_field(self) -> QWidget:
        return self.value

    def focus_order(self) -> list[QWidget]:
        """The row's controls in the order they are shown."""
        shown: list[QWidget] = [self.label, self.value]
        if hasattr(self, "open_button"):
            shown.append(self.open_button)
        return [*shown, self.remove]

    @Slot()
    def _on_remove(self) -> None:
        self.remove_requested.emit(self)


class RowListEditor(QWidget):
    """Rows of one kind and an "Add …" button under them: a contact's e-mails, phones,
    web addresses (LabeledListEditor), postal addresses and handles (card_item_editors).
    A row has the signals ``remove_requested(row)`` and ``edited``, and the methods
    ``focus_order()`` and ``first_field()``; a subclass says how one is made."""

    changed = Signal()
    # A row was added by the user (the form orders Tab again).
    rows_changed = Signal()

    def __init__(self, noun: str, *, spacing: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(spacing)
        layout.addLayout(self._rows_layout)
        self.add_button = QPushButton(f"Add {noun}")
        self.add_button.setObjectName(f"add_{noun.replace(' ', '_')}")
        self.add_button.clicked.connect(self._on_add)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)

    def _new_row(self, item: object | None) -> Any:
        """A row showing ``item`` (None: a new, empty one)."""
        raise NotImplementedError

    def _fill(self, items: Sequence[object]) -> None:
        for row in self._rows:
            self._rows_layout.removeWidget(row)
            row.deleteLater()
        self._rows = []
        for item in items:
            self._append(item)

    def _append(self, item: object | None) -> Any:
        row = self._new_row(item)
        row.remove_requested.connect(self._on_remove)
        row.edited.connect(self.changed)
        guard_wheel(row)
        self._rows.append(row)
        self._rows_layout.addWidget(row)
        return row

    def focus_order(self) -> list[QWidget]:
        """The rows' controls, then "Add …": as they are shown."""
        return [w for row in self._rows for w in row.focus_order()] + [self.add_button]

    @Slot()
    def _on_add(self) -> None:
        row = self._append(None)
        self.rows_changed.emit()
        row.first_field().setFocus()
        self.changed.emit()

    @Slot(QWidget)
    def _on_remove(self, row: QWidget) -> None:
        self._rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.deleteLater()
        self.changed.emit()


class LabeledListEditor(RowListEditor):
    # A row's Open button (``openable``): the value to open (views/links.py decides).
    open_requested = Signal(str)

    def __init__(
        self,
        *,
        labels: tuple[str, ...],
        noun: str,
        placeholder: str,
        openable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(noun, parent=parent)
        self._openable = openable
        self._labels = labels
        self._noun = noun
        self._placeholder = placeholder

    def set_values(self, values: list[LabeledValue]) -> None:
        self._fill(values)

    def values(self) -> list[LabeledValue]:
        """The rows with a value, in order; blank rows are dropped."""
        return [
            LabeledValue(row.label.currentText().strip(), row.value.text().strip())
            for row in self._rows
            if row.value.text().strip()
        ]

    def value_edits(self) -> list[QLineEdit]:
        """The line edits of the rows that values() returns, in the same order."""
        return [row.value for row in self._rows if row.value.text().strip()]

    def all_value_edits(self) -> list[QLineEdit]:
        return [row.value for row in self._rows]

    def _new_row(self, item: object | None) -> _Row:
        value = item if isinstance(item, LabeledValue) else LabeledValue(self._labels[0], "")
        row = _Row(self._labels, self._placeholder, self._noun, openable=self._openable)
        row.open_requested.connect(self.open_requested)
        # An unlabelled value stays unlabelled (the combo would show its first label,
        # and saving any other field would then give the value that label).
        row.label.setCurrentText(value.label)
        row.value.setText(value.value)
        return row
