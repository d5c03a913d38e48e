"""Postal addresses, chat and social handles and the name's other parts are edited in
the contact panel (issue 10): typed, saved, found again, reverted, undone, and written
back to a vCard with what the panel does not show (kept parameters, X-SKYPE)."""

import io

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from networker.domain.contacts import Handle, PostalAddress
from networker.formats import vcard
from tests.conftest import make_draft
from tests.views.test_contact_undo import CTRL, CTRL_SHIFT
from tests.views.test_contact_undo import _press as press
from tests.views.test_narrow_window import editor_fits, resized

LEFT = Qt.MouseButton.LeftButton

IMPORTED = b"""BEGIN:VCARD
VERSION:3.0
N:Lovelace;Ada;;;
FN:Ada Lovelace
TITLE:Engineer
ADR;TYPE=home;LABEL="12 Old Street, Ockham";PREF=1;X-FOO=bar:;Flat 2;12 Old Street;
 Ockham;Surrey;GU23;UK
X-SKYPE;TYPE=work:ada.lovelace
IMPP;TYPE=home:xmpp:ada@jabber.example
END:VCARD
"""


def imported(service):
    (record,) = vcard.read_vcards(io.BytesIO(IMPORTED))
    return service.create(record.draft)


def exported(service, contact_id):
    return vcard.card_text(service.get(contact_id).draft).replace("\r\n", "\n")


def adr_line(text):
    (line,) = [line for line in text.splitlines() if line.startswith("ADR")]
    return line


def typed(qtbot, widget, text):
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_an_address_typed_in_the_panel_is_saved_found_and_there_when_reopened(
    qtbot, window, view, service
):
    ada = service.create(make_draft())
    view.select_contact(ada)
    panel = view.panel
    qtbot.mouseClick(panel.addresses.add_button, LEFT)
    (row,) = panel.addresses.rows()
    assert row.street.hasFocus()  # a new address starts at its street
    qtbot.keyClicks(row.street, "1 Analytical Row")
    qtbot.keyClick(row.street, Qt.Key.Key_Return)  # a second line of the street
    qtbot.keyClicks(row.street, "Flat 3")
    typed(qtbot, row.postal_code, "SW1")
    typed(qtbot, row.locality, "Marylebone")
    typed(qtbot, row.country, "United Kingdom")
    qtbot.mouseClick(row.label.lineEdit(), LEFT)
    row.label.lineEdit().selectAll()
    qtbot.keyClicks(row.label.lineEdit(), "Studio")
    assert panel.is_dirty and panel.save_button.isEnabled()
    qtbot.mouseClick(panel.save_button, LEFT)
    expected = PostalAddress(
        "Studio", street="1 Analytical Row\nFlat 3", locality="Marylebone", postal_code="SW1",
        country="United Kingdom",
    )  # fmt: skip
    assert service.get(ada).draft.addresses == [expected]
    view.panel.show_nothing()
    view.select_contact(ada)
    (row,) = view.panel.addresses.rows()
    assert row.street.toPlainText() == "1 Analytical Row\nFlat 3"
    assert (row.label.currentText(), row.locality.text()) == ("Studio", "Marylebone")
    view.search.clear()
    qtbot.keyClicks(view.search, "marylebone")  # the town is searched
    qtbot.waitUntil(lambda: view.model.ids() == [ada])


def test_a_part_of_an_imported_address_edited_keeps_its_parameters(qtbot, view, service):
    ada = imported(service)
    before = adr_line(exported(service, ada))
    assert 'LABEL="12 Old Street, Ockham"' in before and "X-FOO=bar" in before
    view.select_contact(ada)
    panel = view.panel
    # An edit elsewhere leaves the address as it came, every parameter kept.
    panel.job_title.selectAll()
    typed(qtbot, panel.job_title, "Countess")
    assert panel.save()
    assert adr_line(exported(service, ada)) == before
    # An edit of the address itself: PREF and X-FOO stay; the printed LABEL, which
    # said the old street, goes (a client prints the new parts instead).
    (row,) = panel.addresses.rows()
    row.locality.selectAll()
    typed(qtbot, row.locality, "Ripley")
    assert panel.save()
    after = adr_line(exported(service, ada))
    assert service.get(ada).draft.addresses[0].params == ("PREF=1", "X-FOO=bar")
    # PREF=1 in 3.0's spelling (formats/vcard_versions.py).
    assert after == "ADR;TYPE=home,pref;X-FOO=bar:;Flat 2;12 Old Street;Ripley;Surrey;GU23;UK"


