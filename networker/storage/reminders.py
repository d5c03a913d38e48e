"""Every query about reminders: stored ones (follow-ups, thank-yous, and the state of
computed ones once acted on), and what keep-in-touch and birthdays are computed from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from peewee import SqliteDatabase

from networker.storage.timestamps import from_utc_text, utc_text


@dataclass(frozen=True)
class StoredReminder:
    id: int
    kind: str
    contact_id: int | None
    interaction_id: int | None
    occurrence: str
    title: str
    due_at: dt.datetime
    state: str
    snoozed_until: dt.datetime | None
    notified_at: dt.datetime | None

    @property
    def effective_due(self) -> dt.datetime:
        return self.snoozed_until or self.due_at


_COLUMNS = (
    "id, kind, contact_id, interaction_id, occurrence, title, due_at, state, snoozed_until,"
    " notified_at"
)


def _reminder(row: Sequence[Any]) -> StoredReminder:
    (reminder_id, kind, contact_id, interaction_id, occurrence, title, due_at, state,
     snoozed, notified) = row  # fmt: skip
    return StoredReminder(
        int(reminder_id), kind, contact_id, interaction_id, occurrence, title,
        from_utc_text(due_at), state,
        from_utc_text(snoozed) if snoozed else None,
        from_utc_text(notified) if notified else None,
    )  # fmt: skip


def add(
    db: SqliteDatabase,
    *,
    kind: str,
    contact_id: int | None,
    title: str,
    due_at: dt.datetime,
    now: dt.datetime,
    interaction_id: int | None = None,
    occurrence: str = "",
    state: str = "open",
    event_id: int | None = None,
) -> int:
    """A reminder; the same kind, contact and occurrence is stored once (the existing
    one is returned; looked up first, as the unique index tells no two NULL contacts
    apart: an event's reminder has none)."""
    sql = "SELECT id FROM reminder WHERE kind = ? AND contact_id IS ? AND occurrence = ?"
    row = db.execute_sql(sql, (kind, contact_id, occurrence)).fetchone()
    if row is not None and occurrence:
        return int(row[0])
    cursor = db.execute_sql(
        "INSERT OR IGNORE INTO reminder (kind, contact_id, interaction_id, occurrence, title,"
        " due_at, state, created_at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (kind, contact_id, interaction_id, occurrence, title, utc_text(due_at), state,
         utc_text(now), event_id),
    )  # fmt: skip
    if cursor.rowcount:
        return int(cursor.lastrowid)
    return int(db.execute_sql(sql, (kind, contact_id, occurrence)).fetchone()[0])


def get(db: SqliteDatabase, reminder_id: int) -> StoredReminder | None:
    row = db.execute_sql(f"SELECT {_COLUMNS} FROM reminder WHERE id = ?", (reminder_id,)).fetchone()
    return _reminder(row) if row else None


# The kinds computed from the contacts (keep in touch, birthdays) and the events (their
# reminder before each occurrence): their rows only hold the state of an occurrence the
# user acted on or was told about.
COMPUTED_KINDS = ("keep-in-touch", "birthday", "event")
_STORED_ONLY = f"kind NOT IN {COMPUTED_KINDS!r}"
_EFFECTIVE = "coalesce(snoozed_until, due_at)"
# Named, because SQLite's planner prefers an index on the equality (state = 'open',
# archived = 0) and then sorts every row: measured 50 ms and 660 ms at 100,000 contacts.
_BY_EFFECTIVE = "reminder INDEXED BY reminder_open_effective"
_BY_KIND_EFFECTIVE = "reminder INDEXED BY reminder_open_kind_effective"


def open_until(
    db: SqliteDatabase,
    until: dt.datetime,
    *,
    per_kind: int | None = None,
    kinds: Sequence[str] = (),
    unnotified: bool = False,
) -> list[StoredReminder]:
    """Open reminders of the stored kinds due (or back from a snooze) by ``until``,
    earliest first; with ``per_kind``, the earliest so many of each of ``kinds`` (a
    query each: a walk of the index that stops there); ``unnotified``: only those
    nobody was told about yet."""
    sql = (
        f"SELECT {_COLUMNS} FROM {_BY_EFFECTIVE} WHERE state = 'open' AND {_STORED_ONLY}"
        f" AND {_EFFECTIVE} <= ?" + (" AND notified_at IS NULL" if unnotified else "")
    )
    if per_kind is None:
        rows = db.execute_sql(f"{sql} ORDER BY {_EFFECTIVE}, id", (utc_text(until),)).fetchall()
    else:
        rows = []
        for kind in kinds:
            rows += db.execute_sql(
                f"SELECT {_COLUMNS} FROM {_BY_KIND_EFFECTIVE} WHERE state = 'open' AND kind = ?"
                f" AND {_EFFECTIVE} <= ? ORDER BY {_EFFECTIVE}, id LIMIT ?",
                (kind, utc_text(until), per_kind),
            ).fetchall()
    return [_reminder(row) for row in rows]


