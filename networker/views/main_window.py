"""The main window: navigation between pages, menus, status bar."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
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
from networker.services.backups import BackupService
from networker.settings import (
    load_byte_arrays,
    restore_window_geometry,
    save_byte_arrays,
    save_window_geometry,
)
from networker.storage.errors import StorageError
from networker.views import startup_dialogs, text
from networker.views.contacts_view import ContactsView
from networker.views.startup_dialogs import DamagedChoice

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        contacts_view: ContactsView,
        backups: BackupService,
        settings: QSettings,
        icon: QIcon,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icon)
        self.resize(1100, 700)
        self.contacts_view = contacts_view
        self.backups = backups
        self._backups = backups
        self._settings = settings

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
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

    @Slot(object)
    def on_database_damaged(self, error: Exception) -> None:
        """The background check found damage: set the file aside, or quit."""
        choice = startup_dialogs.ask_damaged_database(
            str(error),
            "networker.sqlite3.damaged-(date)",
            can_restore=self._backups.latest_automatic() is not None,
        )
        if choice is DamagedChoice.QUIT:
            QApplication.exit(1)
            return
        try:
            aside = self._backups.set_aside_damaged(
                restore_latest=choice is DamagedChoice.RESTORE_LATEST
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
        event.accept()
