"""The questions asked before the main window exists."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
)

from networker import APP_NAME
from networker.views import text

if TYPE_CHECKING:
    from networker.domain.progress import Progress
    from networker.services.exporting import ReadableExport

# Writes what can be read to a file (raises ExportCancelledError when cancelled).
ReadableExporter = Callable[[str, "Progress"], "ReadableExport"]


class DamagedChoice(Enum):
    START_FRESH = "fresh"
    RESTORE_LATEST = "restore"
    QUIT = "quit"


def show_fatal(message: str) -> None:
    text.message_box(None, QMessageBox.Icon.Critical, APP_NAME, message).exec()


def shared_folder_notice(window: QMainWindow, folder: Path) -> None:
    """Say in the window, for as long as it is open, that other users can read the
    data folder (it was said only in the log and on the terminal)."""
    notice = text.plain_label(
        f"Other users on this computer can read your data folder {folder}. "
        "To keep your contacts private, make it yours only (chmod 700)."
    )
    notice.setObjectName("sharedFolderNotice")
    notice.setWordWrap(True)
    window.statusBar().addPermanentWidget(notice, 1)


def ask_read_only(reason: str) -> bool:
    """The database cannot be written: open it read-only (True), or quit."""
    box = text.message_box(
        None,
        QMessageBox.Icon.Warning,
        APP_NAME,
        f"Networker cannot save changes to your contacts: {reason}.\n\n"
        "You can open them read-only, to browse, search and export them; nothing "
        "will be changed. Or quit, and fix the permissions first.",
        QMessageBox.StandardButton.NoButton,
    )
    open_button = box.addButton("Open Read-Only", QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    box.setEscapeButton(quit_button)
    box.exec()
    return box.clickedButton() is open_button


def read_only_notice(window: QMainWindow, reason: str) -> None:
    """The banner of a read-only session, for as long as the window is open."""
    notice = text.plain_label(
        f"Read-only: {reason}. You can browse, search and export; changes cannot be saved."
    )
    notice.setObjectName("readOnlyNotice")
    notice.setWordWrap(True)
    window.statusBar().addPermanentWidget(notice, 1)


def show_problem(message: str) -> None:
    text.message_box(None, QMessageBox.Icon.Warning, APP_NAME, message).exec()


def ask_damaged_database(
    message: str,
    aside_name: str,
    *,
    can_restore: bool,
    save_readable: Callable[[], None] | None = None,
) -> DamagedChoice:
    """Keep the damaged file aside and start fresh or from the latest backup, or quit;
    with ``save_readable``, the contacts that can still be read can first be saved."""
    while True:
        box = text.message_box(
            None,
            QMessageBox.Icon.Critical,
            APP_NAME,
            f"{message}\n\nNetworker will not change it. It can keep it aside as "
            f"{aside_name} and start again with an empty database"
            + (", or with your most recent automatic backup." if can_restore else ".")
            + (
                " Before that, you can save the contacts that can still be read to a "
                "vCard file, to import them again."
                if save_readable
                else ""
            ),
            QMessageBox.StandardButton.NoButton,
        )
        save = (
            box.addButton("Save What Can Be Read…", QMessageBox.ButtonRole.ActionRole)
            if save_readable
            else None
        )
        restore = (
            box.addButton("Restore Latest Backup", QMessageBox.ButtonRole.AcceptRole)
            if can_restore
            else None
        )
        fresh = box.addButton("Start a Fresh Database", QMessageBox.ButtonRole.DestructiveRole)
        quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(quit_button)
        box.exec()
        clicked = box.clickedButton()
        if save_readable is not None and clicked is save:
            save_readable()
            continue  # then the same question again
        if restore is not None and clicked is restore:
            return DamagedChoice.RESTORE_LATEST
        if clicked is fresh:
            return DamagedChoice.START_FRESH
        return DamagedChoice.QUIT


def save_what_can_be_read(export: ReadableExporter) -> None:
    """Ask where, write the readable contacts with a progress dialog (Cancel), say how
    many were saved and how many could not be read."""
    suggested = Path.home() / "Networker contacts (readable).vcf"
    target, _ = QFileDialog.getSaveFileName(
        None, "Save What Can Be Read", str(suggested), "vCard files (*.vcf)"
    )
    if not target:
        return
    # Here, not at start-up: the export service brings the file formats with it.
    from networker.services.exporting import ExportCancelledError

    progress = QProgressDialog("Reading the contacts that can still be read…", "Cancel", 0, 0)
    progress.setWindowTitle(APP_NAME)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(300)

    def report(done: int, total: int) -> bool:
        progress.setMaximum(total)
        progress.setValue(done)
        QApplication.processEvents()  # the dialog's Cancel; this runs before any window
        return not progress.wasCanceled()

    try:
        result = export(target, report)
    except ExportCancelledError:
        show_problem("Cancelled: nothing was saved.")
        return
    except OSError as exc:
        show_problem(f"The file {target} could not be written: {exc.strerror or exc}.")
        return
    finally:
        progress.close()
    lost = f" {result.unreadable} could not be read." if result.unreadable else " None was lost."
    text.inform(
        None,
        APP_NAME,
        f"Saved {result.saved} contacts to {target}.{lost} "
        "You can import that file into the new database.",
    )
