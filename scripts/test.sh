#!/usr/bin/env bash
# Sets everything up and runs every check: ruff, mypy, then the whole pytest suite, headless
# (Qt's offscreen platform), except the real tray tests, which start their own Xvfb with the
# trayer tray host, a session bus with the dunst notification service, and real (xcb) windows.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh  # the libraries for offscreen and for a real window (the tray test)

# The real tray tests' X server and tray host, and a session bus with a notification
# service and its monitor (test tools, not the app's dependencies): tests/reminders/
# real_desktop.py lists them and says which are missing.
if command -v dpkg-query >/dev/null 2>&1; then
  read -r -a missing <<<"$(.venv/bin/python -m tests.reminders.real_desktop --missing)"
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
