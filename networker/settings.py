"""UI state between runs (window geometry, splitter, columns) in QSettings; never user data."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from networker import APP_NAME, ORG_NAME
from networker.paths import create_private_file


def ui_settings() -> QSettings:
    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_NAME)
    make_private(settings)
    return settings


def make_private(settings: QSettings) -> None:
    """The settings file and its folder are the user's only: QSettings writes through
    a temporary file that takes the permissions of the file it replaces, so an empty
    0600 file made first keeps every later save 0600 (they were 0644)."""
    path = Path(settings.fileName())
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
        create_private_file(path)
        os.chmod(path, 0o600)
    except OSError:
        pass  # QSettings then says nothing either: the layout is simply not kept


def restore_window_geometry(window: QMainWindow, settings: QSettings) -> None:
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    _clamp_to_screens(window)


def save_window_geometry(window: QMainWindow, settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())


def _clamp_to_screens(window: QMainWindow) -> None:
    """A window saved on a screen that is gone comes back on the primary one."""
    if QGuiApplication.screenAt(window.frameGeometry().center()) is not None:
        return
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return
    available = screen.availableGeometry()
    window.resize(min(window.width(), available.width()), min(window.height(), available.height()))
    frame = window.frameGeometry()
    frame.moveCenter(available.center())
    window.move(frame.topLeft())


def load_byte_arrays(settings: QSettings, group: str) -> dict[str, QByteArray]:
    settings.beginGroup(group)
    try:
        values = {key: settings.value(key) for key in settings.childKeys()}
    finally:
        settings.endGroup()
    return {k: v for k, v in values.items() if isinstance(v, QByteArray)}


def save_byte_arrays(settings: QSettings, group: str, values: dict[str, QByteArray]) -> None:
    settings.beginGroup(group)
    try:
        for key, value in values.items():
            settings.setValue(key, value)
    finally:
        settings.endGroup()
