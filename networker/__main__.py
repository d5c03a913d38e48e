"""``python -m networker`` is the same as the ``networker`` command."""

import sys

from networker.cli import main

sys.exit(main())
