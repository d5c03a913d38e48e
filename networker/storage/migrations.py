"""Numbered schema steps. The version lives in ``PRAGMA user_version`` (see
INCOMPATIBLE_STEPS for how a newer build's file is told usable or not).

Each step is frozen SQL (never built from the current Peewee classes, which
change), runs in its own IMMEDIATE transaction with foreign keys off (so a
table rebuild cannot cascade), and is followed by ``foreign_key_check``. A
database that already holds data is backed up with SQLite's backup API first.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from networker.clock import Clock
from networker.storage.backup import backup_database
from networker.storage.errors import MigrationError, NewerDatabaseError
from networker.storage.timestamps import local_text_to_utc_text, met_at_of

log = logging.getLogger(__name__)

APPLICATION_ID = 0x4E57524B  # "NWRK": marks the file as Networker's

Step = Callable[[SqliteDatabase], None]

_V1 = [
    """CREATE TABLE contact (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        given_name TEXT NOT NULL DEFAULT '',
        family_name TEXT NOT NULL DEFAULT '',
        display_name TEXT NOT NULL,
        organization TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        birthday TEXT,
        notes TEXT NOT NULL DEFAULT '',
        how_we_met TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT 'other',
        school TEXT NOT NULL DEFAULT '',
        strength INTEGER CHECK (strength BETWEEN 1 AND 5),
        cadence_days INTEGER CHECK (cadence_days > 0),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0,
        sort_name TEXT NOT NULL,
        search_text TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX contact_archived_sort_name ON contact (archived, sort_name)",
    """CREATE TABLE contact_photo (
        contact_id INTEGER PRIMARY KEY REFERENCES contact (id) ON DELETE CASCADE,
        thumbnail BLOB NOT NULL
    )""",
    """CREATE TABLE email (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        label TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX email_contact_id ON email (contact_id)",
    "CREATE INDEX email_address ON email (address COLLATE NOCASE)",
    """CREATE TABLE phone (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        label TEXT NOT NULL DEFAULT '',
        number TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX phone_contact_id ON phone (contact_id)",
    """CREATE TABLE url (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        label TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX url_contact_id ON url (contact_id)",
    "CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE)",
    """CREATE TABLE contact_tag (
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
        PRIMARY KEY (contact_id, tag_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX contact_tag_tag_id ON contact_tag (tag_id)",
]


def _create_v1(db: SqliteDatabase) -> None:
    for statement in _V1:
        db.execute_sql(statement)


_V2 = [
    # vCard properties Networker does not model, kept verbatim for export.
    """CREATE TABLE contact_extra (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        line TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX contact_extra_contact_id ON contact_extra (contact_id)",
    # Where a contact came from: each import that created or changed it.
    """CREATE TABLE contact_source (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        format TEXT NOT NULL,
        imported_at TEXT NOT NULL
    )""",
    "CREATE INDEX contact_source_contact_id ON contact_source (contact_id)",
    # Matching an imported phone number to a stored one.
    "ALTER TABLE phone ADD COLUMN digits TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX phone_digits ON phone (digits)",
]


def _create_v2(db: SqliteDatabase) -> None:
    for statement in _V2:
        db.execute_sql(statement)
    rows = db.execute_sql("SELECT id, number FROM phone").fetchall()
    db.connection().executemany(
        "UPDATE phone SET digits = ? WHERE id = ?",
        [("".join(ch for ch in number if ch.isdigit())[-10:], row_id) for row_id, number in rows],
    )


_V3 = [
    # Changes to a contact learnt from an import (a new role from LinkedIn), with dates.
    """CREATE TABLE contact_change (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        old_value TEXT NOT NULL,
        new_value TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        source TEXT NOT NULL
    )""",
    "CREATE INDEX contact_change_contact_id ON contact_change (contact_id)",
]


def _create_v3(db: SqliteDatabase) -> None:
    for statement in _V3:
        db.execute_sql(statement)


def _create_v4(db: SqliteDatabase) -> None:
    # Each import is announced here in a commit of its own before it writes, and marked
    # finished in the same transaction as its data: a run left "started" was killed.
    db.execute_sql(
        """CREATE TABLE import_run (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            files TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'started'
        )"""
    )


# Every stored instant, until step 5 written in this computer's local time.
_TIMESTAMPS = [
    ("contact", "created_at"),
    ("contact", "updated_at"),
    ("contact_source", "imported_at"),
    ("contact_change", "changed_at"),
    ("import_run", "started_at"),
]  # (step 6's tables store UTC from their start)


def _utc_timestamps_v5(db: SqliteDatabase) -> None:
    # Local time was ambiguous once a year (the hour a DST change repeats) and wrong
    # for anything scheduled across zones; from now on instants are stored in UTC.
    for table, column in _TIMESTAMPS:
        rows = db.execute_sql(f"SELECT rowid, {column} FROM {table}").fetchall()
        db.connection().executemany(
            f"UPDATE {table} SET {column} = ? WHERE rowid = ?",
            [(local_text_to_utc_text(text), row_id) for row_id, text in rows],
        )


_V6 = [
    # What the user did with whom; one interaction may involve several contacts.
    """CREATE TABLE interaction (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        follow_up_on TEXT,
        value TEXT NOT NULL DEFAULT '',
        value_kind TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX interaction_occurred_at ON interaction (occurred_at)",
    """CREATE TABLE interaction_contact (
        interaction_id INTEGER NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        PRIMARY KEY (interaction_id, contact_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX interaction_contact_contact ON interaction_contact (contact_id)",
    # Reminders with a state: follow-ups and thank-yous as they are made; keep-in-touch
    # and birthdays (computed) once the user acts on one or it is notified. The
    # occurrence names which one of a repeating kind (a date), so each is acted on once.
    """CREATE TABLE reminder (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        contact_id INTEGER REFERENCES contact (id) ON DELETE CASCADE,
        interaction_id INTEGER REFERENCES interaction (id) ON DELETE CASCADE,
        occurrence TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        due_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open',
        snoozed_until TEXT,
        notified_at TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX reminder_occurrence ON reminder (kind, contact_id, occurrence)",
    "CREATE INDEX reminder_open_due ON reminder (state, due_at)",
    # A tag's default keep-in-touch cadence, inherited by contacts without their own.
    """CREATE TABLE tag_cadence (
        tag_id INTEGER PRIMARY KEY REFERENCES tag (id) ON DELETE CASCADE,
        cadence_days INTEGER NOT NULL CHECK (cadence_days > 0)
    )""",
]


def _create_v6(db: SqliteDatabase) -> None:
    # Additive: tables only, so builds that know step 5 still open the file.
    for statement in _V6:
        db.execute_sql(statement)


# Step 7: when each contact was last in touch and when keeping in touch comes due next,
# kept on the contact row by triggers, so Today, the scheduler's next-due query and the
# list's columns are index lookups instead of a scan of every contact and interaction.
# Triggers, not services, keep them: every write path (imports, merges, older builds
# that know step 6 only) keeps them true. Birthdays are looked up by month and day.
_LAST_IN_TOUCH = (
    "(SELECT max(i.occurred_at) FROM interaction_contact ic"
    " JOIN interaction i ON i.id = ic.interaction_id WHERE ic.contact_id = {id})"
)
_CADENCE = (
    "coalesce(cadence_days, (SELECT min(tc.cadence_days) FROM contact_tag ct"
    " JOIN tag_cadence tc ON tc.tag_id = ct.tag_id WHERE ct.contact_id = contact.id))"
)
# Due = last interaction (else the day the contact was added) + the effective cadence;
# none for an archived contact or one without a cadence ('+' || NULL is NULL).
# Counted from the last interaction or from when the user marked keeping in touch done
# (or dismissed it), whichever is later; from the day the contact was added if neither.
_TOUCH_FROM = (
    "coalesce(nullif(max(coalesce(last_interaction_at, ''), coalesce(touch_reset_at, '')),"
    " ''), created_at)"
)
_NEXT_TOUCH = (
    "UPDATE contact SET next_touch_at = CASE WHEN archived = 0 THEN datetime("
    f"{_TOUCH_FROM}, '+' || {_CADENCE} || ' days') END"
)


def _touch_again(where: str) -> str:
    return f"{_NEXT_TOUCH} WHERE {where};"


def _last_in_touch(contact: str) -> str:
    return (
        f"UPDATE contact SET last_interaction_at = {_LAST_IN_TOUCH.format(id=contact)}"
        f" WHERE id = {contact};"
    )


_V7 = [
    "ALTER TABLE contact ADD COLUMN last_interaction_at TEXT",
    "ALTER TABLE contact ADD COLUMN next_touch_at TEXT",
    "ALTER TABLE contact ADD COLUMN touch_reset_at TEXT",
    "CREATE INDEX contact_next_touch ON contact (next_touch_at) WHERE next_touch_at IS NOT NULL",
    "CREATE INDEX contact_last_interaction ON contact (last_interaction_at)"
    " WHERE last_interaction_at IS NOT NULL",
    # "MM-DD" of "YYYY-MM-DD" and of a year-less "--MM-DD" alike.
    "CREATE INDEX contact_birthday_day ON contact (substr(birthday, -5))"
    " WHERE archived = 0 AND birthday IS NOT NULL",
    "CREATE INDEX reminder_open_effective ON reminder (coalesce(snoozed_until, due_at))"
    " WHERE state = 'open'",
    "CREATE INDEX reminder_open_kind_effective ON reminder"
    " (kind, coalesce(snoozed_until, due_at)) WHERE state = 'open'",
    # Favours given and received, by when (Today's "give back" nudge).
    "CREATE INDEX interaction_value ON interaction (value, occurred_at) WHERE value != ''",
    # The keep-in-touch occurrences the user acted on (done, dismissed, snoozed): few,
    # so counting who is overdue is an index count less these.
    "CREATE INDEX reminder_touch_acted ON reminder (contact_id, occurrence)"
    " WHERE kind = 'keep-in-touch' AND (state != 'open' OR snoozed_until IS NOT NULL)",
    f"""CREATE TRIGGER contact_touch_on_link AFTER INSERT ON interaction_contact BEGIN
        {_last_in_touch("NEW.contact_id")} END""",
    f"""CREATE TRIGGER contact_touch_on_unlink AFTER DELETE ON interaction_contact BEGIN
        {_last_in_touch("OLD.contact_id")} END""",
    f"""CREATE TRIGGER contact_touch_on_relink AFTER UPDATE ON interaction_contact BEGIN
        {_last_in_touch("OLD.contact_id")} {_last_in_touch("NEW.contact_id")} END""",
    f"""CREATE TRIGGER contact_touch_on_when AFTER UPDATE OF occurred_at ON interaction BEGIN
        UPDATE contact SET last_interaction_at = {_LAST_IN_TOUCH.format(id="contact.id")}
        WHERE id IN (SELECT contact_id FROM interaction_contact WHERE interaction_id = NEW.id);
        END""",
    f"""CREATE TRIGGER contact_next_touch_on_insert AFTER INSERT ON contact
        WHEN NEW.cadence_days IS NOT NULL OR NEW.last_interaction_at IS NOT NULL
        OR NEW.touch_reset_at IS NOT NULL BEGIN
        {_touch_again("id = NEW.id")} END""",
    f"""CREATE TRIGGER contact_next_touch_on_update
        AFTER UPDATE OF last_interaction_at, touch_reset_at, cadence_days, archived, created_at
        ON contact BEGIN
        {_touch_again("id = NEW.id")} END""",
    f"""CREATE TRIGGER contact_next_touch_on_tag AFTER INSERT ON contact_tag
        WHEN EXISTS (SELECT 1 FROM tag_cadence WHERE tag_id = NEW.tag_id) BEGIN
        {_touch_again("id = NEW.contact_id")} END""",
    f"""CREATE TRIGGER contact_next_touch_on_untag AFTER DELETE ON contact_tag
        WHEN EXISTS (SELECT 1 FROM tag_cadence WHERE tag_id = OLD.tag_id) BEGIN
        {_touch_again("id = OLD.contact_id")} END""",
    f"""CREATE TRIGGER contact_next_touch_on_retag AFTER UPDATE ON contact_tag BEGIN
        {_touch_again("id IN (OLD.contact_id, NEW.contact_id)")} END""",
    f"""CREATE TRIGGER contact_next_touch_on_tag_cadence AFTER INSERT ON tag_cadence BEGIN
        {_touch_again("id IN (SELECT contact_id FROM contact_tag WHERE tag_id = NEW.tag_id)")}
        END""",
    f"""CREATE TRIGGER contact_next_touch_on_tag_cadence_change AFTER UPDATE ON tag_cadence
        BEGIN {
        _touch_again(
            "id IN (SELECT contact_id FROM contact_tag WHERE tag_id IN (OLD.tag_id, NEW.tag_id))"
        )
    } END""",
    f"""CREATE TRIGGER contact_next_touch_on_tag_cadence_gone AFTER DELETE ON tag_cadence
        BEGIN {_touch_again("id IN (SELECT contact_id FROM contact_tag WHERE tag_id = OLD.tag_id)")}
        END""",
    # What is already there; the update trigger then sets next_touch_at.
    f"UPDATE contact SET last_interaction_at = {_LAST_IN_TOUCH.format(id='contact.id')}",
]


def _create_v7(db: SqliteDatabase) -> None:
    # Additive: columns with no default (NULL), indexes and triggers.
    for statement in _V7:
        db.execute_sql(statement)


_V8 = [
    # Their news: a new job, a promotion, an award, a publication, on a day.
    """CREATE TABLE milestone (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        happened_on TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX milestone_contact ON milestone (contact_id, happened_on)",
    # A contact's roles over time, as dated sources showed them: first and last seen
    # (the dates of the files), ended when a later role was seen (NULL: current).
    """CREATE TABLE job_role (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        organization TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        started_on TEXT NOT NULL,
        seen_on TEXT NOT NULL,
        ended_on TEXT
    )""",
    "CREATE INDEX job_role_contact ON job_role (contact_id, started_on)",
    # The congratulate reminder of a milestone goes with it.
    "ALTER TABLE reminder ADD COLUMN milestone_id INTEGER"
    " REFERENCES milestone (id) ON DELETE CASCADE",
]


def _create_v8(db: SqliteDatabase) -> None:
    # Additive: two tables and a nullable column, so builds that know step 7 still open it.
    for statement in _V8:
        db.execute_sql(statement)


_V9 = [
    # The whole card (issue 10). Name parts and gender beside the name.
    "ALTER TABLE contact ADD COLUMN name_prefix TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE contact ADD COLUMN middle_name TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE contact ADD COLUMN name_suffix TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE contact ADD COLUMN gender TEXT NOT NULL DEFAULT ''",
    # The vCard TYPE values as written, when they say more than the label (a work fax).
    "ALTER TABLE email ADD COLUMN types TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE phone ADD COLUMN types TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE url ADD COLUMN types TEXT NOT NULL DEFAULT ''",
    # The card's lists, one table: nicknames, organization units, more titles, roles,
    # addresses and handles (their parts as a JSON array in value), dates, related people.
    """CREATE TABLE contact_detail (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        types TEXT NOT NULL DEFAULT '',
        value TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX contact_detail_contact_id ON contact_detail (contact_id)",
]


def _create_v9(db: SqliteDatabase) -> None:
    # Additive: columns with defaults and a table, so builds that know step 8 still
    # open the file (they see less of each card).
    for statement in _V9:
        db.execute_sql(statement)


def _refold_search_v10(db: SqliteDatabase) -> None:
    # Search folds accents ("garcia" finds García) and covers title, school, how we met,
    # notes, web addresses and phones: every haystack is built again. Data only, and an
    # older build still searches them (as it folds, less well).
    from networker.storage.contacts import reindex_search_text

    reindex_search_text(db)


_V11 = [
    # The calendar (issue 12). An event's times as it has them: "YYYY-MM-DD HH:MM:SS"
    # in UTC for a time in a zone (the zone beside it), "YYYY-MM-DDTHH:MM:SS" for a
    # floating local time, "YYYY-MM-DD" all day. span_start/span_end are UTC bounds the
    # window on screen is looked up by: wide enough for any local reading of a floating
    # or all-day time, to the last occurrence of a series ('9999' without an end).
    # One edited occurrence of a series is an event of its own with the series' uid and
    # the start it replaces (recurrence_id), as iCalendar has it.
    """CREATE TABLE event (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL,
        recurrence_id TEXT NOT NULL DEFAULT '',
        series_id INTEGER REFERENCES event (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'other',
        starts TEXT NOT NULL,
        ends TEXT NOT NULL,
        zone TEXT NOT NULL DEFAULT '',
        span_start TEXT NOT NULL,
        span_end TEXT NOT NULL,
        location TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        organizer_group TEXT NOT NULL DEFAULT '',
        reminder_minutes INTEGER,
        rrule TEXT NOT NULL DEFAULT '',
        exdates TEXT NOT NULL DEFAULT '',
        stage TEXT NOT NULL DEFAULT '',
        extra TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX event_uid ON event (uid, recurrence_id)",
    "CREATE INDEX event_span ON event (span_start, span_end)",
    "CREATE INDEX event_series ON event (series_id) WHERE series_id IS NOT NULL",
    "CREATE INDEX event_group ON event (organizer_group) WHERE organizer_group != ''",
    # Who was there: contacts, or from a file only an address and a name (the line's
    # parameters kept as written, for the export).
    """CREATE TABLE event_attendee (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
        contact_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
        email TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL DEFAULT '',
        params TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX event_attendee_event ON event_attendee (event_id)",
    "CREATE INDEX event_attendee_contact ON event_attendee (contact_id)"
    " WHERE contact_id IS NOT NULL",
    # What happened at an event (encounters logged after it), and an event's reminders.
    "ALTER TABLE interaction ADD COLUMN event_id INTEGER REFERENCES event (id) ON DELETE SET NULL",
    "CREATE INDEX interaction_event ON interaction (event_id) WHERE event_id IS NOT NULL",
    "ALTER TABLE reminder ADD COLUMN event_id INTEGER REFERENCES event (id) ON DELETE CASCADE",
    "CREATE INDEX reminder_event ON reminder (event_id) WHERE event_id IS NOT NULL",
]


def _create_v11(db: SqliteDatabase) -> None:
    # Additive: two tables and two nullable columns; builds that know step 10 open it.
    for statement in _V11:
        db.execute_sql(statement)


_V12 = [
    # Pairs the user said are two people (Find Duplicates' "Not the Same Person"): never
    # offered again, and gone with either contact. first_id < second_id: one row a pair.
    """CREATE TABLE not_duplicate (
        first_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        second_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        marked_at TEXT NOT NULL,
        PRIMARY KEY (first_id, second_id),
        CHECK (first_id < second_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX not_duplicate_second ON not_duplicate (second_id)",
]


def _create_v12(db: SqliteDatabase) -> None:
    # Additive: a table, so builds that know the steps before it still open the file.
    for statement in _V12:
        db.execute_sql(statement)


_V13 = [
    # The parameters of an email, phone or web address that Networker does not model
    # (PREF=1, MEDIATYPE=…), as written, one per line; an address keeps its own in its
    # value's JSON array (after the seven parts, which older builds read alone).
    "ALTER TABLE email ADD COLUMN params TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE phone ADD COLUMN params TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE url ADD COLUMN params TEXT NOT NULL DEFAULT ''",
]


def _create_v13(db: SqliteDatabase) -> None:
    # Additive: columns with defaults; builds that know step 12 open the file.
    for statement in _V13:
        db.execute_sql(statement)


_V15 = [
    # The property a related person was written as (X-ABRELATEDNAMES, X-SPOUSE...), so
    # it is written back in that form; the related people stored before were all read
    # from RELATED lines (or Networker's CSV, written as RELATED since), and stay so.
    "ALTER TABLE contact_detail ADD COLUMN written_as TEXT NOT NULL DEFAULT ''",
    # A related person's other parameters as written (PREF=1, ALTID=…), one a line.
    "ALTER TABLE contact_detail ADD COLUMN params TEXT NOT NULL DEFAULT ''",
    "UPDATE contact_detail SET written_as = 'RELATED' WHERE kind = 'related'",
]


def _create_v15(db: SqliteDatabase) -> None:
    # Additive: a column with a default; builds that know step 14 open the file (a
    # related person they save is written in Networker's own form).
    for statement in _V15:
        db.execute_sql(statement)


_V16 = [
    # What each file last said about a contact (domain.merging.said: a digest a value),
    # so that importing it again does not bring back what the user removed or changed.
    """CREATE TABLE import_memory (
        source TEXT NOT NULL,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        said BLOB NOT NULL,
        PRIMARY KEY (source, contact_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX import_memory_contact_id ON import_memory (contact_id)",
]


def _create_v16(db: SqliteDatabase) -> None:
    # Additive: a table; a build that knows step 15 opens the file and does not use it
    # (its imports then add back what was removed, as they did).
    for statement in _V16:
        db.execute_sql(statement)


def _refold_sort_names_v17(db: SqliteDatabase) -> None:
    # The list orders names folded as search folds them (Ángel with the A's, not after
    # Z): the stored keys of names with accents are folded again. Data only: an older
    # build orders by them as they are.
    from networker.domain.folding import fold

    rows = db.execute_sql("SELECT id, sort_name FROM contact").fetchall()
    changed = [(fold(key), contact_id) for contact_id, key in rows if not key.isascii()]
    for part in range(0, len(changed), 1000):
        db.connection().executemany(
            "UPDATE contact SET sort_name = ? WHERE id = ?", changed[part : part + 1000]
        )


def _tally_met(row: str, step: int) -> str:
    if step > 0:
        return (
            f"INSERT INTO contact_day (day, source, n) SELECT substr({row}.met_at, 1, 10),"
            f" {row}.source, 1 WHERE {row}.met_at IS NOT NULL"
            " ON CONFLICT (day, source) DO UPDATE SET n = n + 1;"
        )
    return (
        f"UPDATE contact_day SET n = n - 1 WHERE day = substr({row}.met_at, 1, 10)"
        f" AND source = {row}.source;"
    )


def _tally_met_tags(row: str, step: int) -> str:
    if step > 0:
        return (
            "INSERT INTO contact_tag_day (tag_id, day, n) SELECT tag_id,"
            f" substr({row}.met_at, 1, 10), 1 FROM contact_tag WHERE contact_id = {row}.id"
            f" AND {row}.met_at IS NOT NULL ON CONFLICT (tag_id, day) DO UPDATE SET n = n + 1;"
        )
    return (
        f"UPDATE contact_tag_day SET n = n - 1 WHERE day = substr({row}.met_at, 1, 10)"
        f" AND tag_id IN (SELECT tag_id FROM contact_tag WHERE contact_id = {row}.id);"
    )


_LINKEDIN_HOW = "Connected on LinkedIn on "


def _met_on_linkedin(db: SqliteDatabase) -> None:
    """Contacts a LinkedIn export brought in were met on their Connected On day, which
    the import wrote into how we met."""
    from networker.formats.csv_formats import connected_on

    rows = db.execute_sql(
        "SELECT id, how_we_met FROM contact WHERE met_at IS NULL AND how_we_met LIKE ?",
        (_LINKEDIN_HOW + "%",),
    ).fetchall()
    for contact_id, how in rows:
        day = connected_on(how[len(_LINKEDIN_HOW) :])
        if day is not None:
            db.execute_sql(
                "UPDATE contact SET met_at = ? WHERE id = ?", (met_at_of(day), contact_id)
            )


# When the user met the contact, for "new contacts" goals (UTC, as created_at; NULL: not
# known). A contact made in the window was met then; one an import made was only brought
# in, unless the file says when (LinkedIn's Connected On). QA: a first import of 300
# cards showed "300 of 15 new contacts" for the month.
_V18_COLUMN = [
    "ALTER TABLE contact ADD COLUMN met_at TEXT",
    "UPDATE contact SET met_at = created_at WHERE NOT EXISTS (SELECT 1 FROM contact_source s"
    " WHERE s.contact_id = contact.id AND s.imported_at = contact.created_at)",
]
_V18 = [
    # The tallies new-contact goals read count by it.
    "CREATE INDEX contact_met ON contact (met_at)",
    "CREATE INDEX contact_organization_met ON contact (organization COLLATE NOCASE, met_at)",
    "DROP TRIGGER contact_day_on_insert",
    "DROP TRIGGER contact_day_on_delete",
    "DROP TRIGGER contact_day_on_update",
    "DROP TRIGGER contact_tag_day_on_insert",
    "DROP TRIGGER contact_tag_day_on_delete",
    f"""CREATE TRIGGER contact_day_on_insert AFTER INSERT ON contact BEGIN
        {_tally_met("NEW", 1)} END""",
    f"""CREATE TRIGGER contact_day_on_delete BEFORE DELETE ON contact BEGIN
        {_tally_met("OLD", -1)} {_tally_met_tags("OLD", -1)} END""",
    f"""CREATE TRIGGER contact_day_on_update AFTER UPDATE OF met_at, source ON contact
        BEGIN {_tally_met("OLD", -1)} {_tally_met("NEW", 1)}
        {_tally_met_tags("OLD", -1)} {_tally_met_tags("NEW", 1)} END""",
    """CREATE TRIGGER contact_tag_day_on_insert AFTER INSERT ON contact_tag BEGIN
        INSERT INTO contact_tag_day (tag_id, day, n)
        SELECT NEW.tag_id, substr(met_at, 1, 10), 1 FROM contact
        WHERE id = NEW.contact_id AND met_at IS NOT NULL
        ON CONFLICT (tag_id, day) DO UPDATE SET n = n + 1; END""",
    """CREATE TRIGGER contact_tag_day_on_delete AFTER DELETE ON contact_tag BEGIN
        UPDATE contact_tag_day SET n = n - 1 WHERE tag_id = OLD.tag_id
        AND day = (SELECT substr(met_at, 1, 10) FROM contact WHERE id = OLD.contact_id);
        END""",
]


def _create_v18(db: SqliteDatabase) -> None:
    # Additive: a column without a default (NULL), indexes, the tallies' triggers made
    # again; a build that knows step 17 still opens the file (its new contacts then have
    # no meeting time and count as none).
    for statement in _V18_COLUMN:
        db.execute_sql(statement)
    _met_on_linkedin(db)
    for statement in _V18:
        db.execute_sql(statement)
    db.execute_sql("DELETE FROM contact_day")
    db.execute_sql(
        "INSERT INTO contact_day (day, source, n) SELECT substr(met_at, 1, 10), source,"
        " count(*) FROM contact WHERE met_at IS NOT NULL GROUP BY 1, 2"
    )
    db.execute_sql("DELETE FROM contact_tag_day")
    db.execute_sql(
        "INSERT INTO contact_tag_day (tag_id, day, n) SELECT ct.tag_id,"
        " substr(c.met_at, 1, 10), count(*) FROM contact_tag ct"
        " JOIN contact c ON c.id = ct.contact_id WHERE c.met_at IS NOT NULL GROUP BY 1, 2"
    )


def _tally_interaction(row: str, step: int) -> str:
    if step > 0:
        return (
            "INSERT INTO interaction_day (day, kind, value, n) VALUES"
            f" (substr({row}.occurred_at, 1, 10), {row}.kind, {row}.value, 1)"
            " ON CONFLICT (day, kind, value) DO UPDATE SET n = n + 1;"
        )
    return (
        f"UPDATE interaction_day SET n = n - 1 WHERE day = substr({row}.occurred_at, 1, 10)"
        f" AND kind = {row}.kind AND value = {row}.value;"
    )


def _tally_event(row: str, step: int) -> str:
    if step > 0:
        return (
            "INSERT INTO event_day (day, event_id, n) VALUES"
            f" (substr({row}.occurred_at, 1, 10), {row}.event_id, 1)"
            " ON CONFLICT (day, event_id) DO UPDATE SET n = n + 1;"
        )
    return (
        f"UPDATE event_day SET n = n - 1 WHERE day = substr({row}.occurred_at, 1, 10)"
        f" AND event_id = {row}.event_id;"
    )


def _tally_contact(row: str, step: int) -> str:
    if step > 0:
        return (
            "INSERT INTO contact_day (day, source, n) VALUES"
            f" (substr({row}.created_at, 1, 10), {row}.source, 1)"
            " ON CONFLICT (day, source) DO UPDATE SET n = n + 1;"
        )
    return (
        f"UPDATE contact_day SET n = n - 1 WHERE day = substr({row}.created_at, 1, 10)"
        f" AND source = {row}.source;"
    )


def _tally_tags(row: str, step: int) -> str:
    if step > 0:
        return (
            "INSERT INTO contact_tag_day (tag_id, day, n) SELECT tag_id,"
            f" substr({row}.created_at, 1, 10), 1 FROM contact_tag WHERE contact_id = {row}.id"
            " ON CONFLICT (tag_id, day) DO UPDATE SET n = n + 1;"
        )
    return (
        f"UPDATE contact_tag_day SET n = n - 1 WHERE day = substr({row}.created_at, 1, 10)"
        f" AND tag_id IN (SELECT tag_id FROM contact_tag WHERE contact_id = {row}.id);"
    )


# Reached while overdue, for the interactions before step 14: more days since the one
# before (or since the contact was added) than the contact's cadence.
_OVERDUE_BEFORE_14 = f"""INSERT OR IGNORE INTO overdue_reach (interaction_id, contact_id,
    occurred_at) SELECT x.interaction_id, x.contact_id, x.occurred_at FROM (
        SELECT ic.interaction_id, ic.contact_id, i.occurred_at, lag(i.occurred_at) OVER
        (PARTITION BY ic.contact_id ORDER BY i.occurred_at, i.id) AS before
        FROM interaction_contact ic JOIN interaction i ON i.id = ic.interaction_id
    ) x JOIN contact ON contact.id = x.contact_id
    WHERE {_CADENCE} IS NOT NULL AND julianday(x.occurred_at)
    - julianday(coalesce(x.before, contact.created_at)) > {_CADENCE}"""


_V14 = [
    # Goals (issue 13). A goal's period is a date range (starts_on through ends_on, local
    # days) or repeats weekly, monthly or quarterly from starts_on (ends_on NULL).
    """CREATE TABLE goal (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        purpose TEXT NOT NULL DEFAULT 'other',
        description TEXT NOT NULL DEFAULT '',
        repeat TEXT NOT NULL DEFAULT '',
        starts_on TEXT NOT NULL,
        ends_on TEXT,
        status TEXT NOT NULL DEFAULT 'active',
        position INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    # What a goal counts: a kind, N within the period, the kind's filters as JSON, and
    # for a manual target the number the user keeps.
    """CREATE TABLE goal_target (
        id INTEGER PRIMARY KEY,
        goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        filters TEXT NOT NULL DEFAULT '',
        only_linked INTEGER NOT NULL DEFAULT 0,
        manual_count INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX goal_target_goal ON goal_target (goal_id)",
    # Contacts, events and interactions the user tied to a goal ("mentor search").
    """CREATE TABLE goal_link (
        id INTEGER PRIMARY KEY,
        goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
        contact_id INTEGER REFERENCES contact (id) ON DELETE CASCADE,
        event_id INTEGER REFERENCES event (id) ON DELETE CASCADE,
        interaction_id INTEGER REFERENCES interaction (id) ON DELETE CASCADE,
        CHECK ((contact_id IS NOT NULL) + (event_id IS NOT NULL)
               + (interaction_id IS NOT NULL) = 1)
    )""",
    "CREATE UNIQUE INDEX goal_link_contact ON goal_link (contact_id, goal_id)"
    " WHERE contact_id IS NOT NULL",
    "CREATE UNIQUE INDEX goal_link_event ON goal_link (event_id, goal_id)"
    " WHERE event_id IS NOT NULL",
    "CREATE UNIQUE INDEX goal_link_interaction ON goal_link (interaction_id, goal_id)"
    " WHERE interaction_id IS NOT NULL",
    "CREATE INDEX goal_link_goal ON goal_link (goal_id)",
    # A repeating goal's past periods as they closed: achieved or missed, and the counts.
    """CREATE TABLE goal_period (
        goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
        starts_on TEXT NOT NULL,
        ends_on TEXT NOT NULL,
        achieved INTEGER NOT NULL,
        counts TEXT NOT NULL DEFAULT '',
        closed_at TEXT NOT NULL,
        PRIMARY KEY (goal_id, starts_on)
    ) WITHOUT ROWID""",
    # Progress is counted by aggregate queries over ranges of time: new contacts by when
    # they were added, interactions by kind and when (value given has its index already).
    "CREATE INDEX contact_created ON contact (created_at)",
    "CREATE INDEX contact_organization_created ON contact (organization COLLATE NOCASE,"
    " created_at)",
    "CREATE INDEX interaction_kind_occurred ON interaction (kind, occurred_at)",
    "CREATE INDEX event_kind ON event (kind)",
    "CREATE INDEX interaction_event_occurred ON interaction (occurred_at, event_id)"
    " WHERE event_id IS NOT NULL",
    # Daily tallies (UTC days), kept by triggers as step 7's columns are, on every write
    # path: a year of interactions or new contacts is a sum over 365 small rows instead
    # of a count over 170,000 (the edges of a local period are counted exactly).
    """CREATE TABLE interaction_day (
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (day, kind, value)
    ) WITHOUT ROWID""",
    """CREATE TABLE contact_day (
        day TEXT NOT NULL,
        source TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (day, source)
    ) WITHOUT ROWID""",
    """CREATE TABLE contact_tag_day (
        tag_id INTEGER NOT NULL,
        day TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (tag_id, day)
    ) WITHOUT ROWID""",
    # Who was reached while keeping in touch with them was due: known only when it
    # happens (a cadence changed later does not change the past).
    """CREATE TABLE overdue_reach (
        interaction_id INTEGER NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        occurred_at TEXT NOT NULL,
        PRIMARY KEY (interaction_id, contact_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX overdue_reach_occurred ON overdue_reach (occurred_at)",
    "CREATE INDEX overdue_reach_contact ON overdue_reach (contact_id)",
    f"""CREATE TRIGGER interaction_day_on_insert AFTER INSERT ON interaction BEGIN
        {_tally_interaction("NEW", 1)} END""",
    f"""CREATE TRIGGER interaction_day_on_delete AFTER DELETE ON interaction BEGIN
        {_tally_interaction("OLD", -1)} END""",
    f"""CREATE TRIGGER interaction_day_on_update AFTER UPDATE OF occurred_at, kind, value
        ON interaction BEGIN {_tally_interaction("OLD", -1)} {_tally_interaction("NEW", 1)}
        UPDATE overdue_reach SET occurred_at = NEW.occurred_at
        WHERE interaction_id = NEW.id; END""",
    f"""CREATE TRIGGER contact_day_on_insert AFTER INSERT ON contact BEGIN
        {_tally_contact("NEW", 1)} END""",
    f"""CREATE TRIGGER contact_day_on_delete BEFORE DELETE ON contact BEGIN
        {_tally_contact("OLD", -1)} {_tally_tags("OLD", -1)} END""",
    f"""CREATE TRIGGER contact_day_on_update AFTER UPDATE OF created_at, source ON contact
        BEGIN {_tally_contact("OLD", -1)} {_tally_contact("NEW", 1)}
        {_tally_tags("OLD", -1)} {_tally_tags("NEW", 1)} END""",
    """CREATE TRIGGER contact_tag_day_on_insert AFTER INSERT ON contact_tag BEGIN
        INSERT INTO contact_tag_day (tag_id, day, n)
        SELECT NEW.tag_id, substr(created_at, 1, 10), 1 FROM contact WHERE id = NEW.contact_id
        ON CONFLICT (tag_id, day) DO UPDATE SET n = n + 1; END""",
    # A contact deleted takes its tags with it (counted down before, in
    # contact_day_on_delete); here the contact is already gone and nothing matches.
    """CREATE TRIGGER contact_tag_day_on_delete AFTER DELETE ON contact_tag BEGIN
        UPDATE contact_tag_day SET n = n - 1 WHERE tag_id = OLD.tag_id
        AND day = (SELECT substr(created_at, 1, 10) FROM contact WHERE id = OLD.contact_id);
        END""",
    # The days the user was at each event (an encounter logged there): events attended.
    """CREATE TABLE event_day (
        day TEXT NOT NULL,
        event_id INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (day, event_id)
    ) WITHOUT ROWID""",
    f"""CREATE TRIGGER event_day_on_insert AFTER INSERT ON interaction
        WHEN NEW.event_id IS NOT NULL BEGIN {_tally_event("NEW", 1)} END""",
    f"""CREATE TRIGGER event_day_on_delete AFTER DELETE ON interaction
        WHEN OLD.event_id IS NOT NULL BEGIN {_tally_event("OLD", -1)} END""",
    f"""CREATE TRIGGER event_day_on_update_old AFTER UPDATE OF occurred_at, event_id
        ON interaction WHEN OLD.event_id IS NOT NULL BEGIN {_tally_event("OLD", -1)} END""",
    f"""CREATE TRIGGER event_day_on_update_new AFTER UPDATE OF occurred_at, event_id
        ON interaction WHEN NEW.event_id IS NOT NULL BEGIN {_tally_event("NEW", 1)} END""",
    """CREATE TRIGGER overdue_reach_on_link BEFORE INSERT ON interaction_contact BEGIN
        INSERT OR IGNORE INTO overdue_reach (interaction_id, contact_id, occurred_at)
        SELECT i.id, c.id, i.occurred_at FROM interaction i, contact c
        WHERE i.id = NEW.interaction_id AND c.id = NEW.contact_id
        AND c.next_touch_at IS NOT NULL AND c.next_touch_at <= i.occurred_at; END""",
    """CREATE TRIGGER overdue_reach_on_unlink AFTER DELETE ON interaction_contact BEGIN
        DELETE FROM overdue_reach WHERE interaction_id = OLD.interaction_id
        AND contact_id = OLD.contact_id; END""",
]


def _create_v14(db: SqliteDatabase) -> None:
    # Additive: tables, indexes and triggers; builds that know steps 11 to 13 still open
    # the file (their writes keep the tallies too: the triggers are the database's).
    for statement in _V14:
        db.execute_sql(statement)
    db.execute_sql(
        "INSERT INTO interaction_day (day, kind, value, n) SELECT substr(occurred_at, 1, 10),"
        " kind, value, count(*) FROM interaction GROUP BY 1, 2, 3"
    )
    db.execute_sql(
        "INSERT INTO contact_day (day, source, n) SELECT substr(created_at, 1, 10), source,"
        " count(*) FROM contact GROUP BY 1, 2"
    )
    db.execute_sql(
        "INSERT INTO contact_tag_day (tag_id, day, n) SELECT ct.tag_id,"
        " substr(c.created_at, 1, 10), count(*) FROM contact_tag ct"
        " JOIN contact c ON c.id = ct.contact_id GROUP BY 1, 2"
    )
    db.execute_sql(
        "INSERT INTO event_day (day, event_id, n) SELECT substr(occurred_at, 1, 10), event_id,"
        " count(*) FROM interaction WHERE event_id IS NOT NULL GROUP BY 1, 2"
    )
    db.execute_sql(_OVERDUE_BEFORE_14)


MIGRATIONS: Mapping[int, Step] = {
    1: _create_v1,
    2: _create_v2,
    3: _create_v3,
    4: _create_v4,
    5: _utc_timestamps_v5,
    6: _create_v6,
    7: _create_v7,
    8: _create_v8,
    9: _create_v9,
    10: _refold_search_v10,
    11: _create_v11,
    12: _create_v12,
    13: _create_v13,
    14: _create_v14,
    15: _create_v15,
    16: _create_v16,
    17: _refold_sort_names_v17,
    18: _create_v18,
}
SCHEMA_VERSION = max(MIGRATIONS)  # the newest step this build knows

# The steps an older build cannot live with: a column dropped, renamed or given a new
# meaning, a NOT NULL column without a default. Every other step only adds (a table, an
# index, a column with a default), so a build that knows fewer steps still reads and
# writes the file as it is. PRAGMA user_version holds (major << 16) | step, the major
# counting these steps (qutebrowser's misc/sql.py does the same): a file of a newer
# build with the same major opens read-write; one with a higher major is refused.
INCOMPATIBLE_STEPS: frozenset[int] = frozenset({5})  # 5: timestamps became UTC
_MAJOR_SHIFT = 16


def encoded_version(step: int, incompatible: frozenset[int] = INCOMPATIBLE_STEPS) -> int:
    """What user_version holds once the schema has reached ``step``."""
    major = sum(1 for s in incompatible if s <= step)
    return (major << _MAJOR_SHIFT) | step


def decoded_version(user_version: int) -> tuple[int, int]:
    """(major, step) of a user_version."""
    return user_version >> _MAJOR_SHIFT, user_version & ((1 << _MAJOR_SHIFT) - 1)


SCHEMA_MAJOR = decoded_version(encoded_version(SCHEMA_VERSION))[0]


def check_readable(path: Path, user_version: int) -> None:
    """Refuse (NewerDatabaseError) a file this build cannot use: a newer major schema.
    A newer step of the same major only added what this build can ignore."""
    major, step = decoded_version(user_version)
    if major > SCHEMA_MAJOR:
        raise NewerDatabaseError(path, step, SCHEMA_VERSION)


def schema_version(db: SqliteDatabase) -> int:
    """The step the file's schema has reached."""
    return decoded_version(int(db.execute_sql("PRAGMA user_version").fetchone()[0]))[1]


def migrate(
    db: SqliteDatabase,
    *,
    backups_dir: Path,
    clock: Clock,
    steps: Mapping[int, Step] = MIGRATIONS,
) -> Path | None:
    """Bring the schema to the newest version. Returns the pre-migration backup, if any.

    A file of a newer build whose newer steps only added (same major) is left as it is.
    """
    check_readable(Path(db.database), int(db.execute_sql("PRAGMA user_version").fetchone()[0]))
    current = schema_version(db)
    target = max(steps)
    if current >= target:
        if current > target:
            log.info("schema step %d is newer than %d, and compatible: used as it is",
                     current, target)  # fmt: skip
        return None
    backup = None
    if current > 0:
        stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
        backup = backup_database(db, backups_dir / f"pre-migration-v{current}-{stamp}.sqlite3")
        log.info("backed up schema v%d to %s before migrating", current, backup)
    # foreign_keys cannot change inside a transaction, so it is switched off around them.
    db.pragma("foreign_keys", 0)
    try:
        _run_steps(db, steps, current, target)
    except MigrationError as exc:
        log.error("migration from schema v%d failed: %s", current, exc)
        raise MigrationError(_failure_message(db, current, target, str(exc), backup)) from exc
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        if type(exc) in (sqlite3.DatabaseError, peewee.DatabaseError):
            raise  # damage found on the way: open_database's damaged-file answer applies
        log.exception("migration from schema v%d to v%d failed", current, target)
        detail = f"{type(exc).__name__}: {exc}"
        raise MigrationError(_failure_message(db, current, target, detail, backup)) from exc
    except Exception as exc:
        # The step's own transaction was rolled back: the file is as it was. People get
        # words and the backup's name; the log gets the traceback.
        log.exception("migration from schema v%d to v%d failed", current, target)
        detail = f"{type(exc).__name__}: {exc}"
        raise MigrationError(_failure_message(db, current, target, detail, backup)) from exc
    finally:
        db.pragma("foreign_keys", 1)
    return backup


def _failure_message(
    db: SqliteDatabase, current: int, target: int, detail: str, backup: Path | None
) -> str:
    try:
        reached = schema_version(db)
    except Exception:  # the connection itself failed (a full disk, say)
        reached = current
    kept = (
        "Nothing was changed: the database is as it was before."
        if reached == current
        else f"The steps up to schema {reached} were kept; the rest was rolled back."
    )
    where = (
        f" A copy taken just before the update is kept as {backup}." if backup is not None else ""
    )
    return (
        f"Networker could not update the database {db.database} from schema {current} to "
        f"{target} ({detail}). {kept}{where} Details are in the log file; please report "
        "this problem."
    )


def _run_steps(db: SqliteDatabase, steps: Mapping[int, Step], current: int, target: int) -> None:
    # A new file gets every step in one transaction (one fsync, not one per step);
    # an existing one, a transaction per step, so a failure keeps the steps before it.
    batches = (
        [list(range(1, target + 1))]
        if current == 0
        else [[version] for version in range(current + 1, target + 1)]
    )
    for batch in batches:
        with db.atomic():
            for version in batch:
                log.info("migrating the database to schema v%d", version)
                steps[version](db)
            broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise MigrationError(
                    f"Migration to schema {batch[-1]} left {len(broken)} broken references."
                )
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute_sql(f"PRAGMA user_version = {encoded_version(batch[-1])}")
