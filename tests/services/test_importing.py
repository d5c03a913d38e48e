"""Importing merges instead of duplicating, and is all or nothing."""

import pytest

from networker.domain.contacts import LabeledValue, effective_display_name
from networker.formats.vcard import card_text
from networker.services.exporting import ExportService
from networker.services.importing import ImportCancelledError, ImportService
from tests.conftest import make_draft

ADA = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nN:Lovelace;Ada;;;\nORG:Engines\n"
    "EMAIL:ADA@engines.example\nCATEGORIES:mentor\nEND:VCARD\n"
)
GRACE = "BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nTEL:+1 (555) 010-0100\nEND:VCARD\n"


@pytest.fixture
def importer(database, clock, changes):
    return ImportService(database=database, clock=clock, thumbnailer=None, on_change=changes.append)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def counts(report):
    return (report.imported, report.updated, report.unchanged, report.skipped, len(report.errors))


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    importer, contacts, tmp_path, database
):
    path = write(tmp_path, "phone.vcf", ADA + GRACE)
    (first,) = importer.import_files([path])
    assert counts(first) == (2, 0, 0, 0, 0)
    before = database.execute_sql("SELECT * FROM contact ORDER BY id").fetchall()
    (second,) = importer.import_files([path])
    assert counts(second) == (0, 0, 2, 0, 0)
    assert database.execute_sql("SELECT * FROM contact ORDER BY id").fetchall() == before


def test_a_card_or_row_with_only_an_organization_is_not_duplicated_on_reimport(
    importer, tmp_path, database
):
    """Issue 15 (RELIABILITY 26): a card with only an organization (no name, email or
    phone) became a new contact on every import of the same file."""
    cards = write(tmp_path, "orgs.vcf",
                  "BEGIN:VCARD\nVERSION:3.0\nORG:Acme Corp\nNOTE:supplier\nEND:VCARD\n"
                  "BEGIN:VCARD\nVERSION:3.0\nFN:\nORG:Initech;Billing\nEND:VCARD\n")  # fmt: skip
    table = write(tmp_path, "orgs.csv", "First Name,Last Name,E-mail Address,Company\n"
                                        ",,,Globex\n")  # fmt: skip
    first = importer.import_files([cards, table])
    assert [counts(r) for r in first] == [(2, 0, 0, 0, 0), (1, 0, 0, 0, 0)]
    before = database.execute_sql("SELECT * FROM contact ORDER BY id").fetchall()
    second = importer.import_files([cards, table])
    assert [counts(r) for r in second] == [(0, 0, 2, 0, 0), (0, 0, 1, 0, 0)]
    assert database.execute_sql("SELECT * FROM contact ORDER BY id").fetchall() == before


NAMELESS = (
    "BEGIN:VCARD\nX-ANDROID-CUSTOM:custom_mime1;1;2;3\nX-ANDROID-CUSTOM:custom_mime4;z\n"
    "END:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nTEL:+1 555 010 0199\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nADR:;;1 Main St;Springfield;;;\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nNOTE:met at the fair\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nNOTE:met at the fair\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nNOTE:met at the fair\nURL:https://x.example\nEND:VCARD\n"
)


def test_a_card_without_name_email_or_uid_is_not_duplicated_on_reimport(
    importer, tmp_path, database
):
    """QA: each import of a card with only X-ANDROID-CUSTOM lines (or only an address, a
    note) added another "Unnamed contact"."""
    path = write(tmp_path, "nameless.vcf", NAMELESS)
    (first,) = importer.import_files([path])
    assert counts(first) == (6, 0, 0, 0, 0)
    before = database.execute_sql("SELECT * FROM contact ORDER BY id").fetchall()
    (second,) = importer.import_files([path])
    assert counts(second) == (0, 0, 6, 0, 0)
    assert database.execute_sql("SELECT * FROM contact ORDER BY id").fetchall() == before
    # Another file saying the same about no one in particular is not taken for them.
    (other,) = importer.import_files([write(tmp_path, "other.vcf", NAMELESS)])
    assert other.imported == 5  # only the phone number says who it is
    # Cards left out of the file: the one left is still the contact it was, never the
    # one before it (the lines Networker keeps as they came tell them apart).
    android = NAMELESS.split("END:VCARD\n", 1)[0]
    write(tmp_path, "nameless.vcf", android.replace("custom_mime1", "custom_mime2")
          + "END:VCARD\n" + android + "END:VCARD\n")  # fmt: skip
    (third,) = importer.import_files([path])
    assert counts(third) == (1, 0, 1, 0, 0)


