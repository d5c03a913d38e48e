"""'Start Networker when I log in': an XDG autostart entry (Linux desktops), off until the
user turns it on; the start it makes is hidden in the tray (``--hidden``). No Qt."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from networker import APP_ID, APP_NAME
from networker.paths import create_private_file


def entry_path(environ: Mapping[str, str] = os.environ) -> Path:
    config = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart" / f"{APP_ID}.desktop"


def command(data_dir: str | None = None) -> list[str]:
    """How this Networker is started: the installed command, or this Python's module."""
    if getattr(sys, "frozen", False):
        base = [sys.executable]
    else:
        base = [sys.executable, "-m", "networker"]
    return [*base, "--hidden", *(["--data-dir", data_dir] if data_dir else [])]


_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_quoted(argument: str) -> str:
    """One argument of a desktop entry's Exec key, quoted as the Desktop Entry
    Specification asks (double quotes; no shell-style single quotes; % doubled)."""
    argument = argument.replace("%", "%%")
    if not _RESERVED & set(argument):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    # The file's string escapes apply before the quoting: each backslash is written twice.
    return f'"{escaped}"'.replace("\\", "\\\\")


def is_enabled(environ: Mapping[str, str] = os.environ) -> bool:
    return entry_path(environ).is_file()


def enable(data_dir: str | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    path = entry_path(environ)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={APP_NAME}",
            "Comment=Reminders to keep in touch, from the system tray",
            f"Exec={' '.join(exec_quoted(part) for part in command(data_dir))}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )
    create_private_file(path)
    path.write_text(text, encoding="utf-8")
    return path


def disable(environ: Mapping[str, str] = os.environ) -> None:
    entry_path(environ).unlink(missing_ok=True)
