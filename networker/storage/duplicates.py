"""What Find Duplicates reads (names, organizations, emails, phones in bulk) and the
pairs the user said are two people. Callers hold the transaction (services do)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from peewee import SqliteDatabase

from networker.storage.timestamps import utc_text


def people(db: SqliteDatabase) -> Iterator[tuple[int, str, str, str, str]]:
    """(id, given name, family name, name shown, organization) of each active contact."""
    yield from db.execute_sql(
        "SELECT id, given_name, family_name, display_name, organization FROM contact"
        " WHERE archived = 0"
    )


def emails(db: SqliteDatabase) -> Iterator[tuple[str, int]]:
    """(address in lower case, contact id) of every email."""
    yield from db.execute_sql("SELECT lower(trim(address)), contact_id FROM email")


def phones(db: SqliteDatabase) -> Iterator[tuple[str, int]]:
    """(number as written, contact id) of every phone."""
    yield from db.execute_sql("SELECT number, contact_id FROM phone")


def not_duplicates(db: SqliteDatabase) -> set[tuple[int, int]]:
    """The pairs (smaller id first) the user said are two people."""
    return {(a, b) for a, b in db.execute_sql("SELECT first_id, second_id FROM not_duplicate")}


def mark_not_duplicate(db: SqliteDatabase, first: int, second: int, *, now: dt.datetime) -> None:
    a, b = sorted((first, second))
    db.execute_sql(
        "INSERT OR IGNORE INTO not_duplicate (first_id, second_id, marked_at) VALUES (?, ?, ?)",
        (a, b, utc_text(now)),
    )
