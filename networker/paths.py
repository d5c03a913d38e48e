"""Where Networker keeps its data. Nothing here runs at import time.

The data directory is, in order: ``--data-dir``, ``NETWORKER_DATA_DIR``, then the
platform's user data directory for the app name (platformdirs).
"""

from __future__ import annotations

import errno
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
    # Why the folder cannot be written ("" when it can): only a read-only session,
    # which needs a database already there, may use such a folder.
    read_only: str = ""

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


def prepare_data_dir(root: Path, *, allow_read_only: bool = False) -> DataPaths:
    """Create the data directory (private to the user) and prove it is writable.

    ``allow_read_only``: a folder that cannot be written but holds a database is
    returned with ``read_only`` set to the reason (for a read-only session: browse,
    search, export). Raises DataDirError naming the directory and the reason; writes
    nothing elsewhere.
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
        if allow_read_only and (root / DATABASE_NAME).is_file():
            return DataPaths(
                root, read_only=f"the data folder {root} is read-only ({exc.strerror or exc})"
            )
        raise DataDirError(
            f"The data folder {root} is read-only or cannot be written: "
            f"{exc.strerror or exc}. Choose another folder with --data-dir, "
            "or fix its permissions."
        ) from exc
    return DataPaths(root)


class KeptFileError(OSError):
    """An export (or any write) aimed at a file Networker keeps in its data folder."""

    def __init__(self, target: str | os.PathLike[str], root: Path) -> None:
        message = (
            f"it is in Networker's data folder {root}, where the database, its backups, "
            "the log and the lock live; choose a file outside that folder"
        )
        super().__init__(errno.EPERM, message, str(target))

    def __str__(self) -> str:
        return str(self.strerror)


def refuse_data_folder_target(target: str | os.PathLike[str], root: Path) -> None:
    """Raise KeptFileError when ``target`` is, or resolves to, anything in the data folder
    ``root``: by name (links and ``..`` resolved) or as a hard link to one of its files.

    The one check every export goes through (services/exporting.py): an export renames
    its file over the target, which would replace the live database with vCard text.
    """
    resolved_root = Path(os.path.realpath(root))
    resolved = Path(os.path.realpath(target))
    if resolved == resolved_root or resolved_root in resolved.parents:
        raise KeptFileError(target, root)
    try:
        found = os.stat(resolved)
    except OSError:
        return  # nothing there yet: a new file outside the folder
    if not stat.S_ISREG(found.st_mode) or found.st_nlink < 2:
        return
    for folder, _dirs, names in os.walk(resolved_root):
        for name in names:
            try:
                kept = os.stat(os.path.join(folder, name), follow_symlinks=False)
            except OSError:
                continue
            if (kept.st_dev, kept.st_ino) == (found.st_dev, found.st_ino):
                raise KeptFileError(target, root)


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