def test_a_match_by_email_phone_or_name_is_merged_not_duplicated(importer, contacts, tmp_path):
    ada = contacts.create(make_draft(emails=[LabeledValue("work", "ada@engines.example")],
                                     title="", tags=["friend"]))  # fmt: skip
    grace_phone = [LabeledValue("mobile", "555.010.0100")]
    grace = contacts.create(
        make_draft(given_name="Grace", family_name="Hopper", emails=[], phones=grace_phone)
    )
    path = write(tmp_path, "export.vcf", ADA + GRACE +
                 "BEGIN:VCARD\nVERSION:3.0\nN:Lovelace;Ada;;;\nORG:Analytical Engines\n"
                 "TITLE:Countess\nEND:VCARD\n")  # fmt: skip
    (report,) = importer.import_files([path])
    assert counts(report) == (0, 2, 1, 0, 0)
    assert contacts.count() == 2
    merged = contacts.get(ada).draft
    assert merged.tags == ["friend", "mentor"]  # added
    assert merged.organization == "Analytical Engines"  # the user's value kept
    assert merged.title == "Countess"  # an empty field filled
    assert contacts.get(grace).draft.phones == [LabeledValue("mobile", "555.010.0100")]


def test_every_contact_records_where_it_came_from(importer, tmp_path, database, clock):
    from networker.storage.contacts import sources

    importer.import_files([write(tmp_path, "phone.vcf", ADA)])
    assert sources(database, 1) == [("phone.vcf", "vCard", clock.now())]


def test_a_cancelled_import_writes_nothing(importer, contacts, tmp_path):
    path = write(tmp_path, "many.vcf", ADA + GRACE)
    with pytest.raises(ImportCancelledError):
        importer.import_files([path], is_cancelled=lambda: contacts.count() >= 0 and True)
    assert contacts.count() == 0


