"""Hypothesis (RELIABILITY.md case 37, issue 10): arbitrary contacts of the whole card,
with hostile text (commas, semicolons, backslashes, quotes, carets, line breaks, any
Unicode), exported to vCard 3.0, 4.0 and our CSV and read back, come back equal after
the documented normalisation:

- one-line fields have their white space runs made one space (line breaks included);
  a street keeps its lines, each made one line; CR and CRLF read as LF;
- vCard TYPE values that contradict an item's label are dropped (the label decides);
- TYPE values and parameters are spelled as the version written has them
  (vcard_versions: pref <-> PREF=1, 3.0's INTERNET left out of 4.0...);
- CSV keeps the vCard TYPE spellings and parameters of emails, phones and web
  addresses, the kept vCard lines and the archive mark; a list of one empty item is an
  empty cell.
"""

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networker.domain.contacts import (
    ADDRESS_MAX,
    Birthday,
    ContactDraft,
    Handle,
    LabeledValue,
    PostalAddress,
    Source,
    effective_display_name,
    is_linkedin_url,
    normalize_label,
)
from networker.formats import csv_formats
from networker.formats.readers import ReadOptions
from networker.formats.reports import ParsedRecord
from networker.formats.vcard import card_text, read_vcards
from networker.formats.vcard_lines import kept_types, types_to_write
from networker.formats.vcard_parts import HANDLE_PROPERTIES, RELATED_PROPERTIES
from networker.formats.vcard_versions import spelled_for

HOSTILE = ",;:\\\"^\n\r\t ='<>&"
text = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
    | st.sampled_from(list(HOSTILE)),
    max_size=20,
)
# Email, phone and web values: CSV writes them as label=value ::: label=value.
simple = st.text(st.characters(exclude_categories=("Cs", "Zs", "Cc"),
                               exclude_characters="\x00=:"), min_size=1, max_size=15)  # fmt: skip
label = text.filter(lambda t: "=" not in t and ":" not in t)
types = st.lists(st.sampled_from(["WORK", "home", "FAX", "cell", "pref", "INTERNET", "x-a",
                                  "car", "X-CAR", "dom"]),
                 max_size=3, unique=True).map(tuple)  # fmt: skip


params = st.lists(st.sampled_from(["PREF=1", "PREF=2", 'LABEL="1 Main St\\nTown; a, b"',
                                   "MEDIATYPE=text/html", "X-A=b"]),
                 max_size=2, unique=True).map(tuple)  # fmt: skip


def labeled(values):
    return st.builds(LabeledValue, label, values, types, params)


handles = st.one_of(
    st.builds(Handle, st.sampled_from(["skype", "xmpp", "sip", "aim"]), text, label, types,
              st.just("IMPP"), text, params),
    st.sampled_from(sorted(HANDLE_PROPERTIES)).flatmap(
        lambda name: st.builds(Handle, st.just(HANDLE_PROPERTIES[name]), text, label, types,
                               st.just(name), st.just(""), params)
    ),
)  # fmt: skip
addresses = st.builds(PostalAddress, label, text, text, text, text, text, text, text, types,
                      params)  # fmt: skip
# A related person in each form a client writes (X-SPOUSE with its own relation or
# another), or added in Networker ("").
related = st.builds(
    LabeledValue, label | st.sampled_from(["Spouse", "Manager", "Child"]), text,
    types | st.sampled_from([("spouse",), ("pref", "friend")]), params,
    st.sampled_from(["", "RELATED", "X-ABRELATEDNAMES", "X-SPOUSE", "X-MS-MANAGER",
                     "X-KADDRESSBOOK-X-SpousesName"]),
)  # fmt: skip
birthdays = st.builds(Birthday, st.integers(1, 12), st.integers(1, 28),
                      st.none() | st.integers(1605, 2020))  # fmt: skip
