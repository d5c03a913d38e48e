"""Where Networker keeps its data. Nothing here runs at import time.

The data directory is, in order: ``--data-dir``, ``NETWORKER_DATA_DIR``, then the
platform's user data directory for the app name (platformdirs).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from networker import APP_NAME

ENV_DATA_DIR = "NETWORKER_DATA_DIR"
DATABASE_NAME = "networker.sqlite3"
LOG_NAME = "networker.log"
BACKUP_DIR_NAME = "backups"


class DataDirError(Exception):
    """The data directory cannot be created or written. The message is for people."""


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def log(self) -> Path:
        return self.root / LOG_NAME

    @property
    def backups(self) -> Path:
        return self.root / BACKUP_DIR_NAME


def resolve_data_dir(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env_value = environ.get(ENV_DATA_DIR)
    if env_value:
        return Path(env_value).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def prepare_data_dir(root: Path) -> DataPaths:
    """Create the data directory (private to the user) and prove it is writable.

    Raises DataDirError naming the directory and the reason; writes nothing elsewhere.
    """
    root = root.absolute()
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise DataDirError(
            f"The data folder {root} cannot be created: a file with that name is in the way."
        ) from exc
    except OSError as exc:
        raise DataDirError(
            f"The data folder {root} cannot be created: {exc.strerror or exc}."
        ) from exc
    if not root.is_dir():
        raise DataDirError(f"The data folder {root} is not a folder.")
    try:
        # Root ignores permission bits, so os.access() is not enough: really write.
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=root)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise DataDirError(
            f"The data folder {root} is read-only or cannot be written: "
            f"{exc.strerror or exc}. Choose another folder with --data-dir, "
            "or fix its permissions."
        ) from exc
    return DataPaths(root)


def is_shared_with_others(root: Path) -> bool:
    """True when the group or others may read the data directory."""
    mode = root.stat().st_mode
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))


def create_private_file(path: Path) -> None:
    """Create an empty file readable by the user only, unless it exists already."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)
