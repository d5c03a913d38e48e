"""Every query about goals (schema step 14): goals and their targets, links, the past
periods of repeating goals, and the counting itself.

Progress is never stored: each target is one aggregate query over an index range
(contact.met_at; interaction by kind and time, by value and time, by event and
time), so it is right after any edit, import or deletion, and 20 goals over 500,000
interactions take milliseconds. The same FROM/WHERE serves the count, the counts by
day (the chart) and the items that counted (the detail), so the three always agree.

Events attended: an event counts once for each local day the user logged an encounter
at it (an interaction with its event_id, which the after-event flow writes). The
calendar also holds events the user only planned, imported from feeds, or skipped; what
was logged at one is the only sign they were there. A series (a weekly meet-up) counts
each day attended.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from peewee import SqliteDatabase

from networker.domain.goals import (
    GoalDraft,
    GoalRecord,
    PastPeriod,
    Period,
    Purpose,
    Repeat,
    Status,
    TargetDraft,
    TargetFilters,
    TargetKind,
)
from networker.storage.goal_links import ITEM_COLUMNS
from networker.storage.timestamps import from_utc_text, utc_text

_E = TypeVar("_E", bound=Enum)

# Writing


def insert(db: SqliteDatabase, draft: GoalDraft, *, now: dt.datetime) -> int:
    position = db.execute_sql("SELECT coalesce(max(position), 0) + 1 FROM goal").fetchone()[0]
    cursor = db.execute_sql(
        "INSERT INTO goal (title, purpose, description, repeat, starts_on, ends_on, status,"
        " position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*_goal_columns(draft), position, utc_text(now), utc_text(now)),
    )
    goal_id = int(cursor.lastrowid)
    _write_targets(db, goal_id, draft.targets)
    return goal_id


def _goal_columns(draft: GoalDraft) -> tuple[object, ...]:
    return (
        draft.title.strip(),
        draft.purpose.value,
        draft.description,
        draft.repeat.value,
        draft.starts_on.isoformat(),
        draft.ends_on.isoformat() if draft.ends_on and draft.repeat is Repeat.NONE else None,
        draft.status.value,
    )


def update(db: SqliteDatabase, goal_id: int, draft: GoalDraft, *, now: dt.datetime) -> None:
    """The goal says what ``draft`` says; targets keep their ids where the draft names
    them (a manual count stays), the others are added or deleted."""
    db.execute_sql(
        "UPDATE goal SET title = ?, purpose = ?, description = ?, repeat = ?, starts_on = ?,"
        " ends_on = ?, status = ?, updated_at = ? WHERE id = ?",
        (*_goal_columns(draft), utc_text(now), goal_id),
    )
    kept = [t.id for t in draft.targets if t.id is not None]
    marks = ",".join("?" * len(kept))
    db.execute_sql(
        f"DELETE FROM goal_target WHERE goal_id = ? AND id NOT IN ({marks})", (goal_id, *kept)
    )
    _write_targets(db, goal_id, draft.targets)


def _write_targets(db: SqliteDatabase, goal_id: int, targets: Sequence[TargetDraft]) -> None:
    for position, target in enumerate(targets):
        filters = json.dumps(target.filters.as_dict()) if target.filters.as_dict() else ""
        values = (target.kind.value, target.amount, filters, int(target.only_linked),
                  target.manual_count, position)  # fmt: skip
        if target.id is None:
            db.execute_sql(
                "INSERT INTO goal_target (goal_id, kind, amount, filters, only_linked,"
                " manual_count, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (goal_id, *values),
            )
        else:
            db.execute_sql(
                "UPDATE goal_target SET kind = ?, amount = ?, filters = ?, only_linked = ?,"
                " manual_count = ?, position = ? WHERE id = ? AND goal_id = ?",
                (*values, target.id, goal_id),
            )


def delete(db: SqliteDatabase, goal_id: int) -> None:
    """Its targets, links and past periods go with it (ON DELETE CASCADE)."""
    db.execute_sql("DELETE FROM goal WHERE id = ?", (goal_id,))


def set_manual_count(db: SqliteDatabase, target_id: int, count: int) -> None:
    db.execute_sql("UPDATE goal_target SET manual_count = ? WHERE id = ?", (count, target_id))


def reset_manual_counts(db: SqliteDatabase, goal_id: int) -> None:
    db.execute_sql(
        "UPDATE goal_target SET manual_count = 0 WHERE goal_id = ? AND kind = ?",
        (goal_id, TargetKind.MANUAL.value),
    )


def set_status(db: SqliteDatabase, goal_id: int, status: Status, *, now: dt.datetime) -> None:
    db.execute_sql(
        "UPDATE goal SET status = ?, updated_at = ? WHERE id = ?",
        (status.value, utc_text(now), goal_id),
    )


# Reading

_GOAL = (
    "SELECT id, title, purpose, description, repeat, starts_on, ends_on, status, created_at"
    " FROM goal"
)


def load(db: SqliteDatabase, goal_id: int) -> GoalRecord | None:
    found = _records(db, db.execute_sql(f"{_GOAL} WHERE id = ?", (goal_id,)).fetchall())
    return found[0] if found else None


def all_goals(db: SqliteDatabase) -> list[GoalRecord]:
    """Every goal, in the user's order (then as added)."""
    return _records(db, db.execute_sql(f"{_GOAL} ORDER BY position, id").fetchall())


