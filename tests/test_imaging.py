"""Pictures from untrusted bytes (RELIABILITY.md cases 21, 22)."""

import struct
import zlib

import pytest

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage, QImageReader

from networker.imaging import PictureError, limit_image_allocation, make_thumbnail


def png_bytes(width, height):
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def png_header_claiming(width, height):
    """A tiny PNG whose header declares a huge image (a decompression bomb's shape)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_photo_becomes_a_small_jpeg(qapp):
    thumbnail = make_thumbnail(png_bytes(800, 400))
    assert thumbnail.startswith(b"\xff\xd8\xff")
    image = QImage.fromData(thumbnail)
    assert (image.width(), image.height()) == (256, 128)


def test_a_bomb_is_refused_from_its_header(qapp):
    with pytest.raises(PictureError, match="too large"):
        make_thumbnail(png_header_claiming(30000, 30000))


@pytest.mark.parametrize(
    "data", [b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"%PDF-1.4", b"BM\0\0", b""]
)
def test_only_jpeg_png_and_gif_are_decoded(qapp, data):
    with pytest.raises(PictureError, match="Only JPEG, PNG and GIF"):
        make_thumbnail(data)


def test_the_environment_cannot_lift_the_allocation_limit(qapp, monkeypatch):
    monkeypatch.setenv("QT_IMAGEIO_MAXALLOC", "0")
    limit_image_allocation()
    import os

    assert "QT_IMAGEIO_MAXALLOC" not in os.environ
    assert QImageReader.allocationLimit() == 64
