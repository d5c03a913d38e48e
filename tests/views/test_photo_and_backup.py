from PySide6.QtCore import Qt

from tests.conftest import make_draft
from tests.test_imaging import png_bytes, png_header_claiming


def test_choosing_a_photo_stores_a_thumbnail(tmp_path, view, service):
    contact_id = service.create(make_draft())
    view.select_contact(contact_id)
    picture = tmp_path / "me.png"
    picture.write_bytes(png_bytes(1200, 1200))
    assert view.panel.set_photo_from_file(picture)
    assert view.panel.save()
    stored = service.get(contact_id).draft.photo
    assert stored.startswith(b"\xff\xd8") and len(stored) < 60_000
    view.panel._on_remove_photo()
    view.panel.save()
    assert service.get(contact_id).draft.photo is None


def test_a_picture_bomb_is_explained_and_changes_nothing(tmp_path, view, service, modal_dialogs):
    contact_id = service.create(make_draft())
    view.select_contact(contact_id)
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_header_claiming(30000, 30000))
    assert not view.panel.set_photo_from_file(bomb)
    assert modal_dialogs and "too large" in modal_dialogs.pop()
    assert not view.panel.is_dirty


def test_backup_then_restore_through_the_window(tmp_path, window, service, confirm_answers):
    answers, _asked = confirm_answers
    service.create(make_draft(given_name="Kept"))
    target = tmp_path / "mine.sqlite3"
    assert window.back_up_to(target)
    service.create(make_draft(given_name="Later"))
    answers.append(True)
    assert window.restore_from(target)
    model = window.page("contactsView").model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Kept Lovelace"]
    assert "Restored mine.sqlite3" in window.statusBar().currentMessage()


def test_restoring_a_file_that_is_not_a_backup_is_refused(tmp_path, window, service, modal_dialogs):
    service.create(make_draft())
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("nope")
    assert not window.restore_from(bogus)
    assert "Nothing was changed" in modal_dialogs.pop()
    assert service.count() == 1


def test_the_restore_dialog_lists_each_backup_with_its_date_and_contacts(
    qtbot, tmp_path, window, service, confirm_answers, clock
):
    from networker.views.restore_dialog import RestoreDialog
    from tests.views.conftest import menu_action

    answers, _asked = confirm_answers
    service.create(make_draft(given_name="Kept"))
    backups = window._backups
    assert backups.automatic() is not None
    service.create(make_draft(given_name="Later"))
    (backups.backups_dir / "broken.sqlite3").write_bytes(b"not a database")
    menu_action(window, "&File", "&Restore from Backup…").trigger()
    dialog = window.findChild(RestoreDialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 2)
    texts = [dialog.list.item(r).text() for r in range(2)]
    assert any(t.endswith("— 1 contact (automatic)") for t in texts)
    assert any("not readable as a Networker backup (broken.sqlite3)" in t for t in texts)
    readable = next(r for r in range(2) if "automatic" in dialog.list.item(r).text())
    assert dialog.list.currentRow() == readable  # the unreadable one cannot be chosen
    answers.append(True)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    model = window.page("contactsView").model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, 0).data() == "Kept Lovelace"
