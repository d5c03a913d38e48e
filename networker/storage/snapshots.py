"""Contacts as rows, taken before a delete or a merge and put back by Undo.

A snapshot holds every row that goes with the contacts: the contact row itself, its
photo, emails, phones, web addresses, card details and vCard extras, tags (with their
keep-in-touch defaults, since a tag nobody wears is deleted), sources and recorded
changes, interactions and their links, reminders, milestones, job roles, the pairs
marked "not the same", their places among an event's attendees, their links to goals
(and their interactions' links) and the times they were reached while overdue (what
goals count). Restoring inserts them again in one transaction (the caller's), under the
same ids where they are free: the rows of other contacts that point at them (an
interaction shared with someone else) then find them again. An id taken meanwhile is
given a new one and every row that referred to it follows. Events are not the
contacts' own: an attendee row, which its event kept when the contact went, is linked
again; an event deleted meanwhile stays deleted (an interaction at it comes back
without it).

tests/storage/test_snapshots.py checks that every table with a reference to a contact
is listed here, so a new table cannot be forgotten silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from peewee import SqliteDatabase

from networker.domain.contacts import new_uid

CHUNK = 500

# Tables whose rows belong to one contact through contact_id, restored after the
# contacts (and tags, interactions, milestones) they refer to.
OWNED_BY_CONTACT = (
    "contact_photo", "email", "phone", "url", "contact_extra", "contact_detail",
    "contact_source", "contact_change", "milestone", "job_role", "contact_tag",
    "interaction_contact", "reminder", "goal_link", "overdue_reach", "import_memory",
)  # fmt: skip
# The columns that refer to a row restored under a possibly new id: which table's.
_REFERENCES = {
    "contact_id": "contact",
    "tag_id": "tag",
    "interaction_id": "interaction",
    "milestone_id": "milestone",
    "first_id": "contact",
    "second_id": "contact",
}
# Rows that may outlive the contacts (shared with others) and are then used as they are.
_SHARED = frozenset({"interaction", "reminder"})
# The order rows go back in: what is referred to before what refers to it.
_ORDER = (
    "tag", "contact", "interaction", "milestone", "contact_photo", "email", "phone", "url",
    "contact_extra", "contact_detail", "contact_source", "contact_change", "job_role",
    "contact_tag", "tag_cadence", "interaction_contact", "reminder", "not_duplicate",
    "event_attendee", "goal_link", "overdue_reach", "import_memory",
)  # fmt: skip


@dataclass(frozen=True)
class Rows:
    columns: tuple[str, ...]
    values: list[tuple[object, ...]] = field(default_factory=list)


@dataclass(frozen=True)
class ContactSnapshot:
    """The contacts named, as they were, with everything that went with them."""

    contact_ids: tuple[int, ...]
    tables: dict[str, Rows]


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _select(db: SqliteDatabase, table: str, where: str, ids: Iterable[int]) -> Rows:
    """The rows of ``table`` whose ``where`` column (or columns, "a|b") is one of ids."""
    ordered = sorted(set(ids))
    columns: tuple[str, ...] = tuple(
        row[1] for row in db.execute_sql(f"PRAGMA table_info({table})").fetchall()
    )
    rows = Rows(columns)
    seen: set[tuple[object, ...]] = set()
    for part in _chunks(ordered):
        marks = ",".join("?" * len(part))
        condition = " OR ".join(f"{column} IN ({marks})" for column in where.split("|"))
        params = list(part) * len(where.split("|"))
        for row in db.execute_sql(f"SELECT * FROM {table} WHERE {condition}", params):
            if row not in seen:
                seen.add(row)
                rows.values.append(tuple(row))
    return rows


def _column(rows: Rows, name: str) -> list[int]:
    index = rows.columns.index(name)
    return [value for value in (row[index] for row in rows.values) if isinstance(value, int)]


def take(db: SqliteDatabase, contact_ids: Sequence[int]) -> ContactSnapshot:
    """Every row of these contacts (call it in the transaction that then changes them)."""
    ids = list(dict.fromkeys(contact_ids))
    tables = {"contact": _select(db, "contact", "id", ids)}
    for table in OWNED_BY_CONTACT:
        if table != "reminder":
            tables[table] = _select(db, table, "contact_id", ids)
    tag_ids = _column(tables["contact_tag"], "tag_id")
    tables["tag"] = _select(db, "tag", "id", tag_ids)
    tables["tag_cadence"] = _select(db, "tag_cadence", "tag_id", tag_ids)
    interaction_ids = _column(tables["interaction_contact"], "interaction_id")
    tables["interaction"] = _select(db, "interaction", "id", interaction_ids)
    milestone_ids = _column(tables["milestone"], "id")
    reminders = _select(db, "reminder", "contact_id", ids)
    for column, linked in (("interaction_id", interaction_ids), ("milestone_id", milestone_ids)):
        more = _select(db, "reminder", column, linked)
        known = set(reminders.values)
        reminders.values.extend(row for row in more.values if row not in known)
    tables["reminder"] = reminders
    # The goals their interactions were linked to: an interaction that goes with the
    # contact takes its links along, and they must come back with it.
    interaction_links = _select(db, "goal_link", "interaction_id", interaction_ids)
    known_links = set(tables["goal_link"].values)
    tables["goal_link"].values.extend(r for r in interaction_links.values if r not in known_links)
    tables["not_duplicate"] = _select(db, "not_duplicate", "first_id|second_id", ids)
    tables["event_attendee"] = _select(db, "event_attendee", "contact_id", ids)
    return ContactSnapshot(tuple(ids), tables)


def restore(db: SqliteDatabase, snapshot: ContactSnapshot) -> list[int]:
    """Put the snapshot's rows back (in the caller's transaction); the contacts' ids
    now, in the snapshot's order (the same ids unless one was taken meanwhile)."""
    moved: dict[str, dict[int, int]] = {name: {} for name in set(_REFERENCES.values())}
    for table in _ORDER:
        rows = snapshot.tables.get(table)
        if rows is None or not rows.values:
            continue
        if table == "tag":
            _restore_tags(db, rows, moved["tag"])
            continue
        for row in rows.values:
            values = dict(zip(rows.columns, row, strict=True))
            for column, target in _REFERENCES.items():
                if isinstance(old := values.get(column), int):
                    values[column] = moved[target].get(old, old)
            if table == "event_attendee":
                _relink_attendee(db, values)
                continue
            if table == "goal_link" and (not _goal_there(db, values) or _link_there(db, values)):
                continue  # the goal was deleted meanwhile, or the link is still there
            if not _event_there(db, values):
                if table == "reminder":
                    continue  # the event's reminder went with the event
                values["event_id"] = None  # the interaction stays, without its event
            if table == "not_duplicate":  # first_id < second_id, as the table checks
                pair = sorted((int(str(values["first_id"])), int(str(values["second_id"]))))
                values["first_id"], values["second_id"] = pair
            _insert(db, table, values, moved.get(table))
    return [moved["contact"].get(i, i) for i in snapshot.contact_ids]


