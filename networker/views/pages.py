"""The pages the main window hosts, and the window's side of hosting them.

A feature adds a page by writing one module with a ``Page`` subclass and a function that
returns its ``PageEntry``; ``app.py`` lists the entries in navigation order. The window
knows no page by name: it builds a page the first time it is shown (start-up pays only
for the first one), puts each entry's commands into the menus, shows the current page's
status text, keeps each page's layout between runs, asks ``may_leave()`` before closing,
and hands each page the changes it missed while it was hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QSize, Signal, Slot
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStackedWidget, QWidget

from networker.domain.changes import Changes

if TYPE_CHECKING:
    # PySide builds a class (and its enums) when it is imported: these wait until used,
    # after the first paint (measured: 6 ms of the start).
    from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap

# How many pages Ctrl+1… reaches.
NUMBERED_PAGES = 9


# An item any page may ask the Contacts page to show (open_requested): the people whose
# keeping in touch has come due.
OVERDUE_CONTACTS = "overdue contacts"


class Page(QWidget):
    """A main view. Subclasses set ``objectName`` to the contract's name and override
    what they need; the defaults are those of a page without state."""

    # A passing message for the status bar ("Saved.").
    status_message = Signal(str)
    # The page's own status text changed (status_text() says what it is now).
    status_changed = Signal()
    # Show something of another page: (that page's objectName, what to open there).
    open_requested = Signal(str, object)

    def status_text(self) -> str:
        """Shown at the right of the status bar while the page is current."""
        return ""

    def save_state(self) -> dict[str, QByteArray]:
        """Layout to keep between runs (splitters, header columns), not data."""
        return {}

    def restore_state(self, state: dict[str, QByteArray]) -> None:
        """Layout saved by save_state() in an earlier run."""

    def may_leave(self) -> bool:
        """Whether the window may close now (unsaved edits ask first)."""
        return True

    def selected_contacts(self) -> list[int]:
        """The contacts the user has chosen on this page (a new interaction is with them)."""
        return []

    def listed_contacts(self) -> list[int] | None:
        """The contacts the page lists now when a search or a view narrows them (an
        export may write only those); None when it lists no contacts, or all."""
        return None

    def open_item(self, item: object) -> None:
        """Show ``item`` (a contact id on the Contacts page), asked for by another page."""

    def apply_changes(self, changes: Changes) -> None:
        """Data changed while the page was shown, or while it was hidden (then once,
        combined, when it is shown again)."""

    def shutdown(self) -> None:
        """The application quits: stop anything the page started outside the task
        runner (whose tasks the quit path waits for)."""


@dataclass(frozen=True)
class Command:
    """A menu item of a page. Triggering it shows the page (building it if needed), then
    calls ``run`` with the page (and, for a checkable one, the new checked state)."""

    menu: str  # the menu's title with its mnemonic: "&File", "&Edit", "&Contacts"
    text: str
    run: Callable[..., None]
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None
    checkable: bool = False
    # For a checkable command: connects the page's own control to the action once the
    # page exists, so that the two stay in step.
    bind: Callable[[Page, QAction], None] | None = None
    separator_before: bool = False
    # Keys a widget of the page handles itself (Ctrl+A, Delete in the list): shown in the
    # menu, so they can be learnt there, but not taken from the widgets that have focus.
    keys_shown: QKeySequence.StandardKey | str | None = None
    # A key the command takes while its page is shown, from the command that has it
    # elsewhere (Ctrl+N is New Contact, and New Event on the Calendar): the window moves
    # it as the page changes, so the key works wherever the focus is and the menus show
    # what it runs.
    page_shortcut: QKeySequence.StandardKey | str | None = None


def page_method(name: str) -> Callable[..., None]:
    """A command's ``run`` that calls the page's method ``name`` (with the checked state
    of a checkable command): for a page entry that must not import its page's module
    before the page is built (goals_entry.py)."""

    def run(page: Page, *checked: bool) -> None:
        getattr(page, name)(*checked)

    run.__name__ = name
    return run


@dataclass(frozen=True)
class PageEntry:
    object_name: str  # the page widget's objectName (docs/command-line.md)
    title: str
    icon: str  # an SVG in networker.resources (loaded after the first paint)
    build: Callable[[], Page]
    commands: Sequence[Command] = field(default_factory=tuple)


class PageHost(QObject):
    """The navigation list and the stacked pages, built on first show."""

    # The current page changed (its status text and title should be shown).
    current_changed = Signal()

    def __init__(self, entries: Sequence[PageEntry], *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries = list(entries)
        self._pages: dict[str, Page] = {}
        self._missed: dict[str, Changes] = {}
        self._saved_states: dict[str, dict[str, QByteArray]] = {}
        self._on_build: list[Callable[[PageEntry, Page], None]] = []
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        for entry in self.entries:
            item = QListWidgetItem(entry.title)
            item.setSizeHint(QSize(0, 36))
            item.setToolTip(entry.title)
            self.navigation.addItem(item)
            # A plain widget holds the place until the page is built.
            self.stack.addWidget(QWidget())
        self.navigation.currentRowChanged.connect(self._on_row_changed)

    # Pages

    def page(self, object_name: str) -> Page:
        """The page, built now if it was not yet."""
        if object_name not in self._pages:
            self._build(self._entry(object_name))
        return self._pages[object_name]

    def built_pages(self) -> list[Page]:
        return [self._pages[e.object_name] for e in self.entries if e.object_name in self._pages]

    def current(self) -> Page | None:
        row = self.navigation.currentRow()
        if row < 0:
            return None
        return self._pages.get(self.entries[row].object_name)

    def show_page(self, object_name: str) -> Page:
        page = self.page(object_name)
        self.navigation.setCurrentRow(self._row(object_name))
        return page

    def show_first(self) -> None:
        if self.entries:
            self.navigation.setCurrentRow(0)

    @Slot(int)
    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        entry = self.entries[row]
        page = self.page(entry.object_name)
        self._size_by(page)
        self.stack.setCurrentWidget(page)
        missed = self._missed.pop(entry.object_name, None)
        if missed:
            page.apply_changes(missed)
        self.current_changed.emit()

    def _size_by(self, current: QWidget) -> None:
        """Only the page shown sets how small the window may be: a stacked widget asks
        every page, and a hidden one keeps the arrangement of its last size (a wide
        Calendar held Today at 670 px)."""
        from PySide6.QtWidgets import QSizePolicy

        ignored, preferred = QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        for index in range(self.stack.count()):
            widget = self.stack.widget(index)
            if widget is None:
                continue
            policy = widget.sizePolicy()
            horizontal = preferred if widget is current else ignored
            if policy.horizontalPolicy() != horizontal:
                policy.setHorizontalPolicy(horizontal)
                widget.setSizePolicy(policy)

    def _build(self, entry: PageEntry) -> None:
        page = entry.build()
        page.setObjectName(entry.object_name)
        row = self._row(entry.object_name)
        placeholder = self.stack.widget(row)
        self.stack.insertWidget(row, page)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self._pages[entry.object_name] = page
        page.status_changed.connect(self._on_status_changed)
        if state := self._saved_states.pop(entry.object_name, None):
            page.restore_state(state)
        for listener in self._on_build:
            listener(entry, page)

    def when_built(self, listener: Callable[[PageEntry, Page], None]) -> None:
        """Call ``listener`` for each page built from now on (and for those already built)."""
        self._on_build.append(listener)
        for entry in self.entries:
            if entry.object_name in self._pages:
                listener(entry, self._pages[entry.object_name])

    @Slot()
    def _on_status_changed(self) -> None:
        if self.sender() is self.current():
            self.current_changed.emit()

    def _entry(self, object_name: str) -> PageEntry:
        return self.entries[self._row(object_name)]

    def _row(self, object_name: str) -> int:
        for row, entry in enumerate(self.entries):
            if entry.object_name == object_name:
                return row
        raise KeyError(object_name)

    # Changes, state, leaving

    @Slot(object)
    def apply_changes(self, changes: Changes) -> None:
        """The shown page refreshes now; a hidden one when it is next shown."""
        current = self.current()
        for name, page in self._pages.items():
            if page is current:
                page.apply_changes(changes)
            else:
                self._missed[name] = self._missed.get(name, Changes()) | changes

    def save_states(self) -> dict[str, dict[str, QByteArray]]:
        """Every page's layout: the built ones as they are, the others as restored."""
        states = dict(self._saved_states)
        for name, page in self._pages.items():
            states[name] = page.save_state()
        return states

    def restore_states(self, states: dict[str, dict[str, QByteArray]]) -> None:
        for name, state in states.items():
            if name in self._pages:
                self._pages[name].restore_state(state)
            elif any(e.object_name == name for e in self.entries):
                self._saved_states[name] = state

    def may_leave(self) -> bool:
        return all(page.may_leave() for page in self.built_pages())

    def shutdown(self) -> None:
        for page in self.built_pages():
            page.shutdown()

    def set_compact(self, compact: bool) -> None:
        """Icons only (a narrow window), the titles in their tooltips; or both."""
        for row, entry in enumerate(self.entries):
            if (item := self.navigation.item(row)) is not None:
                item.setText("" if compact else entry.title)

    def set_icons(self, load: Callable[[str], QIcon]) -> None:
        """The navigation's icons; on the highlighted entry, in the palette's colour for
        highlighted text (a grey icon would be lost on the highlight)."""
        from PySide6.QtGui import QIcon, QPalette

        colour = self.navigation.palette().color(QPalette.ColorRole.HighlightedText)
        size = self.navigation.iconSize()
        ratio = self.navigation.devicePixelRatioF()
        for row, entry in enumerate(self.entries):
            item = self.navigation.item(row)
            if item is None:
                continue
            icon = load(entry.icon)
            icon.addPixmap(_tinted(icon.pixmap(size, ratio), colour), QIcon.Mode.Selected)
            item.setIcon(icon)


def _tinted(pixmap: QPixmap, colour: QColor) -> QPixmap:
    """The pixmap's shape filled with one colour."""
    from PySide6.QtGui import QPainter, QPixmap

    tinted = QPixmap(pixmap)
    painter = QPainter(tinted)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(tinted.rect(), colour)
    painter.end()
    return tinted
