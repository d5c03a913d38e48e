from networker.domain.listing import (
    ContactIndex,
    SortField,
    matching_ids,
    ordered_view,
    replace_entries,
)


def sample():
    return ContactIndex(
        ids=[1, 2, 3, 4],
        name_keys=["cat", "ann", "bob", "dan"],
        organization_keys=["", "zeta", "alpha", "alpha"],
        updated=[2, 4, 1, 3],
        haystacks=["cat\n", "ann\nzeta", "bob\nalpha\nbob@x.example", "dan\nalpha"],
        archived=[False, False, False, True],
    )


def test_orders():
    index = sample()
    by_name = ordered_view(index, SortField.NAME, descending=False, include_archived=True)
    assert by_name.ids == [2, 3, 1, 4]
    by_org = ordered_view(index, SortField.ORGANIZATION, descending=False, include_archived=True)
    assert by_org.ids == [3, 4, 2, 1]
    recent = ordered_view(index, SortField.UPDATED, descending=True, include_archived=False)
    assert recent.ids == [2, 1, 3]


def test_matching_keeps_the_order_and_ignores_case_and_spacing():
    view = ordered_view(sample(), SortField.NAME, descending=False, include_archived=True)
    assert matching_ids(view, "ALPHA") == [3, 4]
    assert matching_ids(view, "  ") == [2, 3, 1, 4]
    assert matching_ids(view, "b@x") == [3]


def test_replace_entries_swaps_changed_contacts():
    index = sample()
    fresh = ContactIndex([2], ["zed"], [""], [5], ["zed\n"], [False])
    merged = replace_entries(index, fresh, {2, 4})
    assert merged.ids == [1, 3, 2]
    assert merged.name_keys == ["cat", "bob", "zed"]
