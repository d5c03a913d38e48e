"""File > Restore from Backup…: the backups Networker keeps, each with its date and how
many contacts it holds, newest first; Other File… for one kept elsewhere. The counts are
read on a worker (each file opened read-only)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from networker.storage.backup import BackupSummary
from networker.tasks import TaskRunner
from networker.views import look, text
from networker.views.button_mnemonics import give_buttons_mnemonics

PATH_ROLE = Qt.ItemDataRole.UserRole


def describe(backup: BackupSummary) -> str:
    when = f"{backup.taken:%a %d %b %Y, %H:%M}"
    if backup.contacts is None:
        what = "not readable as a Networker backup"
    else:
        what = f"{backup.contacts:,} contact" + ("" if backup.contacts == 1 else "s")
    kind = "automatic" if backup.automatic else backup.path.name
    return f"{when} — {what} ({kind})"


class RestoreDialog(QDialog):
    # The file the user chose to restore.
    chosen = Signal(Path)

    def __init__(
        self,
        *,
        read: Callable[[], list[BackupSummary]],
        tasks: TaskRunner,
        backups_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from Backup")
        self._backups_dir = backups_dir
        intro = text.plain_label(
            "Choose a backup to bring back. Your current contacts are replaced by it; the "
            "current database is kept beside it, renamed, in case you need it again."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        self.list.itemActivated.connect(self._restore_item)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.status = QLabel("Reading the backups…")
        look.muted(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        self.other_button = QPushButton("Other File…")
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.other_button.clicked.connect(self._choose_other)
        buttons.accepted.connect(self._restore_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        give_buttons_mnemonics(self)
        self.resize(560, 360)
        tasks.run(
            lambda _progress: read(),
            name="list-backups",
            on_success=self._show,
            on_failure=self._on_failed,
        )

    @Slot(object)
    def _show(self, backups: list[BackupSummary]) -> None:
        for backup in backups:
            item = QListWidgetItem(describe(backup))  # plain text: file names are shown
            item.setData(PATH_ROLE, str(backup.path))
            if backup.contacts is None:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        self.status.setText(
            ""
            if backups
            else "No backups yet: Networker makes one a day once you have "
            "contacts. Other File… restores one kept elsewhere."
        )
        for row in range(self.list.count()):
            if self.list.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.list.setCurrentRow(row)
                break
        self.list.setFocus()

    @Slot(object)
    def _on_failed(self, error: Exception) -> None:
        self.status.setText(f"The backups could not be read: {error}")

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        self.restore_button.setEnabled(current is not None)

    @Slot(QListWidgetItem)
    def _restore_item(self, item: QListWidgetItem) -> None:
        self.chosen.emit(Path(item.data(PATH_ROLE)))
        self.accept()

    @Slot()
    def _restore_current(self) -> None:
        if (item := self.list.currentItem()) is not None:
            self._restore_item(item)

    @Slot()
    def _choose_other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Restore from Backup",
            str(self._backups_dir),
            "Networker backups (*.sqlite3);;All files (*)",
        )
        if path:
            self.chosen.emit(Path(path))
            self.accept()