def test_a_failure_half_way_rolls_everything_back(importer, contacts, tmp_path, monkeypatch):
    from networker.storage import contacts as store

    calls = []
    original = store.BulkWriter.add

    def failing(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            self.flush()  # the first contact is really written before the failure
            raise OSError(28, "No space left on device")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(store.BulkWriter, "add", failing)
    with pytest.raises(OSError):
        importer.import_files([write(tmp_path, "x.vcf", ADA + GRACE)])
    assert contacts.count() == 0


def test_files_that_cannot_be_read_say_why(importer, tmp_path):
    empty = write(tmp_path, "empty.vcf", "")
    text = write(tmp_path, "notes.vcf", "just some notes")
    folder = tmp_path / "folder.vcf"
    folder.mkdir()
    missing = tmp_path / "missing.vcf"
    reports = importer.import_files([empty, text, folder, missing])
    reasons = [r.unreadable for r in reports]
    assert "empty" in reasons[0]
    assert "not a vCard" in reasons[1]
    assert "not a regular file" in reasons[2]
    assert "cannot be read" in reasons[3] and str(missing) in reasons[3]


def test_export_then_import_into_an_empty_database_gives_back_every_field(
    contacts, database, tmp_path, clock, data_paths
):
    from networker.domain.contacts import Birthday

    originals = [
        make_draft(birthday=Birthday(3, 14), notes="line one\nline two", extras=["X-A:1"]),
        make_draft(given_name="Grace", family_name="Hopper", organization="Navy",
                   emails=[LabeledValue("home", "grace@navy.example")],
                   phones=[], urls=[], tags=["admiral", "cobol"], uid="urn:uuid:g"),
    ]  # fmt: skip
    for draft in originals:
        contacts.create(draft)
    target = tmp_path / "all.vcf"
    assert ExportService(database=database).export_vcards(str(target)) == 2
    exported = [contacts.get(i).draft for i in (1, 2)]
    for i in (1, 2):
        contacts.delete([i])
    importer = ImportService(database=database, clock=clock, thumbnailer=None)
    (report,) = importer.import_files([target])
    assert counts(report) == (2, 0, 0, 0, 0)
    again = sorted(
        (contacts.get(i).draft for i in contacts.index().ids), key=lambda d: d.given_name
    )
    expected = sorted(exported, key=lambda d: d.given_name)
    # Networker's own fields (source, strength, cadence...) come back from X-NETWORKER-*.
    assert again == expected
    assert card_text(again[0])  # and it can be written again


def test_a_full_disk_rolls_the_whole_import_back_and_a_retry_succeeds(
    importer, contacts, tmp_path, database
):
    import sqlite3

    import peewee

    cards = "".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nEMAIL:p{i}@x.example\n"
        f"NOTE:{'n' * 300}\nEND:VCARD\n"
        for i in range(2000)
    )
    path = write(tmp_path, "big.vcf", cards)
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages + 20}")
    with pytest.raises((peewee.OperationalError, sqlite3.OperationalError), match="full"):
        importer.import_files([path])
    assert contacts.count() == 0
    database.execute_sql("PRAGMA max_page_count = 1000000")
    (report,) = importer.import_files([path])
    assert report.imported == 2000 and contacts.count() == 2000


def test_a_linkedin_export_merges_with_a_phone_export_of_the_same_people(
    importer, contacts, tmp_path
):
    phone = write(tmp_path, "phone.vcf", ADA)
    linkedin = write(
        tmp_path,
        "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@engines.example,Engines,Countess,"
        "01 Jan 2024\n",
    )
    importer.import_files([phone])
    (report,) = importer.import_files([linkedin])
    assert counts(report) == (0, 1, 0, 0, 0)
    assert report.format_name == "LinkedIn CSV"
    assert contacts.count() == 1
    (again,) = importer.import_files([linkedin])
    assert counts(again) == (0, 0, 1, 0, 0)
    # A newer export: the email is gone, the profile URL still says who it is.
    newer = write(
        tmp_path,
        "Connections-2.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,King,https://de.linkedin.com/in/ada/,,Babbage & Co,Countess,01 Jan 2024\n",
    )
    (report,) = importer.import_files([newer])
    assert report.imported == 0 and contacts.count() == 1


def test_a_newer_linkedin_export_records_a_new_role_with_its_date(
    importer, contacts, tmp_path, clock, database
):
    import datetime as dt

    from networker.storage.contacts import changes

    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    old = write(
        tmp_path,
        "Connections.csv",
        header + "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Engineer,2024\n",
    )
    importer.import_files([old])
    clock.advance(dt.timedelta(days=30))
    new = write(
        tmp_path,
        "Connections-new.csv",
        header + "Ada,Lovelace,https://www.linkedin.com/in/ada,,Babbage & Co,CTO,2024\n",
    )
    (report,) = importer.import_files([new])
    assert counts(report) == (0, 1, 0, 0, 0)
    assert "organization: Babbage & Co (was Engines)" in report.changes[0].details
    (contact_id,) = contacts.index().ids
    draft = contacts.get(contact_id).draft
    assert (draft.organization, draft.title) == ("Babbage & Co", "CTO")
    assert changes(database, contact_id) == [
        ("organization", "Engines", "Babbage & Co", clock.now(), "Connections-new.csv"),
        ("title", "Engineer", "CTO", clock.now(), "Connections-new.csv"),
    ]


