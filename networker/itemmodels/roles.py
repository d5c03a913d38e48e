"""Custom item data roles shared by the models and the views."""

from PySide6.QtCore import Qt

CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ARCHIVED_ROLE = Qt.ItemDataRole.UserRole + 2
