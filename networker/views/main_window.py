"""The main window: navigation between pages, menus, status bar."""

from __future__ import annotations

import functools
import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QSettings, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from networker import APP_NAME, __version__
from networker.domain.progress import Progress
from networker.formats import IMPORTABLE_SUFFIXES, open_dialog_filter
from networker.paths import DATABASE_NAME
from networker.services.backups import BackupService
from networker.settings import (
    load_byte_arrays,
    restore_window_geometry,
    save_byte_arrays,
    save_window_geometry,
)
from networker.storage.errors import StorageError
from networker.tasks import TaskRunner
from networker.views import look, startup_dialogs, text
from networker.views.adaptive import WidthWatcher
from networker.views.pages import NUMBERED_PAGES, Command, Page, PageEntry, PageHost
from networker.views.startup_dialogs import DamagedChoice

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    # Annotations only: PySide builds a class (and its enums) when it is imported,
    # 2 ms for these two, before the first paint.
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QDialog, QProgressDialog

    # Built on first use (app.py hands over factories): the window paints sooner.
    from networker.services.exporting import ExportScope, ExportService
    from networker.services.importing import FileReport, ImportService
    from networker.views.import_flow import ImportFlow

log = logging.getLogger(__name__)

VCARD_MIME_TYPES = ("text/vcard", "text/x-vcard", "text/directory")
# The navigation's width, and below which window width it shows its icons only.
NAVIGATION_WIDTH = 160
COMPACT_NAVIGATION_WIDTH = 52
COMPACT_BELOW = 960
MINIMUM_WIDTH = 600
DROPPED_TEXT_LIMIT = 16 * 1024 * 1024


def dropped_paths(mime: QMimeData) -> list[Path]:
    """The dropped local contact files; empty when anything else is in the drop."""
    if not mime.hasUrls():
        return []
    paths = []
    for url in mime.urls():
        if not url.isLocalFile():
            return []  # never fetched (RELIABILITY.md case 31)
        path = Path(url.toLocalFile())
        if path.suffix.lower() not in IMPORTABLE_SUFFIXES or not path.is_file():
            return []
        paths.append(path)
    return paths


def dropped_vcard_text(mime: QMimeData) -> bytes | None:
    """A contact dragged out of another address book arrives as vCard text."""
    for kind in VCARD_MIME_TYPES:
        if mime.hasFormat(kind):
            data = bytes(mime.data(kind).data())
            return data if 0 < len(data) <= DROPPED_TEXT_LIMIT else None
    return None