drafts = st.builds(
    ContactDraft,
    given_name=text, family_name=text, display_name=text, organization=text, title=text,
    emails=st.lists(labeled(simple), max_size=2), phones=st.lists(labeled(simple), max_size=2),
    urls=st.lists(labeled(simple), max_size=2), birthday=st.none() | birthdays, notes=text,
    how_we_met=text, source=st.sampled_from(list(Source)), school=text,
    strength=st.none() | st.integers(1, 5), cadence_days=st.none() | st.integers(1, 3650),
    uid=st.just("urn:uuid:p"), name_prefix=text, middle_name=text, name_suffix=text,
    nicknames=st.lists(text, max_size=3), org_units=st.lists(text, max_size=3),
    more_titles=st.lists(text, max_size=2), roles=st.lists(text, max_size=2),
    addresses=st.lists(addresses, max_size=2), handles=st.lists(handles, max_size=3),
    dates=st.lists(st.builds(LabeledValue, st.just("anniversary") | label,
                             st.sampled_from(["2001-02-03", "--0412", "19991231"]), types),
                   max_size=2),
    gender=text, related=st.lists(related, max_size=3),
    extras=st.lists(st.sampled_from(["GEO:1;2", "X-FOO;A=\"b;c\":d\\, e", "KIND:individual",
                                     "item40.X-ABADR:us", "item40.X-ABLabel:y"]),
                    max_size=3),
)  # fmt: skip


def one_line(value, cap=1024):
    return " ".join(value.split())[:cap]


def street(value):
    lines = (one_line(line) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)[:ADDRESS_MAX]


def _item(item, value, prop, version):
    name = normalize_label(item.label)
    written, _custom = types_to_write(name, item.types)
    written, params = spelled_for(prop, written, item.params, version)
    return LabeledValue(name, value, kept_types(name, written), params)


def related_as_read(item, value, version):
    """What a vCard gives back for a related person (vcard_out._related_lines): its own
    form while it still says its relation; RELATED in 4.0 and Apple's form in 3.0 for
    one added in Networker, Apple's label made of the types when it has none."""
    form = item.written_as
    relation = RELATED_PROPERTIES.get(form.upper())
    if relation is not None and item.label == relation and not item.types:
        return LabeledValue(relation, value, (), (), form)
    name = normalize_label(item.label)
    if form == "RELATED" or (version == "4.0" and form != "X-ABRELATEDNAMES"):
        return LabeledValue(name, value, item.types, item.params, "RELATED")
    words = [t for t in item.types if t.lower() != "pref"]
    apple = {"spouse": "Spouse", "child": "Child", "parent": "Parent", "friend": "Friend"}
    if not name:
        known = [apple[w.lower()] for w in words if w.lower() in apple]
        name = known[0] if known else (words[0] if words else "")
    return LabeledValue(name, value, item.types, item.params, "X-ABRELATEDNAMES")


def as_read_from_vcard(draft, version):
    """What a vCard gives back for ``draft``: the normalisation of this module's doc."""
    titles = [t for t in (one_line(t) for t in (draft.title, *draft.more_titles)) if t]
    units = [one_line(u) for u in draft.org_units]
    nicknames = []
    for nickname in (one_line(n) for n in draft.nicknames):
        if nickname and nickname not in nicknames:
            nicknames.append(nickname)
    urls = []
    for url in draft.urls:
        value = one_line(url.value, ADDRESS_MAX)
        written, _custom = types_to_write(normalize_label(url.label), url.types)
        written, params = spelled_for("URL", written, url.params, version)
        name = "LinkedIn" if is_linkedin_url(value) else (normalize_label(url.label) or "website")
        urls.append(LabeledValue(name, value, kept_types(name, written), params))
    addresses = []
    for address in draft.addresses:
        parts = [street(p) for p in address.parts()]
        if any(parts):
            item = _item(address, "", "ADR", version)
            addresses.append(PostalAddress.from_parts(item.label, parts, item.types, item.params))
    handles = []
    for handle in draft.handles:
        address = one_line(handle.address, ADDRESS_MAX)
        if handle.written_as == "IMPP" or address:
            item = _item(handle, "", "IMPP", version)
            service_type = one_line(handle.service_type) if handle.written_as == "IMPP" else ""
            handles.append(Handle(handle.service, address, item.label, item.types,
                                  handle.written_as, service_type, item.params))  # fmt: skip
    dates = [
        LabeledValue("anniversary", d.value) if d.label == "anniversary" and not d.types
        else LabeledValue(normalize_label(d.label), d.value, d.types)
        for d in draft.dates
    ]  # fmt: skip
    read = ContactDraft(
        given_name=one_line(draft.given_name), family_name=one_line(draft.family_name),
        display_name=one_line(effective_display_name(draft)),
        organization=one_line(draft.organization),
        title=titles[0] if titles else "", more_titles=titles[1:],
        emails=[_item(e, one_line(e.value, ADDRESS_MAX), "EMAIL", version) for e in draft.emails],
        phones=[_item(p, one_line(p.value, ADDRESS_MAX), "TEL", version) for p in draft.phones],
        urls=urls, birthday=draft.birthday,
        notes=draft.notes.replace("\r\n", "\n").replace("\r", "\n").strip(),
        how_we_met=draft.how_we_met.replace("\r\n", "\n").replace("\r", "\n"),
        source=draft.source, school=one_line(draft.school), tags=[],
        strength=draft.strength, cadence_days=draft.cadence_days, uid=draft.uid,
        extras=list(draft.extras), name_prefix=one_line(draft.name_prefix),
        middle_name=one_line(draft.middle_name), name_suffix=one_line(draft.name_suffix),
        nicknames=nicknames, org_units=units if any(units) else [],
        roles=[r for r in (one_line(r) for r in draft.roles) if r],
        addresses=addresses, handles=handles, dates=dates, gender=one_line(draft.gender, 256),
        related=[
            related_as_read(r, v, version)
            for r in draft.related if (v := one_line(r.value, ADDRESS_MAX))
        ],
    )  # fmt: skip
    return read


