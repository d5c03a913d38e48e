"""The rest of the card in the contact panel: shown as plain text, found by search, and
never lost by a save from the editor."""

from PySide6.QtCore import Qt

from networker.domain.contacts import Handle, PostalAddress
from tests.full_card import full_draft

HOSTILE = "<b>x</b><img src='file:///etc/hosts'>"


def test_the_card_is_shown_as_plain_text(qtbot, view, service):
    draft = full_draft(
        addresses=[PostalAddress("home", street=f"1 {HOSTILE}\nFlat 2", locality="Ockham")],
        handles=[Handle("skype", HOSTILE), Handle("aim", "adal", written_as="X-AIM")],
        roles=[HOSTILE],
    )
    view.select_contact(service.create(draft))
    panel = view.panel
    # Addresses and handles are edited in plain-text fields (card_item_editors.py)...
    (address,) = panel.addresses.rows()
    assert address.street.toPlainText() == f"1 {HOSTILE}\nFlat 2"
    assert address.locality.text() == "Ockham"
    skype, aim = panel.handles.rows()
    assert (skype.service.currentText(), skype.value.text()) == ("Skype", HOSTILE)
    assert (aim.service.currentText(), aim.value.text()) == ("AIM", "adal")
    assert panel.nicknames.text() == "Ada, Enchantress; of numbers"
    # ...the rest of the card is read-only text.
    details = panel.card_details
    assert details.isVisible()
    assert details.values["roles"].text() == HOSTILE
    assert all(v.textFormat() == Qt.TextFormat.PlainText for v in details.values.values())


def test_a_contact_without_them_shows_no_such_rows(view, service):
    from tests.conftest import make_draft

    view.select_contact(service.create(make_draft()))
    assert not view.panel.card_details.isVisible()


def test_saving_from_the_editor_keeps_the_whole_card(qtbot, view, service):
    draft = full_draft()
    contact_id = service.create(draft)
    view.select_contact(contact_id)
    view.panel.job_title.selectAll()
    qtbot.keyClicks(view.panel.job_title, "Countess")
    qtbot.mouseClick(view.panel.save_button, Qt.MouseButton.LeftButton)
    saved = service.get(contact_id).draft
    assert saved.title == "Countess"
    draft.title = "Countess"
    assert saved == draft  # addresses, handles, kept lines and TYPE spellings too


def test_search_finds_a_contact_by_town_and_handle(qtbot, view, service):
    service.create(full_draft())
    for needle in ("ockham", "ada.lovelace"):
        view.search.clear()
        qtbot.keyClicks(view.search, needle)
        qtbot.waitUntil(lambda: view.model.rowCount() == 1)
