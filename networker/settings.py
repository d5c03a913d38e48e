"""UI state between runs (window geometry, splitter, columns) in QSettings; never user data."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from networker import APP_NAME, ORG_NAME


def ui_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_NAME)


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
