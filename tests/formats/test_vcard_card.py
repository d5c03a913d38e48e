"""The whole card in vCard (issue 10): every part read, written back as the client
wrote it, what Networker does not model kept verbatim, and Networker's own fields."""

import io
from dataclasses import replace

import pytest

from networker.domain.contacts import Birthday, ContactDraft, Handle, LabeledValue, Source
from networker.formats import csv_formats
from networker.formats.readers import ReadOptions
from networker.formats.vcard import card_text
from tests.formats.test_vcard import one
from tests.full_card import full_draft


def _spelled_for(draft, version):
    """full_draft, which mixes both versions' spellings (an email's INTERNET with
    PREF=1, an address's TYPE=pref), as the export spells it (vcard_versions)."""
    (email,) = draft.emails
    home, *others = draft.addresses
    *handles, xmpp = draft.handles
    if version == "3.0":
        draft.emails = [replace(email, types=("INTERNET", "PREF"), params=())]
        draft.handles = [*handles, replace(xmpp, types=("WORK", "PREF"), params=())]
    else:
        draft.emails = [replace(email, types=(), params=("PREF=1",))]
        draft.addresses = [replace(home, types=(), params=("PREF=1",)), *others]
    return draft


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_the_whole_card_comes_back_and_is_written_the_same_again(version):
    draft = full_draft()
    text = card_text(draft, version=version)
    back = one(text).draft
    assert back == _spelled_for(full_draft(), version)
    assert card_text(back, version=version) == text


@pytest.mark.parametrize("archived", [False, True])
def test_the_whole_card_comes_back_from_our_csv(archived):
    """Issue 10: our CSV lost the TYPE spellings and parameters of emails, phones and
    web addresses, the kept vCard lines and the archive mark."""
    draft = full_draft()
    out = io.StringIO()
    csv_formats.write_csv_records(iter([(draft, archived)]), out)
    _name, rows = csv_formats.CsvReader().read(io.BytesIO(out.getvalue().encode()), ReadOptions())
    (row,) = list(rows)
    assert (row.draft, row.archived, row.warnings) == (draft, archived, [])
    assert card_text(row.draft, archived=archived) == card_text(draft, archived=archived)


def test_a_work_fax_stays_a_work_fax_and_every_type_is_written_as_it_was():
    draft = one(
        "BEGIN:VCARD\nVERSION:3.0\nFN:A\nTEL;TYPE=work,fax:1\nTEL;TYPE=WORK,FAX:2\n"
        "TEL;type=CELL;type=VOICE;type=pref:3\nEMAIL;TYPE=INTERNET,WORK:a@x.example\n"
        "END:VCARD\n"
    ).draft
    assert [p.label for p in draft.phones] == ["work fax", "work fax", "mobile"]
    text = card_text(draft)
    assert "TEL;TYPE=work,fax:1\r\n" in text and "TEL;TYPE=WORK,FAX:2\r\n" in text
    assert "TEL;TYPE=CELL,VOICE,pref:3\r\n" in text
    assert "EMAIL;TYPE=INTERNET,WORK:a@x.example\r\n" in text


def test_a_label_changed_in_the_editor_decides_the_types():
    draft = one("BEGIN:VCARD\nVERSION:3.0\nFN:A\nTEL;TYPE=work,fax:1\nEND:VCARD\n").draft
    (phone,) = draft.phones
    edited = ContactDraft(display_name="A", phones=[LabeledValue("home", "1", phone.types)])
    assert "TEL;TYPE=HOME:1\r\n" in card_text(edited)


def test_2_1_bare_types_and_apple_labels():
    draft = one(
        "BEGIN:VCARD\nVERSION:2.1\nFN:A\nTEL;WORK;FAX:1\nTEL;X-CUSTOM:2\n"
        "item1.TEL:3\nitem1.X-ABLabel:Assistant\nEND:VCARD\n"
    ).draft
    assert [(p.label, p.types) for p in draft.phones] == [
        ("work fax", ()), ("", ("X-CUSTOM",)), ("Assistant", ()),
    ]  # fmt: skip
    text = card_text(draft)
    assert "TEL;TYPE=X-CUSTOM:2\r\n" in text and "TEL;X-LABEL=Assistant:3\r\n" in text