def test_a_failed_export_leaves_the_previous_file_untouched(
    contacts, database, tmp_path, monkeypatch
):
    import errno
    import os

    contacts.create(make_draft())
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "contacts.vcf"
    target.write_text("the previous export")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        ExportService(database=database).export_vcards(str(target))
    assert target.read_text() == "the previous export"
    assert sorted(p.name for p in folder.iterdir()) == ["contacts.vcf"]  # no temp file left


def test_a_large_file_parsed_by_other_processes_imports_the_same(database, clock, tmp_path):
    cards = "".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nEMAIL:p{i}@x.example\nEND:VCARD\n"
        for i in range(300)
    )
    path = write(tmp_path, "big.vcf", ADA + GRACE + cards + ADA)
    parallel = ImportService(
        database=database, clock=clock, thumbnailer=None, parse_processes=2,
        parallel_from_bytes=0,
    )  # fmt: skip
    (report,) = parallel.import_files([path])
    assert counts(report) == (302, 0, 1, 0, 0)  # the same Ada again is unchanged
    rows = database.execute_sql("SELECT display_name FROM contact ORDER BY id").fetchall()
    assert [r[0] for r in rows[:3]] == ["Ada Lovelace", "Grace Hopper", "Person 0"]
    assert rows[-1] == ("Person 299",)


def test_cancelling_a_parallel_import_writes_nothing_and_stops_the_processes(
    database, clock, tmp_path
):
    import multiprocessing

    cards = "".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:P{i}\nEND:VCARD\n" for i in range(2000))
    path = write(tmp_path, "big.vcf", cards)
    parallel = ImportService(
        database=database, clock=clock, thumbnailer=None, parse_processes=2,
        parallel_from_bytes=0,
    )  # fmt: skip
    seen = []
    with pytest.raises(ImportCancelledError):
        parallel.import_files([path], on_record=seen.append, is_cancelled=lambda: len(seen) >= 500)
    assert database.execute_sql("SELECT count(*) FROM contact").fetchone() == (0,)
    assert multiprocessing.active_children() == []


def card(name, *lines, uid=""):
    body = "".join(f"{line}\n" for line in lines)
    uid_line = f"UID:{uid}\n" if uid else ""
    return f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\n{uid_line}{body}END:VCARD\n"


@pytest.mark.parametrize(
    ("stored", "incoming", "why"),
    [
        # Two people sharing an office phone (a switchboard).
        (card("Alice Able", "TEL:+1 555 010 0000"), card("Bob Baker", "TEL:555-010-0000"),
         "the same phone 555-010-0000"),
        # An assistant's address on her boss's card and on her own.
        (card("Alice Boss", "EMAIL:assistant@x.example"),
         card("Carol Chief", "EMAIL:Assistant@x.example"),
         "the same email Assistant@x.example"),
        # The same name at two organizations.
        (card("John Smith", "ORG:Acme"), card("John Smith", "ORG:Initech"), "the same name"),
        # The same name, each from a system that gave it a UID of its own.
        (card("John Smith", uid="urn:a"), card("John Smith", uid="urn:b"), "the same name"),
    ],
)  # fmt: skip
def test_a_possible_duplicate_is_added_and_listed_never_merged_without_a_tick(
    importer, contacts, tmp_path, stored, incoming, why
):
    importer.import_files([write(tmp_path, "mine.vcf", stored)])
    path = write(tmp_path, "theirs.vcf", incoming)
    (preview,) = importer.import_files([path], preview=True)
    assert counts(preview) == (1, 0, 0, 0, 0)
    (duplicate,) = preview.possible_duplicates
    assert (duplicate.record, duplicate.contact_id, duplicate.why) == (1, 1, why)
    (change,) = preview.changes
    assert change.action == "possible duplicate" and change.duplicate_of
    (report,) = importer.import_files([path])
    assert counts(report) == (1, 0, 0, 0, 0) and contacts.count() == 2


