"""Each schema step on its own, the migrated schema against a fresh one, and files of
newer builds: additive ones open, incompatible ones are refused."""

import sqlite3

import pytest

from networker.storage import migrations
from networker.storage.db import make_database, open_database
from networker.storage.errors import NewerDatabaseError
from networker.storage.tables import ALL_TABLES


def schema(path):
    """Every table, index and column of the file, as comparable text."""
    connection = sqlite3.connect(path)
    try:
        objects = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        columns = {
            table: connection.execute(f"PRAGMA table_info({table})").fetchall()
            for (kind, table, _tbl, _sql) in objects
            if kind == "table"
        }
    finally:
        connection.close()
    return objects, columns


def add_ada(db):
    """One contact (id 1) as every schema step stores it."""
    db.execute_sql(
        "INSERT INTO contact (id, uid, display_name, created_at, updated_at, sort_name)"
        " VALUES (1, 'u1', 'Ada', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'ada')"
    )


def at_step(path, step, clock, backups):
    """A database built by the steps up to ``step`` only, as that old build left it."""
    db = make_database(path)
    steps = {n: migrations.MIGRATIONS[n] for n in range(1, step + 1)}
    migrations.migrate(db, backups_dir=backups, clock=clock, steps=steps)
    return db


@pytest.mark.parametrize("start", range(1, migrations.SCHEMA_VERSION))
def test_a_database_migrated_from_any_step_equals_a_fresh_one(tmp_path, clock, start):
    fresh = tmp_path / "fresh.sqlite3"
    open_database(fresh, backups_dir=tmp_path, clock=clock).close()
    old = tmp_path / "old.sqlite3"
    db = at_step(old, start, clock, tmp_path)
    db.execute_sql(
        "INSERT INTO contact (uid, display_name, created_at, updated_at, sort_name)"
        " VALUES ('u1', 'Ada', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'ada')"
    )
    db.close()
    open_database(old, backups_dir=tmp_path, clock=clock).close()
    assert schema(old) == schema(fresh)


def test_the_peewee_tables_match_the_schema_the_steps_build(tmp_path, clock):
    path = tmp_path / "fresh.sqlite3"
    open_database(path, backups_dir=tmp_path, clock=clock).close()
    _objects, columns = schema(path)
    for table in ALL_TABLES:
        declared = {field.column_name for field in table._meta.sorted_fields}
        built = {column[1] for column in columns[table._meta.table_name]}
        assert declared == built, table.__name__


def test_step_1_creates_the_contact_tables(tmp_path, clock):
    at_step(tmp_path / "db.sqlite3", 1, clock, tmp_path).close()
    objects, _columns = schema(tmp_path / "db.sqlite3")
    tables = {name for kind, name, _tbl, _sql in objects if kind == "table"}
    assert {"contact", "email", "phone", "url", "tag", "contact_tag", "contact_photo"} <= tables


def test_step_2_fills_the_digits_of_phones_already_stored(tmp_path, clock):
    db = at_step(tmp_path / "db.sqlite3", 1, clock, tmp_path)
    add_ada(db)
    db.execute_sql("INSERT INTO phone (contact_id, number) VALUES (1, '+44 (20) 7946-0958')")
    steps = {n: migrations.MIGRATIONS[n] for n in (1, 2)}
    migrations.migrate(db, backups_dir=tmp_path, clock=clock, steps=steps)
    assert db.execute_sql("SELECT digits FROM phone").fetchone()[0] == "2079460958"
    db.close()


