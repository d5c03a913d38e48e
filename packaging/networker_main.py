"""The frozen app's entry point: the same as ``python -m networker``."""

import multiprocessing
import sys

from networker.cli import main

if __name__ == "__main__":
    # The import's parsing processes are this executable started again: let them run
    # their task instead of the app (PyInstaller's documented multiprocessing support).
    multiprocessing.freeze_support()
    sys.exit(main())
