#!/usr/bin/env bash
# Sets Networker up on a Debian/Ubuntu machine: the system libraries Qt needs (only those
# missing are installed) and a virtual environment in .venv with Networker and its tests.
#   scripts/setup.sh            libraries for a real window (xcb) and for headless tests
#   scripts/setup.sh --headless only what the offscreen tests need
set -euo pipefail
cd "$(dirname "$0")/.."

# The list lives in packaging/system-libraries.txt (the .deb depends on the same packages).
wanted=()
while read -r name use; do
  case "$name" in ''|'#'*) continue ;; esac
  if [ "$use" = headless ] || [ "${1:-}" != "--headless" ]; then wanted+=("$name"); fi
done <packaging/system-libraries.txt

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for choice in "${wanted[@]}"; do
    # "new/old": Debian 13 and Ubuntu 24.04 renamed some libraries with a t64 suffix.
    IFS=/ read -r -a names <<<"$choice"
    ok=""
    for name in "${names[@]}"; do installed "$name" && ok=1; done
    [ -n "$ok" ] || missing+=("$choice")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    for choice in "${missing[@]}"; do
      IFS=/ read -r -a names <<<"$choice"
      for name in "${names[@]}"; do
        if apt-cache show "$name" >/dev/null 2>&1; then
          echo "setup: installing $name"
          DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$name" >/dev/null
          break
        fi
      done
    done
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
# pip compiles what it installs, but not an editable checkout, and with
# PYTHONDONTWRITEBYTECODE=1 (set on some machines) Python never writes the cache itself:
# every start would compile Networker's modules again (measured: 50 ms of a 300 ms start).
.venv/bin/python -m compileall -q networker resources >/dev/null
