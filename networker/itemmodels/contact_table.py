"""The contact list as a Qt table model over the database.

It lists ids and fetches rows lazily (as Anki's browser does): only the rows
on screen are ever read in full. Search and sort run on an in-memory index of
sort keys and haystacks (domain/listing.py); at start-up the first screenful
is shown straight from an indexed query while a worker thread loads that index.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette, QPixmap

from networker.domain.changes import Changes
from networker.domain.listing import (
    ALL,
    OVERDUE,
    ContactIndex,
    ContactSummary,
    ListFilter,
    OrderedView,
    SortField,
    archived_matching,
    in_view,
    matching_ids,
    move_in_view,
    ordered_view,
    query_matches,
    view_counts,
    view_key,
    view_keys,
)
from networker.domain.progress import Progress
from networker.itemmodels.avatars import avatar_pixmap, initials_key
from networker.itemmodels.hub import ChangeHub
from networker.itemmodels.roles import ARCHIVED_ROLE, CONTACT_ID_ROLE
from networker.services.contacts import ContactService
from networker.tasks import Task, TaskRunner
from networker.views.text import plain_tooltip

log = logging.getLogger(__name__)

NAME, ORGANIZATION, TITLE, TAGS, LAST_INTERACTION, NEXT_DUE = range(6)
HEADERS = ("Name", "Organization", "Title", "Tags", "Last interaction", "Next due")
SORTABLE = {
    NAME: SortField.NAME,
    ORGANIZATION: SortField.ORGANIZATION,
    LAST_INTERACTION: SortField.LAST_INTERACTION,
    NEXT_DUE: SortField.NEXT_DUE,
}
# A next-due date that has passed (views/look.py's error colour: readable on light and
# dark palettes).
OVERDUE_COLOUR = QColor("#b3261e")

AVATAR_SIZE = 22
# Below this many contacts the index loads at once; above it, in a worker thread.
LOAD_AT_ONCE_LIMIT = 5000
FIRST_SCREEN_ROWS = 200
# Up to this many changed contacts, rows move in place; more rebuild the index.
INCREMENTAL_LIMIT = 50
FETCH_BEHIND, FETCH_AHEAD = 10, 60
CACHE_LIMIT = 4000

Index = QModelIndex | QPersistentModelIndex


def _from_event_loop(work: Callable[[], None]) -> None:
    QTimer.singleShot(0, work)


class ContactTableModel(QAbstractTableModel):
    # Emitted after the rows change (search, sort, load, edit): views update counts.
    rows_changed = Signal()
    loading_changed = Signal(bool)
    # A few contacts changed and their rows were updated in place (no reset): the ids.
    contacts_updated = Signal(object)

    def __init__(
        self,
        *,
        contacts: ContactService,
        hub: ChangeHub,
        tasks: TaskRunner,
        defer: Callable[[Callable[[], None]], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``defer`` runs the background load later from the event loop (by default at
        once from it; the app waits for the window's first paint)."""
        super().__init__(parent)
        self._contacts = contacts
        self._tasks = tasks
        self._defer = defer or _from_event_loop
        self._loader_scheduled = False
        self._index: ContactIndex | None = None
        self._view: OrderedView | None = None
        self._ids: list[int] = []
        self._query = ""
        self._sort = SortField.NAME
        self._descending = False
        self._include_archived = False
        self._filter = ALL
        self._counts: Counter[ListFilter] | None = None  # contacts in each sidebar view
        self._overdue_count: tuple[int, int] | None = None  # (minute, count)
        self._cache: dict[int, ContactSummary] = {}
        self._avatars: dict[int, QPixmap] = {}
        self._initials_avatars: dict[tuple[str, int], QPixmap] = {}
        self._generation = 0
        self._loader: Task | None = None
        self._count_while_loading = 0
        hub.changed.connect(self._on_changed)

    # Loading

    def load(self) -> None:
        """Show the first screen now; have everything shortly after."""
        self._generation += 1
        size = self._contacts.count(include_archived=True, up_to=LOAD_AT_ONCE_LIMIT + 1)
        if size <= LOAD_AT_ONCE_LIMIT:
            self._set_index(self._contacts.index())
            return
        self.beginResetModel()
        self._index = self._view = None
        # (No full count here: 12 ms at 100,000 before the first paint; the count shows
        # when the index arrives, a moment later.)
        self._count_while_loading = LOAD_AT_ONCE_LIMIT + 1
        self._ids = self._contacts.first_ids(FIRST_SCREEN_ROWS)
        self._cache.clear()
        self.endResetModel()
        self.rows_changed.emit()
        self.loading_changed.emit(True)
        # Started later, so that the window paints before the loader takes the GIL.
        if not self._loader_scheduled:  # one scheduled start loads the newest generation
            self._loader_scheduled = True
            self._defer(self._start_scheduled_loader)

    @Slot()
    def _start_scheduled_loader(self) -> None:
        if self._loader_scheduled:  # unless wait_for_loader started it meanwhile
            self._start_loader()

    def _start_loader(self) -> None:
        self._loader_scheduled = False
        contacts, generation, sort = self._contacts, self._generation, self._sort

        def work(_progress: Progress) -> tuple[ContactIndex | None, int]:
            try:
                index = contacts.index()
                # Off the GUI thread: the default and the current sort, and the id lookup
                # that edits use.
                index.ascending_order(SortField.NAME)
                index.ascending_order(sort)
                index.positions()
            except Exception:
                log.exception("loading the contact index failed")
                return None, generation
            return index, generation

        self._loader = self._tasks.run(work, name="contact-index", on_success=self._on_index_loaded)

    def wait_for_loader(self) -> None:
        """Block until a pending background load finished (for shutdown and tests)."""
        if self._loader is None and self.is_loading:
            self._start_loader()
        if self._loader is not None:
            loader = self._loader
            loader.wait()
            QCoreApplication.sendPostedEvents(loader)  # deliver its result now

    @property
    def is_loading(self) -> bool:
        return self._index is None

    @Slot(object)
    def _on_index_loaded(self, result: tuple[ContactIndex | None, int]) -> None:
        index, generation = result
        if self.sender() is self._loader:
            self._loader = None  # the runner deletes the task once it has delivered
        if generation != self._generation:
            return  # a newer load is under way
        self.loading_changed.emit(False)
        if index is not None:
            self._set_index(index)

    def _set_index(self, index: ContactIndex) -> None:
        self._index = index
        self._overdue_count = None
        self._counts = None
        self._view = None
        self._refilter()

    # Search, sort, archived

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, query: str) -> None:
        if query != self._query:
            self._query = query
            self._refilter()

    def set_include_archived(self, include: bool) -> None:
        if include != self._include_archived:
            self._include_archived = include
            self._view = None
            self._refilter()

    @property
    def include_archived(self) -> bool:
        return self._include_archived

    def set_overdue_only(self, overdue: bool) -> None:
        """List only the contacts whose keeping in touch is due (the "Overdue" view)."""
        self.set_filter(OVERDUE if overdue else ALL)

    @property
    def overdue_only(self) -> bool:
        return self._filter == OVERDUE

    def set_filter(self, list_filter: ListFilter) -> None:
        """Which contacts the list shows (a view of the sidebar)."""
        if list_filter != self._filter:
            self._filter = list_filter
            self._view = None
            self._refilter()

    @property
    def list_filter(self) -> ListFilter:
        return self._filter

    def view_counts(self) -> Counter[ListFilter]:
        """How many contacts each sidebar view holds (but Overdue: overdue_count)."""
        if self._index is None:
            return Counter()
        if self._counts is None:
            self._counts = view_counts(self._index)
        return self._counts

    def archived_matching(self) -> int:
        """How many archived contacts the search would find once shown (an empty
        list's hint); 0 while archived contacts are shown or nothing is searched."""
        if self._index is None or self._shows_archived() or not self._query.strip():
            return 0
        return archived_matching(self._index, self._query, self._keep())

    def _shows_archived(self) -> bool:
        return self._include_archived or self._filter.shows_archived

    def overdue_count(self) -> int:
        """How many active contacts' keeping in touch is due now (for the "Overdue"
        entry); counted again when the index changes or the minute does, not per search."""
        if self._index is None:
            return 0
        now = int(self._contacts.clock.now().timestamp())
        if self._overdue_count is None or self._overdue_count[0] != now // 60:
            index, removed = self._index, self._index.removed
            count = sum(
                1
                for position, (due, archived) in enumerate(
                    zip(index.next_touch, index.archived, strict=True)
                )
                if due <= now and not archived and position not in removed
            )
            self._overdue_count = (now // 60, count)
        return self._overdue_count[1]

    def _count_change(self, contact_id: int, sign: int) -> None:
        """Take a contact out of (-1) or put it back into (+1) the kept view counts."""
        index = self._index
        if self._counts is None or index is None:
            return
        position = index.positions().get(contact_id)
        if position is not None:
            for key in view_keys(index, position):
                self._counts[key] += sign

    def _is_overdue(self, contact_id: int, now: int) -> bool:
        index = self._index
        assert index is not None
        position = index.positions().get(contact_id)
        return (
            position is not None
            and not index.archived[position]
            and index.next_touch[position] <= now
        )

    def _keep(self) -> Callable[[int], bool] | None:
        assert self._index is not None
        return self._filter.keep(self._index, int(self._contacts.clock.now().timestamp()))

    def set_sort(self, field: SortField, *, descending: bool = False) -> None:
        if (field, descending) != (self._sort, self._descending):
            self._sort, self._descending = field, descending
            self._view = None
            self._refilter()

    @property
    def sort_field(self) -> SortField:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column in SORTABLE:
            self.set_sort(SORTABLE[column], descending=order == Qt.SortOrder.DescendingOrder)

    def _refilter(self) -> None:
        if self._index is None:
            return  # applied when the index arrives
        if self._sort is SortField.FAMILY_NAME and self._index.family_keys is None:
            # Read once, on the first sort by them (80 ms at 100,000 contacts).
            self._index.set_family_keys(self._contacts.family_names())
        if self._view is None:
            self._view = ordered_view(
                self._index,
                self._sort,
                descending=self._descending,
                include_archived=self._shows_archived(),
                keep=self._keep(),
            )
        self.beginResetModel()
        ids = matching_ids(self._view, self._query, self._index)
        # Rows change in place later (_move_row): never share the view's own list.
        self._ids = list(ids) if ids is self._view.ids else ids
        self.endResetModel()
        self.rows_changed.emit()

    # Changes made elsewhere

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if not changes.contacts:
            return
        if changes.all_contacts or self._index is None:
            self._cache.clear()
            self._avatars.clear()
            self.load()
            return
        ids = changes.contact_ids
        for contact_id in ids:
            self._cache.pop(contact_id, None)
            self._avatars.pop(contact_id, None)
        if len(ids) > INCREMENTAL_LIMIT:
            self._reload_keeping_rows()
            return
        # A few contacts: their entries, their place in the view and their rows change
        # in place, so the sort, the scroll position and the selection stay.
        # One contact at a time, so that only the one being moved is out of place
        # while its new place is found by bisection.
        fresh = self._contacts.index(sorted(ids))
        key = view_key(self._index, self._sort, descending=self._descending)
        now = int(self._contacts.clock.now().timestamp())
        for contact_id in sorted(ids):
            was_overdue = self._is_overdue(contact_id, now)
            self._count_change(contact_id, -1)
            self._index.update(fresh, {contact_id})
            self._count_change(contact_id, +1)
            if self._overdue_count is not None:  # kept counted: no scan of the whole index
                minute, count = self._overdue_count
                delta = self._is_overdue(contact_id, now) - was_overdue
                self._overdue_count = (minute, count + delta)
            if self._view is not None:
                move_in_view(
                    self._view, self._index, contact_id, key,
                    include_archived=self._shows_archived(), keep=self._keep(),
                )  # fmt: skip
            self._move_row(contact_id, key)
        self.rows_changed.emit()
        self.contacts_updated.emit(sorted(ids))

    def _move_row(self, contact_id: int, key: Callable[[int], Any]) -> None:
        """Insert, remove, move or just repaint the row of one changed contact."""
        index = self._index
        assert index is not None
        shown = in_view(
            index, contact_id, include_archived=self._shows_archived(), keep=self._keep()
        )
        if shown and self._query.strip():
            shown = query_matches(index, index.positions()[contact_id], self._query)
        rows = self._ids
        try:
            old: int | None = rows.index(contact_id)
        except ValueError:
            old = None
        root = QModelIndex()
        if old is None:
            if shown:
                new = bisect.bisect_right(rows, key(contact_id), key=key)
                self.beginInsertRows(root, new, new)
                rows.insert(new, contact_id)
                self.endInsertRows()
        elif not shown:
            self.beginRemoveRows(root, old, old)
            del rows[old]
            self.endRemoveRows()
        else:
            # Where it goes among the others (both halves around it are still sorted).
            target = key(contact_id)
            left = bisect.bisect_right(rows, target, 0, old, key=key)
            right = bisect.bisect_right(rows, target, old + 1, len(rows), key=key)
            destination = left if left < old else right
            if destination not in (old, old + 1):
                self.beginMoveRows(root, old, old, root, destination)
                del rows[old]
                rows.insert(destination if destination < old else destination - 1, contact_id)
                self.endMoveRows()
            row = rows.index(contact_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def _reload_keeping_rows(self) -> None:
        """Many contacts changed: rebuild the index (on a worker when it is large) while
        the rows shown stay as they are, then show it afresh."""
        size = self._contacts.count(include_archived=True, up_to=LOAD_AT_ONCE_LIMIT + 1)
        if size <= LOAD_AT_ONCE_LIMIT:
            self._set_index(self._contacts.index())
            return
        self._generation += 1
        self._loader_scheduled = False
        self._start_loader()

    # Finding people elsewhere (the Log Interaction dialog's picker)

    def find(self, query: str, *, limit: int = 50) -> list[ContactSummary]:
        """Contacts (not archived) whose name, organization, emails or tags hold
        ``query``, in name order: the same search as the list, over the whole network,
        whatever the list shows now."""
        if self._index is None:
            self.wait_for_loader()
        if self._index is None:
            return []
        view = ordered_view(self._index, SortField.NAME, descending=False, include_archived=False)
        ids = matching_ids(view, query, self._index)[:limit]
        found = self._contacts.summaries(ids)
        return [found[i] for i in ids if i in found]

    # Looking up rows

    def ids(self) -> list[int]:
        """The listed contact ids, in row order (do not change the list)."""
        return self._ids

    def contact_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, contact_id: int) -> int | None:
        try:
            return self._ids.index(contact_id)
        except ValueError:
            return None

    def visible_count(self) -> int:
        return len(self._ids)

    def total_count(self) -> int:
        if self._index is None:
            return self._count_while_loading
        if self._include_archived:
            return len(self._index)
        return len(self._index) - self._index.archived_count()

    def summary(self, row: int) -> ContactSummary | None:
        contact_id = self._ids[row]
        found = self._cache.get(contact_id)
        if found is None:
            self._fetch_around(row)
            found = self._cache.get(contact_id)
        return found

    def _fetch_around(self, row: int) -> None:
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
            self._avatars.clear()
        start, stop = max(0, row - FETCH_BEHIND), min(len(self._ids), row + FETCH_AHEAD)
        wanted = [i for i in self._ids[start:stop] if i not in self._cache]
        self._cache.update(self._contacts.summaries(wanted))

    # QAbstractTableModel

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == CONTACT_ID_ROLE:
            return self._ids[index.row()]
        summary = self.summary(index.row())
        if summary is None:  # deleted a moment ago; the refresh is on its way
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == LAST_INTERACTION:
                return self._day(summary.last_interaction)
            if column == NEXT_DUE:
                return self._day(summary.next_due)
            return (summary.name, summary.organization, summary.title, summary.tags)[column]
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return self._avatar(summary)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == NEXT_DUE
            and summary.next_due is not None
            and summary.next_due <= self._contacts.clock.now()
            and not summary.archived
        ):
            return QBrush(OVERDUE_COLOUR)  # due now or overdue
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == NEXT_DUE and summary.next_due:
                return f"Keep in touch by {self._day(summary.next_due)}"
            if column in (NAME, ORGANIZATION, TITLE, TAGS):
                # The whole text of a cell cut with "…", as written (never as HTML).
                full = (summary.name, summary.organization, summary.title, summary.tags)[column]
                return plain_tooltip(full) or None
        if role == ARCHIVED_ROLE:
            return summary.archived
        if summary.archived:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                return QGuiApplication.palette().brush(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
        return None

    def _day(self, instant: dt.datetime | None) -> str:
        if instant is None:
            return ""
        return f"{self._contacts.clock.local(instant):%d %b %Y}"

    def _avatar(self, summary: ContactSummary) -> QPixmap:
        pixmap = self._avatars.get(summary.id)
        if pixmap is None:
            if summary.photo is None:
                # Initials on a colour: shared by all with the same two (a search that
                # shows new rows paints from this cache, not with a QPainter a row).
                key = initials_key(summary.name)
                pixmap = self._initials_avatars.get(key)
                if pixmap is None:
                    pixmap = self._initials_avatars[key] = self._draw_avatar(summary)
            else:
                pixmap = self._draw_avatar(summary)
            self._avatars[summary.id] = pixmap
        return pixmap

    @staticmethod
    def _draw_avatar(summary: ContactSummary) -> QPixmap:
        ratio = QGuiApplication.primaryScreen().devicePixelRatio()
        return avatar_pixmap(summary.name, summary.photo, AVATAR_SIZE, ratio)
