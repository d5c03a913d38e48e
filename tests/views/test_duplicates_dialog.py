from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from networker.domain.contacts import Birthday, LabeledValue
from tests.conftest import make_draft
from tests.views.conftest import menu_action

HOSTILE = "<b>x</b><img src='file:///etc/hosts'>"


def _open_dialog(qtbot, window, view):
    view.duplicates_dialog = None
    menu_action(window, "&Contacts", "Find &Duplicates…").trigger()
    qtbot.waitUntil(lambda: view.duplicates_dialog is not None, timeout=10_000)
    return view.duplicates_dialog


def _click(qtbot, button):
    button.ensurePolished()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def test_the_issues_pair_side_by_side_merged_field_by_field(qtbot, window, view, service):
    robert = service.create(
        make_draft(
            given_name="Robert", family_name="Smith", organization="Acme Corp", title="Engineer",
            emails=[LabeledValue("work", "bob@acme.com")], phones=[],
            urls=[LabeledValue("", "https://acme.example/rs")], tags=["mentor"],
            notes="Met at the Acme booth", strength=4,
        )
    )  # fmt: skip
    bob = service.create(
        make_draft(
            given_name="Bob", family_name="Smith", organization="ACME Corp", title="VP Sales",
            emails=[LabeledValue("home", "bob.smith@mail.example")],
            phones=[LabeledValue("mobile", "+1 555 010 0123")], urls=[], tags=["golf"],
            how_we_met="PMI meetup", school="State U", cadence_days=30,
            birthday=Birthday(month=5, day=4, year=1980),
        )
    )  # fmt: skip
    service.create(make_draft(given_name="Alan", family_name="Turing", emails=[], phones=[]))
    dialog = _open_dialog(qtbot, window, view)
    assert dialog.pairs_list.count() == 1
    assert dialog.pairs_list.item(0).text() == "Robert Smith  ↔  Bob Smith"
    assert dialog.reason.text() == (
        "Why: Bob is short for Robert; same organization (Acme Corp / ACME Corp)"
    )
    # Every field of both, side by side.
    assert list(dialog.choices) == [
        "display_name", "given_name", "family_name", "organization", "title", "emails",
        "phones", "urls", "tags", "how_we_met", "source", "school", "notes", "strength",
        "cadence_days", "birthday", "photo",
    ]  # fmt: skip
    assert dialog.row_texts("emails") == ("bob@acme.com (work)", "bob.smith@mail.example (home)")
    assert dialog.row_texts("phones") == ("—", "+1 555 010 0123 (mobile)")
    assert dialog.row_texts("urls") == ("https://acme.example/rs", "—")
    assert dialog.row_texts("tags") == ("mentor", "golf")
    assert dialog.row_texts("how_we_met") == ("—", "PMI meetup")
    assert dialog.row_texts("school") == ("—", "State U")
    assert dialog.row_texts("notes") == ("Met at the Acme booth", "—")
    assert dialog.row_texts("strength") == ("4 of 5", "—")
    assert dialog.row_texts("cadence_days") == ("—", "every 30 days")
    assert dialog.row_texts("birthday") == ("—", "1980-05-04")
    assert dialog.row_texts("source") == ("Event", "Event")
    # Where only the other has a value it is chosen; lists are united unless unticked.
    assert dialog.choices["school"][1].isChecked()
    assert dialog.choices["title"][0].isChecked()
    assert all(box.isChecked() for box in dialog.choices["emails"])
    _click(qtbot, dialog.choices["title"][1])  # the other's title
    _click(qtbot, dialog.choices["given_name"][1])  # "Bob"
    _click(qtbot, dialog.choices["display_name"][1])
    _click(qtbot, dialog.choices["tags"][1])  # not "golf"
    _click(qtbot, dialog.choices["how_we_met"][0])  # the kept one's: none
    assert dialog.chosen() == (
        ["display_name", "given_name", "title", "school", "cadence_days", "birthday"],
        ["organization", "how_we_met", "notes", "strength"],
        [],
        ["tags"],
    )
    _click(qtbot, dialog.merge_button)
    assert dialog.pairs_list.count() == 0
    merged = service.get(robert).draft
    assert (merged.given_name, merged.family_name, merged.title) == ("Bob", "Smith", "VP Sales")
    assert [e.value for e in merged.emails] == ["bob@acme.com", "bob.smith@mail.example"]
    assert [p.value for p in merged.phones] == ["+1 555 010 0123"]
    assert merged.tags == ["mentor"]
    assert (merged.how_we_met, merged.school, merged.cadence_days) == ("", "State U", 30)
    assert merged.strength == 4 and merged.notes == "Met at the Acme booth"
    assert merged.birthday == Birthday(month=5, day=4, year=1980)
    assert bob not in window.page("contactsView").model.ids()
    dialog.reject()


def test_not_the_same_person_is_remembered_and_never_shown_again(
    qtbot, window, view, service, modal_dialogs
):
    service.create(make_draft(given_name="Robert", family_name="Smith", emails=[], phones=[]))
    service.create(make_draft(given_name="Bob", family_name="Smith", emails=[], phones=[]))
    dialog = _open_dialog(qtbot, window, view)
    assert dialog.pairs_list.count() == 1
    _click(qtbot, dialog.skip_button)
    assert dialog.pairs_list.count() == 0
    assert service.count() == 2
    dialog.reject()
    menu_action(window, "&Contacts", "Find &Duplicates…").trigger()
    qtbot.waitUntil(lambda: bool(modal_dialogs), timeout=10_000)
    assert modal_dialogs.pop() == "No likely duplicates were found."


def test_shared_details_with_different_names_are_flagged_and_shown_as_plain_text(
    qtbot, window, view, service, confirm_answers
):
    service.create(make_draft(given_name=HOSTILE, family_name="Lee", phones=[],
                              emails=[LabeledValue("", "office@acme.example")]))  # fmt: skip
    service.create(make_draft(given_name="Raj", family_name="Patel", phones=[], notes=HOSTILE,
                              emails=[LabeledValue("", "office@acme.example")]))  # fmt: skip
    dialog = _open_dialog(qtbot, window, view)
    assert dialog.pairs_list.item(0).text() == f"Check: {HOSTILE} Lee  ↔  Raj Patel"
    assert dialog.reason.text() == (
        "Why: same contact details, different names (same email office@acme.example)"
    )
    assert dialog.row_texts("notes") == ("—", HOSTILE)
    labels = dialog.findChildren(QLabel)
    assert labels and all(
        label.textFormat() == Qt.TextFormat.PlainText for label in labels if label.buddy() is None
    )
    # Merged only when the user says so once more.
    answers, asked = confirm_answers
    answers.append(False)
    _click(qtbot, dialog.merge_button)
    assert "may be two people" in asked[0]
    assert service.count() == 2 and dialog.pairs_list.count() == 1
    answers.append(True)
    _click(qtbot, dialog.merge_button)
    assert service.count() == 1 and dialog.pairs_list.count() == 0
    dialog.reject()


def test_no_duplicates_says_so(qtbot, window, service, modal_dialogs):
    service.create(make_draft())
    menu_action(window, "&Contacts", "Find &Duplicates…").trigger()
    qtbot.waitUntil(lambda: bool(modal_dialogs), timeout=10_000)
    assert modal_dialogs.pop() == "No likely duplicates were found."