@pytest.mark.parametrize(
    ("line", "handle"),
    [
        ("IMPP;X-SERVICE-TYPE=Skype:skype:jo", Handle("skype", "jo", service_type="Skype")),
        ("IMPP:xmpp:jo@x.example", Handle("xmpp", "jo@x.example")),
        ("X-GTALK:jo@gmail.example", Handle("gtalk", "jo@gmail.example", written_as="X-GTALK")),
        ("X-SKYPE:jo", Handle("skype", "jo", written_as="X-SKYPE")),
        ("X-AIM;TYPE=HOME:jo", Handle("aim", "jo", "home", written_as="X-AIM")),
        ("X-JABBER:jo@j.example", Handle("xmpp", "jo@j.example", written_as="X-JABBER")),
        ("X-MSN:jo@msn.example", Handle("msn", "jo@msn.example", written_as="X-MSN")),
        ("X-YAHOO:jo", Handle("yahoo", "jo", written_as="X-YAHOO")),
        ("X-ICQ:123", Handle("icq", "123", written_as="X-ICQ")),
    ],
)
def test_handles_are_read_in_every_form_and_written_back_in_theirs(line, handle):
    draft = one(f"BEGIN:VCARD\nVERSION:3.0\nFN:A\n{line}\nEND:VCARD\n").draft
    assert draft.handles == [handle]
    assert f"{line}\r\n" in card_text(draft)


def test_a_card_with_only_a_nickname_and_a_chat_address_is_named_after_them():
    draft = one("BEGIN:VCARD\nVERSION:2.1\nX-GOOGLE-TALK:jo@gmail.example\nEND:VCARD\n").draft
    assert draft.display_name == "jo@gmail.example"
    draft = one("BEGIN:VCARD\nVERSION:2.1\nNICKNAME:Jo,Joey\nEND:VCARD\n").draft
    assert (draft.display_name, draft.nicknames) == ("Jo", ["Jo", "Joey"])


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_each_nickname_is_a_line_of_its_own_that_vobject_reads_whole(version):
    """Radicale stores cards as vobject reads them, and vobject keeps only the first of
    "NICKNAME:Ada,Enchantress": a round trip through the server lost the rest."""
    import vobject

    text = card_text(full_draft(), version=version)
    assert "NICKNAME:Ada\r\nNICKNAME:Enchantress\\; of numbers\r\n" in text
    stored = vobject.readOne(text).serialize()
    assert [n.value for n in vobject.readOne(stored).contents["nickname"]] == [
        "Ada",
        "Enchantress; of numbers",
    ]
    assert one(stored).draft.nicknames == ["Ada", "Enchantress; of numbers"]


@pytest.mark.parametrize(
    ("written", "gender"),
    [
        ("X-GENDER:F;she/her", "F;she/her"),
        # vobject's form (Radicale's): one text, the separator and a comma escaped.
        ("X-GENDER:F\\;she/her", "F;she/her"),
        ("GENDER:O\\;non-binary\\, they", "O;non-binary, they"),
        # As written otherwise: a separator is there, or the value is no vobject form.
        ("GENDER:O;it\\;s complicated", "O;it\\;s complicated"),
        ("GENDER:Female\\;x", "Female\\;x"),
    ],
)
def test_a_gender_comes_back_from_vobjects_escaped_form(written, gender):
    draft = one(f"BEGIN:VCARD\nVERSION:4.0\nFN:A\n{written}\nEND:VCARD\n").draft
    assert draft.gender == gender


def test_the_full_name_addresses_and_dates_of_the_issue():
    draft = one(
        "BEGIN:VCARD\nVERSION:3.0\nFN:J\nN:Doe;John;Richter, James;Mr.;Sr.\n"
        "ADR;TYPE=work:;Suite 2;1 Main St\\nBack door;Town;ST;123;US\n"
        "TITLE:Mayor\nTITLE:Chair\nROLE:Host\nX-ANNIVERSARY:2001-02-03\nEND:VCARD\n"
    ).draft
    assert (draft.name_prefix, draft.given_name, draft.middle_name, draft.family_name,
            draft.name_suffix) == ("Mr.", "John", "Richter, James", "Doe", "Sr.")  # fmt: skip
    (address,) = draft.addresses
    assert (address.label, address.street, address.locality) == (
        "work", "1 Main St\nBack door", "Town",
    )  # fmt: skip
    assert (draft.title, draft.more_titles, draft.roles) == ("Mayor", ["Chair"], ["Host"])
    assert draft.dates == [LabeledValue("anniversary", "2001-02-03")]
    assert "ANNIVERSARY:2001-02-03\r\n" in card_text(draft, version="4.0")


