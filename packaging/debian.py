"""Lay out the Linux desktop integration around the bundle and build the .deb with dpkg-deb.

    python packaging/debian.py --bundle dist/networker --icons build/icons --out dist

Everything that names a file type (the desktop entry's MimeType, the shared-mime-info
globs, the AppStream media types) comes from ``networker.formats.IMPORTABLE_TYPES``;
names and the version come from the package. The package installs:
  /opt/networker/                      the PyInstaller bundle
  /usr/bin/networker                   a link to its executable
  /usr/share/applications/<id>.desktop "networker %F": a double-clicked file is offered
  /usr/share/mime/packages/<id>.xml    the globs of the contact files it opens
  /usr/share/icons/hicolor/*/apps/     the icon, rendered from resources/networker.svg
  /usr/share/metainfo/<id>.metainfo.xml
dpkg's triggers (desktop-file-utils, shared-mime-info, hicolor-icon-theme) refresh the
desktop's caches on install and removal; removal leaves the user's data folder alone.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from networker import APP_ID, APP_NAME, __version__  # noqa: E402
from networker.formats import IMPORTABLE_TYPES  # noqa: E402

PACKAGE = "networker"
INSTALL_DIR = Path("/opt/networker")
SUMMARY = "Build and keep your professional network"
DESCRIPTION = (
    "Networker keeps a professional network in one private desktop app: your contacts, how "
    "you met them, their organizations, tags and notes. It imports vCard files and "
    "LinkedIn, Google and Outlook exports without duplicates. Data stays in one SQLite file "
    "in your user data folder."
)


def mime_types() -> list[str]:
    return [name for kind in IMPORTABLE_TYPES for name in (kind.mime_type, *kind.aliases)]


def desktop_entry() -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={APP_NAME}",
            "GenericName=Professional Network",
            f"Comment={SUMMARY}",
            # %F: every selected file; the running window is handed them (single instance).
            f"Exec={PACKAGE} %F",
            f"TryExec={PACKAGE}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "Categories=Office;ContactManagement;",
            "Keywords=contacts;network;networking;vCard;LinkedIn;follow-up;",
            f"MimeType={';'.join(mime_types())};",
            "StartupNotify=true",
            f"StartupWMClass={APP_NAME}",
            "",
        ]
    )


def mime_package() -> str:
    types = []
    for kind in IMPORTABLE_TYPES:
        globs = "".join(f'\n    <glob pattern="*{s}"/>' for s in kind.suffixes)
        aliases = "".join(f'\n    <alias type="{a}"/>' for a in kind.aliases)
        types.append(
            f'  <mime-type type="{kind.mime_type}">\n'
            f"    <comment>{escape(kind.description)}</comment>{globs}{aliases}\n"
            "  </mime-type>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">\n'
        + "\n".join(types)
        + "\n</mime-info>\n"
    )


def metainfo() -> str:
    media = "".join(f"\n    <mediatype>{m}</mediatype>" for m in mime_types())
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{APP_ID}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>MIT</project_license>
  <name>{APP_NAME}</name>
  <summary>{escape(SUMMARY)}</summary>
  <description>
    <p>{escape(DESCRIPTION)}</p>
  </description>
  <developer id="io.github.networker">
    <name>The Networker developers</name>
  </developer>
  <launchable type="desktop-id">{APP_ID}.desktop</launchable>
  <categories>
    <category>Office</category>
    <category>ContactManagement</category>
  </categories>
  <provides>
    <binary>{PACKAGE}</binary>{media}
  </provides>
  <content_rating type="oars-1.1"/>
  <releases>
    <release version="{__version__}" date="2026-11-28"/>
  </releases>
</component>
"""


def depends() -> str:
    """The .deb's Depends, from the same list scripts/setup.sh installs from."""
    alternatives = []
    for line in (ROOT / "packaging" / "system-libraries.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name = line.split()[0]
            alternatives.append(" | ".join(name.split("/")))
    return ", ".join(alternatives)


def architecture() -> str:
    try:
        return subprocess.check_output(["dpkg", "--print-architecture"], text=True).strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def installed_size_kib(root: Path) -> int:
    return sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir()) // 1024 + 1


def control(root: Path) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {__version__}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Architecture: {architecture()}\n"
        "Maintainer: The Networker developers <networker@users.noreply.github.com>\n"
        f"Installed-Size: {installed_size_kib(root)}\n"
        f"Depends: {depends()}\n"
        f"Description: {SUMMARY}\n"
        f" {DESCRIPTION}\n"
    )


def lay_out(root: Path, *, bundle: Path, icons: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(bundle, root / INSTALL_DIR.relative_to("/"), symlinks=True)
    launcher = root / "usr" / "bin" / PACKAGE
    launcher.parent.mkdir(parents=True)
    launcher.symlink_to(INSTALL_DIR / PACKAGE)
    share = root / "usr" / "share"
    files = {
        share / "applications" / f"{APP_ID}.desktop": desktop_entry(),
        share / "mime" / "packages" / f"{APP_ID}.xml": mime_package(),
        share / "metainfo" / f"{APP_ID}.metainfo.xml": metainfo(),
    }
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor")
    for path in root.rglob("*"):  # root:root 0755/0644 whatever the umask of the build
        if not path.is_symlink():
            executable = path.is_dir() or os.access(path, os.X_OK)
            path.chmod(0o755 if executable else 0o644)
    (root / "DEBIAN").mkdir(mode=0o755)
    (root / "DEBIAN" / "control").write_text(control(root), encoding="utf-8")


def build(root: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{PACKAGE}_{__version__}_{architecture()}.deb"
    # xz, dpkg's default (measured on the 149 MB bundle: xz 41 MB in 30 s, gzip 58 MB in
    # 19 s, zstd 56 MB in 0.5 s but unreadable by dpkg before 1.21.18): users download it.
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--icons", type=Path, default=ROOT / "build" / "icons")
    parser.add_argument("--root", type=Path, default=ROOT / "build" / "deb")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--layout-only", action="store_true", help="stop before dpkg-deb")
    args = parser.parse_args(argv)
    lay_out(args.root, bundle=args.bundle, icons=args.icons)
    if not args.layout_only:
        print(build(args.root, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
