"""Every query about contacts. Callers hold the transaction (services do)."""

from __future__ import annotations

import datetime as dt
import functools
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableSequence, Sequence
from dataclasses import dataclass, field
from typing import Any

from peewee import SqliteDatabase

from networker.domain.contacts import (
    NOTES_SEARCHED,
    UNNAMED,
    Birthday,
    ContactDraft,
    ContactRecord,
    LabeledValue,
    Relationship,
    Source,
    effective_display_name,
    is_linkedin_url,
    parse_birthday,
    phone_digits,
    search_terms,
    search_text,
    searched_fields,
    sort_key,
)
from networker.domain.folding import fold
from networker.domain.listing import NEVER, NO_CADENCE, ContactIndex, ContactSummary
from networker.domain.matching import (
    PHONE_GROUP_MAX,
    PHONE_MIN_DIGITS,
    Known,
    phone_tail,
)
from networker.storage import card_details
from networker.storage.tables import (
    Contact,
    ContactChange,
    ContactSource,
    ContactTag,
    Tag,
)
from networker.storage.timestamps import from_utc_text, met_at_of, utc_text

# SQLite allows 32,766 bound variables; stay well below it.
CHUNK = 500


def chunked(ids: Sequence[int], size: int = CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _placeholders(count: int) -> str:
    return ",".join("?" * count)


def insert_contact(db: SqliteDatabase, draft: ContactDraft, *, now: dt.datetime, uid: str) -> int:
    """A contact the user makes (in the window, or who they met at an event): met now."""
    columns = {"uid": uid, "created_at": now, "met_at": now, **_contact_columns(draft, now)}
    contact_id = int(Contact.insert(**columns).execute(db))
    _write_children(db, contact_id, draft)
    return contact_id


def update_contact(
    db: SqliteDatabase, contact_id: int, draft: ContactDraft, *, now: dt.datetime
) -> None:
    # Plain SQL: a save from the panel runs on the GUI thread (Peewee's query building
    # cost 5 ms of it).
    columns = _contact_columns(draft, now)
    columns["updated_at"] = utc_text(now)
    connection = db.connection()
    assignments = ", ".join(f"{name} = ?" for name in columns)
    connection.execute(
        f"UPDATE contact SET {assignments} WHERE id = ?", [*columns.values(), contact_id]
    )
    for table in _CHILD_TABLES:
        connection.execute(f"DELETE FROM {table} WHERE contact_id = ?", (contact_id,))
    _write_children(db, contact_id, draft)


def _contact_columns(draft: ContactDraft, now: dt.datetime) -> dict[str, object]:
    name = effective_display_name(draft)
    return {
        "given_name": draft.given_name,
        "family_name": draft.family_name,
        "display_name": name,
        "organization": draft.organization,
        "title": draft.title,
        "birthday": draft.birthday.iso() if draft.birthday else None,
        "notes": draft.notes,
        "how_we_met": draft.how_we_met,
        "source": draft.source.value,
        "school": draft.school,
        "strength": draft.strength,
        "cadence_days": draft.cadence_days,
        "updated_at": now,
        "sort_name": sort_key(name),
        "search_text": search_text(
            name,
            draft.organization,
            [e.value for e in draft.emails],
            draft.tags,
            search_terms(draft),
        ),
        "name_prefix": draft.name_prefix,
        "middle_name": draft.middle_name,
        "name_suffix": draft.name_suffix,
        "gender": draft.gender,
    }


# The rows a contact owns, by table: one builder and one set of statements for the
# editor's single saves and the import's batches.
_CHILD_INSERTS = {
    "email": "INSERT INTO email (contact_id, label, address, position, types, params)"
    " VALUES (?, ?, ?, ?, ?, ?)",
    "phone": "INSERT INTO phone (contact_id, label, number, position, digits, types, params)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)",
    "url": "INSERT INTO url (contact_id, label, url, position, types, params)"
    " VALUES (?, ?, ?, ?, ?, ?)",
    "contact_detail": card_details.INSERT,
    "contact_tag": "INSERT OR IGNORE INTO contact_tag (contact_id, tag_id) VALUES (?, ?)",
    "contact_extra": "INSERT INTO contact_extra (contact_id, line, position) VALUES (?, ?, ?)",
    "contact_photo": "INSERT INTO contact_photo (contact_id, thumbnail) VALUES (?, ?)",
    "contact_source": "INSERT INTO contact_source (contact_id, file_name, format, imported_at)"
    " VALUES (?, ?, ?, ?)",
    "import_memory": "INSERT OR REPLACE INTO import_memory (source, contact_id, said)"
    " VALUES (?, ?, ?)",
}


# What a saved contact's parts are replaced in (contact_source is history, kept).
_CHILD_TABLES = (
    "email", "phone", "url", "contact_tag", "contact_photo", "contact_extra", "contact_detail",
)  # fmt: skip


def _child_rows(
    contact_id: int, draft: ContactDraft, tag_id: Callable[[str], int]
) -> dict[str, list[tuple[object, ...]]]:
    types, params = card_details.join_types, card_details.join_params
    return {
        "email": [
            (contact_id, v.label, v.value, i, types(v.types), params(v.params))
            for i, v in enumerate(draft.emails)
        ],
        "phone": [
            (
                contact_id,
                v.label,
                v.value,
                i,
                phone_digits(v.value),
                types(v.types),
                params(v.params),
            )
            for i, v in enumerate(draft.phones)
        ],
        "url": [
            (contact_id, v.label, v.value, i, types(v.types), params(v.params))
            for i, v in enumerate(draft.urls)
        ],
        "contact_detail": list(card_details.detail_rows(contact_id, draft)),
        "contact_extra": [(contact_id, line, i) for i, line in enumerate(draft.extras)],
        "contact_photo": [(contact_id, draft.photo)] if draft.photo else [],
        "contact_tag": [(contact_id, t) for t in dict.fromkeys(tag_id(n) for n in draft.tags)],
    }


def _insert_rows(connection: Any, rows: dict[str, list[tuple[object, ...]]]) -> None:
    for table, values in rows.items():
        if values:
            connection.executemany(_CHILD_INSERTS[table], values)


def _write_children(db: SqliteDatabase, contact_id: int, draft: ContactDraft) -> None:
    rows = _child_rows(contact_id, draft, functools.partial(_tag_id, db))
    _insert_rows(db.connection(), rows)


def _tag_id(db: SqliteDatabase, name: str) -> int:
    # The tag table's name column is COLLATE NOCASE: "Mentor" and "mentor" are one tag.
    found = db.execute_sql("SELECT id FROM tag WHERE name = ?", (name,)).fetchone()
    if found is not None:
        return int(found[0])
    return int(Tag.insert(name=name).execute(db))


_CONTACT_COLUMNS = (
    "given_name, family_name, display_name, organization, title, birthday, notes,"
    " how_we_met, source, school, strength, cadence_days, uid, created_at, updated_at,"
    " archived, name_prefix, middle_name, name_suffix, gender"
)


def contact_exists(db: SqliteDatabase, contact_id: int) -> bool:
    found = db.execute_sql("SELECT 1 FROM contact WHERE id = ?", (contact_id,)).fetchone()
    return found is not None


def load_contact(db: SqliteDatabase, contact_id: int) -> ContactRecord | None:
    """One contact with all its parts. Plain SQL: opening a contact is on the GUI thread,
    and building these eight small queries with Peewee cost ten times their running."""
    row = db.execute_sql(
        f"SELECT {_CONTACT_COLUMNS} FROM contact WHERE id = ?", (contact_id,)
    ).fetchone()
    if row is None:
        return None
    (given, family, display, organization, title, birthday, notes, how_we_met, source,
     school, strength, cadence_days, uid, created_at, updated_at, archived, name_prefix,
     middle_name, name_suffix, gender) = row  # fmt: skip

    def labeled(table: str, column: str) -> list[LabeledValue]:
        cursor = db.execute_sql(
            f"SELECT label, {column}, types, params FROM {table} WHERE contact_id = ?"
            " ORDER BY position, id",
            (contact_id,),
        )
        return [
            LabeledValue(
                label, value, card_details.split_types(types), card_details.split_params(params)
            )
            for label, value, types, params in cursor
        ]

    photo = db.execute_sql(
        "SELECT thumbnail FROM contact_photo WHERE contact_id = ?", (contact_id,)
    ).fetchone()
    extras = [
        line
        for (line,) in db.execute_sql(
            "SELECT line FROM contact_extra WHERE contact_id = ? ORDER BY position, id",
            (contact_id,),
        )
    ]
    tags = [
        name
        for (name,) in db.execute_sql(
            "SELECT tag.name FROM tag JOIN contact_tag ON contact_tag.tag_id = tag.id"
            " WHERE contact_tag.contact_id = ? ORDER BY tag.name",
            (contact_id,),
        )
    ]
    draft = ContactDraft(
        given_name=given,
        family_name=family,
        display_name=display,
        organization=organization,
        title=title,
        emails=labeled("email", "address"),
        phones=labeled("phone", "number"),
        urls=labeled("url", "url"),
        birthday=_birthday(birthday),
        photo=bytes(photo[0]) if photo else None,
        notes=notes,
        how_we_met=how_we_met,
        source=_source(source),
        school=school,
        tags=tags,
        strength=strength,
        cadence_days=cadence_days,
        uid=uid,
        extras=extras,
        name_prefix=name_prefix,
        middle_name=middle_name,
        name_suffix=name_suffix,
        gender=gender,
    )
    card_details.fill_details(
        draft,
        db.execute_sql(
            "SELECT kind, label, types, value, written_as, params FROM contact_detail"
            " WHERE contact_id = ?"
            " ORDER BY kind, position, id",
            (contact_id,),
        ),
    )
    return ContactRecord(
        id=contact_id,
        draft=draft,
        created_at=from_utc_text(created_at),
        updated_at=from_utc_text(updated_at),
        archived=bool(archived),
    )


def _source(value: str) -> Source:
    try:
        return Source(value)
    except ValueError:
        return Source.OTHER


def _birthday(text: str | None) -> Birthday | None:
    if not text:
        return None
    try:
        return parse_birthday(text)
    except ValueError:
        return None


def delete_contacts(db: SqliteDatabase, ids: Sequence[int]) -> None:
    for part in chunked(ids):
        Contact.delete().where(Contact.id.in_(part)).execute(db)
    # Tags nobody wears any more would only clutter the tag completer.
    Tag.delete().where(Tag.id.not_in(ContactTag.select(ContactTag.tag))).execute(db)


def set_archived(
    db: SqliteDatabase, ids: Sequence[int], archived: bool, *, now: dt.datetime
) -> list[int]:
    """Archive or unarchive; returns the ids whose state changed (the others are
    left as they are, their "updated" time too)."""
    changed = []
    for part in chunked(ids):
        marks = _placeholders(len(part))
        rows = db.execute_sql(
            f"SELECT id FROM contact WHERE id IN ({marks}) AND archived != ?",
            [*part, int(archived)],
        )
        changed += [row[0] for row in rows]
    for part in chunked(changed):
        Contact.update(archived=archived, updated_at=now).where(Contact.id.in_(part)).execute(db)
    return changed


def relationships(db: SqliteDatabase, ids: Sequence[int]) -> dict[int, Relationship]:
    """Each contact's source, strength and keep-in-touch cadence."""
    found = {}
    for part in chunked(ids):
        rows = db.execute_sql(
            "SELECT id, source, strength, cadence_days FROM contact"
            f" WHERE id IN ({_placeholders(len(part))})",
            part,
        )
        for contact_id, source, strength, cadence in rows:
            found[int(contact_id)] = Relationship(_source(source), strength, cadence)
    return found


def set_relationships(
    db: SqliteDatabase, values: Mapping[int, Relationship], *, now: dt.datetime
) -> None:
    """Set these contacts' source, strength and cadence (the schema's triggers move
    their next keep-in-touch time)."""
    db.connection().executemany(
        "UPDATE contact SET source = ?, strength = ?, cadence_days = ?, updated_at = ?"
        " WHERE id = ?",
        [(r.source.value, r.strength, r.cadence_days, utc_text(now), contact_id)
         for contact_id, r in values.items()],
    )  # fmt: skip


def add_tag(db: SqliteDatabase, ids: Sequence[int], tag: str, *, now: dt.datetime) -> None:
    tag_id = _tag_id(db, tag)
    for part in chunked(ids):
        rows = [{"contact": i, "tag": tag_id} for i in part]
        ContactTag.insert_many(rows).on_conflict_ignore().execute(db)
    _touch_and_reindex(db, ids, now)


def remove_tag(db: SqliteDatabase, ids: Sequence[int], tag: str, *, now: dt.datetime) -> None:
    found = db.execute_sql("SELECT id FROM tag WHERE name = ?", (tag,)).fetchone()
    if found is None:
        return
    tag_id = found[0]
    for part in chunked(ids):
        ContactTag.delete().where(
            (ContactTag.tag == tag_id) & (ContactTag.contact.in_(part))
        ).execute(db)
    if not ContactTag.select().where(ContactTag.tag == tag_id).exists(db):
        Tag.delete().where(Tag.id == tag_id).execute(db)
    _touch_and_reindex(db, ids, now)


def reindex_search_text(db: SqliteDatabase) -> None:
    """Build every contact's haystack afresh (when what a search folds or covers grew)."""
    ids = [row[0] for row in db.execute_sql("SELECT id FROM contact")]
    _touch_and_reindex(db, ids, None)


def _touch_and_reindex(db: SqliteDatabase, ids: Sequence[int], now: dt.datetime | None) -> None:
    updates = []
    for part in chunked(ids):
        marks = _placeholders(len(part))
        emails = _grouped(
            db,
            f"SELECT contact_id, address FROM email WHERE contact_id IN ({marks}) "
            "ORDER BY position",
            part,
        )
        tags = _grouped(
            db,
            "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
            f"WHERE ct.contact_id IN ({marks}) ORDER BY t.name",
            part,
        )
        more = _grouped(
            db,
            f"SELECT contact_id, kind, value FROM contact_detail WHERE contact_id IN ({marks})"
            " AND kind IN ('nickname', 'handle', 'address') ORDER BY kind, position",
            part,
            searched_detail,
        )
        urls = _grouped(db, f"SELECT contact_id, url FROM url WHERE contact_id IN ({marks})", part)
        phones = _grouped(
            db, f"SELECT contact_id, number FROM phone WHERE contact_id IN ({marks})", part
        )
        rows = db.execute_sql(
            "SELECT id, display_name, organization, title, school, how_we_met,"
            f" substr(notes, 1, {NOTES_SEARCHED}) FROM contact WHERE id IN ({marks})",
            part,
        )
        for contact_id, name, organization, title, school, met, notes in rows:
            own = searched_fields(
                title, school, met, notes, urls.get(contact_id, []), phones.get(contact_id, [])
            )
            hay = search_text(
                name,
                organization,
                emails.get(contact_id, []),
                tags.get(contact_id, []),
                [*own, *more.get(contact_id, [])],
            )
            updates.append((hay, utc_text(now) if now else "", contact_id))
    if now is None:  # the haystacks only (a migration): the contacts did not change
        db.connection().executemany(
            "UPDATE contact SET search_text = ? WHERE id = ?", [(h, i) for h, _n, i in updates]
        )
        return
    db.connection().executemany(
        "UPDATE contact SET search_text = ?, updated_at = ? WHERE id = ?", updates
    )


def _grouped(
    db: SqliteDatabase,
    sql: str,
    params: Sequence[int],
    values: Callable[..., list[str]] = lambda value: [value],
) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for key, *row in db.execute_sql(sql, params):
        grouped.setdefault(key, []).extend(values(*row))
    return grouped


def searched_detail(kind: str, value: str) -> list[str]:
    """What search_terms takes from a stored detail row (the same words, read back)."""
    draft = ContactDraft()
    card_details.fill_details(draft, [(kind, "", "", value, "", "")])
    return search_terms(draft)


def tag_names(db: SqliteDatabase) -> list[str]:
    return [name for (name,) in db.execute_sql("SELECT name FROM tag ORDER BY name")]


def count_contacts(
    db: SqliteDatabase, *, include_archived: bool = False, up_to: int | None = None
) -> int:
    """How many contacts there are, counting no further than ``up_to`` (a full count
    reads a whole index: 3 ms at 100,000 contacts, where counting to 5,001 takes 0.1 ms)."""
    query = Contact.select(Contact.id)
    if not include_archived:
        query = query.where(Contact.archived == False)  # noqa: E712 (Peewee expression)
    if up_to is not None:
        query = query.limit(up_to)
    return int(query.count(db))


def load_index(db: SqliteDatabase, ids: Sequence[int] | None = None) -> ContactIndex:
    """Sort keys and haystacks of every contact (or of ``ids``): no Peewee objects.

    Rows come in name order, so the strings of the default view lie in memory in
    the order a search scans them (measured: 8 ms instead of 23 ms at 100,000).
    """
    sql = (
        "SELECT id, sort_name, organization, CAST(strftime('%s', updated_at) AS INTEGER),"
        " search_text, archived,"
        f" coalesce(CAST(strftime('%s', last_interaction_at) AS INTEGER), {NEVER}),"
        f" coalesce(CAST(strftime('%s', next_touch_at) AS INTEGER), {NO_CADENCE}),"
        " source, coalesce(strength, 0), CAST(strftime('%s', created_at) AS INTEGER)"
        " FROM contact"
    )
    index = ContactIndex(
        updated=array("q"), last_touch=array("q"), next_touch=array("q"), added=array("q")
    )
    columns: tuple[MutableSequence[Any], ...] = (
        index.ids, index.name_keys, index.organization_keys,
        index.updated, index.haystacks, index.archived, index.last_touch, index.next_touch,
        index.sources, index.strengths, index.added,
    )  # fmt: skip
    folded: dict[str, str] = {}  # organizations repeat: keep one folded copy of each
    batches = (
        [db.execute_sql(f"{sql} ORDER BY sort_name, id")]  # equal names by id
        if ids is None
        else [
            db.execute_sql(f"{sql} WHERE id IN ({_placeholders(len(part))})", part)
            for part in chunked(ids)
        ]
    )
    for cursor in batches:
        while rows := cursor.fetchmany(2000):
            for column, values in zip(columns, zip(*rows, strict=True), strict=True):
                column.extend(values)
    organizations = index.organization_keys
    for position, organization in enumerate(organizations):
        key = folded.get(organization)
        if key is None:
            key = folded[organization] = fold(organization)
        organizations[position] = key
    index.archived[:] = [bool(a) for a in index.archived]
    if ids is not None:  # a few changed contacts: their family names too (cheap here)
        index.set_family_keys(family_names(db, index.ids))
    # Tags in one grouped read (a subquery per contact took twice as long).
    tagged = _tag_sets(db, ids)
    index.tag_sets[:] = [tagged.get(contact_id, "") for contact_id in index.ids]
    # Sources and tag sets repeat: one copy of each string (100,000 rows, a few values).
    for column in (index.sources, index.tag_sets):
        shared: dict[str, str] = {}
        column[:] = [shared.setdefault(value, value) for value in column]
    return index


def family_names(db: SqliteDatabase, ids: Sequence[int] | None = None) -> dict[int, str]:
    """Contacts' family names by id (of ``ids``, or of every contact)."""
    if ids is None:
        rows = db.execute_sql("SELECT id, family_name FROM contact WHERE family_name != ''")
        return {int(i): str(f) for i, f in rows}
    found = {}
    for part in chunked(ids):
        rows = db.execute_sql(
            f"SELECT id, family_name FROM contact WHERE id IN ({_placeholders(len(part))})", part
        )
        found.update({int(i): str(f) for i, f in rows})
    return found


def _tag_sets(db: SqliteDatabase, ids: Sequence[int] | None) -> dict[int, str]:
    """Each tagged contact's tags as the index holds them (domain.listing.TAG_SEPARATOR)."""
    sql = (
        "SELECT ct.contact_id, char(31) || group_concat(t.name, char(31)) || char(31)"
        " FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
    )
    if ids is None:
        return dict(db.execute_sql(f"{sql} GROUP BY ct.contact_id").fetchall())
    found: dict[int, str] = {}
    for part in chunked(ids):
        marks = _placeholders(len(part))
        found.update(
            db.execute_sql(f"{sql} WHERE ct.contact_id IN ({marks}) GROUP BY ct.contact_id", part)
        )
    return found


def first_ids(db: SqliteDatabase, limit: int) -> list[int]:
    """The first contacts in name order: what the list shows before the index is loaded."""
    rows = db.execute_sql(
        "SELECT id FROM contact WHERE archived = 0 ORDER BY sort_name LIMIT ?", (limit,)
    )
    return [r[0] for r in rows]


def summaries(db: SqliteDatabase, ids: Iterable[int]) -> dict[int, ContactSummary]:
    """The list rows of these contacts, keyed by id (missing ids are left out)."""
    found: dict[int, ContactSummary] = {}
    for part in chunked(list(ids)):
        marks = _placeholders(len(part))
        tags = _grouped(
            db,
            "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
            f"WHERE ct.contact_id IN ({marks}) ORDER BY t.name COLLATE NOCASE",
            part,
        )
        rows = db.execute_sql(
            "SELECT c.id, c.display_name, c.organization, c.title, c.archived, p.thumbnail,"
            " c.last_interaction_at, c.next_touch_at "
            "FROM contact c LEFT JOIN contact_photo p ON p.contact_id = c.id "
            f"WHERE c.id IN ({marks})",
            part,
        )
        for contact_id, name, organization, title, archived, photo, last, due in rows:
            found[contact_id] = ContactSummary(
                id=contact_id,
                name=name,
                organization=organization,
                title=title,
                tags=", ".join(tags.get(contact_id, [])),
                archived=bool(archived),
                photo=bytes(photo) if photo is not None else None,
                last_interaction=from_utc_text(last) if last else None,
                next_due=from_utc_text(due) if due else None,
            )
    return found


def add_source(
    db: SqliteDatabase, contact_id: int, *, file_name: str, format_name: str, at: dt.datetime
) -> None:
    ContactSource.insert(
        contact=contact_id, file_name=file_name, format=format_name, imported_at=at
    ).execute(db)


def met_on_if_unknown(db: SqliteDatabase, contact_id: int, day: dt.date) -> None:
    """The day a file says the user met a contact, unless a meeting time is known."""
    db.execute_sql(
        "UPDATE contact SET met_at = ? WHERE id = ? AND met_at IS NULL",
        (met_at_of(day), contact_id),
    )


def remembered(db: SqliteDatabase, sources: Iterable[str]) -> dict[tuple[str, int], bytes]:
    """What each of these files said about each contact when last imported."""
    found: dict[tuple[str, int], bytes] = {}
    for source in set(sources):
        cursor = db.execute_sql(
            "SELECT contact_id, said FROM import_memory WHERE source = ?", (source,)
        )
        found.update(((source, contact_id), said) for contact_id, said in cursor)
    return found


def sources(db: SqliteDatabase, contact_id: int) -> list[tuple[str, str, dt.datetime]]:
    cursor = db.execute_sql(
        "SELECT file_name, format, imported_at FROM contact_source WHERE contact_id = ?"
        " ORDER BY imported_at, id",
        (contact_id,),
    )
    return [(name, kind, from_utc_text(at)) for name, kind, at in cursor]


@dataclass
class MatchKeys:
    """Every stored contact's identifying keys, for matching an import without a query
    per record."""

    uids: dict[str, int] = field(default_factory=dict)
    emails: dict[str, int] = field(default_factory=dict)
    # Phone numbers by their last seven digits (phone_tail): (contact, number) pairs,
    # read in E.164 only when a record's number falls in the same group.
    phones: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    names: dict[tuple[str, str], int] = field(default_factory=dict)
    profiles: dict[str, int] = field(default_factory=dict)  # LinkedIn profile URLs
    # Each contact's LinkedIn profiles: two of one name with different ones are two people.
    profiles_of: dict[int, set[str]] = field(default_factory=dict)
    # Full name alone -> the one contact of that name, or None when several share it.
    bare_names: dict[str, int | None] = field(default_factory=dict)
    # Full name alone -> the first contact of that name, whatever its organization.
    named: dict[str, int] = field(default_factory=dict)
    people: dict[int, Known] = field(default_factory=dict)

    def remember_name(self, name: tuple[str, str], contact_id: int) -> None:
        self.names.setdefault(name, contact_id)
        self.named.setdefault(name[0], contact_id)
        known = self.bare_names.get(name[0], contact_id)
        self.bare_names[name[0]] = contact_id if known == contact_id else None

    def remember_person(self, contact_id: int, name: tuple[str, str], uid: str, label: str) -> None:
        if contact_id not in self.people:
            self.people[contact_id] = Known(name[0], name[1], uid, label)

    def remember_phone(self, contact_id: int, number: str) -> None:
        if len(tail := phone_tail(number)) == PHONE_MIN_DIGITS:
            group = self.phones.setdefault(tail, [])
            if len(group) < PHONE_GROUP_MAX and (contact_id, number) not in group:
                group.append((contact_id, number))


def match_keys(db: SqliteDatabase) -> MatchKeys:
    keys = MatchKeys()
    for contact_id, uid, given, family, display, organization in db.execute_sql(
        "SELECT id, uid, given_name, family_name, display_name, organization FROM contact"
    ):
        keys.uids.setdefault(uid, contact_id)
        name = name_key(given, family, display, organization)
        label = " ".join((display or f"{given} {family}").split()) or organization
        keys.remember_person(contact_id, name, uid, label or UNNAMED)
        if name[0]:
            keys.remember_name(name, contact_id)
    for contact_id, address in db.execute_sql("SELECT contact_id, address FROM email"):
        keys.emails.setdefault(address.casefold(), contact_id)
    for contact_id, url in db.execute_sql("SELECT contact_id, url FROM url"):
        if profile := linkedin_key(url):
            keys.profiles.setdefault(profile, contact_id)
            keys.profiles_of.setdefault(contact_id, set()).add(profile)
    for contact_id, number in db.execute_sql("SELECT contact_id, number FROM phone"):
        keys.remember_phone(contact_id, number)
    return keys


def name_key(given: str, family: str, display: str, organization: str) -> tuple[str, str]:
    """(name, organization), folded. A contact with no name is known by its
    organization, as its shown name is (effective_display_name): so a card with only
    an organization matches the contact it became on the previous import."""
    company = " ".join(organization.split())
    full = " ".join(f"{given} {family}".split()) or " ".join(display.split()) or company
    return (full.casefold(), company.casefold())


def archived_ids(db: SqliteDatabase) -> set[int]:
    return {row[0] for row in db.execute_sql("SELECT id FROM contact WHERE archived")}


def all_ids(db: SqliteDatabase) -> list[int]:
    return [row[0] for row in db.execute_sql("SELECT id FROM contact ORDER BY sort_name, id")]


def linkedin_key(url: str) -> str:
    """A LinkedIn profile URL without scheme, host variant, query or trailing slash."""
    if not is_linkedin_url(url):
        return ""
    rest = url.split("linkedin.com", 1)[-1].split("?", 1)[0].rstrip("/")
    return rest.casefold()


class BulkWriter:
    """New contacts for a large import, written in batches with executemany.

    Peewee's query building costs several times SQLite's own work at this volume
    (measured: 3.6x the floor for 10,000 cards); rows here go straight to the
    connection, inside the caller's IMMEDIATE transaction, so assigning ids from
    max(id) is safe.
    """

    BATCH = 1000

    def __init__(self, db: SqliteDatabase, *, now: dt.datetime) -> None:
        self._db = db
        self._now = utc_text(now)
        self._next_id = (db.execute_sql("SELECT max(id) FROM contact").fetchone()[0] or 0) + 1
        self._tags = {name.casefold(): tag_id for tag_id, name in db.execute_sql(
            "SELECT id, name FROM tag")}  # fmt: skip
        self._contacts: list[tuple[object, ...]] = []
        self._children: dict[str, list[tuple[object, ...]]] = {
            "email": [], "phone": [], "url": [], "contact_tag": [], "contact_extra": [],
            "contact_photo": [], "contact_source": [], "contact_detail": [], "import_memory": [],
        }  # fmt: skip
        self.first_pending = self._next_id

    def add(
        self, draft: ContactDraft, *, uid: str, archived: bool = False, met: dt.date | None = None
    ) -> int:
        """``met``: the day the file says the user met them (LinkedIn's Connected On);
        without one an imported contact has no meeting time (schema step 18)."""
        contact_id = self._next_id
        self._next_id += 1
        columns = _contact_columns(draft, self._now)  # type: ignore[arg-type]
        self._contacts.append((
            contact_id, uid, columns["given_name"], columns["family_name"],
            columns["display_name"], columns["organization"], columns["title"],
            columns["birthday"], columns["notes"], columns["how_we_met"], columns["source"],
            columns["school"], columns["strength"], columns["cadence_days"], self._now,
            self._now, columns["sort_name"], columns["search_text"], columns["name_prefix"],
            columns["middle_name"], columns["name_suffix"], columns["gender"], int(archived),
            met_at_of(met) if met is not None else None,
        ))  # fmt: skip
        for table, rows in _child_rows(contact_id, draft, self._tag_id).items():
            self._children[table] += rows
        if len(self._contacts) >= self.BATCH:
            self.flush()
        return contact_id

    def add_source(self, contact_id: int, *, file_name: str, format_name: str) -> None:
        self._children["contact_source"].append((contact_id, file_name, format_name, self._now))

    def remember(self, contact_id: int, *, source: str, said: bytes) -> None:
        """What the file ``source`` said about the contact (domain.merging.said)."""
        self._children["import_memory"].append((source, contact_id, said))

    def _tag_id(self, name: str) -> int:
        tag_id = self._tags.get(name.casefold())
        if tag_id is None:
            cursor = self._db.execute_sql("INSERT INTO tag (name) VALUES (?)", (name,))
            tag_id = self._tags[name.casefold()] = int(cursor.lastrowid)
        return tag_id

    def flush(self) -> None:
        connection = self._db.connection()
        if self._contacts:
            connection.executemany(
                "INSERT INTO contact (id, uid, given_name, family_name, display_name,"
                " organization, title, birthday, notes, how_we_met, source, school, strength,"
                " cadence_days, created_at, updated_at, sort_name, search_text, name_prefix,"
                " middle_name, name_suffix, gender, archived, met_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self._contacts,
            )
            self._contacts = []
        _insert_rows(connection, self._children)
        self._children = {table: [] for table in self._children}
        self.first_pending = self._next_id


def add_change(
    db: SqliteDatabase,
    contact_id: int,
    *,
    field: str,
    old: str,
    new: str,
    at: dt.datetime,
    source: str,
) -> None:
    ContactChange.insert(
        contact=contact_id, field=field, old_value=old, new_value=new, changed_at=at, source=source
    ).execute(db)


def changes(db: SqliteDatabase, contact_id: int) -> list[tuple[str, str, str, dt.datetime, str]]:
    query = (
        ContactChange.select()
        .where(ContactChange.contact == contact_id)
        .order_by(ContactChange.changed_at, ContactChange.id)
    )
    return [(c.field, c.old_value, c.new_value, c.changed_at, c.source) for c in query.execute(db)]


def move_history(db: SqliteDatabase, *, from_id: int, to_id: int) -> None:
    """Sources, recorded changes, interactions, reminders, milestones, job history,
    places at events, goal links and reaches while overdue follow a contact that is
    merged into another (an interaction both were in stays once, with the kept one)."""
    for table in (ContactSource, ContactChange):
        table.update(contact=to_id).where(table.contact == from_id).execute(db)
    for name in (
        "interaction_contact", "reminder", "milestone", "job_role", "event_attendee",
        "goal_link", "overdue_reach",
    ):  # fmt: skip
        db.execute_sql(
            f"UPDATE OR IGNORE {name} SET contact_id = ? WHERE contact_id = ?", (to_id, from_id)
        )
