import pytest

from PySide6.QtCore import Qt

from networker.domain.listing import SortField
from networker.itemmodels import contact_table
from networker.itemmodels.contact_table import NAME, ORGANIZATION, ContactTableModel
from networker.itemmodels.hub import ChangeHub
from networker.itemmodels.roles import CONTACT_ID_ROLE
from networker.services.contacts import ContactService
from tests.conftest import make_draft


@pytest.fixture
def hub(qapp):
    return ChangeHub()


@pytest.fixture
def service(database, clock, hub):
    return ContactService(database=database, clock=clock, on_change=hub.notify)


@pytest.fixture
def people(service):
    return {
        name: service.create(
            make_draft(given_name=name, family_name="", organization=org, emails=[], tags=tags)
        )
        for name, org, tags in [
            ("Charlie", "Globex", ["alumni"]),
            ("alice", "Initech", []),
            ("Bob", "", ["mentor"]),
        ]
    }


def names(model):
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


def test_the_model_passes_qt_model_tester(qtmodeltester, service, hub, people, tasks):
    model = ContactTableModel(contacts=service, hub=hub, tasks=tasks)
    model.load()
    qtmodeltester.check(model, force_py=True)


def test_rows_sort_by_name_case_insensitively(service, hub, people, tasks):
    model = ContactTableModel(contacts=service, hub=hub, tasks=tasks)
    model.load()
    assert names(model) == ["alice", "Bob", "Charlie"]
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["Charlie", "Bob", "alice"]


def test_sort_by_organization_puts_contacts_without_one_last(service, hub, people, tasks):
    model = ContactTableModel(contacts=service, hub=hub, tasks=tasks)
    model.load()
    model.sort(ORGANIZATION)
    assert names(model) == ["Charlie", "alice", "Bob"]


def test_sort_by_last_updated(service, hub, people, clock, tasks):
    import datetime as dt

    model = ContactTableModel(contacts=service, hub=hub, tasks=tasks)
    model.load()
    clock.advance(dt.timedelta(minutes=5))
    service.add_tag([people["alice"]], "friend")
    model.set_sort(SortField.UPDATED, descending=True)
    assert names(model)[0] == "alice"


def test_search_matches_name_organization_email_and_tag(
    service, hub, people, tasks, model_validator
):
    model = model_validator(ContactTableModel(contacts=service, hub=hub, tasks=tasks))
    model.load()
    model.set_query("GLOB")
    assert names(model) == ["Charlie"]
    model.set_query("mentor")
    assert names(model) == ["Bob"]
    model.set_query("zzz")
    assert names(model) == []
    model.set_query("")
    assert len(names(model)) == 3


def test_an_edit_elsewhere_updates_the_rows(service, hub, people, tasks, model_validator):
    model = model_validator(ContactTableModel(contacts=service, hub=hub, tasks=tasks))
    model.load()
    service.update(people["Bob"], make_draft(given_name="Zed", family_name="", emails=[]))
    assert names(model) == ["alice", "Charlie", "Zed"]
    service.set_archived([people["alice"]], True)
    assert names(model) == ["Charlie", "Zed"]
    model.set_include_archived(True)
    assert names(model) == ["alice", "Charlie", "Zed"]
    service.delete([people["Charlie"]])
    assert names(model) == ["alice", "Zed"]


def test_a_large_list_shows_the_first_screen_then_loads_in_the_background(
    qtbot, service, hub, people, monkeypatch, tasks, model_validator
):
    monkeypatch.setattr(contact_table, "LOAD_AT_ONCE_LIMIT", 1)
    model = model_validator(ContactTableModel(contacts=service, hub=hub, tasks=tasks))
    with qtbot.waitSignal(model.loading_changed, check_params_cb=lambda busy: not busy):
        model.load()
        assert model.is_loading
        assert names(model) == ["alice", "Bob", "Charlie"]
        model.set_query("bob")  # remembered until the index arrives
    assert not model.is_loading
    assert names(model) == ["Bob"]
    assert model.index(0, NAME).data(CONTACT_ID_ROLE) == people["Bob"]


def test_an_edit_moves_its_row_in_place_without_a_reset_and_keeps_the_selection(
    qtbot, service, hub, people, tasks, model_validator
):
    from PySide6.QtCore import QItemSelectionModel

    model = model_validator(ContactTableModel(contacts=service, hub=hub, tasks=tasks))
    model.load()
    model.set_sort(SortField.NAME, descending=True)
    assert names(model) == ["Charlie", "Bob", "alice"]
    selection = QItemSelectionModel(model)
    selection.select(model.index(1, NAME), QItemSelectionModel.SelectionFlag.Select)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.rowsMoved):
        service.update(people["Bob"], make_draft(given_name="Dora", family_name="", emails=[]))
    assert names(model) == ["Dora", "Charlie", "alice"]  # still descending
    assert [i.row() for i in selection.selectedIndexes()] == [0]  # the selection moved along
    service.update(people["alice"], make_draft(given_name="alice", family_name="", title="CEO"))
    assert model.index(2, contact_table.TITLE).data() == "CEO"  # repainted, not moved
    service.create(make_draft(given_name="Bea", family_name="", emails=[]))
    service.delete([people["Charlie"]])
    assert names(model) == ["Dora", "Bea", "alice"]
    assert resets == []


def test_an_edit_keeps_the_search_and_leaves_the_list_when_it_no_longer_matches(
    service, hub, people, tasks, model_validator
):
    model = model_validator(ContactTableModel(contacts=service, hub=hub, tasks=tasks))
    model.load()
    model.set_query("globex")
    assert names(model) == ["Charlie"]
    service.update(people["Charlie"], make_draft(given_name="Charlie", organization="Acme"))
    assert names(model) == []
    service.update(people["alice"], make_draft(given_name="alice", organization="Globex Ltd"))
    assert names(model) == ["alice Lovelace"]


def test_many_changed_contacts_rebuild_the_index(
    qtbot, service, hub, people, tasks, model_validator, monkeypatch
):
    monkeypatch.setattr(contact_table, "INCREMENTAL_LIMIT", 1)
    model = model_validator(ContactTableModel(contacts=service, hub=hub, tasks=tasks))
    model.load()
    service.add_tag(list(people.values()), "mentor")
    model.set_query("mentor")
    assert names(model) == ["alice", "Bob", "Charlie"]
