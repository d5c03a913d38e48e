"""The Contacts page: search, the list, and the panel beside it."""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from networker.clock import Clock
from networker.domain.changes import Changes
from networker.domain.contacts import ContactDraft
from networker.domain.listing import ALL, OVERDUE, ListFilter, SortField
from networker.domain.merging import edited_over
from networker.domain.search_query import parse as parse_query
from networker.formats.reports import Thumbnailer
from networker.itemmodels.contact_table import (
    AVATAR_SIZE,
    INCREMENTAL_LIMIT,
    LAST_INTERACTION,
    LOAD_AT_ONCE_LIMIT,
    NAME,
    ORGANIZATION,
    SORTABLE,
    TAGS,
    TITLE,
    ContactTableModel,
)
from networker.services.contacts import ContactService
from networker.services.events import EventService
from networker.services.interactions import InteractionService
from networker.services.milestones import MilestoneService
from networker.tasks import TaskRunner
from networker.views import look, text
from networker.views.adaptive import WidthWatcher, WrappingBar
from networker.views.contact_events_section import ContactEventsSection
from networker.views.contact_panel import ContactPanel
from networker.views.contact_views_sidebar import SavedSearch, ViewsSidebar
from networker.views.pages import OVERDUE_CONTACTS, Page
from networker.views.spare_width import SpareWidth
from networker.views.timeline_section import TimelineSection
from networker.views.undo import ContactHistory

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QDialog

    from networker.domain.interactions import InteractionRecord

    # Built on first use: the window paints sooner.
    from networker.services.duplicates import DuplicatePair, DuplicateService
    from networker.views.undo import InteractionHistory

    # Contacts > Add to Goal…: (parent, the contacts, a status message): picks, links.
    AddToGoal = Callable[[QWidget, list[int], Callable[[str], None]], None]

# Below this page width the panel goes under the list (the window at 640 px).
NARROW_WIDTH = 760
LIST_MIN_WIDTH = 260
PANEL_MIN_WIDTH = 300
ARCHIVED_HINT_DELAY_MS = 250

SORT_CHOICES = [
    ("Name", SortField.NAME, False),
    ("Family name", SortField.FAMILY_NAME, False),
    ("Organization", SortField.ORGANIZATION, False),
    ("Last updated", SortField.UPDATED, True),
    ("Last interaction", SortField.LAST_INTERACTION, True),
    ("Next due", SortField.NEXT_DUE, False),
    ("Strength", SortField.STRENGTH, True),
    ("Date added", SortField.ADDED, True),
]
SORT_COLUMNS = {field: column for column, field in SORTABLE.items()}

_NAVIGATION_KEYS = {
    Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home,
    Qt.Key.Key_End, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Tab, Qt.Key.Key_Backtab,
    Qt.Key.Key_Space,
}  # fmt: skip


class SearchField(QLineEdit):
    """The search line: Down or Enter moves into the results."""

    to_results = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.to_results.emit()
        else:
            super().keyPressEvent(event)


class ContactTableView(QTableView):
    """The list itself: Enter opens, Delete asks, typing a letter starts a search."""

    open_requested = Signal()
    delete_requested = Signal()
    typed = Signal(str)
    viewport_resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.viewport_resized.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.viewport_resized.emit()  # (a page resized while hidden is measured now)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers:
            self.open_requested.emit()
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End) and not modifiers and self.model():
            # The first or last contact (a table's own Home/End go along the row).
            row = 0 if key == Qt.Key.Key_Home else self.model().rowCount() - 1
            if row >= 0:
                self.selectRow(row)
                self.scrollTo(self.model().index(row, 0))
        elif event.matches(QKeySequence.StandardKey.Delete) or key == Qt.Key.Key_Backspace:
            self.delete_requested.emit()
        elif (
            event.text().isprintable()
            and event.text().strip()
            and key not in _NAVIGATION_KEYS
            and not modifiers & ~Qt.KeyboardModifier.ShiftModifier
        ):
            self.typed.emit(event.text())
        else:
            super().keyPressEvent(event)


StandardKey = QKeySequence.StandardKey


