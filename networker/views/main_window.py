"""The main window: navigation between pages, menus, status bar."""

from __future__ import annotations

import functools
import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QSettings, QSize, Qt, Slot
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from networker import APP_NAME, __version__
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
from networker.views import look, startup_dialogs, text
from networker.views.contacts_view import ContactsView
from networker.views.startup_dialogs import DamagedChoice
from networker.workers import BackgroundTask

if TYPE_CHECKING:
    from collections.abc import Callable

    # Annotations only: PySide builds a class (and its enums) when it is imported,
    # 2 ms for these two, before the first paint.
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QDialog

    # Built on first use (app.py hands over factories): the window paints sooner.
    from networker.services.duplicates import DuplicatePair, DuplicateService
    from networker.services.exporting import ExportService
    from networker.services.importing import FileReport, ImportService
    from networker.views.import_flow import ImportFlow

log = logging.getLogger(__name__)

VCARD_MIME_TYPES = ("text/vcard", "text/x-vcard", "text/directory")
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
    def __init__(
        self,
        *,
        contacts_view: ContactsView,
        backups: BackupService,
        importer: Callable[[], ImportService],
        exporter: Callable[[], ExportService],
        duplicates: Callable[[], DuplicateService],
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 700)
        self.contacts_view = contacts_view
        self.backups = backups
        self._backups = backups
        self._exporter = exporter
        self._duplicates = duplicates
        self._duplicates_task: BackgroundTask | None = None
        self.duplicates_dialog: QDialog | None = None
        self._importer = importer
        self._import_flow: ImportFlow | None = None  # built on first use: start-up stays lean
        # Folders holding vCard text dropped from another app, removed after its import.
        self._dropped_folders: list[Path] = []
        self._export_task: BackgroundTask | None = None
        self.setAcceptDrops(True)
        self._settings = settings

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        look.navigation(self.navigation)
        self.navigation.setFixedWidth(160)
        self.navigation.setIconSize(QSize(20, 20))
        self.pages = QStackedWidget()
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.add_page("Contacts", contacts_view)
        self.navigation.setCurrentRow(0)

        self._build_menus()
        self.count_label = text.plain_label()
        self.statusBar().addPermanentWidget(self.count_label)
        contacts_view.model.rows_changed.connect(self._update_count)
        contacts_view.model.loading_changed.connect(self._update_count)
        contacts_view.status_message.connect(self._show_status)
        self._update_count()

    def add_page(self, title: str, page: QWidget) -> None:
        """Pages are added by the features that build them; there are no placeholders."""
        item = QListWidgetItem(title)
        item.setSizeHint(QSize(0, 36))
        self.navigation.addItem(item)
        self.pages.addWidget(page)

    def show_page(self, page: QWidget) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(page))

    def _build_menus(self) -> None:
        view = self.contacts_view
        file_menu = self.menuBar().addMenu("&File")
        self.new_action = self._action(
            file_menu, "&New Contact", self._new_contact, QKeySequence.StandardKey.New
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Import…", self._choose_import, QKeySequence("Ctrl+I"))
        self._action(file_menu, "&Export…", self._choose_export, QKeySequence("Ctrl+E"))
        file_menu.addSeparator()
        self._action(file_menu, "&Back Up Now…", self.back_up_now)
        self._action(file_menu, "&Restore from Backup…", self.restore_from_backup)
        file_menu.addSeparator()
        quit_action = self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = self.menuBar().addMenu("&Edit")
        self._action(edit_menu, "&Find", self._find, QKeySequence.StandardKey.Find)
        self._action(edit_menu, "Select &All Contacts", view.table.selectAll)
        edit_menu.addSeparator()
        self._action(edit_menu, "&Delete…", view.delete_selected)

        contacts_menu = self.menuBar().addMenu("&Contacts")
        self._action(contacts_menu, "&Archive", self._archive)
        self._action(contacts_menu, "&Unarchive", self._unarchive)
        self._action(contacts_menu, "Find &Duplicates…", self.find_duplicates)
        contacts_menu.addSeparator()
        show_archived = QAction("Show A&rchived", self)
        show_archived.setCheckable(True)
        show_archived.toggled.connect(view.show_archived.setChecked)
        view.show_archived.toggled.connect(show_archived.setChecked)
        contacts_menu.addAction(show_archived)

        help_menu = self.menuBar().addMenu("&Help")
        about = self._action(help_menu, f"&About {APP_NAME}", self._about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _action(self, menu, title, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(title, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # Menu actions

    @Slot()
    def _new_contact(self) -> None:
        self.show_page(self.contacts_view)
        self.contacts_view.new_contact()

    @Slot()
    def _find(self) -> None:
        self.show_page(self.contacts_view)
        self.contacts_view.focus_search()

    @Slot()
    def _archive(self) -> None:
        self.contacts_view.set_archived_selected(True)

    @Slot()
    def _unarchive(self) -> None:
        self.contacts_view.set_archived_selected(False)

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
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Restore from Backup",
            str(self._backups.backups_dir),
            "Networker backups (*.sqlite3);;All files (*)",
        )
        if path:
            self.restore_from(Path(path))

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

            self._import_flow = ImportFlow(importer=self._importer(), parent=self)
            self._import_flow.finished.connect(self._on_import_finished)
        return self._import_flow

    def import_files(self, paths: list[Path]) -> bool:
        """Offer to import these files: read, preview, confirm (as if they were dropped)."""
        self.show_page(self.contacts_view)
        return self.import_flow.start(paths)

    @Slot(list)
    def take_over_start(self, files: list[str]) -> None:
        """Networker was started again (a double-clicked file): come to the front and
        offer to import what that start was given."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        if files:
            self.import_files([Path(f) for f in files])

    @Slot()
    def _choose_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            "Import Contacts",
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
        new = sum(r.imported for r in reports)
        merged = sum(r.updated for r in reports)
        skipped = sum(r.skipped for r in reports)
        self._show_status(f"Imported {new} new contacts, merged {merged}, skipped {skipped}.")

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
            "vCard 3.0, read by most apps (*.vcf);;vCard 4.0 (*.vcf);;CSV table (*.csv)",
        )
        if path:
            target = Path(path)
            if chosen.startswith("CSV") and target.suffix.lower() != ".csv":
                target = target.with_suffix(".csv")
            self.export_to(target, vcard_version="4.0" if "4.0" in chosen else "3.0")

    def export_to(self, target: Path, *, vcard_version: str = "3.0") -> None:
        """Write every contact as vCard 3.0 (or CSV for a .csv file), on a worker thread."""
        exporter = self._exporter()

        def work() -> int:
            if target.suffix.lower() == ".csv":
                return exporter.export_csv(str(target))
            return exporter.export_vcards(str(target), version=vcard_version)

        task = BackgroundTask(work, parent=self, cleanup=exporter.release_thread_connection)
        task.succeeded.connect(self._on_exported)
        task.failed.connect(self._on_export_failed)
        self._export_task = task
        self._export_target = target
        task.start()

    @Slot(object)
    def _on_exported(self, count: int) -> None:
        self._show_status(f"Exported {count} contacts to {self._export_target}.")

    @Slot(object)
    def _on_export_failed(self, error: Exception) -> None:
        text.warn(self, "Export failed",
                  f"{self._export_target} could not be written: {error}\n\n"
                  "Any file that was there is unchanged.")  # fmt: skip

    @Slot()
    def find_duplicates(self) -> None:
        """Look for likely duplicates on a worker, then show them."""
        if self._duplicates_task is not None:
            return
        service = self._duplicates()
        task = BackgroundTask(service.find, parent=self, cleanup=service.release_thread_connection)
        task.succeeded.connect(self._on_duplicates_found)
        task.failed.connect(self._on_duplicates_failed)
        self._duplicates_task = task
        self._show_status("Looking for duplicates…")
        task.start()

    @Slot(object)
    def _on_duplicates_found(self, pairs: list[DuplicatePair]) -> None:
        self._duplicates_task = None
        if not pairs:
            self._show_status("No likely duplicates found.")
            text.inform(self, "Find Duplicates", "No likely duplicates were found.")
            return
        self._show_status(f"{len(pairs)} likely duplicates found.")
        from networker.views.duplicates_dialog import DuplicatesDialog

        self.duplicates_dialog = DuplicatesDialog(
            pairs=pairs, service=self._duplicates(), parent=self
        )
        self.duplicates_dialog.open()

    @Slot(object)
    def _on_duplicates_failed(self, error: Exception) -> None:
        self._duplicates_task = None
        text.warn(self, "Find Duplicates", f"Looking for duplicates failed: {error}")

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

    @Slot()
    def _update_count(self) -> None:
        model = self.contacts_view.model
        if model.is_loading:
            self.count_label.setText(f"{model.total_count():,} contacts (loading…)")
            return
        shown, total = model.visible_count(), model.total_count()
        noun = "contact" if total == 1 else "contacts"
        if shown == total:
            self.count_label.setText(f"{total:,} {noun}")
        else:
            self.count_label.setText(f"{shown:,} of {total:,} {noun}")

    @Slot(str)
    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # Layout kept between runs

    def restore_layout(self) -> None:
        restore_window_geometry(self, self._settings)
        self.contacts_view.restore_state(load_byte_arrays(self._settings, "contacts"))

    def save_layout(self) -> None:
        save_window_geometry(self, self._settings)
        save_byte_arrays(self._settings, "contacts", self.contacts_view.save_state())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.contacts_view.panel.maybe_keep_changes():
            event.ignore()
            return
        self.save_layout()
        self.contacts_view.model.shutdown()
        if self._import_flow is not None:
            self._import_flow.wait()
        if self._duplicates_task is not None:
            self._duplicates_task.wait()
        if self._export_task is not None:
            self._export_task.wait()
        event.accept()
