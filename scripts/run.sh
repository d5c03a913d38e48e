#!/usr/bin/env bash
# Sets everything up (first run) and opens Networker. Extra arguments go to networker.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/networker "$@"
