"""Importing a file again after editing what it brought: what the user removed or
changed since stays so (a three-way merge: the file then, the contact now, the file
now); what the file says for the first time is still added."""

from dataclasses import replace

import pytest

from networker.domain.contacts import LabeledValue, PostalAddress
from networker.services.importing import ImportService
from tests.conftest import make_draft

CARD = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nN:Lovelace;Ada;;;\nORG:Engines\n"
    "TITLE:Countess\nEMAIL:ada@engines.example\nEMAIL:ada@old.example\n"
    "TEL:+44 20 7946 0001\nADR;TYPE=home:;;1 Main Street;London;;N1 1AA;UK\n"
    "CATEGORIES:linkedin,mentor\nEND:VCARD\n"
)


@pytest.fixture
def importer(database, clock, changes):
    return ImportService(database=database, clock=clock, thumbnailer=None, on_change=changes.append)


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def edit(contacts, contact_id, **changes):
    draft = contacts.get(contact_id).draft
    contacts.update(contact_id, replace(draft, **changes))


def imported_then_old_email_removed(importer, contacts, tmp_path):
    """CARD imported from phone.vcf, then its old e-mail removed by the user."""
    path = write(tmp_path / "phone.vcf", CARD)
    importer.import_files([path])
    [ada] = contacts.index().ids
    draft = contacts.get(ada).draft
    edit(contacts, ada, emails=[e for e in draft.emails if e.value != "ada@old.example"])
    return path, ada


def test_what_the_user_removed_or_changed_is_not_brought_back(importer, contacts, tmp_path):
    path = write(tmp_path / "phone.vcf", CARD)
    importer.import_files([path])
    [ada] = contacts.index().ids
    draft = contacts.get(ada).draft
    moved = PostalAddress(
        street="2 Oak Avenue", locality="London", postal_code="N1 2BB", country="UK"
    )
    edit(
        contacts,
        ada,
        emails=[e for e in draft.emails if e.value != "ada@old.example"],
        addresses=[replace(moved, label=draft.addresses[0].label)],
        title="",
        tags=["mentor"],
    )
    (report,) = importer.import_files([path])
    assert (report.imported, report.updated, report.unchanged) == (0, 0, 1)
    after = contacts.get(ada).draft
    assert [e.value for e in after.emails] == ["ada@engines.example"]
    assert [a.street for a in after.addresses] == ["2 Oak Avenue"]
    assert after.title == ""
    assert after.tags == ["mentor"]
    [change] = report.changes
    said = " | ".join(change.details)
    assert "not added again" in said and "ada@old.example" in said and "1 Main Street" in said


def test_what_the_file_says_for_the_first_time_is_still_added(importer, contacts, tmp_path):
    path, ada = imported_then_old_email_removed(importer, contacts, tmp_path)
    write(path, CARD.replace("TITLE:Countess\n", "TITLE:Countess\nEMAIL:ada@new.example\n"))
    (report,) = importer.import_files([path])
    assert report.updated == 1
    emails = [e.value for e in contacts.get(ada).draft.emails]
    assert emails == ["ada@engines.example", "ada@new.example"]


def test_another_file_is_other_information(importer, contacts, tmp_path):
    """Memory is per file: an older export that still has the address adds it."""
    _path, ada = imported_then_old_email_removed(importer, contacts, tmp_path)
    importer.import_files([write(tmp_path / "old-backup.vcf", CARD)])
    assert "ada@old.example" in [e.value for e in contacts.get(ada).draft.emails]


def test_a_contact_merged_by_an_import_remembers_that_file_too(importer, contacts, tmp_path):
    """A contact the user made, then matched by a file: the file's values it added and
    the user then removed stay removed at the next import of that file."""
    ada = contacts.create(
        make_draft(emails=[LabeledValue("work", "ada@engines.example")], title="")
    )
    path = write(tmp_path / "phone.vcf", CARD)
    importer.import_files([path])
    draft = contacts.get(ada).draft
    assert "ada@old.example" in [e.value for e in draft.emails]
    edit(contacts, ada, emails=[e for e in draft.emails if e.value != "ada@old.example"])
    importer.import_files([path])
    assert "ada@old.example" not in [e.value for e in contacts.get(ada).draft.emails]


def test_a_preview_remembers_nothing_and_an_import_remembers_each_file(
    importer, tmp_path, database
):
    path = write(tmp_path / "phone.vcf", CARD)
    importer.import_files([path], preview=True)
    assert database.execute_sql("SELECT count(*) FROM import_memory").fetchone()[0] == 0
    importer.import_files([path, write(tmp_path / "other.vcf", CARD)])
    sources = database.execute_sql("SELECT source FROM import_memory ORDER BY 1").fetchall()
    assert sources == [("other.vcf",), ("phone.vcf",)]


def test_deleting_the_contact_forgets_and_undo_brings_the_memory_back(
    importer, contacts, tmp_path, database
):
    importer.import_files([write(tmp_path / "phone.vcf", CARD)])
    [ada] = contacts.index().ids
    before = database.execute_sql("SELECT * FROM import_memory").fetchall()
    snapshot = contacts.delete([ada])
    assert database.execute_sql("SELECT count(*) FROM import_memory").fetchone()[0] == 0
    contacts.restore(snapshot)
    assert database.execute_sql("SELECT * FROM import_memory").fetchall() == before
