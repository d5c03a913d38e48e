"""Pictures from untrusted bytes: bounded decoding and small thumbnails (QtGui only).

Limits (docs/limits.md): JPEG, PNG and GIF by magic bytes only,
the size read from the header before any pixel is decoded, a 64 MB allocation
limit that the environment cannot lift, and a re-encoded JPEG as the stored copy.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

THUMBNAIL_SIDE = 256
MAX_SIDE = 4096
MAX_PIXELS = 16_000_000
ALLOCATION_LIMIT_MB = 64
MAX_INPUT_BYTES = 20 * 1024 * 1024

_MAGIC = {
    b"\xff\xd8\xff": b"jpeg",
    b"\x89PNG\r\n\x1a\n": b"png",
    b"GIF87a": b"gif",
    b"GIF89a": b"gif",
}


class PictureError(ValueError):
    """A picture that will not be used; the message says why, for people."""


def limit_image_allocation() -> None:
    """Call once before any image is decoded: QT_IMAGEIO_MAXALLOC would override the API."""
    os.environ.pop("QT_IMAGEIO_MAXALLOC", None)
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)


def picture_format(data: bytes) -> bytes | None:
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            return name
    return None


def make_thumbnail(data: bytes, *, side: int = THUMBNAIL_SIDE) -> bytes:
    """A JPEG of at most side x side pixels made from ``data``; raises PictureError."""
    if len(data) > MAX_INPUT_BYTES:
        raise PictureError("This picture file is too large (over 20 MB).")
    kind = picture_format(data)
    if kind is None:
        raise PictureError("Only JPEG, PNG and GIF pictures can be used.")
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(kind))
    size = reader.size()
    if not size.isValid():
        raise PictureError("This picture cannot be read.")
    if max(size.width(), size.height()) > MAX_SIDE or size.width() * size.height() > MAX_PIXELS:
        raise PictureError(
            f"This picture is too large ({size.width()} x {size.height()} pixels); "
            f"use one of at most {MAX_SIDE} x {MAX_SIDE}."
        )
    scaled = size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio)
    if scaled.width() < size.width():
        reader.setScaledSize(scaled)
    image = reader.read()
    if image.isNull():
        raise PictureError(f"This picture cannot be read ({reader.errorString()}).")
    if kind == b"jpeg" and scaled.width() >= size.width() and not _has_metadata(data):
        # Already a small plain JPEG (one we made, say): kept as it is, so a photo is not
        # re-encoded, and a little worse, on every import of a file we wrote.
        return data
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    out = QBuffer()
    out.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(out, "JPEG", 85)  # type: ignore[call-overload]  # the stub says bytes; PySide takes str
    return bytes(out.data().data())


def _has_metadata(data: bytes) -> bool:
    """Whether a JPEG carries segments a thumbnail drops: EXIF or XMP (APP1), IPTC
    (APP13), or anything that is not a well-formed run of segments."""
    index = 2
    while index + 4 <= len(data):
        if data[index] != 0xFF:
            return True
        marker = data[index + 1]
        if marker == 0xDA:  # start of scan: the headers are over
            return False
        if marker in (0xE1, 0xED):
            return True
        index += 2 + int.from_bytes(data[index + 2 : index + 4], "big")
    return True