def count_open(
    db: SqliteDatabase, now: dt.datetime, until: dt.datetime
) -> dict[str, tuple[int, int]]:
    """How many open reminders of each stored kind are due by ``now`` and by ``until``."""
    rows = db.execute_sql(
        f"SELECT kind, sum({_EFFECTIVE} <= ?), count(*) FROM {_BY_KIND_EFFECTIVE}"
        f" WHERE state = 'open' AND {_STORED_ONLY} AND {_EFFECTIVE} <= ? GROUP BY kind",
        (utc_text(now), utc_text(until)),
    )
    return {kind: (int(by_now), int(by_until)) for kind, by_now, by_until in rows}


def next_open_due(db: SqliteDatabase, after: dt.datetime | None) -> dt.datetime | None:
    """When the next open reminder not yet notified comes due (after ``after``, if
    given). Snoozed occurrences of the computed kinds count too: their time is theirs."""
    row = db.execute_sql(
        f"SELECT {_EFFECTIVE} FROM {_BY_EFFECTIVE} WHERE state = 'open' AND notified_at IS NULL"
        f" AND {_EFFECTIVE} > ? AND ({_STORED_ONLY} OR snoozed_until IS NOT NULL)"
        f" ORDER BY {_EFFECTIVE} LIMIT 1",
        (utc_text(after) if after else "",),
    ).fetchone()
    return from_utc_text(row[0]) if row else None


def for_occurrences(
    db: SqliteDatabase, kind: str, contact_ids: Sequence[int]
) -> dict[tuple[int, str], StoredReminder]:
    """Stored state of computed reminders (keep in touch, birthdays) of these contacts."""
    found: dict[tuple[int, str], StoredReminder] = {}
    for start in range(0, len(contact_ids), 500):
        part = list(contact_ids[start : start + 500])
        marks = ",".join("?" * len(part))
        for row in db.execute_sql(
            f"SELECT {_COLUMNS} FROM reminder WHERE kind = ? AND contact_id IN ({marks})",
            [kind, *part],
        ):
            reminder = _reminder(row)
            assert reminder.contact_id is not None
            found[(reminder.contact_id, reminder.occurrence)] = reminder
    return found


def for_event_occurrences(
    db: SqliteDatabase, occurrences: Sequence[str]
) -> dict[str, StoredReminder]:
    """Stored state of event reminders, by occurrence ("series id:start")."""
    found: dict[str, StoredReminder] = {}
    for start in range(0, len(occurrences), 500):
        part = list(occurrences[start : start + 500])
        marks = ",".join("?" * len(part))
        for row in db.execute_sql(
            f"SELECT {_COLUMNS} FROM reminder WHERE kind = 'event' AND contact_id IS NULL"
            f" AND occurrence IN ({marks})",
            part,
        ):
            reminder = _reminder(row)
            found[reminder.occurrence] = reminder
    return found


def reset_touch(db: SqliteDatabase, contact_id: int, at: dt.datetime) -> None:
    """Keeping in touch with the contact was marked done (or dismissed) ``at``: the
    cadence counts from then (the schema's triggers move next_touch_at)."""
    put_touch_reset(db, contact_id, utc_text(at))


def state_of(db: SqliteDatabase, reminder_id: int) -> tuple[object, ...] | None:
    """What done, dismiss and snooze change of a reminder (undo puts it back)."""
    found = db.execute_sql(
        "SELECT state, snoozed_until, notified_at FROM reminder WHERE id = ?", (reminder_id,)
    ).fetchone()
    return tuple(found) if found is not None else None


