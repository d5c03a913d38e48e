"""The Linux desktop integration is generated from the package's own metadata."""

import configparser
import xml.etree.ElementTree as ET
from pathlib import Path

from networker import APP_ID, __version__
from networker.formats import IMPORTABLE_TYPES

ROOT = Path(__file__).resolve().parents[2]


def test_the_desktop_entry_opens_every_importable_type(debian):
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read_string(debian.desktop_entry())
    section = entry["Desktop Entry"]
    assert section["Exec"] == "networker %F"
    assert section["Icon"] == APP_ID
    listed = set(section["MimeType"].rstrip(";").split(";"))
    assert {"text/vcard", "text/csv"} <= listed
    assert {kind.mime_type for kind in IMPORTABLE_TYPES} <= listed


def test_the_mime_package_declares_each_suffix(debian):
    namespace = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    tree = ET.fromstring(debian.mime_package())
    globs = {
        glob.get("pattern"): kind.get("type")
        for kind in tree.findall("m:mime-type", namespace)
        for glob in kind.findall("m:glob", namespace)
    }
    assert globs == {
        "*.vcf": "text/vcard", "*.vcard": "text/vcard", "*.csv": "text/csv",
        "*.ics": "text/calendar",
    }  # fmt: skip


def test_the_metainfo_names_the_desktop_file_and_version(debian):
    tree = ET.fromstring(debian.metainfo())
    assert tree.findtext("id") == APP_ID
    assert tree.find("launchable").text == f"{APP_ID}.desktop"
    assert tree.find("releases/release").get("version") == __version__


def test_the_package_depends_on_what_setup_installs(debian):
    depends = debian.depends().split(", ")
    assert "libglib2.0-0t64 | libglib2.0-0" in depends
    assert "libxcb-cursor0" in depends and "fonts-dejavu-core" in depends


def test_the_layout_puts_the_bundle_under_opt_with_a_launcher(debian, icons, qapp, tmp_path):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "networker").write_text("#!/bin/sh\n")
    (bundle / "networker").chmod(0o700)
    icons.write_icons(tmp_path / "icons", APP_ID)
    root = tmp_path / "root"
    debian.lay_out(root, bundle=bundle, icons=tmp_path / "icons")
    assert (root / "usr/bin/networker").readlink() == Path("/opt/networker/networker")
    assert (root / "opt/networker/networker").stat().st_mode & 0o777 == 0o755
    assert (root / f"usr/share/applications/{APP_ID}.desktop").is_file()
    assert (root / f"usr/share/icons/hicolor/16x16/apps/{APP_ID}.png").is_file()
    control = (root / "DEBIAN/control").read_text()
    assert f"Version: {__version__}\n" in control and "Package: networker\n" in control
