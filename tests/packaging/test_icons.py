"""One design everywhere: every icon is rendered from resources/networker.svg."""

from PySide6.QtGui import QImage, QImageReader

from networker import APP_ID


def sizes_in(path):
    reader = QImageReader(str(path))
    assert reader.canRead(), reader.errorString()
    found = set()
    for _ in range(reader.imageCount()):
        found.add(reader.read().width())
        reader.jumpToNextImage()
    return found


def test_hicolor_icons_at_each_size_with_the_scalable_master(qapp, icons, tmp_path):
    icons.write_icons(tmp_path, APP_ID)
    for size in icons.HICOLOR_SIZES:
        image = QImage(str(tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
    scalable = tmp_path / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == icons.MASTER.read_bytes()


def test_the_16_pixel_icon_is_not_blank(qapp, icons):
    image = icons.render(icons.MASTER, 16)
    colours = {image.pixel(x, y) for x in range(16) for y in range(16)}
    assert len(colours) > 8  # background, nodes and edges, not a smudge of one colour


def test_windows_and_mac_icons_hold_every_size(qapp, icons, tmp_path):
    icons.write_icons(tmp_path, APP_ID)
    assert sizes_in(tmp_path / "networker.ico") == set(icons.ICO_SIZES)
    assert sizes_in(tmp_path / "networker.icns") == set(icons.ICNS_TYPES)