def test_a_shared_linkedin_profile_under_another_name_is_a_possible_duplicate(
    importer, contacts, tmp_path
):
    """QA: a profile URL shared by Anna Schmidt and Boris Yeltsin merged them: Anna got
    Boris's email, organization and title."""
    header = "First Name,Last Name,URL,Email Address,Company,Position\n"
    url = "https://www.linkedin.com/in/aschmidt"
    anna = write(tmp_path, "anna.csv", f"{header}Anna,Schmidt,{url},anna@a.com,,\n")
    importer.import_files([anna])
    boris = write(
        tmp_path, "boris.csv", f"{header}Boris,Yeltsin,{url},boris@b.com,Kremlin,President\n"
    )
    (report,) = importer.import_files([boris])
    assert counts(report) == (1, 0, 0, 0, 0) and contacts.count() == 2
    (duplicate,) = report.possible_duplicates
    assert duplicate.contact_id == 1
    assert duplicate.why == "the same LinkedIn profile https://www.linkedin.com/in/aschmidt"
    anna = contacts.get(1).draft
    assert [e.value for e in anna.emails] == ["anna@a.com"]
    assert (anna.organization, anna.title) == ("", "")


def test_ticking_a_possible_duplicate_merges_it(importer, contacts, tmp_path):
    from networker.services.importing import SAME_PERSON

    importer.import_files([write(tmp_path, "mine.vcf", card("John Smith", "ORG:Acme"))])
    path = write(tmp_path, "theirs.vcf", card("John Smith", "ORG:Initech", "TITLE:CTO"))
    (report,) = importer.import_files([path], take_theirs={(path, 1): {SAME_PERSON}})
    assert counts(report) == (0, 1, 0, 0, 0) and contacts.count() == 1
    assert contacts.get(1).draft.title == "CTO"


def test_the_same_name_with_a_shared_email_is_one_person_across_systems(
    importer, contacts, tmp_path
):
    importer.import_files([write(tmp_path, "google.vcf", card(
        "Ada Lovelace", "EMAIL:ada@x.example", uid="google-1"))])  # fmt: skip
    (report,) = importer.import_files([write(tmp_path, "apple.vcf", card(
        "Ada Lovelace", "EMAIL:ada@x.example", "TITLE:Countess", uid="apple-9"))])  # fmt: skip
    assert counts(report) == (0, 1, 0, 0, 0) and contacts.count() == 1


ROID = card("Roid Ando", "N:Ando;Roid;;;", "TEL:5555551111", uid="urn:uuid:roid")
PREFIX = card("Prefix FirstName Middle LastName", "N:LastName;FirstName;Middle;Prefix;",
              "TEL:555-555-1111", "EMAIL:first@x.example", uid="urn:uuid:prefix")  # fmt: skip


def _people(contacts):
    """Each contact's name, UID (one made up on import shows as "made"), phones, emails."""
    return sorted(
        (d.display_name, d.uid if len(d.uid) < 30 else "made",
         tuple(p.value for p in d.phones), tuple(e.value for e in d.emails))
        for d in (contacts.get(i).draft for i in contacts.index().ids)
    )  # fmt: skip


def test_export_then_import_into_an_empty_folder_keeps_two_people_who_share_a_phone(
    importer, contacts, database, tmp_path
):
    importer.import_files([write(tmp_path, "both.vcf", PREFIX + ROID)])
    assert contacts.count() == 2
    before = _people(contacts)
    target = tmp_path / "export.vcf"
    ExportService(database=database).export_vcards(str(target))
    contacts.delete(contacts.index().ids)
    (report,) = importer.import_files([target])
    assert counts(report) == (2, 0, 0, 0, 0) and _people(contacts) == before


