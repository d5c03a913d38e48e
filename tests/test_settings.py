"""UI state is kept private like the data (RELIABILITY 40)."""

import os
import stat
from pathlib import Path

from networker.settings import ui_settings


def test_the_settings_file_and_its_folder_are_the_users_only(qapp):
    """Issue 15: the settings file was 0644."""
    previous = os.umask(0o022)
    try:
        settings = ui_settings()
        settings.setValue("window/geometry", b"x")
        settings.sync()
        settings.setValue("window/geometry", b"y")  # a second save replaces the file
        settings.sync()
    finally:
        os.umask(previous)
    path = Path(settings.fileName())
    assert str(path).startswith(os.environ["XDG_CONFIG_HOME"])  # never the real one
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    path.unlink()
