from PySide6.QtCore import Qt

from networker.domain.contacts import LabeledValue
from tests.conftest import make_draft
from tests.views.conftest import menu_action


def test_find_duplicates_then_merge_a_pair_field_by_field(qtbot, window, view, service):
    keep = service.create(make_draft(title="Engineer", tags=["mentor"]))
    other = service.create(
        make_draft(
            title="Countess",
            tags=["math"],
            phones=[],
            emails=[LabeledValue("work", "ADA@engines.example")],
        )
    )
    service.create(
        make_draft(
            given_name="Alan", family_name="Turing", emails=[], phones=[], organization="Bletchley"
        )
    )
    menu_action(window, "&Contacts", "Find &Duplicates…").trigger()
    qtbot.waitUntil(lambda: view.duplicates_dialog is not None, timeout=10_000)
    dialog = view.duplicates_dialog
    assert dialog.pairs_list.count() == 1
    assert "same email" in dialog.pairs_list.item(0).text()
    rows = {dialog.fields.item(r, 0).text(): r for r in range(dialog.fields.rowCount())}
    assert set(rows) == {"Title"}
    dialog.fields.item(rows["Title"], 2).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.pairs_list.count() == 0
    assert service.count() == 2
    merged = service.get(keep).draft
    assert merged.title == "Countess" and merged.tags == ["math", "mentor"]
    model = window.page("contactsView").model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Ada Lovelace",
        "Alan Turing",
    ]
    dialog.reject()
    assert other not in model.ids()


def test_no_duplicates_says_so(qtbot, window, service, modal_dialogs):
    service.create(make_draft())
    menu_action(window, "&Contacts", "Find &Duplicates…").trigger()
    qtbot.waitUntil(lambda: bool(modal_dialogs), timeout=10_000)
    assert modal_dialogs.pop() == "No likely duplicates were found."