def count_goals(db: SqliteDatabase) -> int:
    return int(db.execute_sql("SELECT count(*) FROM goal").fetchone()[0])


def _records(db: SqliteDatabase, rows: Sequence[Sequence[object]]) -> list[GoalRecord]:
    if not rows:
        return []
    ids = [int(row[0]) for row in rows]  # type: ignore[call-overload]
    targets: dict[int, list[TargetDraft]] = {i: [] for i in ids}
    marks = ",".join("?" * len(ids))
    for target_id, goal_id, kind, amount, filters, only_linked, manual in db.execute_sql(
        "SELECT id, goal_id, kind, amount, filters, only_linked, manual_count FROM goal_target"
        f" WHERE goal_id IN ({marks}) ORDER BY goal_id, position, id",
        ids,
    ):
        try:
            target_kind = TargetKind(kind)
        except ValueError:  # a kind a newer build knows: left out here
            continue
        targets[goal_id].append(
            TargetDraft(
                kind=target_kind,
                amount=int(amount),
                filters=TargetFilters.from_dict(json.loads(filters))
                if filters
                else TargetFilters(),
                only_linked=bool(only_linked),
                manual_count=int(manual),
                id=int(target_id),
            )
        )
    records = []
    for goal_id, title, purpose, description, repeat, starts, ends, status, created in rows:
        draft = GoalDraft(
            title=str(title),
            targets=tuple(targets[int(goal_id)]),  # type: ignore[call-overload]
            starts_on=dt.date.fromisoformat(str(starts)),
            ends_on=dt.date.fromisoformat(str(ends)) if ends else None,
            repeat=_enum(Repeat, repeat, Repeat.NONE),
            purpose=_enum(Purpose, purpose, Purpose.OTHER),
            description=str(description),
            status=_enum(Status, status, Status.ACTIVE),
        )
        records.append(
            GoalRecord(int(goal_id), draft, from_utc_text(str(created)))  # type: ignore[call-overload]
        )
    return records


def _filters(text: str) -> TargetFilters:
    return TargetFilters.from_dict(json.loads(text)) if text else TargetFilters()


def _enum(kind: type[_E], value: object, default: _E) -> _E:
    try:
        return kind(value)
    except ValueError:
        return default


# Links


@dataclass(frozen=True)
class Linked:
    contacts: tuple[tuple[int, str], ...]  # (id, name)
    events: tuple[tuple[int, str], ...]
    interactions: int
    # The events and interactions themselves, newest first (at most LINKED_SHOWN), to
    # show and open from the goal's detail.
    items: tuple[CountedItem, ...] = ()
    # The contacts' (organization, title), in their order: people of one name told apart.
    roles: tuple[tuple[str, str], ...] = ()


LINKED_SHOWN = 100


def link(db: SqliteDatabase, goal_id: int, column: str, ids: Sequence[int]) -> None:
    """Tie contacts, events or interactions (``column``: contact_id, event_id or
    interaction_id) to a goal; those already tied stay as they are, and one deleted
    meanwhile (an Undo that comes late) is left out."""
    assert column in ("contact_id", "event_id", "interaction_id")
    table = column.removesuffix("_id")
    db.connection().executemany(
        f"INSERT OR IGNORE INTO goal_link (goal_id, {column}) SELECT g.id, t.id FROM goal g,"
        f" {table} t WHERE g.id = ? AND t.id = ?",
        [(goal_id, i) for i in dict.fromkeys(ids)],
    )