def lines_lf(value):
    return value.replace("\r\n", "\n").replace("\r", "\n")


def text_list(values):
    # One cell, one line per item: a list of one empty item is an empty cell, no list.
    return [] if values == [""] else [lines_lf(v) for v in values]


def as_read_from_csv(draft):
    def plain(items):
        return [LabeledValue(normalize_label(i.label), i.value, i.types, i.params) for i in items]

    return ContactDraft(**{
        **draft.__dict__,
        "display_name": effective_display_name(draft),
        "emails": plain(draft.emails), "phones": plain(draft.phones), "urls": plain(draft.urls),
        "nicknames": text_list(draft.nicknames),
        "org_units": text_list(draft.org_units),
        "more_titles": text_list(draft.more_titles),
        "roles": text_list(draft.roles),
        "addresses": [PostalAddress.from_parts(lines_lf(a.label), [lines_lf(p) for p in a.parts()],
                                               a.types, a.params) for a in draft.addresses],
        "handles": [Handle(h.service, lines_lf(h.address), lines_lf(h.label), h.types,
                           h.written_as, lines_lf(h.service_type), h.params)
                    for h in draft.handles],
        "dates": [LabeledValue(lines_lf(d.label), d.value, d.types) for d in draft.dates],
        "related": [LabeledValue(lines_lf(r.label), lines_lf(r.value), r.types, r.params,
                                 r.written_as)
                    for r in draft.related],
    })  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(draft=drafts, version=st.sampled_from(["3.0", "4.0"]))
def test_the_whole_card_comes_back_from_vcard(draft, version):
    text = card_text(draft, version=version)
    records = list(read_vcards(io.BytesIO(text.encode("utf-8"))))
    assert len(records) == 1 and isinstance(records[0], ParsedRecord)  # never a second card
    back = records[0].draft
    expected = as_read_from_vcard(draft, version)
    expected.tags = back.tags  # tags have their own tests (CATEGORIES)
    assert back == expected
    assert card_text(back, version=version) == card_text(expected, version=version)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(draft=drafts, archived=st.booleans())
def test_the_whole_card_comes_back_from_our_csv(draft, archived):
    draft.tags = []  # tags have their own tests
    draft.emails = [e for e in draft.emails if e.value.strip()]
    out = io.StringIO()
    csv_formats.write_csv_records(iter([(draft, archived)]), out)
    _name, rows = csv_formats.CsvReader().read(
        io.BytesIO(out.getvalue().encode("utf-8")), ReadOptions()
    )
    (row,) = list(rows)
    assert row.draft == as_read_from_csv(draft)
    assert (row.archived, row.warnings) == (archived, [])