def test_what_networker_does_not_model_is_kept_exactly():
    lines = [
        "KEY;ENCODING=b;TYPE=X509:QUJD", "SOUND;VALUE=uri:https://x.example/a.ogg",
        "LOGO;VALUE=uri:https://x.example/l.png", "GEO:37.386013;-122.082932", "TZ:-05:00",
        "CALURI:http://cal.example/jo", "FBURL:http://cal.example/jo.ifb", "LANG:fr",
        "KIND:individual", "item3.X-ABADR:us", "item3.X-ABLabel:_$!<Spouse>!$_",
        "X-EVOLUTION-BLOG-URL;X-A=\"q;t\":http://b.example", "LABEL;TYPE=HOME:1 Main\\nTown",
        "PHOTO;VALUE=uri:https://x.example/p.jpg", "FN:Second name",
    ]  # fmt: skip
    draft = one("BEGIN:VCARD\nVERSION:3.0\nFN:A\n" + "\n".join(lines) + "\nEND:VCARD\n").draft
    assert draft.extras == lines
    text = card_text(draft)
    assert all(f"\r\n{line}\r\n" in text for line in lines)
    assert one(text).draft == draft


def test_a_2_1_kept_line_is_written_in_3_0_syntax():
    draft = one(
        "BEGIN:VCARD\nVERSION:2.1\nFN:A\n"
        "X-NOTE;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Z=C3=BCrich\nEND:VCARD\n"
    ).draft
    assert draft.extras == ["X-NOTE;TYPE=HOME:Zürich"]


@pytest.mark.parametrize(
    ("version", "written"),
    [("3.0", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29\r\n"), ("4.0", "BDAY:--0229\r\n")],
)
def test_a_birthday_without_a_year_is_written_as_each_version_can(version, written):
    text = card_text(ContactDraft(display_name="A", birthday=Birthday(2, 29)), version=version)
    assert written in text
    assert one(text).draft.birthday == Birthday(2, 29)


def test_networkers_own_fields_come_back_and_others_ignore_them():
    draft = ContactDraft(
        display_name="A", how_we_met="At the\nfair; briefly", source=Source.REFERRAL,
        school="Ecole, Paris", strength=4, cadence_days=30,
    )  # fmt: skip
    text = card_text(draft, archived=True)
    assert "X-NETWORKER-SOURCE:referral\r\n" in text
    assert "X-NETWORKER-ARCHIVED:TRUE\r\n" in text
    record = one(text)
    assert record.draft == draft and record.archived
    assert not one(card_text(draft)).archived


def test_a_small_jpeg_is_not_encoded_again(qapp):
    from networker.imaging import make_thumbnail

    thumbnail = make_thumbnail(make_thumbnail(_png()))
    assert make_thumbnail(thumbnail) == thumbnail  # our own thumbnail: kept as it is
    back = one(card_text(ContactDraft(display_name="A", photo=thumbnail)),
               thumbnailer=make_thumbnail).draft  # fmt: skip
    assert back.photo == thumbnail


def _png():
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(600, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def test_a_malformed_line_is_reported_and_never_written_back():
    record = one("BEGIN:VCARD\nVERSION:3.0\nFN:A\nTAIL;PARAM=value;:x\nX-OK:1\nEND:VCARD\n")
    assert record.draft.extras == ["X-OK:1"]
    assert any("TAIL" in w for w in record.warnings)


RELATED_CARD = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\n"
    "item1.X-ABRELATEDNAMES;type=pref:Jane Doe\nitem1.X-ABLabel:_$!<Spouse>!$_\n"
    "item2.X-ABRELATEDNAMES:Kim Lee\nitem2.X-ABLabel:Mentor\nX-ABRELATEDNAMES:No Label\n"
    "X-SPOUSE:Erika\nX-KADDRESSBOOK-X-ManagersName:Mr. Burns\n"
    "X-EVOLUTION-ASSISTANT:Little Red\nX-MS-MANAGER:Ms. Chief\n"
    "RELATED;TYPE=friend;PREF=1;VALUE=text:Bob\nX-SPOUSE;X-A=1:kept\nEND:VCARD\n"
)


def test_related_people_of_every_client_fill_the_related_list():
    """Issue 10: Apple's X-ABRELATEDNAMES, X-SPOUSE, KAddressBook's, Evolution's and
    Outlook's forms were kept as unmodelled lines, not related people."""
    draft = one(RELATED_CARD).draft
    assert draft.related == [
        LabeledValue("Spouse", "Jane Doe", ("pref",), written_as="X-ABRELATEDNAMES"),
        LabeledValue("Mentor", "Kim Lee", written_as="X-ABRELATEDNAMES"),
        LabeledValue("", "No Label", written_as="X-ABRELATEDNAMES"),
        LabeledValue("Spouse", "Erika", written_as="X-SPOUSE"),
        LabeledValue("Manager", "Mr. Burns", written_as="X-KADDRESSBOOK-X-ManagersName"),
        LabeledValue("Assistant", "Little Red", written_as="X-EVOLUTION-ASSISTANT"),
        LabeledValue("Manager", "Ms. Chief", written_as="X-MS-MANAGER"),
        LabeledValue("", "Bob", ("friend",), ("PREF=1",), written_as="RELATED"),
    ]
    assert draft.extras == ["X-SPOUSE;X-A=1:kept"]  # a form with parameters: as written


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_related_people_are_written_back_in_the_form_they_came_in(version):
    text = card_text(one(RELATED_CARD).draft, version=version)
    lines = text.split("\r\n")
    for written in (
        "item1.X-ABRELATEDNAMES;TYPE=pref:Jane Doe", "item1.X-ABLabel:_$!<Spouse>!$_",
        "item2.X-ABRELATEDNAMES:Kim Lee", "item2.X-ABLabel:Mentor", "X-ABRELATEDNAMES:No Label",
        "X-SPOUSE:Erika", "X-KADDRESSBOOK-X-ManagersName:Mr. Burns",
        "X-EVOLUTION-ASSISTANT:Little Red", "X-MS-MANAGER:Ms. Chief",
        "RELATED;TYPE=friend;VALUE=text;PREF=1:Bob", "X-SPOUSE;X-A=1:kept",
    ):  # fmt: skip
        assert written in lines
    assert card_text(one(text).draft, version=version) == text


@pytest.mark.parametrize(
    ("version", "written"),
    [
        ("4.0", ["RELATED;TYPE=spouse;VALUE=text:Jane", "RELATED;TYPE=friend:urn:uuid:bob"]),
        ("3.0", ["item1.X-ABRELATEDNAMES;TYPE=spouse:Jane", "item1.X-ABLabel:_$!<Spouse>!$_",
                 "item2.X-ABRELATEDNAMES;TYPE=friend:urn:uuid:bob",
                 "item2.X-ABLabel:_$!<Friend>!$_"]),
    ],
)  # fmt: skip
def test_a_related_person_added_in_networker_is_written_as_each_version_can(version, written):
    """4.0 has RELATED (a text value needs VALUE=text); 3.0 has none, and Apple
    Contacts, Google and DAVx5 read Apple's X-ABRELATEDNAMES with its X-ABLabel there."""
    related = [LabeledValue("", "Jane", ("spouse",)), LabeledValue("", "urn:uuid:bob", ("friend",))]
    text = card_text(ContactDraft(display_name="A", related=related), version=version)
    assert [line for line in text.split("\r\n") if "RELATED" in line or "X-AB" in line] == written
    back = one(text).draft
    assert [r.value for r in back.related] == ["Jane", "urn:uuid:bob"]
    assert card_text(back, version=version) == text


def test_a_client_form_whose_relation_was_changed_is_written_in_networkers_form():
    draft = ContactDraft(
        display_name="A", related=[LabeledValue("Friend", "Erika", written_as="X-SPOUSE")]
    )
    assert "RELATED;X-LABEL=Friend;VALUE=text:Erika\r\n" in card_text(draft, version="4.0")
    text = card_text(draft, version="3.0")
    assert "item1.X-ABRELATEDNAMES:Erika\r\nitem1.X-ABLabel:_$!<Friend>!$_\r\n" in text
    assert "X-SPOUSE" not in text
