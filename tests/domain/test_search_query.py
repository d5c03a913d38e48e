"""field:value terms in the search field (issue 14: `org:acme tag:mentor`)."""

from networker.domain.contacts import Source
from networker.domain.listing import ContactIndex, OrderedView, matching_ids, query_matches
from networker.domain.search_query import FieldTerm, parse

SEP = "\x1f"


def test_terms_and_words_are_told_apart():
    asked = parse('org:Acmé tag:"coffee chat" Ada https://x.example strength:4+')
    assert asked.text == "Ada https://x.example"
    assert asked.terms == (
        FieldTerm("organization", "acme"), FieldTerm("tag", "coffee chat"),
        FieldTerm("strength", "4+"),
    )  # fmt: skip
    assert parse("tag: Ada").text == "Ada"  # "tag:" while typing asks nothing yet
    assert parse('name:"unclosed').terms == (FieldTerm("name", "unclosed"),)  # as typed


def test_terms_that_cannot_match_say_why():
    assert "strength is 1 to 5" in parse("strength:9").problem
    assert "source is one of" in parse("source:nowhere").problem


def index():
    people = [
        # id, name, organization, tags, source, strength
        (1, "ada lovelace", "acme corp", ["mentor", "coffee chat"], Source.ALUMNI, 4),
        (2, "grace hopper", "acme corp", ["hiring"], Source.EVENT, 5),
        (3, "linus torvalds", "osdl", ["mentor"], Source.ALUMNI, 2),
    ]
    built = ContactIndex()
    for contact_id, name, org, tags, source, strength in people:
        built.ids.append(contact_id)
        built.name_keys.append(name)
        built.organization_keys.append(org)
        built.haystacks.append("\n".join([name, org, *tags]))
        built.tag_sets.append(SEP.join(tags))
        built.sources.append(source.value)
        built.strengths.append(strength)
        built.archived.append(False)
    return built


def found(query):
    built = index()
    view = OrderedView(ids=list(built.ids), haystacks=list(built.haystacks))
    ids = matching_ids(view, query, built)
    assert ids == [i for i, p in zip(built.ids, range(3), strict=True)
                   if query_matches(built, p, query)]  # fmt: skip
    return ids


def test_each_field_looks_in_its_own_column():
    assert found("org:acme tag:mentor") == [1]
    assert found("tag:men") == [1, 3]  # a tag by its start
    assert found("source:alumni") == [1, 3]
    assert found('source:"alumni network"') == [1, 3]  # by its label too
    assert found("strength:4+") == [1, 2]
    assert found("strength:2") == [3]
    assert found("name:hopper acme") == [2]
    assert found("org:osdl grace") == []
    assert found("strength:9") == []
    assert found("mentor") == [1, 3]  # a plain word still looks everywhere