def unlink(db: SqliteDatabase, goal_id: int, column: str, ids: Sequence[int]) -> None:
    assert column in ("contact_id", "event_id", "interaction_id")
    db.connection().executemany(
        f"DELETE FROM goal_link WHERE goal_id = ? AND {column} = ?",
        [(goal_id, i) for i in ids],
    )


def linked(db: SqliteDatabase, goal_id: int) -> Linked:
    contacts = db.execute_sql(
        "SELECT c.id, c.display_name, c.organization, c.title"
        " FROM goal_link l JOIN contact c ON c.id = l.contact_id"
        " WHERE l.goal_id = ? ORDER BY c.sort_name",
        (goal_id,),
    ).fetchall()
    events = db.execute_sql(
        "SELECT e.id, e.title FROM goal_link l JOIN event e ON e.id = l.event_id"
        " WHERE l.goal_id = ? ORDER BY e.starts",
        (goal_id,),
    ).fetchall()
    interactions = db.execute_sql(
        "SELECT count(*) FROM goal_link WHERE goal_id = ? AND interaction_id IS NOT NULL",
        (goal_id,),
    ).fetchone()[0]
    items = db.execute_sql(
        # An event's start as stored (UTC, floating or a date: noon keeps its day).
        "SELECT 'event', e.id, e.title, CASE WHEN length(e.starts) = 10 THEN e.starts"
        " || ' 12:00:00' ELSE replace(e.starts, 'T', ' ') END, (SELECT a.contact_id FROM"
        " event_attendee a WHERE a.event_id = e.id AND a.contact_id IS NOT NULL LIMIT 1)"
        " FROM goal_link l JOIN event e ON e.id = l.event_id WHERE l.goal_id = ?"
        " UNION ALL SELECT 'interaction', i.id, i.kind || ': ' || coalesce("
        + _NAMES
        + ", '') || CASE WHEN i.summary != '' THEN ' — ' || i.summary ELSE '' END,"
        f" i.occurred_at, {_FIRST_CONTACT} FROM goal_link l JOIN interaction i"
        " ON i.id = l.interaction_id WHERE l.goal_id = ? ORDER BY 4 DESC LIMIT ?",
        (goal_id, goal_id, LINKED_SHOWN),
    ).fetchall()
    return Linked(
        tuple((int(i), str(n)) for i, n, _o, _t in contacts),
        tuple((int(i), str(t)) for i, t in events),
        int(interactions),
        tuple(_item(row) for row in items),
        tuple((str(o or ""), str(t or "")) for _i, _n, o, t in contacts),
    )


def _item(row: Sequence[object]) -> CountedItem:
    kind, item_id, title, at, contact = row
    return CountedItem(
        str(kind),
        int(str(item_id)),
        str(title or ""),
        from_utc_text(str(at)),
        None if contact is None else int(str(contact)),
    )


def choices(db: SqliteDatabase) -> list[tuple[int, str, Status]]:
    """Every goal to link something to: id, title and status, in the user's order."""
    rows = db.execute_sql("SELECT id, title, status FROM goal ORDER BY position, id")
    return [(int(i), str(t), _enum(Status, s, Status.ACTIVE)) for i, t, s in rows]


# A deleted goal, kept for Undo


@dataclass(frozen=True)
class GoalRows:
    """Every row of one goal as it was: the goal, its targets (manual counts with
    them), links and past periods (table -> column names and rows)."""

    goal_id: int
    title: str
    tables: dict[str, tuple[tuple[str, ...], list[tuple[object, ...]]]]


_GOAL_TABLES = (("goal", "id"), ("goal_target", "goal_id"), ("goal_link", "goal_id"),
                ("goal_period", "goal_id"))  # fmt: skip


def take(db: SqliteDatabase, goal_id: int) -> GoalRows:
    """Every row of the goal (in the transaction that then deletes it)."""
    tables = {}
    for table, column in _GOAL_TABLES:
        cursor = db.execute_sql(f"SELECT * FROM {table} WHERE {column} = ?", (goal_id,))
        names = tuple(d[0] for d in cursor.description)
        tables[table] = (names, [tuple(row) for row in cursor.fetchall()])
    title_at = tables["goal"][0].index("title")
    rows = tables["goal"][1]
    return GoalRows(goal_id, str(rows[0][title_at]) if rows else "", tables)


