"""The damaged-database question as people answer it: the real dialog, its buttons clicked."""

import hashlib

import pytest

from PySide6.QtWidgets import QFileDialog

from networker.app import open_data
from networker.storage.errors import CorruptDatabaseError
from networker.views import startup_dialogs
from tests.conftest import make_draft
from tests.storage.damage import three_hundred_contacts_one_leaf_lost


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged(database, contacts, data_paths):
    return three_hundred_contacts_one_leaf_lost(database, contacts, data_paths.database)


def test_saving_what_can_be_read_then_starting_fresh(
    qapp, damaged, data_paths, clock, modal_dialogs, monkeypatch, tmp_path
):
    before = digest(damaged)
    target = tmp_path / "readable.vcf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target), ""))
    )
    shown = modal_dialogs.click("Save What Can Be Read…", "Start a Fresh Database")
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


def test_quitting_from_the_real_dialog_changes_nothing(
    qapp, damaged, data_paths, clock, modal_dialogs
):
    before = digest(damaged)
    modal_dialogs.click("Quit")
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_data(data_paths, clock=clock, ask=startup_dialogs.ask_damaged_database)
    assert digest(damaged) == before
    assert not [p for p in data_paths.root.iterdir() if ".damaged-" in p.name]


def test_damage_found_while_the_window_is_open_offers_the_same_save(
    window, service, data_paths, modal_dialogs, monkeypatch, tmp_path
):
    for name in ("Ada", "Grace"):
        service.create(make_draft(given_name=name))
    target = tmp_path / "readable.vcf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target), ""))
    )
    shown = modal_dialogs.click("Save What Can Be Read…", "Start a Fresh Database")
    window.on_database_damaged(CorruptDatabaseError(data_paths.database, "test"))
    assert target.read_text(encoding="utf-8").count("BEGIN:VCARD") == 2
    assert "Saved 2 contacts" in shown[1] and "None was lost" in shown[1]
    assert service.count() == 0  # then started fresh