def put_state(db: SqliteDatabase, reminder_id: int, state: tuple[object, ...]) -> None:
    db.execute_sql(
        "UPDATE reminder SET state = ?, snoozed_until = ?, notified_at = ? WHERE id = ?",
        (*state, reminder_id),
    )


def delete(db: SqliteDatabase, reminder_id: int) -> None:
    db.execute_sql("DELETE FROM reminder WHERE id = ?", (reminder_id,))


def touch_reset_of(db: SqliteDatabase, contact_id: int) -> str | None:
    found = db.execute_sql("SELECT touch_reset_at FROM contact WHERE id = ?", (contact_id,))
    row = found.fetchone()
    return row[0] if row is not None else None


def put_touch_reset(db: SqliteDatabase, contact_id: int, value: str | None) -> None:
    """A contact's touch_reset_at as stored (undo puts back what reset_touch replaced)."""
    db.execute_sql("UPDATE contact SET touch_reset_at = ? WHERE id = ?", (value, contact_id))


def set_state(db: SqliteDatabase, reminder_id: int, state: str) -> None:
    db.execute_sql("UPDATE reminder SET state = ? WHERE id = ?", (state, reminder_id))


def snooze(db: SqliteDatabase, reminder_id: int, until: dt.datetime) -> None:
    """Due again at ``until``, and notified again then."""
    db.execute_sql(
        "UPDATE reminder SET state = 'open', snoozed_until = ?, notified_at = NULL WHERE id = ?",
        (utc_text(until), reminder_id),
    )


def mark_notified(db: SqliteDatabase, reminder_ids: Sequence[int], at: dt.datetime) -> None:
    db.connection().executemany(
        "UPDATE reminder SET notified_at = ? WHERE id = ?",
        [(utc_text(at), reminder_id) for reminder_id in reminder_ids],
    )


def close_open(db: SqliteDatabase, kind: str, contact_ids: Sequence[int]) -> list[int]:
    """Mark the open reminders of a kind for these contacts done (a thank-you logged
    closes the "say thank you" ones); returns their ids."""
    closed = []
    for contact_id in contact_ids:
        rows = db.execute_sql(
            "SELECT id FROM reminder WHERE kind = ? AND contact_id = ? AND state = 'open'",
            (kind, contact_id),
        ).fetchall()
        closed += [row[0] for row in rows]
    db.connection().executemany(
        "UPDATE reminder SET state = 'done' WHERE id = ?", [(i,) for i in closed]
    )
    return closed


def delete_for_interaction(db: SqliteDatabase, interaction_id: int, kind: str) -> None:
    db.execute_sql(
        "DELETE FROM reminder WHERE interaction_id = ? AND kind = ? AND state = 'open'",
        (interaction_id, kind),
    )


_CADENCE = (
    "coalesce(c.cadence_days, (SELECT min(tc.cadence_days) FROM contact_tag ct"
    " JOIN tag_cadence tc ON tc.tag_id = ct.tag_id WHERE ct.contact_id = c.id))"
)
# The stored state of each contact's current keep-in-touch occurrence (its UTC day).
_TOUCH_STATE = (
    "LEFT JOIN reminder r ON r.kind = 'keep-in-touch' AND r.contact_id = c.id"
    " AND r.occurrence = date(c.next_touch_at)"
)
_R_COLUMNS = ", ".join(f"r.{column.strip()}" for column in _COLUMNS.split(","))


@dataclass(frozen=True)
class TouchDue:
    """A contact's current keep-in-touch occurrence, with its stored state if any."""

    contact_id: int
    name: str
    due_at: dt.datetime
    cadence_days: int
    stored: StoredReminder | None


# An occurrence still to do: never acted on, or snoozed (its time is its snooze's).
_TOUCH_OPEN = "(r.id IS NULL OR r.state = 'open')"
_TOUCH_DUE_BY = f"{_TOUCH_OPEN} AND coalesce(r.snoozed_until, c.next_touch_at) <= ?"
# The current occurrences the user acted on (reminder_touch_acted: few rows).
_TOUCH_ACTED = (
    "FROM reminder r INDEXED BY reminder_touch_acted JOIN contact c ON c.id = r.contact_id"
    " AND r.occurrence = date(c.next_touch_at) WHERE r.kind = 'keep-in-touch'"
    " AND (r.state != 'open' OR r.snoozed_until IS NOT NULL)"
)
# Snoozed to a time before its own due time (from "coming up this week").
_TOUCH_SNOOZED_EARLY = (
    f"{_TOUCH_ACTED} AND r.state = 'open' AND r.snoozed_until <= ? AND c.next_touch_at > ?"
)