def put_back(db: SqliteDatabase, kept: GoalRows) -> int:
    """The goal's rows back (in the caller's transaction), under the same ids where they
    are free; returns the goal's id now. A link to something deleted since is left out."""
    goal_id = kept.goal_id
    for table, _column in _GOAL_TABLES:
        names, rows = kept.tables[table]
        for row in rows:
            values = dict(zip(names, row, strict=True))
            if table != "goal":
                values["goal_id"] = goal_id
            if table == "goal_link" and not _link_target_there(db, values):
                continue
            if (
                "id" in values
                and db.execute_sql(
                    f"SELECT 1 FROM {table} WHERE id = ?", (values["id"],)
                ).fetchone()
            ):
                values["id"] = None  # taken meanwhile: a new one
            marks = ",".join("?" * len(values))
            cursor = db.execute_sql(
                f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks})",
                tuple(values.values()),
            )
            if table == "goal":
                goal_id = int(cursor.lastrowid)
    return goal_id


def _link_target_there(db: SqliteDatabase, values: dict[str, object]) -> bool:
    for kind, column in ITEM_COLUMNS.items():
        if values.get(column) is not None:
            found = db.execute_sql(f"SELECT 1 FROM {kind} WHERE id = ?", (values[column],))
            return found.fetchone() is not None
    return False


# Past periods


def history(db: SqliteDatabase, goal_id: int) -> list[PastPeriod]:
    """A repeating goal's closed periods, oldest first."""
    rows = db.execute_sql(
        "SELECT starts_on, ends_on, achieved, counts FROM goal_period WHERE goal_id = ?"
        " ORDER BY starts_on",
        (goal_id,),
    ).fetchall()
    return [
        PastPeriod(
            Period(dt.date.fromisoformat(first), dt.date.fromisoformat(last)),
            bool(achieved),
            tuple((int(c), int(a)) for c, a in json.loads(counts)) if counts else (),
        )
        for first, last, achieved, counts in rows
    ]


def histories(db: SqliteDatabase) -> dict[int, list[PastPeriod]]:
    found: dict[int, list[PastPeriod]] = {}
    for goal_id in [r[0] for r in db.execute_sql("SELECT DISTINCT goal_id FROM goal_period")]:
        found[int(goal_id)] = history(db, int(goal_id))
    return found


def last_closed(db: SqliteDatabase, goal_id: int) -> dt.date | None:
    """The first day of the newest closed period."""
    row = db.execute_sql(
        "SELECT max(starts_on) FROM goal_period WHERE goal_id = ?", (goal_id,)
    ).fetchone()
    return dt.date.fromisoformat(row[0]) if row and row[0] else None


def close_period(db: SqliteDatabase, goal_id: int, past: PastPeriod, *, now: dt.datetime) -> None:
    db.execute_sql(
        "INSERT OR REPLACE INTO goal_period (goal_id, starts_on, ends_on, achieved, counts,"
        " closed_at) VALUES (?, ?, ?, ?, ?, ?)",
        (goal_id, past.period.first.isoformat(), past.period.last.isoformat(),
         int(past.achieved), json.dumps([list(c) for c in past.counts]), utc_text(now)),
    )  # fmt: skip


# Counting


@dataclass(frozen=True)
class Window:
    """A period as UTC instants, [start, end), and the local zone's offset from UTC in
    minutes at its start (counts by day are grouped by local day with it)."""

    start: dt.datetime
    end: dt.datetime
    offset_minutes: int = 0


@dataclass(frozen=True)
class CountedItem:
    kind: str  # "contact", "interaction", "event"
    id: int
    title: str
    at: dt.datetime  # when it counted (UTC)
    contact_id: int | None  # the contact to open for it (an interaction's first)


def count(db: SqliteDatabase, goal_id: int, target: TargetDraft, window: Window) -> int:
    """How many counted toward ``target`` in ``window``. Where a daily tally serves the
    target, the whole UTC days are summed from it and only the part days at the edges of
    the local period are counted row by row."""
    if target.kind is TargetKind.MANUAL:
        return target.manual_count
    tally = _tally(target)
    first = _next_midnight(window.start)
    last = window.end.replace(hour=0, minute=0, second=0, microsecond=0)
    if tally is None or first >= last:
        return _exact(db, goal_id, target, window)
    sql, params = tally
    total = int(
        db.execute_sql(
            sql, (first.date().isoformat(), last.date().isoformat(), *params)
        ).fetchone()[0]
    )
    if window.start < first:
        total += _exact(db, goal_id, target, Window(window.start, first))
    if last < window.end:
        total += _exact(db, goal_id, target, Window(last, window.end))
    return total


