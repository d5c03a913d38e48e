"""Issue 10 (QA): a card read from one vCard version and exported as the other is
written in that version's spellings (formats/vcard_versions.py); a card exported in
the version it was read in is written as it was read."""

import pytest

from networker.formats.vcard import card_text
from networker.formats.vcard_versions import spelled_for
from tests.formats.test_vcard import one


def _card(version, *lines):
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", "FN:A", *lines, "END:VCARD", ""])


def _lines(text, name):
    return [line for line in text.split("\r\n") if line.split(";")[0].split(":")[0] == name]


def _exported(version, lines, to):
    """The lines of the export of a card of ``lines``, and whether that export read
    back and exported again is the same text."""
    text = card_text(one(_card(version, *lines)).draft, version=to)
    return text, card_text(one(text).draft, version=to) == text


def test_3_0_pref_is_pref_1_and_internet_is_left_out_in_4_0():
    text, stable = _exported("3.0", ["EMAIL;TYPE=INTERNET,WORK,PREF:a@x.example"], "4.0")
    assert _lines(text, "EMAIL") == ["EMAIL;TYPE=WORK;PREF=1:a@x.example"]
    assert stable


def test_a_pref_given_already_is_not_written_twice():
    assert spelled_for("EMAIL", ("pref", "work"), ("PREF=3",), "4.0") == (("work",), ("PREF=3",))


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("TEL;TYPE=CAR,VOICE:1", "TEL;TYPE=X-CAR,VOICE:1"),
        (
            "TEL;TYPE=WORK,MSG,ISDN,BBS,MODEM,PCS:1",
            "TEL;TYPE=WORK,X-MSG,X-ISDN,X-BBS,X-MODEM,X-PCS:1",
        ),
        ("EMAIL;TYPE=X400:a@x.example", "EMAIL;TYPE=X-X400:a@x.example"),
        (
            "ADR;TYPE=WORK,POSTAL,PARCEL:;;1 Main St;Town;;;",
            "ADR;TYPE=WORK,X-POSTAL,X-PARCEL:;;1 Main St;Town;;;",
        ),
        ("ADR;TYPE=dom,intl:;;1 Main St;Town;;;", "ADR;TYPE=X-dom,X-intl:;;1 Main St;Town;;;"),
    ],
)
def test_types_4_0_no_longer_has_are_x_names_and_3_0_again(line, written):
    """Kept as x-names rather than dropped: valid 4.0 (RFC 6350 5.6) that readers
    ignore, and a car phone is a car phone again when written as 3.0."""
    name = line.split(";")[0]
    text, stable = _exported("3.0", [line], "4.0")
    assert _lines(text, name) == [written] and stable
    again, stable = _exported("4.0", [written], "3.0")
    assert _lines(again, name) == [line] and stable


def test_types_4_0_still_has_are_written_as_they_were():
    text, _stable = _exported("3.0", ["TEL;TYPE=cell,voice,video,pager:1"], "4.0")
    assert _lines(text, "TEL") == ["TEL;TYPE=cell,voice,video,pager:1"]


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("EMAIL;TYPE=work;PREF=1:a@x.example", "EMAIL;TYPE=work,pref:a@x.example"),
        ("EMAIL;PREF=2:a@x.example", "EMAIL;TYPE=PREF:a@x.example"),  # 3.0 has no ranks
        ("TEL;TYPE=WORK;PREF=1:1", "TEL;TYPE=WORK,PREF:1"),
        ("URL;PREF=1:https://a.example", "URL;TYPE=PREF;X-LABEL=website:https://a.example"),
        (
            'ADR;PREF=1;LABEL="1 Main St":;;1 Main St;;;;',
            'ADR;TYPE=PREF;LABEL="1 Main St":;;1 Main St;;;;',
        ),
    ],
)
def test_4_0_pref_is_type_pref_in_3_0(line, written):
    """4.0's other parameters (LABEL, MEDIATYPE, PID...) stay: 3.0 allows any
    parameter name, and vobject (khard) reads them (tests/interop)."""
    name = line.split(";")[0]
    text, stable = _exported("4.0", [line], "3.0")
    assert _lines(text, name) == [written] and stable


@pytest.mark.parametrize(
    ("version", "line"),
    [
        ("3.0", "EMAIL;TYPE=INTERNET,WORK,pref:a@x.example"),
        ("3.0", "TEL;TYPE=CAR,MSG:1"),
        ("4.0", "EMAIL;TYPE=work;PREF=1:a@x.example"),
        ("4.0", "TEL;TYPE=X-CAR;PREF=2:1"),
        ("4.0", "IMPP;TYPE=home;PREF=1:xmpp:a@x.example"),
    ],
)
def test_a_card_exported_in_its_own_version_is_written_as_it_was_read(version, line):
    text, stable = _exported(version, [line], version)
    assert _lines(text, line.split(";")[0]) == [line] and stable


def test_a_handle_keeps_its_pref():
    """QA E3: IMPP;PREF=1 lost its PREF; now kept as an email's is, and TYPE=PREF in 3.0."""
    line = "IMPP;PREF=1;X-SERVICE-TYPE=Skype:skype:jo"
    (handle,) = one(_card("4.0", line)).draft.handles
    assert (handle.params, handle.service_type) == (("PREF=1",), "Skype")
    text, stable = _exported("4.0", [line], "4.0")
    assert _lines(text, "IMPP") == [line] and stable
    text, stable = _exported("4.0", [line], "3.0")
    assert _lines(text, "IMPP") == ["IMPP;TYPE=PREF;X-SERVICE-TYPE=Skype:skype:jo"] and stable
    text, stable = _exported("3.0", ["X-SKYPE;TYPE=pref:jo"], "4.0")
    assert _lines(text, "X-SKYPE") == ["X-SKYPE;PREF=1:jo"] and stable


def test_related_text_keeps_value_text_in_4_0():
    line = "RELATED;TYPE=colleague;VALUE=text:Omar"
    text, stable = _exported("4.0", [line], "4.0")
    assert _lines(text, "RELATED") == [line] and stable
