"""How instants are stored: UTC, to the second, as text SQLite's date functions read
("2026-12-01 22:50:11"). Aware datetimes in, aware UTC datetimes out."""

from __future__ import annotations

import datetime as dt

from peewee import DateTimeField

FORMAT = "%Y-%m-%d %H:%M:%S"


def utc_text(instant: dt.datetime) -> str:
    if instant.tzinfo is None:
        raise ValueError("a naive datetime cannot be stored: say which zone it is in")
    return instant.astimezone(dt.UTC).strftime(FORMAT)


def from_utc_text(text: str) -> dt.datetime:
    # fromisoformat, not strptime: about twenty times faster (reading 100,000 reminders
    # and interactions was seconds of strptime).
    return dt.datetime.fromisoformat(text[:19]).replace(tzinfo=dt.UTC)


def local_text_to_utc_text(text: str) -> str:
    """A timestamp written by a build that stored this computer's local time (schema
    before step 5), as UTC; the offset is the one in force on that date."""
    naive = dt.datetime.fromisoformat(text)
    aware = naive if naive.tzinfo else naive.astimezone()  # local, with that day's DST
    return utc_text(aware)


class UtcDateTimeField(DateTimeField):
    """A DateTimeField that stores and returns instants in UTC."""

    def db_value(self, value: dt.datetime | None) -> str | None:
        return None if value is None else utc_text(value)

    def python_value(self, value: str | None) -> dt.datetime | None:
        return None if value is None else from_utc_text(value)


def met_at_of(day: dt.date) -> str:
    """A day a file gives (LinkedIn's Connected On) as a meeting time: its noon in UTC,
    the same date wherever the user is within twelve hours of UTC."""
    return f"{day.isoformat()} 12:00:00"
