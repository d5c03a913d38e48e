"""Editable lists of a contact's postal addresses and chat or social handles, in the
panel like its e-mails and phones (labeled_list_editor.py): a row per item, "Add …"
below, ✕ to remove one.

An address is a compact form in place (street on two lines, then apartment and PO
box, postal code and town, region and country), each field named by its placeholder,
its tooltip and its accessible name, as address books do; a dialog would have hidden
the address behind a click, taken Undo and unsaved-changes handling outside the
panel, and broken Tab's walk down the form.

Each row keeps the item it was filled with, so what the panel does not show (TYPE
spellings, kept vCard parameters, X-SKYPE rather than IMPP) goes back with it:
domain/card_edits.py decides what still holds after an edit. No mnemonics: the rows
repeat (as the e-mail rows do), so a letter could never name one field.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from networker.domain.card_edits import (
    ADDRESS_LABELS,
    HANDLE_LABELS,
    HANDLE_SERVICES,
    edited_address,
    edited_handle,
)
from networker.domain.contacts import Handle, PostalAddress, normalize_label
from networker.views.labeled_list_editor import RowListEditor

LABEL_WIDTH = 110  # as the e-mail rows' label boxes, so the columns line up
LABEL_MIN_WIDTH = 80  # a custom label is never cut to a letter or two
STREET_LINES_MAX = 4


def _one_line(value: str) -> str:
    return " ".join(value.split())  # as the vCard reader cleans a part


def _label_box(labels: tuple[str, ...], placeholder: str) -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.addItems(labels)
    box.setMaximumWidth(LABEL_WIDTH)
    box.setMinimumWidth(LABEL_MIN_WIDTH)
    if (edit := box.lineEdit()) is not None:  # always, for an editable box
        edit.setPlaceholderText(placeholder)
    return box


def _show_text(box: QComboBox, value: str) -> None:
    """An editable box shows ``value``, as its item when it is one (the list then
    opens at it)."""
    index = box.findText(value)
    if index >= 0:
        box.setCurrentIndex(index)
    else:
        box.setEditText(value)


def _remove_button(noun: str) -> QToolButton:
    remove = QToolButton()
    remove.setText("✕")
    remove.setAutoRaise(True)
    remove.setToolTip(f"Remove this {noun}")
    remove.setAccessibleName(f"Remove {noun}")
    return remove


class _AddressRow(QWidget):
    remove_requested = Signal(QWidget)
    edited = Signal()

    def __init__(self, address: PostalAddress | None) -> None:
        super().__init__()
        self.original = address
        self.label = _label_box(ADDRESS_LABELS, "Label")
        self.label.setAccessibleName("Address label")
        self.street = QPlainTextEdit()
        self.street.setTabChangesFocus(True)  # Tab moves on; Enter starts a second line
        self.street.setPlaceholderText("Street")
        self.street.setToolTip("Street (a second line for a building or floor)")
        self.street.setAccessibleName("Street")
        self._fit_street()
        self.street.textChanged.connect(self._fit_street)

        def field(name: str, tip: str) -> QLineEdit:
            edit = QLineEdit()
            edit.setPlaceholderText(name)
            edit.setToolTip(tip)
            edit.setAccessibleName(name)
            edit.textEdited.connect(self.edited)
            return edit

        self.extended = field("Apartment, suite", "Apartment, suite or unit")
        self.po_box = field("PO box", "Post office box")
        self.postal_code = field("Postal code", "Postal or ZIP code")
        self.locality = field("City", "City or town")
        self.region = field("Region", "State, province or region")
        self.country = field("Country", "Country")
        self.remove = _remove_button("address")
        self.remove.clicked.connect(self._on_remove)

        # Two even columns under the street, so the fields line up from row to row.
        parts = QGridLayout()
        parts.setSpacing(4)
        parts.addWidget(self.street, 0, 0, 1, 2)
        for row, pair in enumerate(
            ((self.extended, self.po_box), (self.postal_code, self.locality),
             (self.region, self.country)),
            start=1,
        ):  # fmt: skip
            for column, edit in enumerate(pair):
                parts.addWidget(edit, row, column)
        parts.setColumnStretch(0, 1)
        parts.setColumnStretch(1, 1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.addWidget(self.label, 0, 0)
        grid.addLayout(parts, 0, 1, 2, 1)
        grid.addWidget(self.remove, 0, 2)
        grid.setRowStretch(1, 1)  # the label box and ✕ stay at the top
        grid.setColumnStretch(1, 1)
        if address is not None:
            _show_text(self.label, address.label)  # "" too: a card's unlabelled ADR
            self.street.setPlainText(address.street)
            for edit, value in (
                (self.extended, address.extended), (self.po_box, address.po_box),
                (self.postal_code, address.postal_code), (self.locality, address.locality),
                (self.region, address.region), (self.country, address.country),
            ):  # fmt: skip
                edit.setText(value)
                edit.setCursorPosition(0)
        self.label.currentTextChanged.connect(self.edited)
        self.street.textChanged.connect(self.edited)

    @Slot()
    def _fit_street(self) -> None:
        """Two lines high, growing to four as lines are added (then it scrolls)."""
        lines = min(max(self.street.document().blockCount(), 2), STREET_LINES_MAX)
        height = QFontMetricsF(self.street.font()).lineSpacing() * lines
        margins = self.street.contentsMargins()
        frame = 2 * self.street.document().documentMargin() + margins.top() + margins.bottom()
        if self.street.height() != round(height + frame + 2):
            self.street.setFixedHeight(round(height + frame + 2))

    def address(self) -> PostalAddress | None:
        """The address as the row holds it; None when every part is empty."""
        street = "\n".join(
            _one_line(line) for line in self.street.toPlainText().splitlines() if line.strip()
        )
        new = PostalAddress(
            label=normalize_label(self.label.currentText()),
            po_box=_one_line(self.po_box.text()),
            extended=_one_line(self.extended.text()),
            street=street,
            locality=_one_line(self.locality.text()),
            region=_one_line(self.region.text()),
            postal_code=_one_line(self.postal_code.text()),
            country=_one_line(self.country.text()),
        )
        if not any(new.parts()):
            return None
        return edited_address(self.original, new)

    def focus_order(self) -> list[QWidget]:
        return [
            self.label, self.street, self.extended, self.po_box, self.postal_code,
            self.locality, self.region, self.country, self.remove,
        ]  # fmt: skip

    def value_edits(self) -> list[QWidget]:
        return [self.street]

    def first_field(self) -> QWidget:
        return self.street

    @Slot()
    def _on_remove(self) -> None:
        self.remove_requested.emit(self)


class _HandleRow(QWidget):
    remove_requested = Signal(QWidget)
    edited = Signal()

    def __init__(self, handle: Handle | None) -> None:
        super().__init__()
        self.original = handle
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.service = _label_box(tuple(name for name, _scheme in HANDLE_SERVICES), "Service")
        self.service.setToolTip("The chat or social service (choose one or type its name)")
        self.service.setAccessibleName("Service")
        self.service.setMaximumWidth(LABEL_WIDTH - 14)  # the handle gets the room
        self.value = QLineEdit()
        self.value.setPlaceholderText("User name or address")
        self.value.setAccessibleName("Handle")
        self.value.setClearButtonEnabled(True)
        self.label = _label_box(HANDLE_LABELS, "Label")
        self.label.setMaximumWidth(LABEL_WIDTH - 36)
        self.label.setMinimumWidth(LABEL_WIDTH - 40)
        self.label.setAccessibleName("Label")
        self.remove = _remove_button("handle")
        self.remove.clicked.connect(self._on_remove)
        layout.addWidget(self.service)
        layout.addWidget(self.value, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.remove)
        if handle is not None:
            _show_text(self.service, handle.service_name())
            self.value.setText(handle.address)
            self.value.setCursorPosition(0)
        _show_text(self.label, handle.label if handle is not None else "")
        self.service.currentTextChanged.connect(self.edited)
        self.value.textEdited.connect(self.edited)
        self.label.currentTextChanged.connect(self.edited)

    def handle(self) -> Handle | None:
        address = self.value.text().strip()
        if not address:
            return None
        label = normalize_label(self.label.currentText())
        return edited_handle(self.original, self.service.currentText(), address, label)

    def focus_order(self) -> list[QWidget]:
        return [self.service, self.value, self.label, self.remove]

    def value_edits(self) -> list[QWidget]:
        return [self.value]

    def first_field(self) -> QWidget:
        return self.value

    @Slot()
    def _on_remove(self) -> None:
        self.remove_requested.emit(self)


class _ItemListEditor(RowListEditor):
    """Address or handle rows (RowListEditor), an address apart from the next."""

    def __init__(self, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(noun, spacing=10, parent=parent)

    def rows(self) -> list[_AddressRow | _HandleRow]:
        return list(self._rows)

    def all_value_edits(self) -> list[QWidget]:
        return [w for row in self._rows for w in row.value_edits()]


class AddressListEditor(_ItemListEditor):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("address", parent)
        self.setObjectName("addresses")

    def _new_row(self, item: object) -> _AddressRow:
        return _AddressRow(item if isinstance(item, PostalAddress) else None)

    def _filled(self) -> list[tuple[_AddressRow, PostalAddress]]:
        rows = (row for row in self._rows if isinstance(row, _AddressRow))
        return [(row, address) for row in rows if (address := row.address()) is not None]

    def set_values(self, addresses: list[PostalAddress]) -> None:
        self._fill(addresses)

    def values(self) -> list[PostalAddress]:
        """The rows' addresses, in order; rows left empty are dropped."""
        return [address for _row, address in self._filled()]

    def value_edits(self) -> list[QWidget]:
        """The street of each address values() returns, in the same order."""
        return [row.street for row, _address in self._filled()]

    def adopt(self, addresses: list[PostalAddress]) -> None:
        """The stored addresses after a save that left the rows as they were: each
        filled row starts from what was stored."""
        for (row, _address), stored in zip(self._filled(), addresses, strict=False):
            row.original = stored


class HandleListEditor(_ItemListEditor):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("handle", parent)
        self.setObjectName("handles")

    def _new_row(self, item: object) -> _HandleRow:
        return _HandleRow(item if isinstance(item, Handle) else None)

    def _filled(self) -> list[tuple[_HandleRow, Handle]]:
        rows = (row for row in self._rows if isinstance(row, _HandleRow))
        return [(row, handle) for row in rows if (handle := row.handle()) is not None]

    def set_values(self, handles: list[Handle]) -> None:
        self._fill(handles)

    def values(self) -> list[Handle]:
        return [handle for _row, handle in self._filled()]

    def value_edits(self) -> list[QWidget]:
        return [row.value for row, _handle in self._filled()]

    def adopt(self, handles: list[Handle]) -> None:
        for (row, _handle), stored in zip(self._filled(), handles, strict=False):
            row.original = stored