def keep_in_touch_until(
    db: SqliteDatabase, until: dt.datetime, *, limit: int | None = None, unnotified: bool = False
) -> list[TouchDue]:
    """Contacts whose keeping in touch is to do by ``until`` (come due, or snoozed to a
    time by then), longest due first; the first ``limit`` of them, if given; only those
    nobody was told about yet with ``unnotified``. An index walk on the trigger-kept
    contact.next_touch_at; the cadence is read for these only."""
    at = utc_text(until)
    tail = "" if limit is None else f" LIMIT {int(limit)}"
    untold = " AND (r.id IS NULL OR r.notified_at IS NULL)" if unnotified else ""
    select = f"SELECT c.id, c.display_name, c.next_touch_at, {_CADENCE}, {_R_COLUMNS}"
    rows = db.execute_sql(
        f"{select} FROM contact c {_TOUCH_STATE} WHERE c.next_touch_at <= ? AND {_TOUCH_DUE_BY}"
        f"{untold} ORDER BY c.next_touch_at{tail}",
        (at, at),
    ).fetchall()
    rows += db.execute_sql(
        f"{select} {_TOUCH_SNOOZED_EARLY}{untold.replace('r.id IS NULL OR ', '')}{tail}",
        (at, at),
    ).fetchall()
    found = [
        TouchDue(
            int(row[0]),
            row[1],
            from_utc_text(row[2]),
            int(row[3]),
            _reminder(row[4:]) if row[4] is not None else None,
        )
        for row in rows
    ]
    found.sort(key=lambda touch: touch.due_at)
    return found if limit is None else found[:limit]


def count_keep_in_touch(
    db: SqliteDatabase, now: dt.datetime, until: dt.datetime
) -> tuple[int, int]:
    """How many contacts' keeping in touch is to do by ``now`` and by ``until``: the
    due times counted on their index, then corrected by the occurrences acted on."""
    at_now, at = utc_text(now), utc_text(until)
    by_now, by_until = db.execute_sql(
        "SELECT coalesce(sum(next_touch_at <= ?), 0), count(*)"
        " FROM contact INDEXED BY contact_next_touch WHERE next_touch_at <= ?",
        (at_now, at),
    ).fetchone()
    for state, snoozed, due in db.execute_sql(
        f"SELECT r.state, r.snoozed_until, c.next_touch_at {_TOUCH_ACTED}"
    ):
        by_now -= due <= at_now
        by_until -= due <= at
        if state == "open":  # snoozed: due when the snooze ends
            by_now += snoozed <= at_now
            by_until += snoozed <= at
    return int(by_now), int(by_until)


def next_touch_after(db: SqliteDatabase, after: dt.datetime | None) -> dt.datetime | None:
    """When the next keep-in-touch occurrence nobody was told about yet comes due (after
    ``after``, if given); one acted on (done, dismissed, snoozed) or notified is past."""
    row = db.execute_sql(
        f"SELECT c.next_touch_at FROM contact c {_TOUCH_STATE}"
        " WHERE c.next_touch_at > ? AND (r.id IS NULL OR (r.state = 'open'"
        " AND r.notified_at IS NULL AND r.snoozed_until IS NULL))"
        " ORDER BY c.next_touch_at LIMIT 1",
        (utc_text(after) if after else "",),
    ).fetchone()
    return from_utc_text(row[0]) if row else None


_BIRTHDAY_DAY = "substr(birthday, -5)"  # "MM-DD"
_BY_BIRTHDAY_DAY = "contact INDEXED BY contact_birthday_day"
_HAS_BIRTHDAY = "archived = 0 AND birthday IS NOT NULL"


def birthdays_on(
    db: SqliteDatabase, month_days: Sequence[tuple[str, str]]
) -> list[tuple[int, str, str]]:
    """(contact id, name, birthday as stored: "YYYY-MM-DD" or "--MM-DD") of the active
    contacts born on a day in one of the ("MM-DD", "MM-DD") ranges, both ends included."""
    found: list[tuple[int, str, str]] = []
    for first, last in month_days:
        rows = db.execute_sql(
            f"SELECT id, display_name, birthday FROM {_BY_BIRTHDAY_DAY} WHERE {_HAS_BIRTHDAY}"
            f" AND {_BIRTHDAY_DAY} BETWEEN ? AND ?",
            (first, last),
        )
        found += [(int(contact_id), name, birthday) for contact_id, name, birthday in rows]
    return found


