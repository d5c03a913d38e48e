"""Reading what can be read from a damaged database (RELIABILITY.md case 8)."""

import hashlib

import pytest

from networker.services.exporting import ExportCancelledError, ExportService
from networker.storage.db import open_database
from networker.storage.errors import CorruptDatabaseError
from networker.storage.salvage import damaged_file, read_contact, readable_contact_ids
from tests.storage.damage import three_hundred_contacts_one_leaf_lost


@pytest.fixture
def damaged(database, contacts, data_paths):
    return three_hundred_contacts_one_leaf_lost(database, contacts, data_paths.database)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_damaged_file_is_refused_but_most_contacts_can_be_read(damaged, data_paths, clock):
    with pytest.raises(CorruptDatabaseError):
        open_database(damaged, backups_dir=data_paths.backups, clock=clock)
    before = digest(damaged)
    with damaged_file(damaged) as db:
        ids = readable_contact_ids(db)
        drafts = [read_contact(db, i) for i in ids]
    assert len(ids) == 300  # every id is still listed by an index
    readable = [d for d in drafts if d is not None]
    assert 200 < len(readable) < 300  # one leaf page of rows is lost, no more
    assert all(d.tags == ["kept"] and d.notes == "x" * 200 for d in readable)
    assert digest(damaged) == before  # read-only: the evidence is untouched


def test_what_can_be_read_is_exported_as_vcards(damaged, tmp_path):
    target = tmp_path / "readable.vcf"
    with damaged_file(damaged) as db:
        report = ExportService(database=db).export_readable_vcards(str(target))
    text = target.read_text(encoding="utf-8")
    assert report.saved == text.count("BEGIN:VCARD") and report.saved > 200
    assert report.saved + report.unreadable == 300
    assert "Person0000" in text or "Person0299" in text


def test_cancelling_the_export_leaves_the_target_as_it_was(damaged, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "readable.vcf"
    target.write_text("before")
    with damaged_file(damaged) as db, pytest.raises(ExportCancelledError):
        ExportService(database=db).export_readable_vcards(
            str(target), progress=lambda done, total: done < 100
        )
    assert target.read_text() == "before"
    assert [p.name for p in out.iterdir()] == ["readable.vcf"]  # no temporary left


def test_a_file_of_an_older_schema_is_read_whole(tmp_path, clock):
    # A damaged file is never migrated (it is opened read-only): the contacts of a file
    # written before step 9 (the whole card) are still read, with everything they have.
    from tests.storage.test_migrations import at_step

    path = tmp_path / "old.sqlite3"
    db = at_step(path, 8, clock, tmp_path)
    db.execute_sql(
        "INSERT INTO contact (id, uid, display_name, given_name, created_at, updated_at,"
        " sort_name) VALUES (1, 'u1', 'Ada', 'Ada', '2026-01-01 00:00:00',"
        " '2026-01-01 00:00:00', 'ada')"
    )
    db.execute_sql(
        "INSERT INTO email (contact_id, label, address) VALUES (1, 'work', 'a@x.example')"
    )
    db.close()
    with damaged_file(path) as old:
        assert readable_contact_ids(old) == [1]
        draft = read_contact(old, 1)
    assert draft is not None and draft.given_name == "Ada"
    assert [e.value for e in draft.emails] == ["a@x.example"]


def test_a_related_person_of_a_file_before_step_15_is_read_as_written_as_related(tmp_path, clock):
    from tests.storage.test_migrations import at_step

    path = tmp_path / "old.sqlite3"
    db = at_step(path, 14, clock, tmp_path)
    db.execute_sql(
        "INSERT INTO contact (id, uid, display_name, created_at, updated_at, sort_name)"
        " VALUES (1, 'u1', 'Ada', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'ada')"
    )
    db.execute_sql(
        "INSERT INTO contact_detail (contact_id, kind, label, types, value, position) VALUES"
        " (1, 'related', '', 'spouse', 'William', 0), (1, 'nickname', '', '', 'Ada', 0)"
    )
    db.close()
    with damaged_file(path) as old:
        draft = read_contact(old, 1)
    assert draft is not None and draft.nicknames == ["Ada"]
    assert [(r.value, r.written_as) for r in draft.related] == [("William", "RELATED")]
