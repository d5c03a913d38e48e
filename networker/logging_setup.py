"""Warnings and tracebacks go to a rotating log file in the data directory.

Users see messages, never tracebacks; the log never holds contact field values.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from networker.paths import create_private_file

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(log_file: Path | None, *, level: int = logging.INFO) -> None:
    """Send records to ``log_file`` (rotating, 1 MB x 3) and warnings to stderr."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_networker", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    unwritable: OSError | None = None
    if log_file is not None:
        try:
            create_private_file(log_file)
            file_handler = _PrivateRotatingFileHandler(
                log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError as exc:  # a folder in its place, say: no log file is no reason to stop
            unwritable = exc
        else:
            file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
            file_handler._networker = True  # type: ignore[attr-defined]
            root.addHandler(file_handler)
    stderr_handler = logging.StreamHandler(sys.stderr)
    stderr_handler.setLevel(logging.WARNING)
    stderr_handler.setFormatter(_OneLineFormatter("networker: %(levelname)s: %(message)s"))
    stderr_handler._networker = True  # type: ignore[attr-defined]
    root.addHandler(stderr_handler)
    logging.captureWarnings(True)
    if unwritable is not None:
        logging.getLogger(__name__).warning(
            "cannot write the log file %s (%s); warnings go to the terminal only",
            log_file,
            unwritable.strerror or unwritable,
        )


class _OneLineFormatter(logging.Formatter):
    """For the terminal: the message only; tracebacks go to the log file alone."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.exc_text or record.stack_info:
            record = logging.makeLogRecord(record.__dict__)
            record.exc_info = record.exc_text = record.stack_info = None
        return super().format(record)


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every log file it opens, the one a rotation starts too, is readable by the user
    only (the stock handler created the new file with the umask's 0644)."""

    def _open(self):  # type: ignore[no-untyped-def]
        create_private_file(Path(self.baseFilename))
        return super()._open()
