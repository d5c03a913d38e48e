#!/usr/bin/env bash
# Sets everything up and runs every check: ruff, mypy, then the whole pytest suite, headless
# (Qt's offscreen platform), except the real tray test, which starts its own Xvfb with the
# trayer tray host and a real (xcb) window.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh  # the libraries for offscreen and for a real window (the tray test)

# The real tray test's X server and tray host (test tools, not the app's dependencies).
if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for tool in xvfb trayer; do
    dpkg-query -W -f='${Status}' "$tool" 2>/dev/null | grep -q "ok installed" || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
fi

export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
