#!/usr/bin/env bash
# Builds Networker as an installed app: the PyInstaller bundle in dist/networker/ and the
# Debian package dist/networker_VERSION_ARCH.deb (Linux desktop entry, MIME types, icons).
#   packaging/build.sh            bundle + .deb
#   packaging/build.sh --onefile  also dist/networker-onefile (one executable)
# On Windows and macOS run the PyInstaller step by hand (see README): the spec builds there.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || scripts/setup.sh --headless
quietly() {  # pip's build backend chatters on stderr; show it only when a step fails
  local log; log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; return 1; fi
  rm -f "$log"
}
quietly .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[package]"

# PyInstaller's cache goes to a temporary folder, not the user's home.
PYINSTALLER_CONFIG_DIR=$(mktemp -d)
export PYINSTALLER_CONFIG_DIR
trap 'rm -rf "$PYINSTALLER_CONFIG_DIR"' EXIT

rm -rf build/site build/icons build/deb build/pyinstaller-* dist/networker dist/networker_*.deb
# The bundle is made from the package as users install it (resources/ becomes
# networker/resources), not from the source tree.
quietly .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-compile \
  --target build/site .
QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/icons.py build/icons >/dev/null

pyinstaller() {  # pyinstaller KIND DISTPATH (KIND: onedir or onefile, read by the spec)
  NETWORKER_BUNDLE=$1 .venv/bin/pyinstaller --noconfirm --log-level ERROR --distpath "$2" \
    --workpath "build/pyinstaller-$1" packaging/networker.spec
}
pyinstaller onedir dist
if [ "${1:-}" = --onefile ]; then
  rm -rf build/onefile dist/networker-onefile
  pyinstaller onefile build/onefile
  mv build/onefile/networker dist/networker-onefile
fi

if command -v dpkg-deb >/dev/null 2>&1; then
  .venv/bin/python packaging/debian.py --bundle dist/networker --icons build/icons \
    --root build/deb --out dist
else
  echo "build: dpkg-deb not found; the .deb was not built" >&2
fi
du -sh dist/networker dist/*.deb 2>/dev/null || true