def _next_midnight(instant: dt.datetime) -> dt.datetime:
    midnight = instant.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight if midnight == instant else midnight + dt.timedelta(days=1)


def _exact(db: SqliteDatabase, goal_id: int, target: TargetDraft, window: Window) -> int:
    query = _query(goal_id, target, window)
    return int(db.execute_sql(f"SELECT {query.counted} {query.body}", query.params).fetchone()[0])


def _tally(target: TargetDraft) -> tuple[str, tuple[object, ...]] | None:
    """The daily tally that counts ``target`` (days as parameters 1 and 2), if one does."""
    if target.only_linked:
        return None
    filters = target.filters
    days = "day >= ? AND day < ?"
    if target.kind is TargetKind.INTERACTIONS:
        kinds, params = _kinds("kind", filters.kinds)
        return f"SELECT coalesce(sum(n), 0) FROM interaction_day WHERE {days}{kinds}", params
    if target.kind is TargetKind.THANK_YOUS:
        return (
            f"SELECT coalesce(sum(n), 0) FROM interaction_day WHERE {days} AND kind = ?",
            ("thank-you",),
        )
    if target.kind is TargetKind.VALUE_GIVEN:
        return (
            f"SELECT coalesce(sum(n), 0) FROM interaction_day WHERE {days} AND value = 'given'",
            (),
        )
    if target.kind is TargetKind.EVENTS_ATTENDED:
        kinds, params = _kinds("kind", filters.kinds)
        # "+event_id": the day range leads (an event-first plan scans each event's days).
        of_kind = f" AND +event_id IN (SELECT id FROM event WHERE 1{kinds})" if kinds else ""
        return f"SELECT count(*) FROM event_day WHERE {days} AND n > 0{of_kind}", params
    if target.kind is TargetKind.NEW_CONTACTS and not filters.organization:
        if filters.tag and filters.source:
            return None
        if filters.tag:
            return (
                f"SELECT coalesce(sum(n), 0) FROM contact_tag_day WHERE {days}"
                " AND tag_id = (SELECT id FROM tag WHERE name = ?)",
                (filters.tag.strip(),),
            )
        if filters.source:
            return (
                f"SELECT coalesce(sum(n), 0) FROM contact_day WHERE {days} AND source = ?",
                (filters.source,),
            )
        return f"SELECT coalesce(sum(n), 0) FROM contact_day WHERE {days}", ()
    return None


def per_day(
    db: SqliteDatabase, goal_id: int, target: TargetDraft, window: Window
) -> dict[dt.date, int]:
    """How many counted on each local day of the window (days with none left out)."""
    if target.kind is TargetKind.MANUAL:
        return {}
    query = _query(goal_id, target, window)
    shift = f"{window.offset_minutes:+d} minutes"
    rows = db.execute_sql(
        f"SELECT date({query.when}, '{shift}') AS day, {query.counted} {query.body} GROUP BY day",
        query.params,
    )
    return {dt.date.fromisoformat(day): int(n) for day, n in rows}


def counted_items(
    db: SqliteDatabase, goal_id: int, target: TargetDraft, window: Window, limit: int = 200
) -> list[CountedItem]:
    """What counted toward a target, newest first (at most ``limit``)."""
    if target.kind is TargetKind.MANUAL:
        return []
    query = _query(goal_id, target, window)
    rows = db.execute_sql(
        f"SELECT {query.item} {query.body}{query.group} ORDER BY 4 DESC LIMIT ?",
        (*query.params, limit),
    )
    return [
        CountedItem(kind, int(item_id), str(title or ""), from_utc_text(str(at)),
                    None if contact is None else int(contact))
        for kind, item_id, title, at, contact in rows
    ]  # fmt: skip


@dataclass(frozen=True)
class _Query:
    body: str  # FROM … WHERE …
    params: tuple[object, ...]
    counted: str  # the aggregate
    when: str  # the column that dates a counted row
    item: str  # kind, id, title, when, contact to open
    group: str = ""