def test_the_outcome_of_importing_files_does_not_depend_on_their_order(
    importer, contacts, tmp_path
):
    files = [
        write(tmp_path, "a.vcf", ROID + card("Alice Able", "TEL:+1 555 010 0000")),
        write(tmp_path, "b.vcf", PREFIX + card("Bob Baker", "TEL:555-010-0000")),
        write(tmp_path, "c.vcf", card("Alice Boss", "EMAIL:assistant@x.example")
              + card("Carol Chief", "EMAIL:assistant@x.example")),
        write(tmp_path, "d.vcf", card("John Smith", "ORG:Acme")
              + card("John Smith", "ORG:Initech")),
    ]  # fmt: skip
    outcomes = []
    for order in (files, files[::-1], [files[2], files[0], files[3], files[1]]):
        importer.import_files(order)
        outcomes.append(_people(contacts))
        contacts.delete(contacts.index().ids)
    assert outcomes[0] == outcomes[1] == outcomes[2]
    assert len(outcomes[0]) == 8  # eight people, none merged into another


def test_a_card_without_a_name_is_imported_as_what_it_has(database, clock, contacts, tmp_path):
    importer = ImportService(database=database, clock=clock, thumbnailer=lambda data: data)
    path = write(
        tmp_path,
        "nameless.vcf",
        # Android: a nickname and a Google Talk address; Outlook: a photo only; then an
        # email only, a phone only, an organization only, and a card with nothing at all.
        "BEGIN:VCARD\nVERSION:2.1\nNICKNAME:Bobby\nX-GOOGLE-TALK:bobby@gmail.example\n"
        "END:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRg==\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:only@x.example\nORG:Acme\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nTEL:+1 555 010 0199\nORG:Acme\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nORG:Initech\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nUID:urn:uuid:empty\nEND:VCARD\n",
    )
    (report,) = importer.import_files([path])
    assert counts(report) == (5, 0, 0, 1, 1)
    assert report.errors[0].record == 6 and "holds nothing" in report.errors[0].reason
    names = sorted(effective_display_name(contacts.get(i).draft) for i in contacts.index().ids)
    assert names == ["+1 555 010 0199", "Bobby", "Initech", "Unnamed contact", "only@x.example"]


@pytest.mark.parametrize(
    ("environ", "region"),
    [({"LANG": "de_DE.UTF-8"}, "DE"), ({"LC_ALL": "C.UTF-8", "LANG": "en_GB.UTF-8"}, "GB"),
     ({"LC_ALL": "fr_CA"}, "CA"), ({"LANG": "C"}, "US"), ({}, "US")],
)  # fmt: skip
def test_numbers_without_a_country_code_are_read_in_the_locales_country(environ, region):
    from networker.services.importing import default_phone_region

    assert default_phone_region(environ) == region


def test_two_files_that_disagree_give_the_same_contact_in_either_order(
    importer, contacts, tmp_path
):
    first = write(tmp_path, "a.vcf", card("Jane Doe", "TITLE:Mayor", uid="urn:jane"))
    second = write(tmp_path, "b.vcf", card("Jane Doe", "TITLE:Lord Mayor", uid="urn:jane"))
    titles = []
    for order in ([first, second], [second, first]):
        reports = importer.import_files(order)
        assert [r.path for r in reports] == order  # reports in the order given
        (contact_id,) = contacts.index().ids
        titles.append(contacts.get(contact_id).draft.title)
        contacts.delete([contact_id])
    assert titles[0] == titles[1]


def test_a_company_export_where_everyone_shares_the_switchboard_keeps_everyone(
    importer, contacts, tmp_path
):
    path = write(tmp_path, "company.vcf", "".join(
        card(f"Person{i} Surname{i}", "ORG:Big Co", "TEL:+1 555 010 0000",
             "EMAIL:reception@big.example")
        for i in range(300)
    ))  # fmt: skip
    (report,) = importer.import_files([path])
    assert counts(report) == (300, 0, 0, 0, 0) and len(report.possible_duplicates) == 299
    (again,) = importer.import_files([path])
    assert counts(again) == (0, 0, 300, 0, 0) and again.possible_duplicates == []


def test_an_import_keeps_nothing_of_itself_on_the_service(importer, tmp_path):
    """Two imports (a preview in the window, the command line) must never share the
    column mappings, ticks or writer of one call: none of it lives on the service."""
    table = tmp_path / "crm.csv"
    table.write_text("Who,Mail\nAda Lovelace,ada@x.example\n")
    before = dict(vars(importer))
    importer.import_files(
        [table], csv_mappings={table: {0: "display_name", 1: "email"}}, prefer_file=True
    )
    assert vars(importer) == before


