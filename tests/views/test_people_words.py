from networker.domain.listing import ContactSummary
from networker.views.people_words import told_apart


def person(id_, name, organization="", title="", tags=""):
    return ContactSummary(id_, name, organization, title, tags, False, None)


def test_people_of_one_name_are_told_apart_only_where_needed():
    """QA: "Amara Johnson · Müller GmbH" twice in the people search."""
    people = [
        person(1, "Amara Johnson", "Müller GmbH", "CTO"),
        person(2, "Amara Johnson", "Müller GmbH", "Sales"),
        person(3, "Amara Johnson", "Acme", "CTO"),
        person(4, "Amara Johnson"),
        person(5, "Amara Johnson", "Zeta", tags="mentor"),
        person(6, "Amara Johnson", "Zeta", tags="alumni"),
        person(7, "Ada Lovelace", "Analytical Engines", "Countess"),
    ]
    assert told_apart(people) == [
        "Amara Johnson · Müller GmbH · CTO",
        "Amara Johnson · Müller GmbH · Sales",
        "Amara Johnson · Acme",
        "Amara Johnson",
        "Amara Johnson · Zeta · mentor",
        "Amara Johnson · Zeta · alumni",
        "Ada Lovelace · Analytical Engines",
    ]


def test_what_tells_them_apart_without_the_name():
    from networker.views.people_words import who_they_are

    people = [
        person(1, "Amara Johnson", "Müller GmbH", "CTO"),
        person(2, "Amara Johnson", "Müller GmbH", "Sales"),
        person(3, "Amara Johnson"),
    ]
    assert who_they_are(people) == ["Müller GmbH · CTO", "Müller GmbH · Sales", ""]