_FIRST_CONTACT = (
    "(SELECT ic2.contact_id FROM interaction_contact ic2 WHERE ic2.interaction_id = i.id LIMIT 1)"
)
_NAMES = (
    "(SELECT group_concat(c2.display_name, ', ') FROM interaction_contact ic2"
    " JOIN contact c2 ON c2.id = ic2.contact_id WHERE ic2.interaction_id = i.id)"
)
# The interactions tied to a goal: themselves, through one of their contacts, or
# through their event (few: a lookup by id each, not a scan of the period).
_LINKED_INTERACTIONS = (
    "SELECT l.interaction_id FROM goal_link l WHERE l.goal_id = ?"
    " AND l.interaction_id IS NOT NULL"
    " UNION SELECT lc.interaction_id FROM goal_link l JOIN interaction_contact lc"
    "  ON lc.contact_id = l.contact_id WHERE l.goal_id = ? AND l.contact_id IS NOT NULL"
    " UNION SELECT le.id FROM goal_link l JOIN interaction le ON le.event_id = l.event_id"
    "  WHERE l.goal_id = ? AND l.event_id IS NOT NULL AND le.event_id IS NOT NULL"
)
_LINKED_CONTACTS = (
    "SELECT l.contact_id FROM goal_link l WHERE l.goal_id = ? AND l.contact_id IS NOT NULL"
)
_TAGGED = (
    "EXISTS (SELECT 1 FROM contact_tag ct WHERE ct.contact_id = c.id"
    " AND ct.tag_id = (SELECT id FROM tag WHERE name = ?))"
)


def _kinds(column: str, kinds: Sequence[str]) -> tuple[str, tuple[object, ...]]:
    if not kinds:
        return "", ()
    return f" AND {column} IN ({','.join('?' * len(kinds))})", tuple(kinds)


def _query(goal_id: int, target: TargetDraft, window: Window) -> _Query:
    span = (utc_text(window.start), utc_text(window.end))
    filters = target.filters
    kind = target.kind
    if kind is TargetKind.NEW_CONTACTS:
        where = "c.met_at >= ? AND c.met_at < ?"
        params: tuple[object, ...] = span
        index = "INDEXED BY contact_met"
        if filters.source:
            where, params = f"{where} AND c.source = ?", (*params, filters.source)
        if filters.organization:
            where += " AND c.organization = ? COLLATE NOCASE"
            params = (*params, filters.organization.strip())
            index = "INDEXED BY contact_organization_met"
        if filters.tag:
            where, params = f"{where} AND {_TAGGED}", (*params, filters.tag.strip())
        if target.only_linked:
            where, params = f"c.id IN ({_LINKED_CONTACTS}) AND {where}", (goal_id, *params)
            index = ""
        return _Query(
            body=f"FROM contact c {index} WHERE {where}",
            params=params,
            counted="count(*)",
            when="c.met_at",
            item="'contact', c.id, c.display_name, c.met_at, c.id",
        )
    if kind is TargetKind.EVENTS_ATTENDED:
        # A day is a UTC day here as in the event_day tally, so the two always agree.
        where = "i.event_id IS NOT NULL AND i.occurred_at >= ? AND i.occurred_at < ?"
        params = span
        if filters.kinds:
            kinds, kind_params = _kinds("kind", filters.kinds)
            where += f" AND i.event_id IN (SELECT id FROM event WHERE 1{kinds})"
            params = (*params, *kind_params)
        if target.only_linked:
            where += (
                " AND EXISTS (SELECT 1 FROM goal_link l JOIN event le ON l.event_id"
                " IN (le.id, le.series_id) WHERE le.id = i.event_id AND l.goal_id = ?)"
            )
            params = (*params, goal_id)
        return _Query(
            body="FROM interaction i INDEXED BY interaction_event_occurred"
            f" JOIN event e ON e.id = i.event_id WHERE {where}",
            params=params,
            counted="count(DISTINCT i.event_id || ' ' || substr(i.occurred_at, 1, 10))",
            when="i.occurred_at",
            item=f"'event', e.id, e.title, min(i.occurred_at), {_FIRST_CONTACT}",
            group=" GROUP BY e.id, substr(i.occurred_at, 1, 10)",
        )
    if kind is TargetKind.OVERDUE_REACHED:
        where = "r.occurred_at >= ? AND r.occurred_at < ?"
        params = span
        if filters.tag:
            where += (
                " AND EXISTS (SELECT 1 FROM contact_tag ct WHERE ct.contact_id = r.contact_id"
                " AND ct.tag_id = (SELECT id FROM tag WHERE name = ?))"
            )
            params = (*params, filters.tag.strip())
        if target.only_linked:
            where += (
                " AND EXISTS (SELECT 1 FROM goal_link l WHERE l.contact_id = r.contact_id"
                " AND l.goal_id = ?)"
            )
            params = (*params, goal_id)
        return _Query(
            body=f"FROM overdue_reach r INDEXED BY overdue_reach_occurred WHERE {where}",
            params=params,
            counted="count(DISTINCT r.contact_id)",
            when="r.occurred_at",
            item="'contact', r.contact_id, (SELECT display_name FROM contact"
            " WHERE id = r.contact_id), max(r.occurred_at), r.contact_id",
            group=" GROUP BY r.contact_id",
        )
    # Interactions: of chosen kinds, thank-yous, or help given.
    if kind is TargetKind.VALUE_GIVEN:
        index, where = "interaction_value", "i.value != '' AND i.value = 'given'"
        params = ()
    elif kind is TargetKind.THANK_YOUS:
        index, where, params = "interaction_kind_occurred", "i.kind = ?", ("thank-you",)
    elif filters.kinds:
        kinds, params = _kinds("i.kind", filters.kinds)
        index, where = "interaction_kind_occurred", kinds[len(" AND ") :]
    else:
        index, where, params = "interaction_occurred_at", "1", ()
    where += " AND i.occurred_at >= ? AND i.occurred_at < ?"
    params = (*params, *span)
    indexed = f"INDEXED BY {index}"
    if target.only_linked:
        where = f"i.id IN ({_LINKED_INTERACTIONS}) AND {where}"
        # By id from the links (the rows' own key), not by a scan of the period.
        params, indexed = (goal_id, goal_id, goal_id, *params), "NOT INDEXED"
    return _Query(
        body=f"FROM interaction i {indexed} WHERE {where}",
        params=params,
        counted="count(*)",
        when="i.occurred_at",
        item="'interaction', i.id, i.kind || ': ' || coalesce(" + _NAMES + ", '')"
        " || CASE WHEN i.summary != '' THEN ' — ' || i.summary ELSE '' END,"
        f" i.occurred_at, {_FIRST_CONTACT}",
    )