def test_the_preview_says_who_each_record_is_and_why_it_matched(importer, tmp_path):
    first = write(tmp_path, "a.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n"
                  "N:Lovelace;Ada;;;\r\nEMAIL:ada@engines.example\r\nEND:VCARD\r\n")  # fmt: skip
    (report,) = importer.import_files([first], preview=True)
    (change,) = report.changes
    assert (change.action, change.role, change.matched_by) == ("new", "", "")
    importer.import_files([first])
    again = write(tmp_path, "b.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n"
                  "N:Lovelace;Ada;;;\r\nEMAIL:ada@engines.example\r\nORG:Analytical Engines\r\n"
                  "TITLE:Engineer\r\nEND:VCARD\r\n")  # fmt: skip
    (report,) = importer.import_files([again], preview=True)
    (change,) = report.changes
    assert change.action == "merged"
    assert change.role == "Engineer at Analytical Engines"
    assert change.matched_by == "the same email"


def test_the_whole_card_survives_export_and_import_and_its_own_export_changes_nothing(
    importer, contacts, tmp_path, database, clock
):
    from networker.storage.db import open_database
    from tests.full_card import full_draft

    first_id = contacts.create(full_draft())
    contacts.create(make_draft(given_name="Grace", family_name="Hopper", uid="urn:uuid:g",
                               emails=[], phones=[], urls=[]))  # fmt: skip
    contacts.set_archived([first_id], True)
    exported = tmp_path / "all.vcf"
    ExportService(database=database).export_vcards(str(exported))
    (again,) = importer.import_files([exported])
    assert counts(again) == (0, 0, 2, 0, 0)  # re-importing our own export changes nothing
    (tmp_path / "fresh").mkdir()
    fresh = open_database(tmp_path / "fresh" / "db.sqlite3", backups_dir=tmp_path, clock=clock)
    try:
        (report,) = ImportService(database=fresh, clock=clock, thumbnailer=None).import_files(
            [exported]
        )
        assert counts(report) == (2, 0, 0, 0, 0)
        second = tmp_path / "again.vcf"
        ExportService(database=fresh).export_vcards(str(second))
        assert second.read_bytes() == exported.read_bytes()  # byte-stable, archive mark too
    finally:
        fresh.close()


def test_related_people_of_every_client_are_stored_and_exported_as_they_came(
    importer, contacts, tmp_path, database
):
    """Issue 10: related people written by Apple, Thunderbird, KAddressBook, Evolution
    and Outlook fill the contact's related people and go back out in their own form."""
    from pathlib import Path

    from networker.storage import contacts as store

    fixture = Path(__file__).resolve().parents[1] / "formats" / "cards" / "related_3_0.vcf"
    (report,) = importer.import_files([fixture])
    assert counts(report) == (2, 0, 0, 0, 0)
    ann, heiko = (store.load_contact(database, i).draft for i in store.all_ids(database))
    assert [(r.label, r.value) for r in ann.related][:2] == [
        ("Spouse", "Jane Doe"), ("Mother", "Mary Roe"),
    ]  # fmt: skip
    assert ("Manager", "Mr. Burns", "X-KADDRESSBOOK-X-ManagersName") in [
        (r.label, r.value, r.written_as) for r in heiko.related
    ]
    exported = tmp_path / "out.vcf"
    ExportService(database=database).export_vcards(str(exported))
    out = exported.read_bytes().decode().splitlines()
    source = fixture.read_bytes().decode().splitlines()
    for line in source:
        if "RELATED" in line or any(w in line for w in ("SPOUSE", "MANAGER", "ASSISTANT")):
            assert line.replace("type=pref", "TYPE=pref").split(".", 1)[-1] in {
                o.split(".", 1)[-1] for o in out
            }, line
    (again,) = importer.import_files([exported])
    assert counts(again) == (0, 0, 2, 0, 0)


