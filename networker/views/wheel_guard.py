"""Scrolling a form never changes a field the pointer happens to pass over: a combo box
or spin box takes the mouse wheel only once it has focus (clicked or tabbed into);
otherwise the wheel scrolls the form around it, as in most desktop apps. A user
scrolling down the contact editor changed a contact's strength without noticing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget):
            if not watched.hasFocus():
                event.ignore()  # handed on to the parent: the scroll area scrolls
                return True
        return False


_GUARD = _WheelGuard()


def guard_wheel(root: QWidget) -> None:
    """Guard every combo box and spin box under ``root`` (and ``root`` itself if it is
    one); call again for fields added later (a new row of a list editor)."""
    fields: list[QWidget] = [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]
    if isinstance(root, QComboBox | QAbstractSpinBox):
        fields.append(root)
    for field in fields:
        if field.property("wheelGuarded"):
            continue
        field.setProperty("wheelGuarded", True)
        # Focus by click or Tab, not by the wheel passing over it.
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        field.installEventFilter(_GUARD)