# Suggestions


@dataclass(frozen=True)
class OverdueContact:
    id: int
    name: str
    due_since: dt.datetime


def overdue_contacts(
    db: SqliteDatabase, goal_id: int, tags: Sequence[str], now: dt.datetime, limit: int
) -> list[OverdueContact]:
    """People whose keeping in touch is due, linked to the goal or carrying one of its
    tags: the longest overdue first."""
    marks = ",".join("?" * len(tags))
    tagged = (
        f" OR EXISTS (SELECT 1 FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
        f" WHERE ct.contact_id = c.id AND t.name IN ({marks}))"
        if tags
        else ""
    )
    rows = db.execute_sql(
        "SELECT c.id, c.display_name, c.next_touch_at FROM contact c INDEXED BY"
        " contact_next_touch WHERE c.next_touch_at IS NOT NULL AND c.next_touch_at <= ?"
        " AND c.archived = 0 AND (EXISTS (SELECT 1 FROM goal_link l WHERE l.contact_id = c.id"
        f" AND l.goal_id = ?){tagged}) ORDER BY c.next_touch_at LIMIT ?",
        (utc_text(now), goal_id, *tags, limit),
    )
    return [OverdueContact(int(i), str(n), from_utc_text(str(at))) for i, n, at in rows]


def titles_linked_to_event(db: SqliteDatabase, event_ids: Sequence[int]) -> list[str]:
    """The active goals these events are linked to (an occurrence's event and its
    series), by their order on the Goals page."""
    marks = ",".join("?" * len(event_ids))
    rows = db.execute_sql(
        "SELECT DISTINCT g.title, g.position, g.id FROM goal_link l JOIN goal g ON g.id ="
        f" l.goal_id WHERE l.event_id IN ({marks}) AND g.status = 'active'"
        " ORDER BY g.position, g.id",
        tuple(event_ids),
    )
    return [str(row[0]) for row in rows]
