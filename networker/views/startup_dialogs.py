"""The questions asked before the main window exists."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox

from networker import APP_NAME
from networker.views import text


class DamagedChoice(Enum):
    START_FRESH = "fresh"
    RESTORE_LATEST = "restore"
    QUIT = "quit"


def show_fatal(message: str) -> None:
    text.message_box(None, QMessageBox.Icon.Critical, APP_NAME, message).exec()


def show_problem(message: str) -> None:
    text.message_box(None, QMessageBox.Icon.Warning, APP_NAME, message).exec()


def ask_damaged_database(message: str, aside_name: str, *, can_restore: bool) -> DamagedChoice:
    box = text.message_box(
        None,
        QMessageBox.Icon.Critical,
        APP_NAME,
        f"{message}\n\nNetworker will not change it. It can keep it aside as "
        f"{aside_name} and start again with an empty database"
        + (", or with your most recent automatic backup." if can_restore else "."),
        QMessageBox.StandardButton.NoButton,
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
    if restore is not None and clicked is restore:
        return DamagedChoice.RESTORE_LATEST
    if clicked is fresh:
        return DamagedChoice.START_FRESH
    return DamagedChoice.QUIT