class MainWindow(QMainWindow):
    """Hosts the pages (views/pages.py) and what belongs to the whole window: import,
    export, backups, the navigation and the status bar. It knows no page by name."""

    # Quit was asked for (Ctrl+Q, File > Quit, or closing when Networker does not keep
    # running in the background); app.py owns the way out.
    quit_requested = Signal()
    # The window was closed but Networker keeps running (in the tray).
    hidden_to_tray = Signal()

    def __init__(
        self,
        *,
        pages: Sequence[PageEntry],
        backups: BackupService,
        importer: Callable[[], ImportService],
        exporter: Callable[[], ExportService],
        tasks: TaskRunner,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        # A minimum of its own, below every page's wide arrangement: a window manager
        # that sizes the window to 640 px in one step (not a drag) gets there, and the
        # page then takes its narrow arrangement (a layout's own minimum, that of the
        # wide one, stopped it at 838 px).
        self.setMinimumWidth(MINIMUM_WIDTH)
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 700)
        self.backups = backups
        self._backups = backups
        self._exporter = exporter
        self._importer = importer
        self._import_flow: ImportFlow | None = None  # built on first use: start-up stays lean
        # Folders holding vCard text dropped from another app, removed after its import.
        self._dropped_folders: list[Path] = []
        self._export_progress: QProgressDialog | None = None
        self.export_scope: QDialog | None = None  # the question asked before an export
        self._export_what = "contacts"  # or "events": what the running export writes
        self.tasks = tasks  # the application's task runner
        self.setAcceptDrops(True)
        self._settings = settings
        # Set where the desktop has a tray (app.start_reminders): closing then hides.
        self.keep_running_when_closed = False
        self.scheduler: QObject | None = None  # the reminder scheduler, once started

        self.host = PageHost(pages, parent=self)
        self.navigation = self.host.navigation
        look.navigation(self.navigation)
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.compact: bool | None = None
        WidthWatcher(self, self._fit_navigation)
        self.pages = self.host.stack
        central = QWidget()
        # Banners (add_banner) above the navigation and the pages.
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        layout = QHBoxLayout()
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self._column.addLayout(layout, 1)
        self.setCentralWidget(central)

        self.status_label = text.plain_label()
        self.statusBar().addPermanentWidget(self.status_label)
        self.host.current_changed.connect(self._on_page_changed)
        self._build_menus()
        self.host.when_built(self._on_page_built)
        self.host.show_first()

    def page(self, object_name: str) -> Page:
        """A page by its objectName (built now if it was not yet)."""
        return self.host.page(object_name)

    def show_page(self, object_name: str) -> Page:
        return self.host.show_page(object_name)

    def _build_menus(self) -> None:
        menus: dict[str, QMenu] = {}

        def menu(title: str) -> QMenu:
            if title not in menus:
                menus[title] = self.menuBar().addMenu(title)
            return menus[title]

        file_menu = menu("&File")
        menu("&Edit")
        self.page_actions: dict[str, QAction] = {}
        self._commands: dict[QAction, tuple[PageEntry, Command]] = {}
        for entry in self.host.entries:
            for command in entry.commands:
                target = menu(command.menu)
                if command.separator_before:
                    target.addSeparator()
                action = QAction(command.text, self)
                action.setCheckable(command.checkable)
                if command.shortcut is not None:
                    action.setShortcut(QKeySequence(command.shortcut))
                elif command.keys_shown is not None:
                    action.setShortcut(QKeySequence(command.keys_shown))
                    # Active only inside the open menu: the list keeps its own keys and
                    # Ctrl+A still selects the text of a field.
                    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                action.triggered.connect(self._on_command_triggered)
                target.addAction(action)
                self._commands[action] = (entry, command)
                self.page_actions[f"{entry.object_name}/{command.text}"] = action
        if not file_menu.isEmpty():
            file_menu.addSeparator()
        self._action(file_menu, "&Import…", self._choose_import, QKeySequence("Ctrl+I"))
        self._action(file_menu, "&Export…", self._choose_export, QKeySequence("Ctrl+E"))
        file_menu.addSeparator()
        self._action(file_menu, "&Back Up Now…", self.back_up_now)
        self._action(file_menu, "&Restore from Backup…", self.restore_from_backup)
        file_menu.addSeparator()
        quit_action = self._action(
            file_menu, "&Quit", self.request_quit, QKeySequence.StandardKey.Quit
        )
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action = quit_action

        go_menu = menu("&Window")  # "Go" shared its G with Goals and its o with Organization
        self.go_actions: list[QAction] = []
        for number, entry in enumerate(self.host.entries[:NUMBERED_PAGES], start=1):
            go = self._action(
                go_menu, entry.title, self._on_go_triggered, QKeySequence(f"Ctrl+{number}")
            )
            go.setData(entry.object_name)
            self.go_actions.append(go)

        help_menu = menu("&Help")
        about = self._action(help_menu, f"&About {APP_NAME}", self._about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    @Slot(str, object)
    def open_item(self, object_name: str, item: object) -> None:
        """Show a page and something on it (a reminder's contact, say)."""
        self.show_page(object_name).open_item(item)

    def add_undo_stack(self, stack: QUndoStack) -> None:
        """Edit > Undo and Redo (Ctrl+Z, Ctrl+Shift+Z) for the window's one undo stack;
        their text names what they undo ("Undo Delete Interaction")."""
        edit = next(a.menu() for a in self.menuBar().actions() if a.text() == "&Edit" and a.menu())
        assert isinstance(edit, QMenu)
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, "&Redo")
        # The platform's Redo keys (Ctrl+Y on some), and Ctrl+Shift+Z everywhere.
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        shift_z = QKeySequence("Ctrl+Shift+Z")
        redo.setShortcuts([*keys, shift_z] if shift_z not in keys else keys)
        first = edit.actions()[0] if edit.actions() else None
        edit.insertActions(first, [undo, redo])  # type: ignore[arg-type]
        edit.insertSeparator(first)  # type: ignore[arg-type]
        self.undo_action, self.redo_action = undo, redo
        self._undo_stack = stack
        # After the stack's own slot: say what was done, replacing a message such as
        # "Goal deleted … Edit > Undo brings it back" that is no longer true (QA).
        undo.triggered.connect(lambda: self._say_undone(stack, "Undone", stack.index()))
        redo.triggered.connect(lambda: self._say_undone(stack, "Redone", stack.index() - 1))

    def _say_undone(self, stack: QUndoStack, done: str, index: int) -> None:
        command = stack.command(index) if 0 <= index < stack.count() else None
        if command is not None and command.text():
            self._show_status(f"{done}: {command.text()}")

    def add_window_action(
        self,
        menu_title: str,
        title: str,
        slot: Callable[..., None],
        shortcut: str = "",
        *,
        checked: bool | None = None,
        at_end: bool = False,
    ) -> QAction:
        """An action that works from any page (Ctrl+L, Log Interaction…), added by app.py
        to the menu of that title (at its top, or before its last group); ``checked``
        makes it a check box whose slot is given the new state."""
        for existing in self.menuBar().actions():
            menu = existing.menu()
            if existing.text() == menu_title and isinstance(menu, QMenu):
                action = QAction(title, self)
                if shortcut:
                    action.setShortcut(QKeySequence(shortcut))
                    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
                if checked is not None:
                    action.setCheckable(True)
                    action.setChecked(checked)
                    action.toggled.connect(slot)
                else:
                    action.triggered.connect(slot)
                existing_actions = menu.actions()
                if at_end and len(existing_actions) >= 2:
                    # Before the last group (File: before Quit).
                    menu.insertAction(existing_actions[-2], action)
                elif existing_actions:
                    menu.insertAction(existing_actions[0], action)
                    menu.insertSeparator(existing_actions[0])
                else:
                    menu.addAction(action)
                return action
        raise KeyError(menu_title)

    def add_banner(self, banner: QWidget) -> None:
        """A strip across the top of the window, above every page (due reminders where
        the desktop has no tray)."""
        self._column.insertWidget(self._column.count() - 1, banner)

    def selected_contacts(self) -> list[int]:
        page = self.host.current()
        return page.selected_contacts() if page is not None else []

    def _action(self, menu, title, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(title, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    @Slot(bool)
    def _on_command_triggered(self, checked: bool) -> None:
        # One slot for every page command (a partial per action crashed PySide at exit).
        action = self.sender()
        if isinstance(action, QAction) and action in self._commands:
            self._run_command(*self._commands[action], checked)

    @Slot()
    def _on_go_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.show_page(str(action.data()))

    def _run_command(self, entry: PageEntry, command: Command, checked: bool) -> None:
        page = self.show_page(entry.object_name)
        if command.checkable:
            command.run(page, checked)
        else:
            command.run(page)

    def _on_page_built(self, entry: PageEntry, page: Page) -> None:
        page.status_message.connect(self._show_status)
        page.open_requested.connect(self.open_item)
        for command in entry.commands:
            if command.bind is not None:
                command.bind(page, self.page_actions[f"{entry.object_name}/{command.text}"])

    @Slot()
    def _on_page_changed(self) -> None:
        page = self.host.current()
        self.status_label.setText(page.status_text() if page is not None else "")
        self._route_page_keys(page.objectName() if page is not None else "")

    def _route_page_keys(self, shown: str) -> None:
        """The shown page's commands take their page keys (Command.page_shortcut) from
        the commands that have them elsewhere; on another page those get them back."""
        taken = {
            QKeySequence(command.page_shortcut).toString()
            for entry, command in self._commands.values()
            if entry.object_name == shown and command.page_shortcut is not None
        }
        for action, (entry, command) in self._commands.items():
            if command.page_shortcut is not None and entry.object_name == shown:
                action.setShortcut(QKeySequence(command.page_shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            elif command.page_shortcut is not None:
                shown_only = command.keys_shown  # in the menu only, as _build_menus sets
                action.setShortcut(QKeySequence(shown_only) if shown_only else QKeySequence())
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            elif command.shortcut is not None:
                keys = QKeySequence(command.shortcut)
                action.setShortcut(QKeySequence() if keys.toString() in taken else keys)

    # Window actions

    @Slot()
    def back_up_now(self) -> None:
        suggested = self._backups.suggested_path()
        suggested.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path, _ = QFileDialog.getSaveFileName(
            self, "Back Up Networker", str(suggested), "Networker backups (*.sqlite3)"
        )
        if path:
            self.back_up_to(Path(path))

    def back_up_to(self, target: Path) -> bool:
        try:
            done = self._backups.back_up_to(target)
        except (StorageError, OSError) as exc:
            log.warning("backup failed: %s", type(exc).__name__)
            text.warn(self, "Backup failed", f"The backup could not be written: {exc}")
            return False
        self._show_status(f"Backed up to {done}")
        return True

    @Slot()
    def restore_from_backup(self) -> None:
        """The backups with their dates and contact counts; the chosen one is checked,
        confirmed and restored."""
        from networker.views.restore_dialog import RestoreDialog

        dialog = RestoreDialog(
            read=self._backups.summaries,
            tasks=self.tasks,
            backups_dir=self._backups.backups_dir,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self.restore_from)
        self.restore_dialog = dialog
        dialog.open()

    def restore_from(self, source: Path) -> bool:
        try:
            self._backups.check(source)
        except (StorageError, OSError) as exc:
            text.warn(self, "Not restored", f"{exc}\n\nNothing was changed.")
            return False
        question = (
            f"Replace all your current contacts with the backup {source.name}?\n\n"
            "The current database is kept beside it, renamed, in case you need it again."
        )
        if not text.confirm(self, "Restore from Backup", question, "Restore"):
            return False
        try:
            aside = self._backups.restore(source)
        except (StorageError, OSError) as exc:
            log.exception("restore failed")
            text.warn(self, "Not restored", f"The backup could not be restored: {exc}")
            return False
        kept = f" The previous database is kept as {aside.name}." if aside else ""
        self._show_status(f"Restored {source.name}.{kept}")
        return True

    # Import and export

    def report_unfinished_imports(self) -> None:
        """Say so once when an import was killed before it finished (nothing of it landed)."""
        runs = self._importer().unfinished_runs()
        if not runs:
            return
        files = "; ".join(files for _id, _started, files in runs)
        text.inform(
            self,
            "Import did not finish",
            f"The last import ({files}) did not finish, so nothing of it was imported. "
            "Your contacts are as they were before it. You can import the files again.",
        )
        self._importer().acknowledge_unfinished([run_id for run_id, *_ in runs])

    @property
    def import_flow(self) -> ImportFlow:
        if self._import_flow is None:
            from networker.views.import_flow import ImportFlow

            self._import_flow = ImportFlow(
                importer=self._importer(), tasks=self.tasks, parent=self, settings=self._settings
            )
            self._import_flow.finished.connect(self._on_import_finished)
        return self._import_flow

    def import_files(self, paths: list[Path]) -> bool:
        """Offer to import these files: read, preview, confirm (as if they were dropped)."""
        return self.import_flow.start(paths)

    @Slot(list)
    @Slot()
    def _fit_navigation(self, width: int) -> None:
        compact = width < COMPACT_BELOW
        if compact == self.compact:
            return
        self.compact = compact
        self.host.set_compact(compact)
        self.navigation.setFixedWidth(COMPACT_NAVIGATION_WIDTH if compact else NAVIGATION_WIDTH)

    def bring_forward(self) -> None:
        """Show the window in front (from the tray, a notification, a second start)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def take_over_start(self, files: list[str]) -> None:
        """Networker was started again (a double-clicked file): come to the front and
        offer to import what that start was given."""
        self.bring_forward()
        if files:
            self.import_files([Path(f) for f in files])

    @Slot()
    def _choose_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            "Import Contacts or Events",
            str(Path.home()),
            open_dialog_filter(),
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    @Slot(object)
    def _on_import_finished(self, reports: list[FileReport] | None) -> None:
        self._remove_dropped_folders()
        if reports is None:
            failed = self.import_flow.failed  # said in a message box already
            self._show_status(
                f"Import {'failed' if failed else 'cancelled'}: nothing was imported."
            )
            return
        contacts = [r for r in reports if not r.holds_events]
        events = [r for r in reports if r.holds_events]
        said = []
        if contacts or not events:
            new = sum(r.imported for r in contacts)
            said.append(f"{new} new contacts, merged {sum(r.updated for r in contacts)}")
        if events:
            new = sum(r.imported for r in events)
            said.append(f"{new} new events, changed {sum(r.updated for r in events)}")
        skipped = sum(r.skipped for r in reports)
        message = f"Imported {', '.join(said)}, skipped {skipped}."
        stack = getattr(self, "_undo_stack", None)
        if stack is not None and stack.count() and any(r.updated for r in reports):
            # An undo recorded before the import would put back the whole contact or
            # event as it was then, taking what the import merged in with it (QA: a
            # title's undo wiped the phone and e-mail an import had just added).
            stack.clear()
            message += " Undo history cleared: an import that merges cannot be undone."
        self._show_status(message)

    def dragEnterEvent(self, event: QDragEnterEvent | QDragMoveEvent) -> None:
        if dropped_paths(event.mimeData()) or dropped_vcard_text(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        paths = dropped_paths(mime)
        if not paths and (card := dropped_vcard_text(mime)):
            folder = Path(tempfile.mkdtemp(prefix="networker-drop-"))
            self._dropped_folders.append(folder)
            paths = [folder / "Dropped contacts.vcf"]
            paths[0].write_bytes(card)
        if not paths:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if not self.import_files(paths):
            self._remove_dropped_folders()

    def _remove_dropped_folders(self) -> None:
        while self._dropped_folders:
            shutil.rmtree(self._dropped_folders.pop(), ignore_errors=True)

    @Slot()
    def _choose_export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self,
            "Export Contacts",
            str(Path.home() / "contacts.vcf"),
            "vCard 3.0, read by most apps (*.vcf);;vCard 4.0 (*.vcf);;CSV table (*.csv);;"
            "iCalendar events (*.ics)",
        )
        if path:
            target = Path(path)
            if chosen.startswith("CSV") and target.suffix.lower() != ".csv":
                target = target.with_suffix(".csv")
            if chosen.startswith("iCalendar") and target.suffix.lower() != ".ics":
                target = target.with_suffix(".ics")
            version = "4.0" if "4.0" in chosen else "3.0"
            if target.suffix.lower() == ".ics":
                self.export_to(target, vcard_version=version)
                return
            self._ask_export_scope(target, version)

    def _ask_export_scope(self, target: Path, version: str) -> None:
        """All contacts, the selected, or what the list shows (the current page's)."""
        from networker.views.export_scope_dialog import ExportScopeDialog

        page = self.host.current()
        counts = self._exporter().counts()
        dialog = ExportScopeDialog(
            total=counts.active,
            archived=counts.archived,
            selected=page.selected_contacts() if page is not None else [],
            listed=page.listed_contacts() if page is not None else None,
            parent=self,
        )
        dialog.accepted.connect(
            lambda: self.export_to(target, vcard_version=version, scope=dialog.scope())
        )
        dialog.finished.connect(dialog.deleteLater)
        self.export_scope = dialog
        dialog.open()

    def export_to(
        self, target: Path, *, vcard_version: str = "3.0", scope: ExportScope | None = None
    ) -> None:
        """Write every contact as vCard (or CSV for a .csv file), or every event for an
        .ics file, on a worker, with a progress dialog whose Cancel leaves any file at
        the target as it was."""
        if self._export_progress is not None:
            text.inform(self, "Export", "An export is still running; wait for it first.")
            return
        exporter = self._exporter()
        as_csv = target.suffix.lower() == ".csv"
        as_ics = target.suffix.lower() == ".ics"
        self._export_what = "events" if as_ics else "contacts"

        def work(progress: Progress) -> int:
            if as_ics:
                return exporter.export_ics(str(target), progress=progress)
            if as_csv:
                return exporter.export_csv(str(target), progress=progress, scope=scope)
            return exporter.export_vcards(
                str(target), version=vcard_version, progress=progress, scope=scope
            )

        from PySide6.QtWidgets import QProgressDialog  # on first use: 1 ms less at start

        dialog = QProgressDialog(f"Exporting {self._export_what}…", "Cancel", 0, 0, self)
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle("Export Contacts")
        # Not modal: the window (and Ctrl+Q) stays usable; the export reads on its own.
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumWidth(360)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self._export_progress = dialog
        self._export_target = target
        task = self.tasks.run(
            work,
            name="export",
            on_success=self._on_exported,
            on_failure=self._on_export_failed,
            on_progress=self._on_export_progressed,
            cancel_at_quit=True,
        )
        dialog.canceled.connect(task.cancel)

    @Slot(int, int)
    def _on_export_progressed(self, done: int, total: int) -> None:
        if self._export_progress is not None:
            self._export_progress.setMaximum(total)
            self._export_progress.setValue(done)

    def _close_export_progress(self) -> None:
        if self._export_progress is not None:
            self._export_progress.close()
            self._export_progress.deleteLater()
            self._export_progress = None

    @Slot(object)
    def _on_exported(self, count: int) -> None:
        self._close_export_progress()
        self._show_status(f"Exported {count} {self._export_what} to {self._export_target}.")

    @Slot(object)
    def _on_export_failed(self, error: Exception) -> None:
        from networker.services.exporting import ExportCancelledError  # loaded by then

        self._close_export_progress()
        if isinstance(error, ExportCancelledError):
            self._show_status("Export cancelled: no file was written.")
            return
        text.warn(self, "Export failed",
                  f"{self._export_target} could not be written: {error}\n\n"
                  "Any file that was there is unchanged.")  # fmt: skip

    @Slot(object)
    def on_database_damaged(self, error: Exception) -> None:
        """The background check found damage: set the file aside, or quit."""
        if not isinstance(error, StorageError):
            # The check could not run (an I/O error, say): that is no proof of damage,
            # and a healthy file must never be offered to be set aside.
            log.warning("the background database check did not run: %s", error)
            self._show_status("The database check could not run; it will run at next start.")
            return
        suffix = self._backups.damaged_suffix()  # the name said is the name used
        choice = startup_dialogs.ask_damaged_database(
            str(error),
            f"{DATABASE_NAME}.{suffix}",
            can_restore=self._backups.latest_automatic() is not None,
            save_readable=functools.partial(
                startup_dialogs.save_what_can_be_read,
                # Reads the damaged file through this window's own connection.
                self._exporter().export_readable_vcards,
            ),
        )
        if choice is DamagedChoice.QUIT:
            QApplication.exit(1)
            return
        try:
            aside = self._backups.set_aside_damaged(
                restore_latest=choice is DamagedChoice.RESTORE_LATEST, suffix=suffix
            )
        except (StorageError, OSError) as exc:
            log.exception("recovering from a damaged database failed")
            text.warn(self, APP_NAME, f"Networker could not recover: {exc}")
            QApplication.exit(1)
            return
        self._show_status(f"The damaged database is kept as {aside.name}.")

    @Slot()
    def _about(self) -> None:
        text.inform(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nBuild and keep your professional network.\n"
            "Your data stays on this computer.",
        )

    # Status bar

    @Slot(str)
    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # Layout kept between runs

    def restore_layout(self) -> None:
        restore_window_geometry(self, self._settings)
        self.host.restore_states(
            {
                e.object_name: load_byte_arrays(self._settings, e.object_name)
                for e in self.host.entries
            }
        )

    def save_layout(self) -> None:
        save_window_geometry(self, self._settings)
        for name, state in self.host.save_states().items():
            save_byte_arrays(self._settings, name, state)
        self._settings.sync()

    # Leaving

    def may_close(self) -> bool:
        """Every page agrees (unsaved edits are saved or dropped, as the user says)."""
        return self.host.may_leave()

    @Slot()
    def request_quit(self) -> None:
        """Ctrl+Q: leave Networker, after the pages agree."""
        if not self.may_close():
            return
        self.save_layout()
        self.quit_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_close():
            event.ignore()
            return
        self.save_layout()
        event.accept()
        if self.keep_running_when_closed:
            self.hidden_to_tray.emit()
        else:
            self.host.shutdown()
            self.quit_requested.emit()
