"""Light touches over the native style, set in code: the platform look stays.

Fonts and palette colours rather than an application style sheet: a global style sheet
puts every widget through Qt's style-sheet style, which measured 25 ms of a 70 ms window
build and first paint. Only the navigation list keeps a small style sheet of its own.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QWidget

ERROR_COLOUR = QColor("#b3261e")
_INVALID_BORDER = "border: 1px solid #b3261e; border-radius: 3px;"


def _font(widget: QWidget, *, bold: bool = False, point_size: float | None = None) -> None:
    font = widget.font()
    font.setBold(bold)
    if point_size is not None:
        font.setPointSizeF(point_size)
    widget.setFont(font)


def _text_colour(widget: QWidget, colour: QColor) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    palette.setColor(QPalette.ColorRole.Text, colour)
    widget.setPalette(palette)


def section_title(label: QLabel) -> None:
    """A form section's title: bold, in the highlight colour, some room above."""
    _font(label, bold=True)
    _text_colour(label, label.palette().color(QPalette.ColorRole.Highlight))
    label.setContentsMargins(0, 10, 0, 0)


def heading(label: QLabel) -> None:
    _font(label, bold=True, point_size=16)


def muted(label: QLabel) -> None:
    """Secondary text (a subheading, timestamps) in the placeholder colour."""
    _text_colour(label, label.palette().color(QPalette.ColorRole.PlaceholderText))


def empty_state(label: QLabel) -> None:
    """The "nothing here yet, here is what to do" text of an empty page or list."""
    muted(label)
    _font(label, point_size=11)
    label.setMargin(24)


def validation_message(label: QLabel) -> None:
    _text_colour(label, ERROR_COLOUR)
    label.setContentsMargins(16, 4, 16, 4)


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """A red border on a field that holds a problem (the message says which)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.setStyleSheet(_INVALID_BORDER if invalid else "")


def navigation(view: QListWidget) -> None:
    """The page list at the window's left: flat, a line on its right, larger text."""
    view.setFrameShape(QFrame.Shape.NoFrame)
    _font(view, point_size=11)
    view.setStyleSheet(
        "QListWidget { border: none; border-right: 1px solid palette(mid);"
        " background: palette(window); padding-top: 8px; }"
        " QListWidget::item { padding-left: 14px; }"
        " QListWidget::item:selected { background: palette(highlight);"
        " color: palette(highlighted-text); }"
    )


def banner(frame: QFrame) -> None:
    """A strip across the top of the window asking for attention: the tooltip colours
    (a soft yellow on most desktops), a line below."""
    frame.setAutoFillBackground(True)
    palette = frame.palette()
    palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.ToolTipBase))
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.ToolTipText))
    frame.setPalette(palette)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
