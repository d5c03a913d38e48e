"""The one way Networker opens a file to read contacts from (RELIABILITY case 31).

Every reader goes through ``open_input``: the import itself, the record count for the
progress bar, the sniffing of a CSV's layout and its column mapping. Only a regular
file is read, checked on the opened descriptor (so the file checked is the file read),
opened with O_NONBLOCK so that a FIFO cannot block the open or the check, and the size
limit applies before a byte is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from networker.formats.reports import UnreadableFileError

SIZE_LIMIT = 1024**3  # docs/limits.md: refuse over 1 GiB
SIZE_WARNING = 100 * 1024**2  # and say it will take a while over 100 MB

_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def open_input(path: Path) -> BinaryIO:
    """``path`` opened for reading, or UnreadableFileError saying why not, for people."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise UnreadableFileError(f"it cannot be read: {exc.strerror or exc}.") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device or a pipe"
            raise UnreadableFileError(f"it is not a regular file ({kind}).")
        if info.st_size > SIZE_LIMIT:
            raise UnreadableFileError("it is larger than 1 GB.")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def input_size(path: Path) -> int:
    """The size of a file ``open_input`` would open (0 when it would refuse it)."""
    try:
        with open_input(path) as file:
            return os.fstat(file.fileno()).st_size
    except UnreadableFileError:
        return 0
