"""The damaged-database question as people answer it: the real dialog, its buttons clicked."""

import hashlib

import pytest

from PySide6.QtWidgets import QFileDialog, QMessageBox

from networker.app import open_data
from networker.storage.errors import CorruptDatabaseError
from networker.views import startup_dialogs
from tests.conftest import make_draft
from tests.storage.damage import damage_one_leaf_of_the_contact_table


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def answer(monkeypatch):
    """Click these buttons, by their text, in the message boxes as they come; record
    every box's text."""
    clicks: list[str] = []
    shown: list[str] = []

    def fake_exec(box):
        shown.append(box.text())
        for button in box.buttons():
            if clicks and button.text() == clicks[0]:
                clicks.pop(0)
                button.click()
                break
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)

    def set_clicks(*texts: str) -> list[str]:
        clicks.extend(texts)
        return shown

    return set_clicks


@pytest.fixture
def damaged(database, contacts, data_paths):
    for i in range(300):
        contacts.create(make_draft(given_name=f"Person{i:04d}", notes="x" * 200))
    damage_one_leaf_of_the_contact_table(database, data_paths.database)
    return data_paths.database


def test_saving_what_can_be_read_then_starting_fresh(
    qapp, damaged, data_paths, clock, answer, monkeypatch, tmp_path
):
    before = digest(damaged)
    target = tmp_path / "readable.vcf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target), ""))
    )
    shown = answer("Save What Can Be Read…", "Start a Fresh Database")
    db = open_data(data_paths, clock=clock, ask=startup_dialogs.ask_damaged_database)
    try:
        assert db.execute_sql("SELECT count(*) FROM contact").fetchone()[0] == 0
    finally:
        db.close()
    saved = target.read_text(encoding="utf-8").count("BEGIN:VCARD")
    assert 200 < saved < 300
    # The question, the report of what was saved, then the same question again.
    assert "damaged" in shown[0] and "save the contacts that can still be read" in shown[0]
    assert f"Saved {saved} contacts to {target}." in shown[1]
    assert f"{300 - saved} could not be read" in shown[1]
    assert shown[2] == shown[0]
    kept = [p for p in data_paths.root.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and digest(kept[0]) == before


def test_quitting_from_the_real_dialog_changes_nothing(qapp, damaged, data_paths, clock, answer):
    before = digest(damaged)
    answer("Quit")
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_data(data_paths, clock=clock, ask=startup_dialogs.ask_damaged_database)
    assert digest(damaged) == before
    assert not [p for p in data_paths.root.iterdir() if ".damaged-" in p.name]


def test_damage_found_while_the_window_is_open_offers_the_same_save(
    window, service, data_paths, answer, monkeypatch, tmp_path
):
    for name in ("Ada", "Grace"):
        service.create(make_draft(given_name=name))
    target = tmp_path / "readable.vcf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target), ""))
    )
    shown = answer("Save What Can Be Read…", "Start a Fresh Database")
    window.on_database_damaged(CorruptDatabaseError(data_paths.database, "test"))
    assert target.read_text(encoding="utf-8").count("BEGIN:VCARD") == 2
    assert "Saved 2 contacts" in shown[1] and "None was lost" in shown[1]
    assert service.count() == 0  # then started fresh
