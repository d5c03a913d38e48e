"""A contact with every part of the card filled, for the storage and format tests."""

from networker.domain.contacts import Handle, LabeledValue, PostalAddress
from tests.conftest import make_draft


def full_draft(**fields):
    values = {
        "display_name": "Ada Lovelace",
        "uid": "urn:uuid:ada",
        "name_prefix": "Dr.",
        "middle_name": "Augusta, Byron",
        "name_suffix": "Countess",
        "nicknames": ["Ada", "Enchantress; of numbers"],
        "org_units": ["R&D", "Engines, Analytical"],
        "more_titles": ["Translator"],
        "roles": ["Programmer"],
        "phones": [LabeledValue("work fax", "+44 20 7946 0001", ("work", "fax"))],
        "emails": [LabeledValue("Other", "ada@home.example", ("INTERNET",), ("PREF=1",))],
        "urls": [LabeledValue("website", "https://ada.example", (), ('LABEL="a; b, c"', "X-A=1"))],
        "addresses": [
            PostalAddress(
                "home",
                street="12 St James's Square\nFlat 2",
                locality="London",
                postal_code="SW1",
                country="UK",
                types=("HOME", "pref"),
            ),
            PostalAddress("Summer house", locality="Ockham", country="UK"),
        ],
        "handles": [
            Handle("skype", "ada.lovelace"),
            Handle("aim", "adal", written_as="X-AIM"),
            Handle(
                "xmpp",
                "ada@jabber.example",
                label="work",
                service_type="Jabber",
                params=("PREF=1",),
            ),
        ],
        "dates": [
            LabeledValue("anniversary", "1835-07-08"),
            LabeledValue("First met", "1833-06-05"),
        ],
        "gender": "F;she/her",
        "related": [
            LabeledValue("", "urn:uuid:babbage", ("colleague",), ("PREF=1",), "RELATED"),
            LabeledValue("Father", "Byron", written_as="X-ABRELATEDNAMES"),
            LabeledValue("Spouse", "William King", written_as="X-SPOUSE"),
        ],
        "extras": ["GEO:51.5;-0.13", "item9.X-ABADR:gb", "item9.X-ABLabel:_$!<Home>!$_"],
    }
    values.update(fields)
    return make_draft(**values)