class ContactsView(Page):
    def __init__(
        self,
        *,
        contacts: ContactService,
        model: ContactTableModel,
        thumbnailer: Thumbnailer,
        duplicates: Callable[[], DuplicateService],
        tasks: TaskRunner,
        interactions: InteractionService,
        history: InteractionHistory,
        milestones: MilestoneService,
        clock: Clock,
        log_with: Callable[[list[int]], None],
        edit_with: Callable[[InteractionRecord], None],
        events: EventService | None = None,
        add_to_goal: AddToGoal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactsView")
        self._contacts = contacts
        self._duplicates = duplicates
        self._tasks = tasks
        self._finding_duplicates = False
        self.duplicates_dialog: QDialog | None = None
        self.model = model
        self._restoring = False
        self._syncing_sort = False
        self._selected_before: list[int] = []

        self.search = SearchField()
        self.search.setObjectName("contactSearch")
        self.search.setPlaceholderText("Search names, organizations, emails and tags  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            "Words are found anywhere: name, organization, e-mails, phones, tags, title, "
            "school, how you met, notes.\nOne field only: org:acme  tag:mentor  "
            'source:alumni  strength:4+  name:"van der"'
        )
        self.search.textChanged.connect(self.model.set_query)
        self.search.to_results.connect(self._move_to_results)
        self.sort_choice = QComboBox()
        self.sort_choice.setObjectName("contactSort")
        self.sort_choice.setToolTip("Sort the list")
        for label, _field, _descending in SORT_CHOICES:
            self.sort_choice.addItem(f"Sort by {label.lower()}")
        self.sort_choice.currentIndexChanged.connect(self._on_sort_chosen)
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.setObjectName("showArchived")
        self.show_archived.toggled.connect(self.model.set_include_archived)
        self.new_button = QPushButton("New Contact")
        self.new_button.setToolTip("Add a contact (Ctrl+N)")
        self.new_button.clicked.connect(self.new_contact)
        self.search.setMinimumWidth(120)
        self.views = ViewsSidebar()  # its drop-down form sits in the bar when narrow
        self.views.choice.setVisible(False)
        bar = QGridLayout()
        bar.setContentsMargins(8, 8, 8, 4)
        self.bar = WrappingBar(
            bar, self.search, [self.views.choice, self.sort_choice, self.show_archived],
            self.new_button,
        )  # fmt: skip

        self.table = ContactTableView()
        self.table.setObjectName("contactsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        # One Tab stop: arrows move in the list, Tab goes on to the next control.
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setIconSize(QSize(AVATAR_SIZE, AVATAR_SIZE))
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never asks 100,000 rows for a size hint.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(AVATAR_SIZE + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setHighlightSections(False)
        widths = ((NAME, 180), (ORGANIZATION, 150), (TITLE, 130), (TAGS, 80),
                  (LAST_INTERACTION, 110))  # fmt: skip
        for column, width in widths:
            self.table.setColumnWidth(column, width)
        # The width "Next due" would take beyond its dates goes to the columns cut short.
        self.spare_width = SpareWidth(self.table, (TAGS, NAME, ORGANIZATION, TITLE))
        self.table.viewport_resized.connect(self.spare_width.share)
        header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_header_sorted)
        self.table.open_requested.connect(self.open_current)
        self.table.delete_requested.connect(self.delete_selected)
        self.table.typed.connect(self._on_typed)
        self.table.doubleClicked.connect(self.open_current)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self._log_with = log_with
        self._add_to_goal = add_to_goal
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.empty_state = text.plain_label("", self.table.viewport())
        look.empty_state(self.empty_state)
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)
        self.table.viewport_resized.connect(self._fit_empty_state)
        # "3 archived contacts match": counted once typing pauses, not per keystroke.
        self._archived_hint = QTimer(self)
        self._archived_hint.setSingleShot(True)
        self._archived_hint.setInterval(ARCHIVED_HINT_DELAY_MS)
        self._archived_hint.timeout.connect(self._add_archived_hint)

        self.panel = ContactPanel(contacts=contacts, thumbnailer=thumbnailer)
        self.panel.contact_saved.connect(self._on_contact_saved)
        self.panel.delete_requested.connect(self.delete_selected)
        self.panel.archive_requested.connect(self.set_archived_selected)
        self.panel.tag_requested.connect(self._on_tag_requested)
        self.panel.relationship_requested.connect(self._on_relationship_requested)
        self.panel.escaped.connect(self.table.setFocus)
        self.panel.status_message.connect(self.status_message)
        # Edits, archiving and tags can be undone (Edit > Undo): the contact as it was
        # when shown (or last saved) is what Undo puts back.
        self._contact_history = ContactHistory(stack=history.stack, contacts=contacts)
        # The contact as the panel showed it, before and after its latest showing: a
        # save shows the saved contact, then says so; what was shown before is undone to.
        self._shown: tuple[ContactDraft | None, ContactDraft | None] = (None, None)
        self.panel.contact_shown.connect(self._remember_shown)
        self.timeline = TimelineSection(
            interactions=interactions,
            history=history,
            milestones=milestones,
            clock=clock,
            log_with=log_with,
            edit_with=edit_with,
        )
        self.timeline.status_message.connect(self.status_message)
        self.panel.add_section("Timeline", self.timeline)
        self.panel.contact_shown.connect(self.timeline.show_contact)
        # The events the contact attends (the Calendar page opens one).
        self.events_section: ContactEventsSection | None = None
        if events is not None:
            self.events_section = ContactEventsSection(events=events, clock=clock)
            self.events_section.open_event.connect(self._open_event)
            self.panel.add_section("Events", self.events_section)
            self.panel.contact_shown.connect(self.events_section.show_contact)

        # The sidebar: which contacts the list shows.
        self.saved_searches: list[SavedSearch] = []
        self.views.chosen.connect(self._on_view_chosen)
        self.views.forget_requested.connect(self._forget_search)

        left = self._list_side = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table, 1)
        # Minimum widths of their own (adaptive.py says why): the list and the panel
        # side by side, or one above the other on a narrow window.
        left.setMinimumWidth(LIST_MIN_WIDTH)
        self.panel.setMinimumWidth(PANEL_MIN_WIDTH)
        self.list_and_panel = QSplitter()
        self.list_and_panel.setObjectName("contactsListAndPanel")
        self.list_and_panel.addWidget(left)
        self.list_and_panel.addWidget(self.panel)
        self.list_and_panel.setStretchFactor(0, 3)
        self.list_and_panel.setStretchFactor(1, 2)
        self.list_and_panel.setChildrenCollapsible(False)
        self.list_and_panel.setSizes([660, 460])
        self.splitter = QSplitter()
        self.splitter.setObjectName("contactsSplitter")
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(self.list_and_panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([170, 1070])  # the views' names whole at first
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.narrow: bool | None = None
        WidthWatcher(self, self._fit_width)
        # The sort the user had before the Overdue view sorted by next due.
        self._sort_before_overdue: SortField | None = None
        WidthWatcher(left, self.bar.fit)

        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.modelReset.connect(self.spare_width.share_once_filled)
        self.model.contacts_updated.connect(self._refresh_panel)
        self.model.rows_changed.connect(self._update_empty_state)
        self.model.loading_changed.connect(self._update_empty_state)
        self.model.rows_changed.connect(self.status_changed)
        self.model.rows_changed.connect(self._refresh_views)
        self._refresh_views()
        self.model.loading_changed.connect(self.status_changed)
        self._update_empty_state()

    # Narrow windows

    def _fit_width(self, width: int) -> None:
        """Below NARROW_WIDTH the panel goes under the list and the sidebar's views
        become a drop-down list in the bar above it."""
        narrow = width < NARROW_WIDTH
        if narrow == self.narrow:
            return
        first, self.narrow = self.narrow is None, narrow
        self.views.setVisible(not narrow)
        self.views.choice.setVisible(narrow)
        self.bar.two_rows = None  # the bar's width changed with it: arranged anew
        self.bar.fit(self._list_side.width())
        vertical = Qt.Orientation.Vertical
        self.list_and_panel.setOrientation(vertical if narrow else Qt.Orientation.Horizontal)
        if narrow:
            # Halves: with a large font the list kept three rows under 2/5 (QA).
            height = max(self.height(), 400)
            self.list_and_panel.setSizes([height // 2, height - height // 2])
        elif not first:  # back from narrow (at the start, the layout kept is used)
            shared = width - (self.views.width() if self.views.isVisible() else 0)
            panel = min(max(shared * 9 // 20, PANEL_MIN_WIDTH + 140), 560)
            self.list_and_panel.setSizes([shared - panel, panel])

    # The page's part in the window

    def status_text(self) -> str:
        model = self.model
        if model.is_loading:
            return f"More than {LOAD_AT_ONCE_LIMIT:,} contacts (loading…)"
        shown, total = model.visible_count(), model.total_count()
        noun = "contact" if total == 1 else "contacts"
        return f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} {noun}"

    def may_leave(self) -> bool:
        return self.panel.maybe_keep_changes()

    @Slot(int)
    def _open_event(self, event_id: int) -> None:
        self.open_requested.emit("calendarView", event_id)

    def apply_changes(self, changes: Changes) -> None:
        if changes.events and self.events_section is not None:
            self.events_section.refresh()
        # The list follows the hub itself; the timeline shows interactions and their news.
        shown = self.timeline.contact_id
        if not (changes.interactions or changes.milestones) or shown is None:
            return
        # A few changed contacts, the shown one among them: the list's update shows it
        # afresh (_refresh_panel), timeline included; a second refresh would cost as much.
        panel_refreshes = (
            not changes.all_contacts
            and shown in changes.contact_ids
            and len(changes.contact_ids) <= INCREMENTAL_LIMIT
            and not self.panel.is_dirty
        )
        if not panel_refreshes:
            self.timeline.refresh()

    def selected_contacts(self) -> list[int]:
        return self._target_ids()

    def listed_contacts(self) -> list[int] | None:
        narrowed = self.model.query.strip() or self.model.visible_count() < self.model.total_count()
        return self.model.ids() if narrowed else None

    def open_item(self, item: object) -> None:
        """Show a contact (a reminder's, from Today): found even when archived or
        filtered out of the list; or the Overdue view."""
        if item == OVERDUE_CONTACTS:
            self.search.clear()
            self.set_overdue_only(True)
            self.table.setFocus()
            return
        if not isinstance(item, int):
            return
        if not self.panel.maybe_keep_changes():
            return
        if self.model.row_of(item) is None:
            self.search.clear()
            self.set_overdue_only(False)
            if self.model.row_of(item) is None:
                self.show_archived.setChecked(True)
        if not self.select_contact(item):
            self.panel.show_contact(item)
        self.table.setFocus()

    # State kept between runs (window layout, not data)

    def save_state(self) -> dict[str, QByteArray]:
        searches = [{"name": s.name, "query": s.query} for s in self.saved_searches]
        sort = f"{self.model.sort_field.value}:{int(self.model.descending)}"
        return {
            "sort": QByteArray(sort.encode()),
            "sidebar_splitter": self.splitter.saveState(),
            "panel_splitter": self.list_and_panel.saveState(),
            "header": self.spare_width.own_state(),
            "saved_searches": QByteArray(json.dumps(searches).encode()),
        }

    def restore_state(self, state: dict[str, QByteArray]) -> None:
        # (An older build's "splitter" held three panes: its layout is not carried over.)
        if splitter := state.get("sidebar_splitter"):
            self.splitter.restoreState(splitter)
        if (splitter := state.get("panel_splitter")) and not self.narrow:
            self.list_and_panel.restoreState(splitter)
            self.list_and_panel.setOrientation(Qt.Orientation.Horizontal)
        if header := state.get("header"):
            self.table.horizontalHeader().restoreState(header)
        if sort := state.get("sort"):
            self._restore_sort(bytes(sort.data()).decode(errors="replace"))
        if searches := state.get("saved_searches"):
            try:
                kept = json.loads(bytes(searches.data()).decode())
                self.saved_searches = [SavedSearch(str(s["name"]), str(s["query"])) for s in kept]
            except (ValueError, KeyError, TypeError):
                self.saved_searches = []  # a damaged setting loses the list, nothing else
            self._refresh_views()

    # Selection

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.contact_id(row) for row in rows]

    def select_contact(self, contact_id: int) -> bool:
        row = self.model.row_of(contact_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, NAME))
        return True

    @Slot()
    def _remember_selection(self) -> None:
        self._selected_before = self.selected_ids()

    @Slot()
    def _restore_selection(self) -> None:
        wanted = set(self._selected_before)
        if wanted:
            self._select_ids(wanted)
        self._refresh_panel()

    def _select_ids(self, wanted: set[int]) -> None:
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        run_start = None
        ids = self.model.ids()
        for row, contact_id in enumerate([*ids, None]):
            if contact_id in wanted and run_start is None:
                run_start = row
            elif contact_id not in wanted and run_start is not None:
                selection.select(self.model.index(run_start, 0), self.model.index(row - 1, last))
                run_start = None
        self._restoring = True
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.table.selectionModel().select(selection, flags)
            if not selection.isEmpty():
                current = selection.first().topLeft()
                self.table.selectionModel().setCurrentIndex(
                    current, QItemSelectionModel.SelectionFlag.NoUpdate
                )
        finally:
            self._restoring = False

    @Slot()
    def _refresh_panel(self) -> None:
        """After the data changed: show it fresh, unless the user is in the middle of an edit."""
        if self.panel.is_dirty:
            return
        ids = self.selected_ids()
        if len(ids) == 1:
            # Fields left as they are when the contact itself did not change (an
            # interaction logged changes its last-contact date only).
            same = self.panel.shown_draft() if ids[0] == self.panel.contact_id else None
            self.panel.show_contact(ids[0], unless_showing=same)
        elif len(ids) > 1:
            self.panel.show_selection(len(ids))
        elif (shown := self.panel.contact_id) is not None:
            if self.model.row_of(shown) is None and (
                self.model.query.strip() or self.model.list_filter != ALL
            ):
                self.panel.show_nothing()  # the search or view the user chose leaves it out
            else:
                # Still shown though no longer listed (archived): gone if deleted.
                self.panel.show_contact(shown)
        elif not self.panel.is_editing:
            self.panel.show_nothing()  # the contacts selected are gone (archived, say)

    @Slot()
    def _on_selection_changed(self) -> None:
        if self._restoring or self.panel.is_saving:
            return
        if not self.panel.maybe_keep_changes():
            # Stay on the contact with unsaved changes.
            self._restoring = True
            try:
                if self.panel.contact_id is not None:
                    self.select_contact(self.panel.contact_id)
                else:
                    self.table.clearSelection()
            finally:
                self._restoring = False
            return
        ids = self.selected_ids()
        if len(ids) == 1:
            if self.panel.contact_id != ids[0] or not self.panel.is_editing:
                self.panel.show_contact(ids[0])
        elif len(ids) > 1:
            self.panel.show_selection(len(ids))
        elif not (self.panel.is_editing and self.panel.contact_id is None):
            self.panel.show_nothing()

    # Actions

    @Slot()
    def new_contact(self) -> None:
        if not self.panel.maybe_keep_changes():
            return
        self._restoring = True
        try:
            self.table.clearSelection()
        finally:
            self._restoring = False
        self.panel.new_contact()

    @Slot()
    def select_all(self) -> None:
        self.table.setFocus()
        self.table.selectAll()

    @Slot()
    def archive_selected(self) -> None:
        self.set_archived_selected(True)

    @Slot()
    def unarchive_selected(self) -> None:
        self.set_archived_selected(False)

    @Slot(bool)
    def set_show_archived(self, show: bool) -> None:
        self.show_archived.setChecked(show)

    def set_overdue_only(self, overdue: bool) -> None:
        self.views.select(OVERDUE if overdue else ALL)

    @Slot(object)
    def _on_view_chosen(self, target: object) -> None:
        if isinstance(target, SavedSearch):
            self.model.set_filter(ALL)
            self.search.setText(target.query)
            return
        if not isinstance(target, ListFilter):
            return
        self.model.set_filter(target)
        if target == OVERDUE and self.model.sort_field is not SortField.NEXT_DUE:
            # Longest overdue first while the view is shown; the user's own sort after.
            self._sort_before_overdue = self.model.sort_field
            self._choose_sort(SortField.NEXT_DUE)
        elif target != OVERDUE and self._sort_before_overdue is not None:
            before, self._sort_before_overdue = self._sort_before_overdue, None
            if self.model.sort_field is SortField.NEXT_DUE:  # not changed by the user since
                self._choose_sort(before)

    @Slot()
    def save_search(self) -> None:
        """Keep the current search as a view in the sidebar, under a name."""
        query = self.search.text().strip()
        if not query:
            self.status_message.emit("Type a search first, then save it.")
            self.search.setFocus()
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("saveSearchDialog")
        dialog.setWindowTitle("Save Search")
        dialog.setLabelText(f"Name for the search “{query}”:")
        dialog.setTextValue(query)
        dialog.textValueSelected.connect(lambda name: self._keep_search(name, query))
        self.save_search_dialog = dialog
        dialog.open()

    def _keep_search(self, name: str, query: str) -> None:
        name = " ".join(name.split()) or query
        self.saved_searches = [s for s in self.saved_searches if s.name != name]
        self.saved_searches.append(SavedSearch(name, query))
        self._refresh_views()
        self.status_message.emit(f"Saved the search “{query}” as “{name}” in the sidebar.")

    @Slot(object)
    def _forget_search(self, saved: SavedSearch) -> None:
        self.saved_searches = [s for s in self.saved_searches if s != saved]
        self._refresh_views()

    def _choose_sort(self, field: SortField) -> None:
        for choice, (_label, choice_field, _descending) in enumerate(SORT_CHOICES):
            if choice_field is field:
                self.sort_choice.setCurrentIndex(choice)

    @Slot()
    def _refresh_views(self) -> None:
        self.views.set_entries(
            self.model.view_counts(), self.model.overdue_count(), self.saved_searches
        )

    @Slot()
    def find_duplicates(self) -> None:
        """Look for likely duplicates on a worker, then show them."""
        if self._finding_duplicates:
            return
        service = self._duplicates()
        self._finding_duplicates = True
        self.status_message.emit("Looking for duplicates…")
        self._tasks.run(
            lambda _progress: service.find(),
            name="find-duplicates",
            on_success=self._on_duplicates_found,
            on_failure=self._on_duplicates_failed,
        )

    @Slot(object)
    def _on_duplicates_found(self, pairs: list[DuplicatePair]) -> None:
        self._finding_duplicates = False
        if not pairs:
            self.status_message.emit("No likely duplicates found.")
            text.inform(self, "Find Duplicates", "No likely duplicates were found.")
            return
        self.status_message.emit(f"{len(pairs)} likely duplicates found.")
        from networker.views.duplicates_dialog import DuplicatesDialog

        service = self._duplicates()
        self.duplicates_dialog = DuplicatesDialog(
            pairs=pairs,
            service=service,
            # Merges go on the window's undo stack: Edit > Undo takes one back.
            merge=functools.partial(self._contact_history.merge, service),
            parent=self,
        )
        self.duplicates_dialog.open()

    @Slot(object)
    def _on_duplicates_failed(self, error: Exception) -> None:
        self._finding_duplicates = False
        text.warn(self, "Find Duplicates", f"Looking for duplicates failed: {error}")

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot()
    def open_current(self) -> None:
        if len(self.selected_ids()) == 1:
            self.panel.focus_editor()

    @Slot(QPoint)
    def _on_context_menu(self, where: QPoint) -> None:
        if (menu := self.context_menu_at(where)) is not None:
            menu.popup(self.table.viewport().mapToGlobal(where))

    def context_menu_at(self, where: QPoint) -> QMenu | None:
        """Right-click on the list: what can be done to the contacts under it (the one
        clicked is selected first, unless it is part of the selection)."""
        index = self.table.indexAt(where)
        if not index.isValid():
            return None
        contact_id = self.model.contact_id(index.row())
        if contact_id not in self.selected_ids():
            self.table.selectRow(index.row())
        ids = self.selected_ids()
        if not ids:
            return None  # an unsaved edit kept the selection where it was
        noun = "Contact" if len(ids) == 1 else f"{len(ids)} Contacts"
        menu = QMenu(self)
        menu.setObjectName("contactContextMenu")
        if len(ids) == 1:
            menu.addAction("&Edit", self.open_current)
        menu.addAction("&Log Interaction…", lambda: self._log_with(list(ids)))
        if self._add_to_goal is not None:
            menu.addAction("Add to &Goal…", self.add_selected_to_goal)
        menu.addSeparator()
        archived = [self.model.summary(self.model.row_of(i) or 0) for i in ids]
        if any(s is not None and not s.archived for s in archived):
            menu.addAction(f"&Archive {noun}", self.archive_selected)
        if any(s is not None and s.archived for s in archived):
            menu.addAction(f"&Unarchive {noun}", self.unarchive_selected)
        menu.addAction(f"&Delete {noun}…", self.delete_selected)
        self.context_menu = menu
        return menu

    @Slot()
    def add_selected_to_goal(self) -> None:
        """Link the contacts chosen (or the one open) to a goal the user picks."""
        ids = self._target_ids()
        if self._add_to_goal is None or not ids:
            self.status_message.emit("Select the contacts to add to a goal first.")
            return
        self._add_to_goal(self, ids, self.status_message.emit)

    def _target_ids(self) -> list[int]:
        ids = self.selected_ids()
        if not ids and self.panel.contact_id is not None:
            ids = [self.panel.contact_id]
        return ids

    @Slot()
    def delete_selected(self) -> None:
        ids = self._target_ids()
        if not ids:
            return
        if len(ids) == 1:
            name = self._contacts.summaries(ids)[ids[0]].name
            question = (
                f"Delete {name}?\n\nTheir details, notes and history are removed. "
                "Edit > Undo brings them back."
            )
        else:
            question = f"Delete {len(ids)} contacts?\n\nEdit > Undo brings them back."
        if not text.confirm(self, "Delete Contacts", question, "Delete"):
            return
        self._contact_history.delete(ids)
        self.panel.show_nothing()
        self.status_message.emit(
            "Deleted 1 contact." if len(ids) == 1 else f"Deleted {len(ids)} contacts."
        )

    @Slot(bool)
    def set_archived_selected(self, archived: bool) -> None:
        ids = self._target_ids()
        if not ids:
            return
        changed = self._contact_history.set_archived(ids, archived)
        verb = "Archived" if archived else "Unarchived"
        if not changed:
            state = "archived" if archived else "not archived"
            self.status_message.emit(f"Nothing to do: already {state}.")
            return
        noun = "1 contact" if len(changed) == 1 else f"{len(changed)} contacts"
        hint = (
            " Tick “Show archived” to see them."
            if archived and not self.model.include_archived
            else ""
        )
        self.status_message.emit(f"{verb} {noun}.{hint} Undo (Ctrl+Z) takes it back.")

    @Slot(str, bool)
    def _on_tag_requested(self, tag: str, add: bool) -> None:
        ids = self._target_ids()
        try:
            changed = self._contact_history.tag(ids, tag, add=add)
        except ValueError as exc:
            text.warn(self, "Tag not changed", str(exc))
            return
        done = "Tagged" if add else "Untagged"
        noun = "1 contact" if len(changed) == 1 else f"{len(changed)} contacts"
        self.status_message.emit(f"{done} {noun}.")

    @Slot(object)
    def _on_relationship_requested(self, changes: dict[str, object]) -> None:
        try:
            changed = self._contact_history.set_relationship(self._target_ids(), changes)
        except ValueError as exc:
            text.warn(self, "Not changed", str(exc))
            return
        if not changed:
            self.status_message.emit("Nothing to change: they all have that already.")
            return
        noun = "1 contact" if len(changed) == 1 else f"{len(changed)} contacts"
        self.status_message.emit(f"Changed {noun}. Undo (Ctrl+Z) takes it back.")

    @Slot(object)
    def _remember_shown(self, contact_id: int | None) -> None:
        shown = self.panel.shown_draft() if contact_id is not None else None
        self._shown = (self._shown[1], shown)

    @Slot(int)
    def _on_contact_saved(self, contact_id: int) -> None:
        before, after = self._shown
        if self.panel.just_created:
            self._contact_history.created(contact_id, after.display_name if after else "")
        elif before is not None and after is not None:
            if self.panel.last_edit is not None:
                # Undo takes back the user's fields, not what another process changed
                # meanwhile (the save kept that).
                shown, form = self.panel.last_edit
                before = edited_over(form, shown, after)
            self._contact_history.edited(contact_id, before, after)
        if contact_id not in self.selected_ids():
            self._restoring = True
            try:
                self.select_contact(contact_id)
            finally:
                self._restoring = False
        elif (row := self.model.row_of(contact_id)) is not None:
            self.table.scrollTo(self.model.index(row, NAME))  # it may have moved far
        self.status_message.emit("Saved.")

    @Slot(str)
    def _on_typed(self, typed: str) -> None:
        self.search.setFocus()
        self.search.insert(typed)

    @Slot(int)
    def _on_sort_chosen(self, choice: int) -> None:
        _label, field, descending = SORT_CHOICES[choice]
        self.model.set_sort(field, descending=descending)
        column = SORT_COLUMNS.get(field, -1)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self._set_sort_arrow(column, order)

    def _restore_sort(self, saved: str) -> None:
        """The sort of the last run ("field:descending"); anything else is ignored."""
        name, _, descending = saved.partition(":")
        field = next((f for f in SortField if f.value == name), None)
        if field is None or descending not in ("0", "1"):
            return
        self._choose_sort(field)
        if self.model.descending != (descending == "1"):  # reversed by a header click
            self.model.set_sort(field, descending=descending == "1")
            order = Qt.SortOrder.DescendingOrder if descending == "1" else (
                Qt.SortOrder.AscendingOrder
            )  # fmt: skip
            self._set_sort_arrow(SORT_COLUMNS.get(field, -1), order)

    def _set_sort_arrow(self, column: int, order: Qt.SortOrder) -> None:
        # Not by blocking the header's signals: the view keeps the header and the rows
        # in step through them (blocked, the two drifted apart when scrolled sideways).
        self._syncing_sort = True
        try:
            self.table.horizontalHeader().setSortIndicator(column, order)
        finally:
            self._syncing_sort = False

    @Slot(int, Qt.SortOrder)
    def _on_header_sorted(self, column: int, order: Qt.SortOrder) -> None:
        if self._syncing_sort:
            return
        if column not in SORTABLE:
            # Title and Tags do not sort: the arrow goes back to the column that does.
            current = Qt.SortOrder.DescendingOrder if self.model.descending else (
                Qt.SortOrder.AscendingOrder
            )  # fmt: skip
            self._set_sort_arrow(SORT_COLUMNS.get(self.model.sort_field, -1), current)
            return
        for choice, (_label, field, _descending) in enumerate(SORT_CHOICES):
            if SORT_COLUMNS.get(field) == column:
                self.sort_choice.blockSignals(True)
                self.sort_choice.setCurrentIndex(choice)
                self.sort_choice.blockSignals(False)

    # Empty state

    @Slot()
    def _update_empty_state(self) -> None:
        if self.model.rowCount() > 0:
            self.empty_state.hide()
            return
        if self.model.is_loading:
            message = "Loading contacts…"
        elif self.model.query.strip():
            message = f"No contacts match “{self.model.query.strip()}”."
            if problem := parse_query(self.model.query).problem:
                message += f"\n\n{problem[0].upper()}{problem[1:]}."
            elif archived := self.model.archived_matching():
                found = (
                    "1 archived contact matches"
                    if archived == 1
                    else (f"{archived} archived contacts match")
                )
                message += f"\n\n{found}: tick “Show archived” to see them."
        elif self.model.overdue_only:
            message = (
                "No one is overdue.\n\nPeople show here once their keep-in-touch date has "
                "come: set “Keep in touch every” on a contact, or give a tag a default."
            )
        elif self.model.total_count() == 0 and not self.model.include_archived:
            message = (
                "No contacts yet.\n\nBring your network in: drop vCard files or a LinkedIn "
                "or Google export on this window, or choose File > Import… (Ctrl+I).\n"
                "Or add the first person yourself with New Contact (Ctrl+N)."
            )
        else:
            message = "No contacts here."
        self.empty_state.setText(message)
        self.empty_state.resize(self.table.viewport().size())
        self.empty_state.show()

    @Slot()
    def _add_archived_hint(self) -> None:
        if self.model.rowCount() or not self.empty_state.isVisible():
            return
        if archived := self.model.archived_matching():
            found = (
                "1 archived contact matches"
                if archived == 1
                else (f"{archived} archived contacts match")
            )
            self.empty_state.setText(
                f"{self.empty_state.text()}\n\n{found}: tick “Show archived” to see them."
            )

    @Slot()
    def _fit_empty_state(self) -> None:
        self.empty_state.resize(self.table.viewport().size())

    @Slot()
    def _move_to_results(self) -> None:
        if self.model.rowCount() > 0:
            self.table.setFocus()
            if not self.selected_ids():
                self.table.selectRow(0)