def _event_there(db: SqliteDatabase, values: dict[str, object]) -> bool:
    event_id = values.get("event_id")
    if event_id is None:
        return True
    return db.execute_sql("SELECT 1 FROM event WHERE id = ?", (event_id,)).fetchone() is not None


def _goal_there(db: SqliteDatabase, values: dict[str, object]) -> bool:
    found = db.execute_sql("SELECT 1 FROM goal WHERE id = ?", (values.get("goal_id"),))
    return found.fetchone() is not None


def _link_there(db: SqliteDatabase, values: dict[str, object]) -> bool:
    # A shared interaction that stayed kept its links.
    for column in ("contact_id", "interaction_id"):
        if values.get(column) is not None:
            found = db.execute_sql(
                f"SELECT 1 FROM goal_link WHERE goal_id = ? AND {column} = ?",
                (values.get("goal_id"), values[column]),
            )
            return found.fetchone() is not None
    return False


def _relink_attendee(db: SqliteDatabase, values: dict[str, object]) -> None:
    # The event kept the row (ON DELETE SET NULL): the contact is its attendee again.
    db.execute_sql(
        "UPDATE event_attendee SET contact_id = ? WHERE id = ? AND contact_id IS NULL",
        (values["contact_id"], values["id"]),
    )


def _restore_tags(db: SqliteDatabase, rows: Rows, moved: dict[int, int]) -> None:
    # A tag is its name: one of the same name made since is the same tag.
    id_at, name_at = rows.columns.index("id"), rows.columns.index("name")
    for row in rows.values:
        old_id, name = int(str(row[id_at])), str(row[name_at])
        found = db.execute_sql("SELECT id FROM tag WHERE name = ?", (name,)).fetchone()
        if found is None:
            taken = db.execute_sql("SELECT 1 FROM tag WHERE id = ?", (old_id,)).fetchone()
            cursor = db.execute_sql(
                "INSERT INTO tag (id, name) VALUES (?, ?)", (None if taken else old_id, name)
            )
            found = (cursor.lastrowid,)
        if found[0] != old_id:
            moved[old_id] = int(found[0])


def _insert(
    db: SqliteDatabase, table: str, values: dict[str, object], moved: dict[int, int] | None
) -> None:
    """One row back; with an id of its own, under that id if it is free."""
    old_id = values.get("id")
    if isinstance(old_id, int):
        existing = db.execute_sql(f"SELECT * FROM {table} WHERE id = ?", (old_id,)).fetchone()
        if existing is not None:
            if table in _SHARED and tuple(existing) == tuple(values.values()):
                return  # still there (shared with a contact that stayed): used as it is
            values["id"] = None
    if table == "contact":
        uid_taken = db.execute_sql("SELECT 1 FROM contact WHERE uid = ?", (values["uid"],))
        if uid_taken.fetchone() is not None:
            values["uid"] = new_uid()  # the same card was imported again meanwhile
    columns = ", ".join(values)
    marks = ", ".join("?" * len(values))
    # A link or a tag's default without an id of its own may be there already.
    verb = "INSERT" if "id" in values else "INSERT OR IGNORE"
    cursor = db.execute_sql(
        f"{verb} INTO {table} ({columns}) VALUES ({marks})", tuple(values.values())
    )
    if moved is not None and isinstance(old_id, int) and cursor.lastrowid != old_id:
        moved[old_id] = int(cursor.lastrowid)
