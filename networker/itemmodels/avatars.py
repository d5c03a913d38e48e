"""Small round avatars: the contact's photo, else initials on a colour of their own."""

from __future__ import annotations

import zlib

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPixmap

from networker.domain.contacts import initials

# Muted colours that keep white initials readable.
_PALETTE = ["#5b7db1", "#4f9a8f", "#8a6fb0", "#b4745a", "#6b8e4e", "#a35d7a", "#507c9c", "#9a7b3c"]


def initials_key(name: str) -> tuple[str, int]:
    """What a photo-less avatar shows: the initials and the colour (from the name), so
    that everyone with the same two shares one pixmap."""
    return initials(name), zlib.crc32(name.encode("utf-8")) % len(_PALETTE)


def avatar_pixmap(name: str, photo: bytes | None, size: int, ratio: float = 1.0) -> QPixmap:
    pixels = max(1, round(size * ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    circle = QPainterPath()
    circle.addEllipse(QRectF(0, 0, pixels, pixels))
    image = QImage.fromData(photo) if photo else QImage()
    if not image.isNull():
        painter.setClipPath(circle)
        image = image.scaled(
            pixels,
            pixels,
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        painter.drawImage(
            QRectF(0, 0, pixels, pixels),
            image,
            QRectF((image.width() - pixels) / 2, (image.height() - pixels) / 2, pixels, pixels),
        )
    else:
        color = QColor(_PALETTE[zlib.crc32(name.encode("utf-8")) % len(_PALETTE)])
        painter.fillPath(circle, color)
        font = QFont()
        font.setPixelSize(max(6, int(pixels * 0.42)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, 0, pixels, pixels), Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap
