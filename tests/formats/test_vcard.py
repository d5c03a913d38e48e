"""Reading and writing vCards: our own small fixtures, then the shared real-world corpus."""

import base64
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from networker.domain.contacts import (
    Birthday,
    ContactDraft,
    LabeledValue,
    effective_display_name,
    normalize_label,
)
from networker.formats.readers import ReadOptions
from networker.formats.reports import ParsedRecord, RecordProblem, UnreadableFileError
from networker.formats.vcard import NO_BEGIN, VCardReader, card_text, read_vcards

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "vcf"


def read(text, encoding="utf-8", thumbnailer=None):
    data = text.encode(encoding) if isinstance(text, str) else text
    return list(read_vcards(io.BytesIO(data), thumbnailer=thumbnailer))


def one(text, **kwargs):
    (record,) = read(text, **kwargs)
    assert isinstance(record, ParsedRecord), record
    return record


def test_a_3_0_card_lands_in_its_fields():
    record = one(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        "ORG:Analytical Engines;R&D\r\nTITLE:Engineer\r\nEMAIL;TYPE=WORK:ada@engines.example\r\n"
        "item1.EMAIL:ada@home.example\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n"
        "TEL;TYPE=CELL:+44 20 7946 0000\r\nURL:https://www.linkedin.com/in/ada\r\n"
        "BDAY:1815-12-10\r\nNOTE:Met at the\\nengine show\r\nCATEGORIES:mentor,math\r\n"
        "UID:urn:uuid:ada\r\nX-SPOUSE:William\r\nGEO:1;2\r\nEND:VCARD\r\n"
    )
    draft = record.draft
    assert (draft.display_name, draft.given_name, draft.family_name) == (
        "Ada Lovelace",
        "Ada",
        "Lovelace",
    )
    assert (draft.organization, draft.org_units) == ("Analytical Engines", ["R&D"])
    assert draft.emails == [
        LabeledValue("work", "ada@engines.example"),
        LabeledValue("Other", "ada@home.example"),
    ]
    assert draft.phones == [LabeledValue("mobile", "+44 20 7946 0000")]
    assert draft.urls == [LabeledValue("LinkedIn", "https://www.linkedin.com/in/ada")]
    assert draft.birthday == Birthday(12, 10, 1815)
    assert draft.notes == "Met at the\nengine show"
    assert draft.tags == ["mentor", "math"]
    assert draft.uid == "urn:uuid:ada"
    assert draft.related == [LabeledValue("Spouse", "William", written_as="X-SPOUSE")]
    assert draft.extras == ["GEO:1;2"]


def test_2_1_quoted_printable_cyrillic_with_soft_breaks():
    record = one(
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9A=D0=BE=D0=B2=D0=B0=D0=BB=D0=B5=\r\n"
        "=D0=B2=D0=B0;=D0=A1=D0=BE=D1=84=D1=8C=D1=8F;;;\r\nEND:VCARD\r\n"
    )
    assert record.draft.family_name == "Ковалева"
    assert record.draft.given_name == "Софья"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("--0314", Birthday(3, 14)), ("19850314", Birthday(3, 14, 1985)),
     ("1985-03-14T00:00:00Z", Birthday(3, 14, 1985)), ("--03-14", Birthday(3, 14)),
     ("16040101", Birthday(1, 1)), ("1604-02-29", Birthday(2, 29)),
     (";X-APPLE-OMIT-YEAR=1604:1604-03-14", Birthday(3, 14)),
     (";X-APPLE-OMIT-YEAR=1900:1900-03-14", Birthday(3, 14)),
     (";VALUE=date:--0229", Birthday(2, 29))],
)  # fmt: skip
def test_birthday_forms(value, expected):
    line = f"BDAY{value}" if value.startswith(";") else f"BDAY:{value}"  # with parameters
    assert one(f"BEGIN:VCARD\nVERSION:3.0\nFN:X\n{line}\nEND:VCARD\n").draft.birthday == expected


def test_a_file_with_classic_mac_line_endings_is_read():
    cards = "BEGIN:VCARD\rVERSION:3.0\rFN:Ada Lovelace\rEMAIL:ada@x.example\rEND:VCARD\r" * 2
    records = read(cards)
    assert [r.draft.display_name for r in records] == ["Ada Lovelace", "Ada Lovelace"]
    assert records[1].line == 6


@pytest.mark.parametrize("value", ["19631399", "circa 1980", ""])
def test_a_birthday_that_is_no_date_is_left_out_never_replaced_by_today(value):
    record = one(f"BEGIN:VCARD\nVERSION:3.0\nFN:X\nBDAY:{value}\nEND:VCARD\n")
    assert record.draft.birthday is None


def test_broken_cards_are_skipped_with_their_place_and_the_rest_imports():
    records = read(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Outer\nBEGIN:VCARD\nFN:Inner\nEND:VCARD\nEND:VCARD\n"
        "garbage between cards\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Good Two\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Never ends\n"
    )
    # (A card inside a card was refused here; it is read now, as Android reads it.)
    assert [type(r).__name__ for r in records] == [
        "ParsedRecord", "ParsedRecord", "ParsedRecord", "ParsedRecord", "RecordProblem",
    ]  # fmt: skip
    assert [(r.record, r.line) for r in records[1:3]] == [(2, 5), (3, 8)]
    assert records[4].line == 17 and "no END:VCARD" in records[4].reason
    assert records[3].draft.display_name == "Good Two"


def test_cards_inside_a_card_are_read_as_cards_of_their_own_with_a_warning():
    """The corpus's aosp__v21_nest.vcf: Android's reader gives three contacts (the outer
    card keeps its lines after the inner ones); vobject keeps them as children. An empty
    AGENT line that introduced the inner card is not kept."""
    records = read(
        "BEGIN:VCARD\nVERSION:2.1\nN:parent\nAGENT:\n"
        "BEGIN:VCARD\nVERSION:2.1\nN:nest1\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nN:nest2\nTEL:555-0100\nEND:VCARD\n"
        "TEL:1\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:After\nEND:VCARD\n"
    )
    assert [(r.record, r.line, r.draft.family_name or r.draft.display_name) for r in records] == [
        (1, 1, "parent"), (2, 5, "nest1"), (3, 9, "nest2"), (4, 16, "After"),
    ]  # fmt: skip
    parent, _nest1, nest2, after = records
    assert [p.value for p in parent.draft.phones] == ["1"] and parent.draft.extras == []
    assert [p.value for p in nest2.draft.phones] == ["555-0100"]
    assert parent.warnings == ["the cards inside it (lines 5, 9) are read as cards of their own"]
    assert nest2.warnings == ["it was inside the card of line 1: read as a card of its own"]
    assert after.warnings == []


def test_a_file_whose_card_lost_its_begin_line_is_read_with_a_warning():
    """The corpus's eds__7.vcf (Evolution's parser reads it, with a warning): a file
    starting at VERSION, its only BEGIN:VCARD line missing."""
    data = (
        b"VERSION:3.0\nFN:Frank Dawson\nORG:Lotus Development Corporation\n"
        b"ADR;TYPE=WORK:;;6544 Battleford Drive\n ;Raleigh;NC;27613-3502;U.S.A.\n"
        b"EMAIL;TYPE=INTERNET:fdawson@earthlink.net\nEND:vCard\n"
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Next\nEND:VCARD\n"
    )
    _name, records = VCardReader().read(io.BytesIO(data), ReadOptions())
    frank, following = list(records)
    assert (frank.record, frank.line, frank.draft.display_name) == (1, 1, "Frank Dawson")
    assert frank.draft.addresses[0].locality == "Raleigh"
    assert [e.value for e in frank.draft.emails] == ["fdawson@earthlink.net"]
    assert frank.warnings == [NO_BEGIN] and following.warnings == []
    # Text that opens no card is still no vCard.
    with pytest.raises(UnreadableFileError):
        VCardReader().read(io.BytesIO(b"Dear Frank,\nFN:x\nEND:VCARD\n"), ReadOptions())


def test_a_lost_end_costs_that_card_alone_and_reading_resumes_at_the_next_begin():
    cards = [f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nEND:VCARD\n" for i in range(1, 1001)]
    cards[2] = cards[2].replace("END:VCARD\n", "")  # card 3 never ends
    records = read("".join(cards))
    problems = [r for r in records if isinstance(r, RecordProblem)]
    assert problems == [RecordProblem(3, 9, "the card has no END:VCARD line")]
    names = [r.draft.display_name for r in records if isinstance(r, ParsedRecord)]
    assert names == [f"Person {i}" for i in range(1, 1001) if i != 3]


def test_a_lost_end_just_before_the_last_card_and_two_in_a_row():
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:{}\nEND:VCARD\n"
    lost = "BEGIN:VCARD\nVERSION:3.0\nFN:{}\n"
    records = read(lost.format("A") + lost.format("B") + card.format("C") + card.format("D"))
    assert [type(r).__name__ for r in records] == [
        "RecordProblem", "RecordProblem", "ParsedRecord", "ParsedRecord",
    ]  # fmt: skip
    records = read(card.format("A") + lost.format("B") + card.format("C"))
    assert [getattr(r, "draft", r) for r in records][2].display_name == "C"
    assert records[1] == RecordProblem(2, 5, "the card has no END:VCARD line")


def test_deep_nesting_is_refused_card_by_card_in_linear_time():
    records = read("BEGIN:VCARD\nFN:x\n" * 5000)
    assert len(records) == 5000 and all(isinstance(r, RecordProblem) for r in records)


def test_a_comma_in_a_text_value_is_text_not_a_cut():
    draft = one(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Smith, John\nN:Smith;John;;;\nTITLE:VP, Sales\n"
        "NOTE:first, second\nURL:https://x.example/a,b\nCATEGORIES:one,two\n"
        "X-SPOUSE:Doe, Jane\nX-CUSTOM:Doe, Jane\nEND:VCARD\n"
    ).draft
    assert (draft.display_name, draft.title, draft.notes) == ("Smith, John", "VP, Sales",
                                                              "first, second")  # fmt: skip
    assert draft.urls[0].value == "https://x.example/a,b"
    assert draft.tags == ["one", "two"]  # CATEGORIES is a list: its commas separate
    assert draft.extras == ["X-CUSTOM:Doe, Jane"]  # kept as written
    assert draft.related[0].value == "Doe, Jane"


def test_a_2_1_quoted_printable_note_keeps_its_commas_and_line_breaks():
    draft = one(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:X\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:first, second=0D=0Athird,=\r\n"
        " fourth =C3=A9\r\nEND:VCARD\r\n"
    ).draft
    assert draft.notes == "first, second\nthird, fourth é"  # the space after "=" is text


def test_one_stray_quoted_printable_byte_costs_that_property_alone():
    record = one(
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB =C3=85ngstr=C3=B6m\r\n"
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:it=92s late\r\nEND:VCARD\r\n"
    )
    assert record.draft.display_name == "Zoë Ångström"
    assert record.draft.notes == "it\u2019s late"
    assert record.warnings == ["NOTE: quoted-printable text was not UTF-8: read as Windows-1252"]


@pytest.mark.parametrize(
    ("line", "organization", "units", "written"),
    [
        ("ORG:Ximian, Inc.", "Ximian, Inc.", [], "ORG:Ximian\\, Inc.\r\n"),
        ("ORG:Acme, Inc.;Sales", "Acme, Inc.", ["Sales"], "ORG:Acme\\, Inc.;Sales\r\n"),
        ("item2.ORG:Acme\\, Inc.;;EMEA", "Acme, Inc.", ["", "EMEA"], "ORG:Acme\\, Inc.;;EMEA\r\n"),
    ],
)
def test_an_organization_with_commas_and_units_round_trips(line, organization, units, written):
    draft = one(f"BEGIN:VCARD\nVERSION:3.0\nFN:X\n{line}\nEND:VCARD\n").draft
    assert (draft.organization, draft.org_units) == (organization, units)
    for version in ("3.0", "4.0"):
        text = card_text(draft, version=version)
        assert written in text and "[" not in text
        assert one(text).draft == draft


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02binary\xff", b"hello, world\n"])
def test_a_file_without_any_card_is_refused(data):
    with pytest.raises(UnreadableFileError):
        read(data)


def test_encodings_bom_utf16_and_windows_1252():
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nEND:VCARD\r\n"
    assert one("\ufeff" + card).draft.display_name == "Zoë Ångström"
    assert one(card, encoding="utf-16").draft.display_name == "Zoë Ångström"
    latin = one(card.encode("cp1252"))
    assert latin.draft.display_name == "Zoë Ångström"
    assert latin.warnings == ["not UTF-8: read as Windows-1252"]


def test_a_shift_jis_card_without_charset_is_read_as_japanese():
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 花子\r\nORG:株式会社テスト\r\nEND:VCARD\r\n"
    record = one(card.encode("shift_jis"))
    assert record.draft.display_name == "山田 花子"
    assert record.draft.organization == "株式会社テスト"
    assert record.warnings == ["not UTF-8: read as Shift_JIS"]


def test_html_and_control_characters_stay_text():
    record = one("BEGIN:VCARD\nVERSION:3.0\nFN:<b>x</b><img src=x>\x07\nEND:VCARD\n")
    assert record.draft.display_name == "<b>x</b><img src=x>\x07"


def test_a_card_with_too_many_properties_is_refused():
    emails = "".join(f"EMAIL:a{i}@x.example\n" for i in range(10_000))
    (problem,) = read(f"BEGIN:VCARD\nVERSION:3.0\nFN:Many\n{emails}END:VCARD\n")
    assert isinstance(problem, RecordProblem) and "more than 500 properties" in problem.reason


def test_photos_are_thumbnailed_and_links_never_fetched(qapp):
    from networker.imaging import make_thumbnail
    from tests.test_imaging import png_bytes

    encoded = base64.b64encode(png_bytes(600, 300)).decode()
    inline = one(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:P\nPHOTO;ENCODING=b;TYPE=PNG:{encoded}\nEND:VCARD\n",
        thumbnailer=make_thumbnail,
    )
    assert inline.draft.photo.startswith(b"\xff\xd8")
    data_uri = one(
        f"BEGIN:VCARD\nVERSION:4.0\nFN:P\nPHOTO:data:image/png;base64,{encoded}\nEND:VCARD\n",
        thumbnailer=make_thumbnail,
    )
    assert data_uri.draft.photo.startswith(b"\xff\xd8")
    linked = one(
        "BEGIN:VCARD\nVERSION:3.0\nFN:P\nPHOTO;VALUE=uri:https://evil.example/x.png\nEND:VCARD\n",
        thumbnailer=lambda data: pytest.fail("a link must never be fetched"),
    )
    assert linked.draft.photo is None and "never fetched" in linked.warnings[0]
    broken = one(
        "BEGIN:VCARD\nVERSION:2.1\nFN:P\nPHOTO;ENCODING=BASE64:iVBO:RRR=x\n\nEND:VCARD\n",
        thumbnailer=make_thumbnail,
    )
    assert broken.draft.display_name == "P" and broken.draft.photo is None


def test_export_always_writes_fn_and_round_trips():
    draft = ContactDraft(
        given_name="Grace", family_name="Hopper", organization="Navy", title="Rear Admiral",
        emails=[LabeledValue("work", "grace@navy.example")],
        phones=[LabeledValue("mobile", "+1 555 0100")],
        urls=[LabeledValue("LinkedIn", "https://www.linkedin.com/in/grace")],
        birthday=Birthday(12, 9), notes="COBOL;\nfirst compiler, \\ and more",
        tags=["mentor", "navy"], uid="urn:uuid:grace", extras=["X-CUSTOM:Vincent"],
    )  # fmt: skip
    text = card_text(draft)
    assert "FN:Grace Hopper" in text
    back = one(text).draft
    assert back == ContactDraft(**{**draft.__dict__, "display_name": "Grace Hopper"})
    assert "FN:Unnamed contact" in card_text(ContactDraft())


names = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)


@settings(max_examples=60, deadline=None)
@given(given_name=names, notes=names, organization=names)
def test_exported_text_comes_back_as_it_was(given_name, notes, organization):
    draft = ContactDraft(given_name=given_name, notes=notes, organization=organization,
                         display_name="X")  # fmt: skip
    records = read(card_text(draft))
    assert len(records) == 1  # a value can never start a second card
    back = records[0].draft
    assert back.given_name == " ".join(given_name.split())[:1024]
    assert back.organization == " ".join(organization.split())[:1024]
    assert back.notes == notes.replace("\r\n", "\n").replace("\r", "\n").strip()


@settings(max_examples=100, deadline=None)
@given(
    st.binary(max_size=400)
    | st.text(max_size=400).map(lambda t: f"BEGIN:VCARD\nVERSION:3.0\n{t}\nEND:VCARD\n".encode())
)
def test_reading_never_raises_anything_but_a_clear_refusal(data):
    try:
        read(data)
    except UnreadableFileError:
        pass


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")
def test_every_corpus_file_reads_without_an_exception():
    refused, skipped, read_ok = [], [], 0
    for path in sorted(CORPUS.glob("*.vcf")):
        try:
            with path.open("rb") as file:
                for record in read_vcards(file):
                    if isinstance(record, RecordProblem):
                        skipped.append(path.name)
                    else:
                        card_text(record.draft)  # and every card can be written back
                        read_ok += 1
        except UnreadableFileError:
            refused.append(path.name)
    # The ones MANIFEST.tsv marks as malformed in ways no card survives:
    # (eds__7.vcf, without its BEGIN line, and aosp__v21_nest.vcf, cards inside a card,
    # are read now, as Evolution and Android read them.)
    assert refused == []
    assert sorted(skipped) == ["eds__9.vcf"]  # truncated
    assert read_ok == 96


def test_a_50_mb_photo_costs_the_photo_not_the_contact():
    photo = "A" * 76
    folded = "\n ".join([photo] * (50 * 1024 * 1024 // 76))
    data = (
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Big Photo\nPHOTO;ENCODING=b;TYPE=JPEG:{folded}\n"
        "EMAIL:b@x.example\nEND:VCARD\n"
    )
    (record,) = read(data)
    assert isinstance(record, ParsedRecord)
    assert record.draft.display_name == "Big Photo" and record.draft.photo is None
    assert record.draft.emails[0].value == "b@x.example"
    assert "PHOTO near line" in record.warnings[0] and "left out" in record.warnings[0]


def test_a_4_0_export_writes_the_photo_as_a_data_uri_and_reads_it_back(qapp):
    from networker.imaging import make_thumbnail
    from tests.test_imaging import png_bytes

    photo = make_thumbnail(png_bytes(64, 64))
    text = card_text(ContactDraft(given_name="P", photo=photo), version="4.0")
    assert "VERSION:4.0" in text and "PHOTO:data:image/jpeg;base64," in text
    back = one(text, thumbnailer=make_thumbnail).draft
    assert back.photo is not None and back.photo.startswith(b"\xff\xd8")


INJECTION = "Home\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Injected Person\n"
labels = st.text(st.characters(exclude_categories=("Cs",)), max_size=30) | st.sampled_from(
    [INJECTION, 'say "hi"', "a^b^n^'", "x;y:z,w", "Work", "cell", "\r\n", "\x00\x1b\x85"]
)


def _label_read_back(label):
    # A label comes back as it was written ("Work", "cell"): Networker's own ("work fax",
    # "mobile") as TYPE values, any other as X-LABEL.
    return normalize_label(label)


@settings(max_examples=80, deadline=None)
@given(
    email_label=labels, phone_label=labels, url_label=labels, name=names, title=names,
    version=st.sampled_from(["3.0", "4.0"]),
)  # fmt: skip
def test_every_label_and_parameter_is_written_so_it_reads_back_as_one_card(
    email_label, phone_label, url_label, name, title, version
):
    draft = ContactDraft(
        display_name=name or "X", title=title,
        emails=[LabeledValue(email_label, "a@x.example")],
        phones=[LabeledValue(phone_label, "+1 555 0100")],
        urls=[LabeledValue(url_label, "https://x.example/")],
    )  # fmt: skip
    records = read(card_text(draft, version=version))
    assert len(records) == 1 and isinstance(records[0], ParsedRecord)
    back = records[0].draft
    assert back.emails[0].label == _label_read_back(email_label)
    assert back.phones[0].label == _label_read_back(phone_label)
    assert back.urls[0].label == (_label_read_back(url_label) or "website")
    assert back.display_name == effective_display_name(draft)


def test_an_apple_label_that_tries_to_start_a_card_stays_one_label():
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Victim\nitem1.EMAIL:v@x.example\n"
        "item1.X-ABLabel:Home\\nEND:VCARD\\nBEGIN:VCARD\\nFN:Injected Person\nEND:VCARD\n"
    )
    draft = one(text).draft
    assert draft.emails[0].label == "Home END:VCARD BEGIN:VCARD FN:Injected Person"
    written = card_text(draft)
    (again,) = read(written)  # one card, never a second
    assert again.draft.emails == draft.emails
    assert 'X-LABEL="Home END:VCARD BEGIN:VCARD FN:Injected Person"' in written


def test_a_label_with_a_double_quote_is_written_caret_encoded():
    draft = ContactDraft(given_name="Q", emails=[LabeledValue('the "real" one', "q@x.example")])
    text = card_text(draft)
    assert "X-LABEL=the ^'real^' one:q@x.example" in text
    assert one(text).draft.emails == draft.emails


def test_a_kept_line_with_a_line_break_is_never_written():
    draft = ContactDraft(given_name="K", extras=["X-OK:1", "X-BAD:a\r\nBEGIN:VCARD"])
    text = card_text(draft)
    assert "X-OK:1" in text and "X-BAD" not in text


def test_long_kept_lines_are_written_back_folded_by_octets_never_inside_a_character():
    value = "abcdefghij" * 12 + "é" * 50 + "😀" * 30
    record = one(f"BEGIN:VCARD\nVERSION:3.0\nFN:X\nX-LONG:{value}\nEND:VCARD\n")
    for version in ("3.0", "4.0"):
        text = card_text(record.draft, version=version)
        for line in text.encode("utf-8").split(b"\r\n"):
            assert len(line) <= 75
            line.decode("utf-8")  # a character is never cut in two
        assert one(text).draft.extras == record.draft.extras
        assert f"X-LONG:{value}" in text.replace("\r\n ", "")


def test_a_line_folded_inside_a_character_and_quoted_printable_on_one_property_only():
    """Issue 10's list, checked: a writer that folds by octets may cut a UTF-8 character
    in two (the halves are joined again); quoted-printable applies to the property that
    says so, not to a neighbour whose text starts with "="."""
    note = "NOTE:" + "é" * 40
    folded = note.encode()[:76] + b"\r\n " + note.encode()[76:]
    assert note.encode()[:76].decode("utf-8", "replace").endswith("\ufffd")  # cut inside é
    text = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;J\r\n"
        b"FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:J=C3=B6rg =\r\nDoe\r\n"
        b"TITLE:=41 is not quoted-printable here\r\n" + folded + b"\r\nEND:VCARD\r\n"
    )
    (record,) = list(read_vcards(io.BytesIO(text)))
    draft = record.draft
    assert (draft.display_name, draft.title) == ("Jörg Doe", "=41 is not quoted-printable here")
    assert draft.notes == "é" * 40 and record.warnings == []
