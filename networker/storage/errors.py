"""Storage problems, each with a message a user understands."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Base class; ``str()`` is the message to show."""


class NotADatabaseError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is not a Networker database (it is not an SQLite file).")
        self.path = path


class ForeignDatabaseError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is an SQLite database of another program, not of Networker.")
        self.path = path


class CorruptDatabaseError(StorageError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path} is damaged and cannot be used safely ({detail}).")
        self.path = path


class NewerDatabaseError(StorageError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"{path} was written by a newer version of Networker (schema {found}; "
            f"this version knows up to {known}). Update Networker to open it; "
            "nothing was changed."
        )
        self.path = path


class DatabaseBusyError(StorageError):
    """Another process (``networker import``, a second window on an older version) held
    the write lock for longer than the busy timeout; the change was rolled back whole."""

    def __init__(self) -> None:
        super().__init__(
            "The Networker database is busy: another program (for example "
            "'networker import') is writing to it. Nothing was changed; try again in a moment."
        )


class BackupFailedError(StorageError):
    def __init__(self, target: Path, detail: str) -> None:
        super().__init__(
            f"The backup {target} could not be written ({detail}). Your database was not changed."
        )
        self.path = target


class MigrationError(StorageError):
    pass


class ReadOnlyDatabaseError(StorageError):
    """The database, or the folder it is in, cannot be written (RELIABILITY case 7)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"The database {path} cannot be changed: {reason}. Networker can open it "
            "read-only (browse, search and export), or you can fix the permissions."
        )
        self.path = path
        self.reason = reason


class ReadOnlySessionError(StorageError):
    """A change asked for while the database is open read-only: nothing was changed."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"Networker opened your contacts read-only ({reason}), so this change cannot "
            "be saved. Nothing was changed. Fix the permissions and start Networker again."
        )
        self.reason = reason
