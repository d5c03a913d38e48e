"""What can still be read from a damaged database (RELIABILITY.md case 8).

A damaged page loses the rows on it, not the whole file: the ids come from the table
and from each of its indexes (an index holds every id, even when table pages are
damaged), and each contact is then read on its own, so one bad page costs only the
contacts stored on it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from peewee import SqliteDatabase

from networker.domain.contacts import ContactDraft
from networker.storage import contacts
from networker.storage.db import DRIVER_ERRORS

# Ways to list the contacts' ids; each may fail at a damaged page.
ID_SOURCES = (
    "SELECT id FROM contact",
    "SELECT id FROM contact INDEXED BY contact_archived_sort_name",
    "SELECT id FROM contact INDEXED BY sqlite_autoindex_contact_1",
)


def readable_contact_ids(db: SqliteDatabase) -> list[int]:
    found: set[int] = set()
    for sql in ID_SOURCES:
        try:
            for (contact_id,) in db.execute_sql(sql):
                found.add(int(contact_id))
        except DRIVER_ERRORS:
            continue  # keep what came before the damaged page; try the next way
    return sorted(found)


def read_contact(db: SqliteDatabase, contact_id: int) -> ContactDraft | None:
    """The contact, or None when its row or one of its parts cannot be read."""
    try:
        record = contacts.load_contact(db, contact_id)
    except DRIVER_ERRORS:
        return None
    return record.draft if record is not None else None


@contextlib.contextmanager
def damaged_file(path: Path) -> Iterator[SqliteDatabase]:
    """The file at ``path``, read-only and immutable (nothing in it can change, and a
    WAL file beside it is not needed)."""
    db = SqliteDatabase(
        f"{path.absolute().as_uri()}?mode=ro&immutable=1",
        uri=True,
        pragmas={"cell_size_check": 1, "trusted_schema": 0},
    )
    try:
        yield db
    finally:
        db.close()
