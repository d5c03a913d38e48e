"""The Related people row of the contact panel, for related people of every client
(issue 10): each read from a real file, stored, and shown with its relation."""

import io
from pathlib import Path

from PySide6.QtCore import Qt

from networker.formats import vcard

FIXTURE = Path(__file__).resolve().parents[1] / "formats" / "cards" / "related_3_0.vcf"


def test_related_people_of_apple_and_other_clients_are_shown_with_their_relation(view, service):
    ann, heiko = (r.draft for r in vcard.read_vcards(io.BytesIO(FIXTURE.read_bytes())))
    related = view.panel.card_details.values["related"]
    view.select_contact(service.create(ann))
    assert related.text().split("\n")[:3] == [
        "Spouse: Jane Doe", "Mother: Mary Roe", "Child: Tom Roe",
    ]  # fmt: skip
    view.select_contact(service.create(heiko))
    assert "Manager: Mr. Burns" in related.text().split("\n")
    assert related.textFormat() == Qt.TextFormat.PlainText