def test_step_5_stores_the_local_times_of_older_builds_in_utc(tmp_path, clock, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        db = at_step(tmp_path / "db.sqlite3", 4, clock, tmp_path)
        db.execute_sql(
            "INSERT INTO contact (id, uid, display_name, created_at, updated_at, sort_name)"
            " VALUES (1, 'u1', 'Ada', '2026-01-15 09:00:00', '2026-07-01 12:30:00', 'ada')"
        )
        db.execute_sql(
            "INSERT INTO import_run (started_at, files) VALUES ('2026-07-01 12:30:00.250000', 'a')"
        )
        migrations.migrate(db, backups_dir=tmp_path, clock=clock)
        rows = db.execute_sql("SELECT created_at, updated_at FROM contact").fetchall()
        started = db.execute_sql("SELECT started_at FROM import_run").fetchone()[0]
        db.close()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    # Winter: UTC-5; summer: UTC-4 (the offset in force on each date).
    assert rows == [("2026-01-15 14:00:00", "2026-07-01 16:30:00")]
    assert started == "2026-07-01 16:30:00"


@pytest.mark.parametrize(("step", "table"), [(3, "contact_change"), (4, "import_run")])
def test_steps_3_and_4_add_their_table(tmp_path, clock, step, table):
    db = at_step(tmp_path / "db.sqlite3", step - 1, clock, tmp_path)
    steps = {n: migrations.MIGRATIONS[n] for n in range(1, step + 1)}
    migrations.migrate(db, backups_dir=tmp_path, clock=clock, steps=steps)
    found = db.execute_sql("SELECT name FROM sqlite_master WHERE name = ?", (table,)).fetchall()
    assert found == [(table,)]
    db.close()


def test_a_newer_builds_additive_steps_leave_the_file_usable_read_write(tmp_path, clock):
    """A newer Networker added a table and a column with a default: this build opens
    the file, writes to it, and leaves both (and the newer version number) alone."""
    path = tmp_path / "db.sqlite3"
    open_database(path, backups_dir=tmp_path, clock=clock).close()
    newer = sqlite3.connect(path)
    newer.execute("CREATE TABLE badge (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
    newer.execute("INSERT INTO badge (title) VALUES ('Connector')")
    newer.execute("ALTER TABLE contact ADD COLUMN pronouns TEXT NOT NULL DEFAULT ''")
    step = migrations.SCHEMA_VERSION + 1
    newer.execute(f"PRAGMA user_version = {migrations.encoded_version(step)}")
    newer.commit()
    newer.close()
    db = open_database(path, backups_dir=tmp_path, clock=clock)
    try:
        db.execute_sql(
            "INSERT INTO contact (uid, display_name, created_at, updated_at, sort_name)"
            " VALUES ('u1', 'Ada', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'ada')"
        )
        assert migrations.schema_version(db) == step
        assert db.execute_sql("SELECT title FROM badge").fetchall() == [("Connector",)]
        assert db.execute_sql("SELECT pronouns FROM contact").fetchall() == [("",)]
    finally:
        db.close()
    assert not list(tmp_path.glob("pre-migration-*"))  # nothing was migrated


def test_a_newer_builds_incompatible_step_is_refused(tmp_path, clock):
    path = tmp_path / "db.sqlite3"
    open_database(path, backups_dir=tmp_path, clock=clock).close()
    step = migrations.SCHEMA_VERSION + 1
    incompatible = migrations.encoded_version(step, migrations.INCOMPATIBLE_STEPS | {step})
    newer = sqlite3.connect(path)
    newer.execute(f"PRAGMA user_version = {incompatible}")
    newer.commit()
    newer.close()
    with pytest.raises(NewerDatabaseError, match="newer version of Networker"):
        open_database(path, backups_dir=tmp_path, clock=clock)


def test_versions_round_trip_and_old_files_read_as_major_zero():
    assert migrations.decoded_version(4) == (0, 4)  # what builds before majors wrote
    assert migrations.decoded_version(migrations.encoded_version(9, frozenset({6}))) == (1, 9)
    assert migrations.encoded_version(5, frozenset({6})) == 5


def test_step_9_adds_the_whole_card_and_keeps_what_was_stored(tmp_path, clock):
    db = at_step(tmp_path / "db.sqlite3", 8, clock, tmp_path)
    add_ada(db)
    db.execute_sql("INSERT INTO phone (contact_id, label, number) VALUES (1, 'work', '1')")
    db.close()
    db = open_database(tmp_path / "db.sqlite3", backups_dir=tmp_path, clock=clock)
    assert db.execute_sql("SELECT gender, name_prefix FROM contact").fetchall() == [("", "")]
    assert db.execute_sql("SELECT label, types FROM phone").fetchall() == [("work", "")]
    assert db.execute_sql("SELECT count(*) FROM contact_detail").fetchone() == (0,)
    db.close()


def test_step_10_builds_every_haystack_again_folded_and_wider(tmp_path, clock):
    db = at_step(tmp_path / "db.sqlite3", 9, clock, tmp_path)
    db.execute_sql(
        "INSERT INTO contact (id, uid, display_name, title, created_at, updated_at, sort_name,"
        " search_text) VALUES (1, 'u1', 'José García', 'Recruiter', '2026-01-01 00:00:00',"
        " '2026-01-01 00:00:00', 'josé garcía', 'josé garcía')"
    )
    db.execute_sql(
        "INSERT INTO phone (contact_id, label, number) VALUES (1, 'work', '+1 555-0100')"
    )
    db.close()
    db = open_database(tmp_path / "db.sqlite3", backups_dir=tmp_path, clock=clock)
    (hay, updated) = db.execute_sql("SELECT search_text, updated_at FROM contact").fetchone()
    assert hay.split("\n") == ["jose garcia", "", "recruiter", "15550100"]
    assert updated == "2026-01-01 00:00:00"  # the contact itself did not change
    db.close()


def test_step_15_keeps_the_related_people_stored_before_written_as_related(tmp_path, clock):
    """Before step 15 every related person was read from (and written as) RELATED; their
    export stays so, while a nickname's row has no form."""
    db = at_step(tmp_path / "db.sqlite3", 14, clock, tmp_path)
    add_ada(db)
    db.execute_sql(
        "INSERT INTO contact_detail (contact_id, kind, label, types, value, position) VALUES"
        " (1, 'related', '', 'spouse', 'William', 0), (1, 'nickname', '', '', 'Ada', 0)"
    )
    db.close()
    db = open_database(tmp_path / "db.sqlite3", backups_dir=tmp_path, clock=clock)
    rows = db.execute_sql("SELECT kind, written_as FROM contact_detail ORDER BY kind")
    assert rows.fetchall() == [("nickname", ""), ("related", "RELATED")]
    db.close()


def test_step_16_adds_the_import_memory_table(tmp_path, clock):
    db = at_step(tmp_path / "db.sqlite3", 15, clock, tmp_path)
    db.close()
    db = open_database(tmp_path / "db.sqlite3", backups_dir=tmp_path, clock=clock)
    assert db.execute_sql("SELECT count(*) FROM import_memory").fetchone() == (0,)
    db.close()


def test_step_17_folds_the_sort_names_of_names_with_accents(tmp_path, clock):
    """The list orders Ángel with the A's (QA: after Wei, past Z)."""
    db = at_step(tmp_path / "db.sqlite3", 16, clock, tmp_path)
    add_ada(db)
    db.execute_sql("UPDATE contact SET sort_name = 'ángel garcía' WHERE id = 1")
    db.close()
    db = open_database(tmp_path / "db.sqlite3", backups_dir=tmp_path, clock=clock)
    assert db.execute_sql("SELECT sort_name FROM contact").fetchone() == ("angel garcia",)
    db.close()


def test_step_18_knows_when_contacts_were_met_and_recounts_new_contacts(tmp_path, clock):
    """Made in the window: met then. Brought in by an import: not known, unless LinkedIn
    said when (written into how we met)."""
    db = at_step(tmp_path / "db.sqlite3", 17, clock, tmp_path)
    made = "2026-11-02 09:00:00"
    db.execute_sql(
        "INSERT INTO contact (id, uid, display_name, created_at, updated_at, sort_name,"
        " how_we_met) VALUES (1, 'u1', 'Made', ?, ?, 'made', ''),"
        " (2, 'u2', 'Card', ?, ?, 'card', ''),"
        " (3, 'u3', 'Linked', ?, ?, 'linked', 'Connected on LinkedIn on 12 Mar 2024')",
        (made, made, made, made, made, made),
    )
    db.execute_sql(
        "INSERT INTO contact_source (contact_id, file_name, format, imported_at) VALUES"
        " (2, 'phone.vcf', 'vCard', ?), (3, 'Connections.csv', 'LinkedIn CSV', ?)",
        (made, made),
    )
    assert db.execute_sql("SELECT sum(n) FROM contact_day").fetchone() == (3,)
    db.close()
    db = open_database(tmp_path / "db.sqlite3", backups_dir=tmp_path, clock=clock)
    met = db.execute_sql("SELECT id, met_at FROM contact ORDER BY id").fetchall()
    assert met == [(1, made), (2, None), (3, "2024-03-12 12:00:00")]
    days = db.execute_sql("SELECT day, n FROM contact_day WHERE n > 0 ORDER BY day").fetchall()
    assert days == [("2024-03-12", 1), ("2026-11-02", 1)]
    db.execute_sql("DELETE FROM contact WHERE id = 1")  # the triggers count by met_at now
    days = db.execute_sql("SELECT day, n FROM contact_day WHERE n > 0 ORDER BY day").fetchall()
    assert days == [("2024-03-12", 1)]
    db.close()