def birthdays_from(db: SqliteDatabase, month_day: str) -> Iterator[tuple[int, str, str]]:
    """The active contacts' birthdays in calendar order from ``month_day`` ("MM-DD")
    through the year's end, then from 1 January: read lazily, as far as asked."""
    for where, params in ((">= ?", (month_day,)), ("< ?", (month_day,))):
        cursor = db.execute_sql(
            f"SELECT id, display_name, birthday FROM {_BY_BIRTHDAY_DAY} WHERE {_HAS_BIRTHDAY}"
            f" AND {_BIRTHDAY_DAY} {where} ORDER BY {_BIRTHDAY_DAY}",
            params,
        )
        for contact_id, name, birthday in cursor:
            yield int(contact_id), name, birthday


def set_tag_cadence(db: SqliteDatabase, tag: str, cadence_days: int | None) -> None:
    found = db.execute_sql("SELECT id FROM tag WHERE name = ?", (tag,)).fetchone()
    if found is None:
        found = (db.execute_sql("INSERT INTO tag (name) VALUES (?)", (tag,)).lastrowid,)
    if cadence_days is None:
        db.execute_sql("DELETE FROM tag_cadence WHERE tag_id = ?", (found[0],))
    else:
        db.execute_sql(
            "INSERT INTO tag_cadence (tag_id, cadence_days) VALUES (?, ?) ON CONFLICT (tag_id)"
            " DO UPDATE SET cadence_days = excluded.cadence_days",
            (found[0], cadence_days),
        )


def tag_cadences(db: SqliteDatabase) -> dict[str, int]:
    rows = db.execute_sql(
        "SELECT t.name, tc.cadence_days FROM tag_cadence tc JOIN tag t ON t.id = tc.tag_id"
    )
    return {name: int(days) for name, days in rows}


# What a notification says about its contact besides its title


@dataclass(frozen=True)
class ContextRow:
    how_we_met: str
    last_at: dt.datetime | None  # the latest interaction (None: never in touch)
    last_kind: str
    last_summary: str
    # The open follow-ups, earliest first: (reminder id, its interaction's summary, kind).
    follow_ups: tuple[tuple[int, str, str], ...]


def context_rows(db: SqliteDatabase, contact_ids: Sequence[int]) -> dict[int, ContextRow]:
    """For a few contacts (the ones about to be notified): how the user met them, their
    latest interaction and their open follow-ups."""
    if not contact_ids:
        return {}
    marks = ",".join("?" * len(contact_ids))
    follow_ups: dict[int, list[tuple[int, str, str]]] = {}
    for contact_id, reminder_id, summary, kind in db.execute_sql(
        "SELECT r.contact_id, r.id, coalesce(i.summary, ''), coalesce(i.kind, '')"
        " FROM reminder r LEFT JOIN interaction i ON i.id = r.interaction_id"
        f" WHERE r.kind = 'follow-up' AND r.state = 'open' AND r.contact_id IN ({marks})"
        " ORDER BY coalesce(r.snoozed_until, r.due_at), r.id",
        list(contact_ids),
    ):
        follow_ups.setdefault(contact_id, []).append((int(reminder_id), summary, kind))
    found = {}
    for contact_id, how_we_met, last_at, last_kind, last_summary in db.execute_sql(
        "SELECT c.id, c.how_we_met, i.occurred_at, i.kind, i.summary FROM contact c"
        " LEFT JOIN interaction i ON i.id = ("
        "   SELECT j.id FROM interaction_contact ic JOIN interaction j"
        "   ON j.id = ic.interaction_id WHERE ic.contact_id = c.id"
        "   ORDER BY j.occurred_at DESC, j.id DESC LIMIT 1)"
        f" WHERE c.id IN ({marks})",
        list(contact_ids),
    ):
        found[int(contact_id)] = ContextRow(
            how_we_met or "",
            from_utc_text(last_at) if last_at else None,
            last_kind or "",
            last_summary or "",
            tuple(follow_ups.get(contact_id, ())),
        )
    return found