def test_our_csv_export_imported_into_a_fresh_folder_gives_the_same_contacts(
    contacts, tmp_path, database, clock
):
    """Issue 10: the TYPE spellings and parameters, the kept vCard lines and the archive
    mark were lost on the way through our CSV."""
    from networker.storage import contacts as store
    from networker.storage.db import open_database
    from tests.full_card import full_draft

    first_id = contacts.create(full_draft())
    contacts.create(make_draft(given_name="Grace", family_name="Hopper", uid="urn:uuid:g"))
    contacts.set_archived([first_id], True)
    exported = tmp_path / "all.csv"
    ExportService(database=database).export_csv(str(exported))
    (tmp_path / "fresh").mkdir()
    fresh = open_database(tmp_path / "fresh" / "db.sqlite3", backups_dir=tmp_path, clock=clock)
    try:
        (report,) = ImportService(database=fresh, clock=clock, thumbnailer=None).import_files(
            [exported]
        )
        assert counts(report) == (2, 0, 0, 0, 0)

        def stored(db):
            records = [store.load_contact(db, i) for i in store.all_ids(db)]
            return sorted(((r.draft.uid, r.draft, r.archived) for r in records), key=str)

        assert stored(fresh) == stored(database)
        again = tmp_path / "again.csv"
        ExportService(database=fresh).export_csv(str(again))
        assert again.read_bytes() == exported.read_bytes()
    finally:
        fresh.close()


def test_related_people_an_older_build_kept_as_lines_are_not_doubled_by_a_new_import(
    importer, contacts, tmp_path, database
):
    """Before issue 10's related people, X-ABRELATEDNAMES and X-SPOUSE were kept as
    lines: importing the same file again must not write Jenny twice."""
    from networker.storage import contacts as store

    kept = ["item5.X-ABRELATEDNAMES:Jenny", "item5.X-ABLabel:_$!<Spouse>!$_",
            "X-SPOUSE:William", "item7.X-ABADR:us", "GEO:1;2"]  # fmt: skip
    contact_id = contacts.create(make_draft(uid="urn:uuid:ada", extras=kept))
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nUID:urn:uuid:ada\n"
        "item5.X-ABRELATEDNAMES:Jenny\nitem5.X-ABLabel:_$!<Spouse>!$_\nX-SPOUSE:William\n"
        "END:VCARD\n"
    )
    importer.import_files([write(tmp_path, "again.vcf", card)])
    draft = store.load_contact(database, contact_id).draft
    assert [(r.label, r.value, r.written_as) for r in draft.related] == [
        ("Spouse", "Jenny", "X-ABRELATEDNAMES"), ("Spouse", "William", "X-SPOUSE"),
    ]  # fmt: skip
    assert draft.extras == ["item7.X-ABADR:us", "GEO:1;2"]
    text = card_text(draft)
    assert text.count("Jenny") == 1 and text.count("William") == 1


def test_two_linkedin_rows_of_one_name_and_company_with_other_profiles_are_two_people(
    importer, contacts, tmp_path
):
    """QA round 2: two "Lucas Kowalski, Umbrella" rows with different profile URLs and
    e-mails became one contact with both; two profiles are two people."""
    table = write(tmp_path, "Connections.csv",
                  "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                  "Lucas,Kowalski,https://www.linkedin.com/in/lucas-kowalski-14,l14@x.example,"
                  "Umbrella,Analyst,01 Nov 2026\n"
                  "Lucas,Kowalski,https://www.linkedin.com/in/lucas-kowalski-67,l67@x.example,"
                  "Umbrella,Chemist,02 Nov 2026\n")  # fmt: skip
    (report,) = importer.import_files([table])
    assert report.imported == 2 and report.updated == 0
    assert contacts.count() == 2
    [maybe] = report.possible_duplicates
    assert maybe.why == "the same name, another LinkedIn profile"