def test_a_handle_removed_in_the_panel_is_gone(qtbot, view, service):
    ada = imported(service)
    view.select_contact(ada)
    _skype, jabber = view.panel.handles.rows()
    qtbot.mouseClick(jabber.remove, LEFT)
    assert view.panel.is_dirty
    assert view.panel.save()
    assert [h.address for h in service.get(ada).draft.handles] == ["ada.lovelace"]
    assert "IMPP" not in exported(service, ada)
    assert "X-SKYPE;TYPE=work:ada.lovelace" in exported(service, ada)


def test_an_x_skype_handle_edited_is_written_back_as_x_skype(qtbot, view, service):
    ada = imported(service)
    view.select_contact(ada)
    skype, jabber = view.panel.handles.rows()
    assert (skype.service.currentText(), jabber.service.currentText()) == ("Skype", "Jabber")
    skype.value.selectAll()
    typed(qtbot, skype.value, "countess.ada")
    # Another service for the Jabber handle: written as IMPP with that service's scheme.
    jabber.service.lineEdit().selectAll()
    typed(qtbot, jabber.service.lineEdit(), "Matrix")
    jabber.value.selectAll()
    typed(qtbot, jabber.value, "@ada:matrix.example")
    assert view.panel.save()
    text = exported(service, ada)
    assert "X-SKYPE;TYPE=work:countess.ada" in text
    assert "IMPP;TYPE=home:matrix:@ada:matrix.example" in text


def test_a_new_handle_is_written_as_impp(qtbot, view, service):
    ada = service.create(make_draft())
    view.select_contact(ada)
    qtbot.mouseClick(view.panel.handles.add_button, LEFT)
    (row,) = view.panel.handles.rows()
    assert row.value.hasFocus()
    qtbot.keyClicks(row.value, "ada.lovelace")
    assert view.panel.save()
    assert service.get(ada).draft.handles == [Handle("skype", "ada.lovelace")]
    assert "IMPP:skype:ada.lovelace" in exported(service, ada)


def test_cancel_puts_back_the_addresses_and_handles(qtbot, view, service):
    ada = imported(service)
    view.select_contact(ada)
    panel = view.panel
    (address,) = panel.addresses.rows()
    address.street.selectAll()
    typed(qtbot, address.street, "99 New Road")
    qtbot.mouseClick(panel.handles.rows()[0].remove, LEFT)
    qtbot.mouseClick(panel.addresses.add_button, LEFT)
    assert panel.is_dirty and panel.cancel_button.isEnabled()
    qtbot.mouseClick(panel.cancel_button, LEFT)
    assert not panel.is_dirty
    (address,) = panel.addresses.rows()
    assert address.street.toPlainText() == "12 Old Street"
    assert [row.value.text() for row in panel.handles.rows()] == [
        "ada.lovelace", "ada@jabber.example",
    ]  # fmt: skip
    assert "99 New Road" not in exported(service, ada)


def test_esc_asks_before_an_edited_address_is_thrown_away(
    qtbot, window, view, service, monkeypatch
):
    from networker.views import text

    ada = imported(service)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.select_contact(ada)
    (row,) = view.panel.addresses.rows()
    row.country.selectAll()
    typed(qtbot, row.country, "France")
    asked = []
    monkeypatch.setattr(text, "ask_save_changes", lambda *a: asked.append(a) or "save")
    qtbot.keyClick(row.country, Qt.Key.Key_Escape)
    assert asked and view.table.hasFocus()
    assert service.get(ada).draft.addresses[0].country == "France"


def test_an_address_and_handle_edit_is_undone_and_redone(qtbot, window, view, service):
    ada = imported(service)
    before = service.get(ada).draft
    view.select_contact(ada)
    (row,) = view.panel.addresses.rows()
    row.region.selectAll()
    typed(qtbot, row.region, "Kent")
    qtbot.mouseClick(view.panel.handles.rows()[1].remove, LEFT)
    assert view.panel.save()
    edited = service.get(ada).draft
    assert edited.addresses[0].region == "Kent" and len(edited.handles) == 1
    assert window.undo_action.text() == "&Undo Edit Ada Lovelace"
    press(qtbot, window, view, CTRL)  # Ctrl+Z
    assert service.get(ada).draft == before
    assert view.panel.addresses.rows()[0].region.text() == "Surrey"  # the panel follows
    assert len(view.panel.handles.rows()) == 2
    press(qtbot, window, view, CTRL_SHIFT)  # Ctrl+Shift+Z
    assert service.get(ada).draft == edited


