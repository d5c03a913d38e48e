"""``python -m networker`` is the same as the ``networker`` command."""

import sys

from networker.cli import main

# Guarded: an import's parsing processes (spawned) import this module as __mp_main__.
if __name__ == "__main__":
    sys.exit(main())
