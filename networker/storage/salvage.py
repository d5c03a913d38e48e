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

from networker.domain.contacts import ContactDraft, ContactRecord
from networker.storage import contacts
from networker.storage.db import DRIVER_ERRORS

# Ways to list the contacts' ids; each may fail at a damaged page.
ID_SOURCES = (
    "SELECT id FROM main.contact",
    "SELECT id FROM main.contact INDEXED BY contact_archived_sort_name",
    "SELECT id FROM main.contact INDEXED BY sqlite_autoindex_contact_1",
)

# What later steps added, for reading a file of an older schema: the file cannot be
# migrated (it is damaged, and opened read-only), so temporary views give its tables
# the new columns, empty: step 9 the whole card, step 13 the kept vCard parameters,
# step 15 the form a related person was written in.
_ADDED_COLUMNS = {
    "contact": ("name_prefix", "middle_name", "name_suffix", "gender"),
    "email": ("types", "params"),
    "phone": ("types", "params"),
    "url": ("types", "params"),
    "contact_detail": ("written_as", "params"),
}
# An added column whose value for older rows is not empty: as the migration step sets it.
_ADDED_AS = {"written_as": "CASE kind WHEN 'related' THEN 'RELATED' ELSE '' END"}
_CONTACT_DETAIL = (
    "CREATE TEMP TABLE contact_detail (id INTEGER PRIMARY KEY, contact_id INTEGER,"
    " kind TEXT, label TEXT, types TEXT, value TEXT, position INTEGER, written_as TEXT,"
    " params TEXT)"
)


def read_older_schemas(db: SqliteDatabase) -> None:
    """Let this build's queries read a file that an older build wrote (see above)."""
    try:
        for table, added in _ADDED_COLUMNS.items():
            columns = {row[1] for row in db.execute_sql(f"PRAGMA main.table_info({table})")}
            missing = [name for name in added if name not in columns]
            if columns and missing:
                empty = ", ".join(f"{_ADDED_AS.get(name, repr(''))} AS {name}" for name in missing)
                db.execute_sql(f"CREATE TEMP VIEW {table} AS SELECT *, {empty} FROM main.{table}")
        tables = {row[0] for row in db.execute_sql("SELECT name FROM main.sqlite_master")}
        if "contact_detail" not in tables:
            db.execute_sql(_CONTACT_DETAIL)
    except DRIVER_ERRORS:
        return  # the schema itself is damaged: the reads fail and say so


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
    record = read_record(db, contact_id)
    return record.draft if record is not None else None


def read_record(db: SqliteDatabase, contact_id: int) -> ContactRecord | None:
    """The contact with its stored state, or None when any part of it cannot be read."""
    try:
        return contacts.load_contact(db, contact_id)
    except DRIVER_ERRORS:
        return None


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
        read_older_schemas(db)
        yield db
    finally:
        db.close()
