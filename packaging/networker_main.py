"""The frozen app's entry point: the same as ``python -m networker``."""

import sys

from networker.cli import main

if __name__ == "__main__":
    sys.exit(main())
