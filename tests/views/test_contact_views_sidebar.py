"""The Contacts page's sidebar: views with counts (sources, tags, strength, archived)
and saved searches, chosen by mouse or keyboard (issue 14)."""

from PySide6.QtCore import Qt

from networker.domain.contacts import Source
from networker.domain.listing import ALL, FilterKind, ListFilter
from networker.views.contact_views_sidebar import TARGET_ROLE, SavedSearch
from tests.conftest import make_draft
from tests.views.conftest import menu_action


def entries(view):
    return [view.views.item(row).text() for row in range(view.views.count())]


def choose(qtbot, view, text):
    (item,) = [
        view.views.item(r) for r in range(view.views.count()) if view.views.item(r).text() == text
    ]
    rect = view.views.visualItemRect(item)
    qtbot.mouseClick(view.views.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def names(view):
    return sorted(view.model.summary(row).name for row in range(view.model.rowCount()))


def person(service, given, **fields):
    fields.setdefault("tags", [])
    return service.create(make_draft(given_name=given, family_name="", emails=[], phones=[],
                                     **fields))  # fmt: skip


def test_the_sidebar_counts_each_view_and_filters_the_list(qtbot, view, service):
    person(service, "Ada", source=Source.ALUMNI, tags=["mentor", "design"], strength=5)
    person(service, "Grace", source=Source.EVENT, tags=["mentor"])
    linus = person(service, "Linus", source=Source.EVENT, strength=4)
    old = person(service, "Old", source=Source.EVENT)
    service.set_archived([old], True)
    assert entries(view) == [
        "All contacts (3)", "Overdue", "Strength 4+ (2)", "Archived (1)",
        "How we met", "Event (2)", "Alumni network (1)",
        "Tags", "design (1)", "mentor (2)",
    ]  # fmt: skip
    choose(qtbot, view, "mentor (2)")
    assert names(view) == ["Ada", "Grace"]
    choose(qtbot, view, "Event (2)")
    assert names(view) == ["Grace", "Linus"]
    choose(qtbot, view, "Strength 4+ (2)")
    assert names(view) == ["Ada", "Linus"]
    choose(qtbot, view, "Archived (1)")
    assert names(view) == ["Old"]
    view.views.setFocus()
    qtbot.keyClick(view.views, Qt.Key.Key_Home)  # the keyboard moves through the views
    assert view.model.list_filter == ALL and len(names(view)) == 3
    service.add_tag([linus], "mentor")  # the counts follow edits
    assert "mentor (3)" in entries(view)


def test_a_view_whose_last_contact_leaves_falls_back_to_all(qtbot, view, service):
    ada = person(service, "Ada", tags=["speaker"])
    person(service, "Grace")
    choose(qtbot, view, "speaker (1)")
    assert names(view) == ["Ada"]
    service.remove_tag([ada], "speaker")
    assert "speaker (1)" not in entries(view)
    assert view.model.list_filter == ALL and names(view) == ["Ada", "Grace"]


def test_a_saved_search_is_a_view_kept_between_runs(qtbot, window, view, service):
    person(service, "Ada", organization="Acme")
    person(service, "Grace", organization="Initech")
    qtbot.keyClicks(view.search, "acme")
    menu_action(window, "&Contacts", "Save &Search…").trigger()
    dialog = view.save_search_dialog
    dialog.setTextValue("Acme people")
    dialog.accept()
    assert entries(view)[-2:] == ["Saved searches", "Acme people"]
    view.search.clear()
    choose(qtbot, view, "Acme people")
    assert view.search.text() == "acme" and names(view) == ["Ada"]
    state = view.save_state()
    view.saved_searches = []
    view.restore_state(state)
    assert view.saved_searches == [SavedSearch("Acme people", "acme")]
    item = view.views.item(view.views.count() - 1)
    assert item.data(TARGET_ROLE) == SavedSearch("Acme people", "acme")
    view._forget_search(SavedSearch("Acme people", "acme"))
    assert "Saved searches" not in entries(view)


def test_tag_names_show_as_plain_text(qtbot, view, service):
    person(service, "Ada", tags=["<b>vip</b>"])
    assert "<b>vip</b> (1)" in entries(view)
    assert view.model.view_counts()[ListFilter(FilterKind.TAG, "<b>vip</b>")] == 1