def test_the_name_parts_and_nicknames_are_edited_in_the_panel(qtbot, view, service):
    ada = service.create(make_draft(nicknames=["Ada, the Countess", "Enchantress"]))
    view.select_contact(ada)
    panel = view.panel
    typed(qtbot, panel.middle_name, "Augusta")
    typed(qtbot, panel.name_prefix, "Dr.")
    typed(qtbot, panel.name_suffix, "FRS")
    assert panel.save()
    saved = service.get(ada).draft
    assert (saved.name_prefix, saved.middle_name, saved.name_suffix) == ("Dr.", "Augusta", "FRS")
    # A nickname holding a comma survives the save of another field...
    assert saved.nicknames == ["Ada, the Countess", "Enchantress"]
    panel.nicknames.selectAll()
    typed(qtbot, panel.nicknames, "Ada, Enchantress of Numbers, ada")
    assert panel.save()
    # ...and the field, once edited, is read as comma-separated.
    assert service.get(ada).draft.nicknames == ["Ada", "Enchantress of Numbers"]
    view.search.clear()
    qtbot.keyClicks(view.search, "enchantress")
    qtbot.waitUntil(lambda: view.model.ids() == [ada])


def test_an_overlong_address_is_marked_and_not_saved(qtbot, view, service):
    ada = imported(service)
    view.select_contact(ada)
    (row,) = view.panel.addresses.rows()
    row.street.setPlainText("x" * 3000)
    assert not view.panel.save()
    assert row.street.property("invalid")
    assert service.get(ada).draft.addresses[0].street == "12 Old Street"


def test_tab_walks_the_addresses_and_handles_as_shown(qtbot, window, view, service):
    ada = imported(service)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.select_contact(ada)
    panel = view.panel
    qtbot.mouseClick(panel.handles.add_button, LEFT)  # a row added later is in the walk
    qtbot.waitUntil(lambda: panel.handles.rows()[-1].isVisible())  # shown by the event loop
    panel.urls.add_button.setFocus()
    order = []
    for _ in range(24):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    (address,) = panel.addresses.rows()
    skype, jabber, new = panel.handles.rows()

    def box(combo):  # an editable box's focus is its line edit's
        return combo.lineEdit() if combo.lineEdit() in order else combo

    expected = [
        box(address.label), address.street, address.extended, address.po_box,
        address.postal_code, address.locality, address.region, address.country,
        address.remove, panel.addresses.add_button,
        box(skype.service), skype.value, box(skype.label), skype.remove,
        box(jabber.service), jabber.value, box(jabber.label), jabber.remove,
        box(new.service), new.value, box(new.label), new.remove,
        panel.handles.add_button, panel.how_we_met,
    ]  # fmt: skip
    assert order == expected


def test_tab_walks_the_name_fields_in_order(qtbot, window, view, service):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.select_contact(service.create(make_draft()))
    panel = view.panel
    panel.given_name.setFocus()
    order = []
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [
        panel.middle_name, panel.family_name, panel.name_prefix, panel.name_suffix,
        panel.nicknames, panel.display_name, panel.organization, panel.job_title,
    ]  # fmt: skip


def test_the_mnemonics_of_the_new_fields_take_the_focus(qtbot, window, view, service):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.select_contact(service.create(make_draft()))
    panel = view.panel
    panel.given_name.setFocus()
    qtbot.keyClick(panel.given_name, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert panel.middle_name.hasFocus()
    qtbot.keyClick(panel.middle_name, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    assert panel.name_prefix.hasFocus()


def test_a_narrow_window_shows_addresses_and_handles_whole(qtbot, window, view, service):
    ada = imported(service)
    view.select_contact(ada)
    qtbot.mouseClick(view.panel.addresses.add_button, LEFT)
    for width in (640, 1280):
        resized(qtbot, window, width)
        assert window.width() == width
        assert editor_fits(view)
        panel = view.panel
        for row in [*panel.addresses.rows(), *panel.handles.rows()]:
            for widget in row.focus_order():
                right = widget.mapTo(row, widget.rect().topRight()).x()
                assert right <= row.width(), (width, widget)
                assert widget.width() >= min(widget.minimumSizeHint().width(), 60), widget


def test_an_unlabelled_email_stays_unlabelled_when_another_field_is_saved(qtbot, view, service):
    """An e-mail without a label showed the first label ("work") and saving any other
    field gave it that label (seen while building the address rows)."""
    from networker.domain.contacts import LabeledValue

    ada = service.create(
        make_draft(given_name="Ada", emails=[LabeledValue("", "ada@example.org")], phones=[])
    )
    view.select_contact(ada)
    panel = view.panel
    panel.organization.setFocus()
    qtbot.keyClicks(panel.organization, "Analytical Engines")
    qtbot.mouseClick(panel.save_button, LEFT)
    assert service.get(ada).draft.emails == [LabeledValue("", "ada@example.org")]
