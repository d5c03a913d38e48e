"""The panel beside the list: one contact's editor, or actions for several at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayoutItem,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from networker.domain.contacts import (
    CADENCE_MAX_DAYS,
    EMAIL_LABELS,
    PHONE_LABELS,
    URL_LABELS,
    ContactDraft,
    ContactRecord,
    ContactValidationError,
    FieldProblem,
    LabeledValue,
    Source,
    effective_display_name,
    is_linkedin_url,
    normalize_url,
    parse_birthday,
    parse_tags,
    validate,
)
from networker.domain.merging import edited_over
from networker.formats.reports import Thumbnailer
from networker.imaging import PictureError
from networker.itemmodels.avatars import avatar_pixmap
from networker.services.contacts import KEEP, ContactNotFoundError, ContactService
from networker.storage.errors import DatabaseBusyError, ReadOnlySessionError
from networker.views import look, text
from networker.views.adaptive import WidthWatcher
from networker.views.card_details_view import CardDetailsView
from networker.views.card_item_editors import AddressListEditor, HandleListEditor
from networker.views.labeled_list_editor import LabeledListEditor
from networker.views.links import open_link
from networker.views.wheel_guard import guard_wheel

log = logging.getLogger(__name__)

CADENCE_PRESETS = (
    ("Every week", 7),
    ("Every two weeks", 14),
    ("Every month", 30),
    ("Every quarter", 91),
    ("Every half year", 182),
    ("Every year", 365),
    ("Not set", 0),
)
STRENGTH_CHOICES = [
    (None, "Not set"),
    (1, "1 · Acquaintance"),
    (2, "2 · Met a few times"),
    (3, "3 · Friendly"),
    (4, "4 · Trusted"),
    (5, "5 · Close ally"),
]
HEADER_AVATAR = 64
LEAVE_AS_IS = "Leave as is"


def _with_types(edited: list[LabeledValue], stored: list[LabeledValue]) -> list[LabeledValue]:
    """The edited values, each keeping the vCard types and parameters it was stored
    with while its label and value are unchanged (the editor shows labels only)."""
    kept = {(item.label, item.value): item for item in stored}
    return [
        dataclasses.replace(item, types=old.types, params=old.params)
        if (old := kept.get((item.label, item.value)))
        else item
        for item in edited
    ]


def _nicknames(typed: str, stored: list[str]) -> list[str]:
    """The nicknames in the field: as stored while the field shows them unchanged (a
    card's nickname may hold a comma), else split at its commas."""
    if typed.strip() == ", ".join(stored):
        return stored
    return parse_tags(typed)  # the same rule: comma-separated, blanks and repeats gone


def _section(title: str) -> QLabel:
    label = text.plain_label(title)
    look.section_title(label)
    return label


def _focusable_in(item: QLayoutItem) -> list[QWidget]:
    """The controls of one form row that Tab stops at, in the order they are shown."""
    widget = item.widget()
    if isinstance(widget, LabeledListEditor | AddressListEditor | HandleListEditor):
        return widget.focus_order()
    if widget is not None:
        inner = [
            w for w in widget.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.isWindow()
            and w.focusProxy() is None
        ]  # fmt: skip
        own = [widget] if widget.focusPolicy() & Qt.FocusPolicy.TabFocus else []
        return own + inner
    layout = item.layout()
    if layout is None:
        return []
    found: list[QWidget] = []
    for index in range(layout.count()):
        child = layout.itemAt(index)
        if child is not None:
            found += _focusable_in(child)
    return found


# Below this width the editor's labels go above their fields.
LABELS_ABOVE_BELOW = 440


def _wrap_rows(form: QFormLayout, width: int) -> None:
    policy = QFormLayout.RowWrapPolicy
    wanted = policy.WrapAllRows if width < LABELS_ABOVE_BELOW else policy.DontWrapRows
    if form.rowWrapPolicy() != wanted:
        form.setRowWrapPolicy(wanted)


class ContactPanel(QWidget):
    contact_saved = Signal(int)
    delete_requested = Signal()
    archive_requested = Signal(bool)
    tag_requested = Signal(str, bool)  # tag, True to add / False to remove
    # Set source, strength or cadence on the selected contacts (ContactService's keywords).
    relationship_requested = Signal(object)
    # The contact now shown in the editor (None: none, or a new one not yet saved).
    contact_shown = Signal(object)
    # Esc in the editor: the list should have the focus again.
    escaped = Signal()
    # A passing message for the status bar (a link opened, or not opened for safety).
    status_message = Signal(str)

    def __init__(
        self,
        *,
        contacts: ContactService,
        thumbnailer: Thumbnailer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactPanel")
        self._contacts = contacts
        self._thumbnailer = thumbnailer
        self._record: ContactRecord | None = None
        # The latest save of a stored contact: (as it was shown, as the user left the
        # form); undo takes back only the fields the user changed (views/undo.py).
        self.last_edit: tuple[ContactDraft, ContactDraft] | None = None
        self.just_created = False  # the latest save made a new contact (undo deletes it)
        self._sources: list[tuple[str, str, dt.datetime]] = []
        self._photo: bytes | None = None
        self._dirty = False
        self._saving = False
        self._filling = False
        self._stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self._empty_page = self._build_empty_page()
        self._editor_page = self._build_editor_page()
        self._bulk_page = self._build_bulk_page()
        for page in (self._empty_page, self._editor_page, self._bulk_page):
            self._stack.addWidget(page)
        save = QShortcut(QKeySequence.StandardKey.Save, self._editor_page)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        cancel = QShortcut(QKeySequence(Qt.Key.Key_Escape), self._editor_page)
        cancel.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        cancel.activated.connect(self._on_escape)
        guard_wheel(self)  # scrolling the editor never changes a field it passes over
        self.show_nothing()

    # Pages

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        message = text.plain_label(
            "Select a contact to see and edit it here.\n\nPress Ctrl+N to add someone new."
        )
        look.empty_state(message)
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        message.setWordWrap(True)
        layout.addWidget(message)
        return page

    def _build_editor_page(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)

        header = QHBoxLayout()
        header.setContentsMargins(16, 12, 16, 4)
        self.avatar = text.plain_label()
        self.avatar.setFixedSize(QSize(HEADER_AVATAR, HEADER_AVATAR))
        header.addWidget(self.avatar)
        titles = QVBoxLayout()
        self.heading = text.plain_label()
        look.heading(self.heading)
        self.heading.setWordWrap(True)
        self.subheading = text.plain_label()
        look.muted(self.subheading)
        self.subheading.setWordWrap(True)
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        titles.addStretch(1)
        header.addLayout(titles, 1)
        outer.addLayout(header)

        scroll = self._scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(16, 8, 16, 16)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A narrow panel puts every label above its field rather than cutting fields.
        WidthWatcher(scroll, functools.partial(_wrap_rows, form))
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        def line(name: str, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setPlaceholderText(placeholder)
            edit.textEdited.connect(self._on_edited)
            return edit

        self.given_name = line("givenName")
        self.middle_name = line("middleName")
        self.family_name = line("familyName")
        self.name_prefix = line("namePrefix", "Dr., Prof.")
        self.name_suffix = line("nameSuffix", "Jr., PhD")
        self.nicknames = line("nicknames", "Comma-separated")
        self.display_name = line("displayName", "Built from the names when left empty")
        self.organization = line("organization")
        self.job_title = line("jobTitle")
        form.addRow(_section("Name and work"))
        form.addRow("Gi&ven name", self.given_name)
        form.addRow("Mi&ddle name", self.middle_name)
        form.addRow("Famil&y name", self.family_name)
        # Rarely both filled: one row, so the usual names stay close together.
        affixes = QHBoxLayout()
        affixes.setContentsMargins(0, 0, 0, 0)
        affixes.addWidget(self.name_prefix)
        affixes.addWidget(self.name_suffix)
        self.name_suffix.setAccessibleName("Name suffix")
        affixes_label = QLabel("Prefi&x, suffix")
        affixes_label.setBuddy(self.name_prefix)
        form.addRow(affixes_label, affixes)
        # No letter of "Nicknames" or "Also known as" is free of the menus' and the
        # other fields' mnemonics.
        form.addRow("Nicknames", self.nicknames)
        form.addRow("Shown &as", self.display_name)
        form.addRow("&Organization", self.organization)
        form.addRow("T&itle", self.job_title)

        self.emails = LabeledListEditor(
            labels=EMAIL_LABELS, noun="email", placeholder="name@example.org", openable=True
        )
        self.phones = LabeledListEditor(
            labels=PHONE_LABELS, noun="phone", placeholder="+1 555 0100"
        )
        self.urls = LabeledListEditor(
            labels=URL_LABELS,
            noun="web address",
            placeholder="https://www.linkedin.com/in/…",
            openable=True,
        )
        for editor in (self.emails, self.phones, self.urls):
            editor.changed.connect(self._on_edited)
            editor.rows_changed.connect(self._order_tabs)
            editor.open_requested.connect(self._open_link)
        form.addRow(_section("Reach"))
        form.addRow("Email", self.emails)
        form.addRow("Phone", self.phones)
        form.addRow("Web", self.urls)
        self.addresses = AddressListEditor()
        self.handles = HandleListEditor()
        for card_editor in (self.addresses, self.handles):
            card_editor.changed.connect(self._on_edited)
            card_editor.rows_changed.connect(self._order_tabs)
        form.addRow("Address", self.addresses)
        form.addRow("Chat and social", self.handles)
        # The rest of the card (dates, related people...), shown as imported.
        self.card_details = CardDetailsView()
        form.addRow(self.card_details)

        self.source = QComboBox()
        self.source.setObjectName("source")
        for source in Source:
            self.source.addItem(source.label, source.value)
        self.source.currentIndexChanged.connect(self._on_edited)
        self.how_we_met = line("howWeMet", "Where, when, who introduced you")
        self.school = line("school")
        self.tags = line("tags", "Comma-separated, e.g. mentor, design")
        self.tags.textEdited.connect(self._show_tag_cadence)
        self._tag_completer = QCompleter([], self.tags)
        self._tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(self._tag_completer)
        form.addRow(_section("Relationship"))
        form.addRow("How we &met", self.how_we_met)
        form.addRow("&Source", self.source)
        form.addRow("Schoo&l", self.school)
        form.addRow("&Tags", self.tags)

        self.strength = QComboBox()
        self.strength.setObjectName("strength")
        for value, label in STRENGTH_CHOICES:
            self.strength.addItem(label, value)
        self.strength.currentIndexChanged.connect(self._on_edited)
        self.cadence = QSpinBox()
        self.cadence.setObjectName("cadence")
        self.cadence.setRange(0, CADENCE_MAX_DAYS)
        self.cadence.setSpecialValueText("Not set")
        self.cadence.setSuffix(" days")
        self.cadence.valueChanged.connect(self._on_edited)
        # The usual rhythms in a click; any number of days in the box.
        self.cadence_presets = QToolButton()
        self.cadence_presets.setObjectName("cadencePresets")
        self.cadence_presets.setText("▾")
        self.cadence_presets.setToolTip("Every week, month, quarter, half year or year")
        self.cadence_presets.setAccessibleName("Keep in touch presets")
        self.cadence_presets.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        presets = QMenu(self.cadence_presets)
        for label, days in CADENCE_PRESETS:
            presets.addAction(label).setData(days)
        presets.triggered.connect(lambda action: self.cadence.setValue(int(action.data())))
        self.cadence_presets.setMenu(presets)
        cadence_row = QHBoxLayout()
        cadence_row.setContentsMargins(0, 0, 0, 0)
        cadence_row.addWidget(self.cadence, 1)
        cadence_row.addWidget(self.cadence_presets)
        self.birthday = line("birthday", "YYYY-MM-DD, or MM-DD without the year")
        form.addRow("Strength", self.strength)
        form.addRow(text.plain_label("Keep in touch every"), cadence_row)
        form.addRow("&Birthday", self.birthday)

        photo_row = QHBoxLayout()
        self.choose_photo = QPushButton("Choose Photo…")
        self.choose_photo.clicked.connect(self._on_choose_photo)
        self.remove_photo = QPushButton("Remove Photo")
        self.remove_photo.clicked.connect(self._on_remove_photo)
        photo_row.addWidget(self.choose_photo)
        photo_row.addWidget(self.remove_photo)
        photo_row.addStretch(1)
        form.addRow(text.plain_label("Photo"), photo_row)

        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText("Anything worth remembering")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)
        self.notes.textChanged.connect(self._on_edited)
        form.addRow(_section("Notes"))
        form.addRow(self.notes)
        self.timestamps = text.plain_label()
        look.muted(self.timestamps)
        self.timestamps.setWordWrap(True)  # a narrow panel wraps it rather than widening
        form.addRow(self.timestamps)
        self._form = form

        self.problems = text.plain_label()
        look.validation_message(self.problems)
        self.problems.setWordWrap(True)
        self.problems.hide()
        outer.addWidget(self.problems)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(16, 4, 16, 12)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.clicked.connect(self.delete_requested)
        self.archive_button = QPushButton("Archive")
        self.archive_button.clicked.connect(self._on_archive_clicked)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Undo the changes not yet saved (Esc)")
        self.cancel_button.clicked.connect(self.revert)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip("Save the changes (Ctrl+S)")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.archive_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        return page

    def _build_bulk_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 16, 16, 16)
        self.bulk_heading = text.plain_label()
        look.heading(self.bulk_heading)
        layout.addWidget(self.bulk_heading)
        layout.addWidget(text.plain_label("Changes apply to every selected contact at once."))
        tag_row = QHBoxLayout()
        self.bulk_tag = QLineEdit()
        self.bulk_tag.setObjectName("bulkTag")
        self.bulk_tag.setPlaceholderText("Tag")
        self._bulk_completer = QCompleter([], self.bulk_tag)
        self._bulk_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.bulk_tag.setCompleter(self._bulk_completer)
        self.bulk_add_tag = QPushButton("Add Tag")
        self.bulk_add_tag.clicked.connect(self._on_bulk_add_tag)
        self.bulk_tag.returnPressed.connect(self._on_bulk_add_tag)
        self.bulk_remove_tag = QPushButton("Remove Tag")
        self.bulk_remove_tag.clicked.connect(self._on_bulk_remove_tag)
        tag_row.addWidget(self.bulk_tag, 1)
        tag_row.addWidget(self.bulk_add_tag)
        tag_row.addWidget(self.bulk_remove_tag)
        layout.addLayout(tag_row)
        layout.addWidget(self._build_bulk_relationship())
        row = QHBoxLayout()
        self.bulk_archive = QPushButton("Archive")
        self.bulk_archive.clicked.connect(self._on_bulk_archive)
        self.bulk_unarchive = QPushButton("Unarchive")
        self.bulk_unarchive.clicked.connect(self._on_bulk_unarchive)
        self.bulk_delete = QPushButton("Delete…")
        self.bulk_delete.clicked.connect(self.delete_requested)
        row.addWidget(self.bulk_archive)
        row.addWidget(self.bulk_unarchive)
        row.addStretch(1)
        row.addWidget(self.bulk_delete)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _build_bulk_relationship(self) -> QWidget:
        """Source, strength and keep-in-touch for every selected contact: each "Leave
        as is" unless chosen, applied together (one step for Undo)."""
        box = QGroupBox("Relationship")
        form = QFormLayout(box)
        self.bulk_source = QComboBox()
        self.bulk_source.setObjectName("bulkSource")
        self.bulk_source.addItem(LEAVE_AS_IS, KEEP)
        for source in Source:
            self.bulk_source.addItem(source.label, source.value)
        self.bulk_strength = QComboBox()
        self.bulk_strength.setObjectName("bulkStrength")
        self.bulk_strength.addItem(LEAVE_AS_IS, KEEP)
        for value, label in STRENGTH_CHOICES:
            self.bulk_strength.addItem(label, value)
        self.bulk_cadence = QComboBox()
        self.bulk_cadence.setObjectName("bulkCadence")
        self.bulk_cadence.addItem(LEAVE_AS_IS, KEEP)
        for label, days in CADENCE_PRESETS:
            self.bulk_cadence.addItem(label, days or None)
        self.bulk_apply = QPushButton("A&pply to Selected")
        self.bulk_apply.setObjectName("bulkApply")
        self.bulk_apply.setEnabled(False)
        self.bulk_apply.clicked.connect(self._on_bulk_apply)
        for combo in (self.bulk_source, self.bulk_strength, self.bulk_cadence):
            combo.currentIndexChanged.connect(self._on_bulk_choice)
        form.addRow("So&urce", self.bulk_source)
        form.addRow("Stre&ngth", self.bulk_strength)
        form.addRow("&Keep in touch", self.bulk_cadence)
        form.addRow("", self.bulk_apply)
        return box

    def bulk_changes(self) -> dict[str, object]:
        """What the relationship box would change (ContactService.set_relationship's
        keywords)."""
        source = self.bulk_source.currentData()
        chosen = {
            "source": source if source is KEEP else Source(source),
            "strength": self.bulk_strength.currentData(),
            "cadence_days": self.bulk_cadence.currentData(),
        }
        return {name: value for name, value in chosen.items() if value is not KEEP}

    @Slot()
    def _on_bulk_choice(self) -> None:
        self.bulk_apply.setEnabled(bool(self.bulk_changes()))

    @Slot()
    def _on_bulk_apply(self) -> None:
        if changes := self.bulk_changes():
            self.relationship_requested.emit(changes)
            for combo in (self.bulk_source, self.bulk_strength, self.bulk_cadence):
                combo.setCurrentIndex(0)

    # What the panel shows

    @property
    def contact_id(self) -> int | None:
        return self._record.id if self._record else None

    def shown_draft(self) -> ContactDraft | None:
        """The contact as it was when shown (not what the fields hold now)."""
        return self._record.draft if self._record else None

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def is_saving(self) -> bool:
        """A save is under way (its row may move, or leave a filtered list)."""
        return self._saving

    @property
    def is_editing(self) -> bool:
        return self._stack.currentWidget() is self._editor_page

    @Slot(str)
    def _open_link(self, value: str) -> None:
        self.status_message.emit(open_link(value))

    def _order_tabs(self) -> None:
        """Tab goes through the editor as it is shown, row by row: rows made when a
        contact is shown come last in Qt's chain (after Delete… and Archive), and a
        widget put into the form after it was made goes to the chain's end."""
        shown: list[QWidget] = []
        form = self._form
        for row in range(form.rowCount()):
            for role in (QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole):
                item = form.itemAt(row, role)
                if item is not None:
                    shown += _focusable_in(item)
        shown += [self.delete_button, self.archive_button, self.cancel_button, self.save_button]
        window = self.window()
        shown = [w for w in dict.fromkeys(shown) if w.window() is window]  # no popups
        for before, after in itertools.pairwise(shown):
            QWidget.setTabOrder(before, after)

    def add_section(self, title: str, widget: QWidget) -> None:
        """A section of another feature under the contact's fields (the timeline)."""
        self._form.addRow(_section(title))
        self._form.addRow(widget)

    def show_nothing(self) -> None:
        self._record = None
        self._dirty = False
        self._stack.setCurrentWidget(self._empty_page)
        self.contact_shown.emit(None)

    def show_contact(self, contact_id: int, *, unless_showing: ContactDraft | None = None) -> None:
        """Show the contact as stored. ``unless_showing``: what the form holds (just
        saved); when the stored contact equals it, the fields are left as they are
        (refilling them is most of a save's time on the GUI thread)."""
        try:
            record = self._contacts.get(contact_id)
        except ContactNotFoundError:
            self.show_nothing()
            return
        self._record = record
        self._sources = self._contacts.sources(contact_id)
        if unless_showing is not None and record.draft == dataclasses.replace(
            unless_showing, display_name=effective_display_name(unless_showing)
        ):  # (an empty "Shown as" is stored as the name built from the others)
            self._show_problems([])
            self._refresh_tag_completion()
            self._refresh_header()
            # The rows now start from what was stored (kept vCard parameters included).
            self.addresses.adopt(record.draft.addresses)
            self.handles.adopt(record.draft.handles)
        else:
            self._fill(record.draft)
        if unless_showing is None:
            self._scroll.verticalScrollBar().setValue(0)  # a contact opens at its name
        self._order_tabs()
        self._stack.setCurrentWidget(self._editor_page)
        self.contact_shown.emit(contact_id)

    def new_contact(self) -> None:
        self._record = None
        self._fill(ContactDraft())
        self._scroll.verticalScrollBar().setValue(0)
        self._order_tabs()
        self._stack.setCurrentWidget(self._editor_page)
        self.given_name.setFocus()
        self.contact_shown.emit(None)

    def show_selection(self, count: int) -> None:
        self._record = None
        self._dirty = False
        self.bulk_heading.setText(f"{count} contacts selected")
        self._bulk_completer.model().setStringList(self._contacts.tag_names())  # type: ignore[attr-defined]
        self._stack.setCurrentWidget(self._bulk_page)
        self.contact_shown.emit(None)

    def focus_editor(self) -> None:
        if self.is_editing:
            self.given_name.setFocus()
            self.given_name.selectAll()

    def _fill(self, draft: ContactDraft) -> None:
        self._filling = True
        try:
            self.given_name.setText(draft.given_name)
            self.middle_name.setText(draft.middle_name)
            self.family_name.setText(draft.family_name)
            self.name_prefix.setText(draft.name_prefix)
            self.name_suffix.setText(draft.name_suffix)
            self.nicknames.setText(", ".join(draft.nicknames))
            built = effective_display_name(ContactDraft(**{**draft.__dict__, "display_name": ""}))
            self.display_name.setText("" if draft.display_name == built else draft.display_name)
            self.organization.setText(draft.organization)
            self.job_title.setText(draft.title)
            self.emails.set_values(draft.emails)
            self.phones.set_values(draft.phones)
            self.urls.set_values(draft.urls)
            self.addresses.set_values(draft.addresses)
            self.handles.set_values(draft.handles)
            self.card_details.show_draft(draft)
            self.source.setCurrentIndex(self.source.findData(draft.source.value))
            self.how_we_met.setText(draft.how_we_met)
            self.school.setText(draft.school)
            self.tags.setText(", ".join(draft.tags))
            self.strength.setCurrentIndex(self.strength.findData(draft.strength))
            self.cadence.setValue(draft.cadence_days or 0)
            self._show_tag_cadence()
            self.birthday.setText(draft.birthday.iso().removeprefix("--") if draft.birthday else "")
            self.notes.setPlainText(draft.notes)
            self._photo = draft.photo
            self._refresh_tag_completion()
            # setText() leaves the cursor at the end, so a long value showed only its tail
            # ("anel on health data at Web Summit"): show each field from its beginning.
            for edit in self._editor_page.findChildren(QLineEdit):
                edit.setCursorPosition(0)
        finally:
            self._filling = False
        self._dirty = False
        self._show_problems([])
        self._refresh_header()

    def _refresh_tag_completion(self) -> None:
        self._tag_completer.model().setStringList(self._contacts.tag_names())  # type: ignore[attr-defined]

    def _refresh_header(self) -> None:
        draft = self._read_draft_leniently()
        name = effective_display_name(draft) if self._record or self._dirty else "New contact"
        self.heading.setText(name)
        self.subheading.setText(" · ".join(p for p in (draft.title, draft.organization) if p))
        ratio = self.devicePixelRatioF()
        self.avatar.setPixmap(avatar_pixmap(name, self._photo, HEADER_AVATAR, ratio))
        self.remove_photo.setEnabled(self._photo is not None)
        record = self._record
        archived = bool(record and record.archived)
        self.archive_button.setText("Unarchive" if archived else "Archive")
        self.archive_button.setEnabled(record is not None)
        self.delete_button.setEnabled(record is not None)
        self.save_button.setEnabled(self._dirty or record is None)
        self.cancel_button.setEnabled(self._dirty or record is None)
        if record:
            # Stored in UTC; shown in this computer's zone.
            added, updated = record.created_at.astimezone(), record.updated_at.astimezone()
            stamp = f"Added {added:%d %b %Y} · updated {updated:%d %b %Y %H:%M}"
            origin = "".join(
                f"\nFrom {name} ({kind}), {when.astimezone():%d %b %Y}"
                for name, kind, when in self._sources[-3:]
            )
            self.timestamps.setText(stamp + (" · archived" if archived else "") + origin)
        else:
            self.timestamps.setText("")

    # Editing

    @Slot()
    def _on_edited(self) -> None:
        if self._filling:
            return
        self._dirty = True
        _draft, problems = self._read_draft()
        self._show_problems(problems)
        self._refresh_header()

    def _read_draft_leniently(self) -> ContactDraft:
        return self._read_draft()[0]

    def _read_draft(self) -> tuple[ContactDraft, list[FieldProblem]]:
        problems: list[FieldProblem] = []
        birthday = None
        if self.birthday.text().strip():
            try:
                birthday = parse_birthday(self.birthday.text())
            except ValueError as exc:
                problems.append(FieldProblem("birthday", str(exc)))
        urls = [
            LabeledValue(
                "LinkedIn" if is_linkedin_url(normalize_url(u.value)) else u.label,
                normalize_url(u.value),
            )
            for u in self.urls.values()
        ]
        # What the editor does not show (dates, related people, kept vCard lines...) stays
        # as it was: the edited fields replace theirs in the stored draft.
        base = self._record.draft if self._record else ContactDraft()
        draft = dataclasses.replace(
            base,
            given_name=self.given_name.text().strip(),
            middle_name=self.middle_name.text().strip(),
            family_name=self.family_name.text().strip(),
            name_prefix=self.name_prefix.text().strip(),
            name_suffix=self.name_suffix.text().strip(),
            nicknames=_nicknames(self.nicknames.text(), base.nicknames),
            display_name=self.display_name.text().strip(),
            organization=self.organization.text().strip(),
            title=self.job_title.text().strip(),
            emails=_with_types(self.emails.values(), base.emails),
            phones=_with_types(self.phones.values(), base.phones),
            urls=_with_types(urls, base.urls),
            addresses=self.addresses.values(),
            handles=self.handles.values(),
            birthday=birthday,
            photo=self._photo,
            notes=self.notes.toPlainText(),
            how_we_met=self.how_we_met.text().strip(),
            source=Source(self.source.currentData()),
            school=self.school.text().strip(),
            tags=parse_tags(self.tags.text()),
            strength=self.strength.currentData(),
            cadence_days=self.cadence.value() or None,
        )
        today = self._contacts.today()
        return draft, problems + validate(draft, today=today)

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        marked = {self._widget_for(p.field) for p in problems}
        for widget in self._checked_widgets():
            look.mark_invalid(widget, widget in marked)
        self.problems.setText("\n".join(p.message for p in problems))
        self.problems.setVisible(bool(problems))

    def _checked_widgets(self) -> list[QWidget]:
        return [
            self.given_name, self.middle_name, self.family_name, self.name_prefix,
            self.name_suffix, self.nicknames, self.display_name, self.organization,
            self.job_title, self.birthday, self.school, self.tags, self.cadence, self.notes,
            *self.emails.all_value_edits(), *self.phones.all_value_edits(),
            *self.urls.all_value_edits(), *self.addresses.all_value_edits(),
            *self.handles.all_value_edits(),
        ]  # fmt: skip

    def _widget_for(self, field: str) -> QWidget | None:
        name, _, position = field.partition(".")
        editors: dict[str, LabeledListEditor | AddressListEditor | HandleListEditor] = {
            "emails": self.emails, "phones": self.phones, "urls": self.urls,
            "addresses": self.addresses, "handles": self.handles,
        }  # fmt: skip
        if name in editors:
            edits = editors[name].value_edits()
            return edits[int(position)] if int(position) < len(edits) else None
        widgets: dict[str, QWidget] = {
            "given_name": self.given_name, "family_name": self.family_name,
            "middle_name": self.middle_name, "name_prefix": self.name_prefix,
            "name_suffix": self.name_suffix, "nicknames": self.nicknames,
            "display_name": self.display_name, "organization": self.organization,
            "title": self.job_title, "birthday": self.birthday, "school": self.school,
            "tags": self.tags, "cadence_days": self.cadence, "notes": self.notes,
        }  # fmt: skip
        return widgets.get(name)

    @Slot()
    def save(self) -> bool:
        """Save the editor; False (with the problems shown) when it cannot be saved."""
        return self._save(announce=True)

    def _save(self, *, announce: bool) -> bool:
        if not self.is_editing:
            return True
        draft, problems = self._read_draft()
        if problems:
            self._show_problems(problems)
            widget = self._widget_for(problems[0].field)
            if widget is not None:
                widget.setFocus()
            return False
        self._saving = True  # the list may move or drop the row while this saves
        try:
            self.last_edit, self.just_created = None, self._record is None
            if self._record is None:
                contact_id = self._contacts.create(draft)
            else:
                contact_id = self._record.id
                # Changed since it was shown (an import in a terminal, say): only what
                # the user edited is saved over what the file holds now.
                now = self._contacts.get(contact_id).draft
                saved = draft
                self.last_edit = (self._record.draft, draft)
                if now != self._record.draft:
                    saved = edited_over(self._record.draft, draft, now)
                    log.info("a contact changed while it was edited: the edits saved over it")
                self._contacts.update(contact_id, saved)
        except ContactValidationError as exc:
            self._show_problems(exc.problems)
            return False
        except ContactNotFoundError as exc:
            text.warn(self, "Contact not saved", str(exc))
            self.show_nothing()
            return False
        except (DatabaseBusyError, ReadOnlySessionError) as exc:  # the edits stay in the panel
            text.warn(self, "Contact not saved", str(exc))
            return False
        finally:
            self._saving = False
        self._dirty = False
        self._forget_typing()
        if announce:
            self.show_contact(contact_id, unless_showing=draft)
            self.contact_saved.emit(contact_id)
        return True

    def _forget_typing(self) -> None:
        """Once saved, the typing is history: a field's own Ctrl+Z would take back what
        was just saved and leave the form unsaved (QA), where the user meant Edit > Undo
        (views/field_keys.py hands Ctrl+Z to it when a field has nothing to undo)."""
        for edit in self._editor_page.findChildren(QLineEdit):
            if edit.isUndoAvailable() or edit.isRedoAvailable():
                position, blocked = edit.cursorPosition(), edit.blockSignals(True)
                edit.setText(edit.text())  # (clears its undo history, nothing else)
                edit.blockSignals(blocked)
                edit.setCursorPosition(position)
        for notes in self._editor_page.findChildren(QPlainTextEdit):
            notes.document().clearUndoRedoStacks()

    @Slot()
    def revert(self) -> None:
        """Cancel: forget unsaved changes; the editor keeps the focus (the Cancel button,
        disabled now, would hand it to whatever comes next in Tab's order)."""
        if self._record is not None:
            self.show_contact(self._record.id)
            self.given_name.setFocus()
        else:
            self.show_nothing()

    @Slot()
    def _on_escape(self) -> None:
        """Esc: back to the list; unsaved changes are saved or discarded as the user
        says first (a new contact's typing is never thrown away unasked)."""
        had_changes = self._dirty and self.is_editing
        if not self.maybe_keep_changes():
            return
        if self._record is None:
            self.show_nothing()
        elif had_changes:
            self.show_contact(self._record.id)  # as stored, the discarded edits gone
        self.escaped.emit()

    def maybe_keep_changes(self) -> bool:
        """Before the panel shows something else: True when it may (saved or discarded)."""
        if not self._dirty or not self.is_editing:
            return True
        choice = text.ask_save_changes(self, self.heading.text())
        if choice == "save":
            # Quietly: the panel is about to show what the user moved to.
            return self._save(announce=False)
        if choice == "discard":
            self._dirty = False
            return True
        return False

    @Slot()
    def _on_archive_clicked(self) -> None:
        if self._record is not None:
            self.archive_requested.emit(not self._record.archived)

    @Slot()
    def _on_bulk_archive(self) -> None:
        self.archive_requested.emit(True)

    @Slot()
    def _on_bulk_unarchive(self) -> None:
        self.archive_requested.emit(False)

    @Slot()
    def _on_bulk_add_tag(self) -> None:
        self._request_bulk_tag(add=True)

    @Slot()
    def _on_bulk_remove_tag(self) -> None:
        self._request_bulk_tag(add=False)

    def _request_bulk_tag(self, *, add: bool) -> None:
        tag = self.bulk_tag.text()
        if tag.strip():
            self.bulk_tag.clear()  # done with it: the status bar says what became of it
            self.tag_requested.emit(tag, add)

    @Slot()
    def _show_tag_cadence(self) -> None:
        """An empty keep-in-touch field says what the tags give instead ("From tag
        “mentor”: every 30 days"), so that "Not set" never hides a reminder."""
        given = self._contacts.tag_cadence(parse_tags(self.tags.text()))
        if given is None:
            self.cadence.setSpecialValueText("Not set")
        else:
            tag, days = given
            self.cadence.setSpecialValueText(f"From tag “{tag}”: every {days} days")

    # Photo

    @Slot()
    def _on_choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a Photo", str(Path.home()), "Pictures (*.jpg *.jpeg *.png *.gif)"
        )
        if path:
            self.set_photo_from_file(Path(path))

    def set_photo_from_file(self, path: Path) -> bool:
        try:
            with path.open("rb") as file:
                data = file.read(20 * 1024 * 1024 + 1)
            self._photo = self._thumbnailer(data)
        except (OSError, PictureError) as exc:
            text.warn(
                self,
                "Photo not used",
                str(exc)
                if isinstance(exc, PictureError)
                else f"{path.name} cannot be read: {exc.strerror or exc}.",
            )
            return False
        self._on_edited()
        return True

    @Slot()
    def _on_remove_photo(self) -> None:
        self._photo = None
        self._on_edited()
