"""Opening a contact's web address, e-mail or phone number in the desktop's own app,
through domain/links.py's allowlist (RELIABILITY case 34): anything else is said to be
"not opened for safety" and is never handed to the desktop."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from networker.domain.links import safe_link


def open_link(value: str) -> str:
    """Open it if it is safe; returns what to tell the user (for the status bar)."""
    link = safe_link(value)
    if link is None:
        return f"Not opened for safety: “{value.strip()[:80]}” is not a web, e-mail or phone link."
    if not QDesktopServices.openUrl(QUrl(link, QUrl.ParsingMode.StrictMode)):
        return f"No program on this computer opens {link.split(':', 1)[0]} links."
    return f"Opened {link}"
