import pytest

from networker.domain.listing import (
    NEVER,
    NO_CADENCE,
    OVERDUE,
    ContactIndex,
    FilterKind,
    IdPositions,
    ListFilter,
    SortField,
    archived_matching,
    in_view,
    matching_ids,
    move_in_view,
    ordered_view,
    view_counts,
    view_key,
)


def sample():
    return ContactIndex(
        ids=[1, 2, 3, 4],
        name_keys=["cat", "ann", "bob", "dan"],
        organization_keys=["", "zeta", "alpha", "alpha"],
        updated=[2, 4, 1, 3],
        haystacks=["cat\n", "ann\nzeta", "bob\nalpha\nbob@x.example", "dan\nalpha"],
        archived=[False, False, False, True],
        last_touch=[10, NEVER, 30, 20],
        next_touch=[NO_CADENCE, 50, 40, 5],
        sources=["event", "alumni", "event", "other"],
        strengths=[0, 4, 5, 0],
        tag_sets=["", "\x1fmentor\x1f", "\x1fmentor\x1fdesign\x1f", ""],
        added=[4, 3, 2, 1],
        family_keys=["", "young", "adams", "baker"],
    )


def test_orders():
    index = sample()
    by_name = ordered_view(index, SortField.NAME, descending=False, include_archived=True)
    assert by_name.ids == [2, 3, 1, 4]
    by_org = ordered_view(index, SortField.ORGANIZATION, descending=False, include_archived=True)
    assert by_org.ids == [3, 4, 2, 1]
    recent = ordered_view(index, SortField.UPDATED, descending=True, include_archived=False)
    assert recent.ids == [2, 1, 3]
    # Without a family name a contact sorts by its name: adams, baker, cat, young.
    family = ordered_view(index, SortField.FAMILY_NAME, descending=False, include_archived=True)
    assert family.ids == [3, 4, 1, 2]


def test_matching_keeps_the_order_and_ignores_case_and_spacing():
    view = ordered_view(sample(), SortField.NAME, descending=False, include_archived=True)
    assert matching_ids(view, "ALPHA") == [3, 4]
    assert matching_ids(view, "  ") == [2, 3, 1, 4]
    assert matching_ids(view, "b@x") == [3]


def test_an_update_in_place_keeps_positions_and_the_cached_orders_sorted():
    index = sample()
    by_name = index.ascending_order(SortField.NAME)
    index.ascending_order(SortField.UPDATED)
    fresh = ContactIndex(
        [2, 9], ["zed", "eve"], ["", "beta"], [5, 0], ["zed\n", "eve\n"], [False, False],
        [60, NEVER], [NO_CADENCE, 100], ["event", "online"], [0, 0], ["", ""], [3, 9],
        family_keys=["zulu", ""],
    )  # fmt: skip
    index.update(fresh, {2, 4, 9})  # 2 renamed, 4 deleted, 9 new
    assert index.ids == [1, 2, 3, 4, 9]  # 4 stays as a tombstone: positions never shift
    assert len(index) == 4 and index.archived_count() == 0
    assert [index.ids[i] for i in by_name] == [3, 1, 9, 2]  # bob, cat, eve, zed
    assert [index.ids[i] for i in index.orders[SortField.UPDATED]] == [9, 3, 1, 2]
    rebuilt = ContactIndex(
        ids=[1, 2, 3, 9], name_keys=["cat", "zed", "bob", "eve"],
        organization_keys=["", "", "alpha", "beta"], updated=[2, 5, 1, 0],
        haystacks=["cat\n", "zed\n", "bob\nalpha\nbob@x.example", "eve\n"],
        archived=[False] * 4, last_touch=[10, 60, 30, NEVER],
        next_touch=[NO_CADENCE, NO_CADENCE, 40, 100],
        sources=["event", "event", "event", "online"], strengths=[0, 0, 5, 0],
        tag_sets=["", "", "\x1fmentor\x1fdesign\x1f", ""], added=[4, 3, 2, 9],
        family_keys=["", "zulu", "adams", ""],
    )  # fmt: skip
    for sort in SortField:
        for descending in (False, True):
            assert (
                ordered_view(index, sort, descending=descending, include_archived=True).ids
                == ordered_view(rebuilt, sort, descending=descending, include_archived=True).ids
            )


def test_moving_one_contact_in_a_view_matches_a_view_built_afresh():
    for sort in SortField:
        for descending in (False, True):
            index = sample()
            view = ordered_view(index, sort, descending=descending, include_archived=False)
            fresh = ContactIndex(
                [3],
                ["aaron"],
                ["omega"],
                [9],
                ["aaron\n"],
                [False],
                [5],
                [7],
                ["event"],
                [0],
                [""],
                [2],
                family_keys=["aardvark"],
            )
            index.update(fresh, {3})
            key = view_key(index, sort, descending=descending)
            move_in_view(view, index, 3, key, include_archived=False)
            index.update(ContactIndex(), {1})  # deleted
            move_in_view(view, index, 1, key, include_archived=False)
            again = ordered_view(index, sort, descending=descending, include_archived=False)
            assert view.ids == again.ids, (sort, descending)
            assert view.haystacks == again.haystacks


def test_last_interaction_and_next_due_orders_and_the_overdue_view():
    index = sample()
    last = ordered_view(index, SortField.LAST_INTERACTION, descending=True, include_archived=True)
    assert last.ids == [3, 4, 1, 2]  # most recent first; never in touch last
    due = ordered_view(index, SortField.NEXT_DUE, descending=False, include_archived=True)
    assert due.ids == [4, 3, 2, 1]  # soonest first; no cadence last
    keep = OVERDUE.keep(index, now=45)
    overdue = ordered_view(
        index, SortField.NEXT_DUE, descending=False, include_archived=False, keep=keep
    )
    assert overdue.ids == [3]  # 4 is archived; 2 comes due at 50
    assert in_view(index, 3, include_archived=False, keep=keep)
    assert not in_view(index, 2, include_archived=False, keep=keep)


def test_sidebar_views_keep_their_contacts_and_count_them():
    index = sample()

    def shown(list_filter):
        keep = list_filter.keep(index, now=0)
        return ordered_view(
            index, SortField.NAME, descending=False,
            include_archived=list_filter.shows_archived, keep=keep,
        ).ids  # fmt: skip

    assert shown(ListFilter(FilterKind.TAG, "mentor")) == [2, 3]
    assert shown(ListFilter(FilterKind.TAG, "design")) == [3]
    assert shown(ListFilter(FilterKind.SOURCE, "event")) == [3, 1]
    assert shown(ListFilter(FilterKind.STRONG)) == [2, 3]
    assert shown(ListFilter(FilterKind.ARCHIVED)) == [4]
    counts = view_counts(index)
    assert counts[ListFilter()] == 3 and counts[ListFilter(FilterKind.ARCHIVED)] == 1
    assert counts[ListFilter(FilterKind.TAG, "mentor")] == 2


def test_strength_and_date_added_orders():
    index = sample()
    strongest = ordered_view(index, SortField.STRENGTH, descending=True, include_archived=True)
    assert strongest.ids == [3, 2, 4, 1]  # 5, 4, then the unset by name (descending)
    newest = ordered_view(index, SortField.ADDED, descending=True, include_archived=True)
    assert newest.ids == [1, 2, 3, 4]


def test_the_family_sort_folds_accents_in_its_tie():
    index = sample()
    index.name_keys[0], index.name_keys[1] = "łukasz brown", "sophia brown"
    index.family_keys = ["brown", "brown", "adams", "baker"]
    family = ordered_view(index, SortField.FAMILY_NAME, descending=False, include_archived=True)
    assert family.ids == [3, 4, 1, 2]  # adams, baker, then Łukasz before Sophia Brown


def test_archived_matching_counts_what_showing_archived_would_add():
    index = sample()
    assert archived_matching(index, "alpha") == 1  # dan (archived); bob is shown already
    assert archived_matching(index, "DAN") == 1
    assert archived_matching(index, "ann") == 0
    assert archived_matching(index, "alpha", keep=lambda position: position != 3) == 0
    assert archived_matching(index, "org:alpha") == 1
    assert archived_matching(index, "strength:9") == 0  # a query with a problem finds no one
    index.removed.add(3)
    assert archived_matching(index, "alpha") == 0


def test_id_positions_behave_as_a_dict_and_take_far_ids_too():
    positions = IdPositions(((7, 0), (3, 1), (10**9, 2)), count=3)
    assert dict(positions) == {3: 1, 7: 0, 10**9: 2} and len(positions) == 3
    assert positions[3] == 1 and positions.get(4) is None and positions.get(4, -5) == -5
    assert 10**9 in positions and 4 not in positions and -1 not in positions
    positions[4] = 3
    positions[3] = 9  # moved: still one entry
    del positions[7]
    del positions[10**9]
    assert dict(positions) == {3: 9, 4: 3} and len(positions) == 2
    with pytest.raises(KeyError):
        positions[7]
    with pytest.raises(KeyError):
        del positions[7]


def test_contacts_of_the_same_name_keep_their_order_after_an_edit():
    """QA: rows of the same name swapped at every save or tag; equal keys stay in
    position order (storage loads equal names by id)."""

    def amaras(updated):
        count = len(updated)
        return ContactIndex(
            ids=[1, 2, 3][:count] if count == 3 else [2], name_keys=["amara"] * count,
            organization_keys=["müller"] * count, updated=updated,
            haystacks=["amara\n"] * count, archived=[False] * count,
            last_touch=[NEVER] * count, next_touch=[NO_CADENCE] * count,
            sources=["event"] * count, strengths=[0] * count, tag_sets=[""] * count,
            added=[1] * count, family_keys=["johnson"] * count,
        )  # fmt: skip

    for sort in (SortField.NAME, SortField.ORGANIZATION, SortField.NEXT_DUE):
        for descending in (False, True):
            index = amaras([1, 1, 1])
            index.ascending_order(sort)
            view = ordered_view(index, sort, descending=descending, include_archived=True)
            before = list(view.ids)
            index.update(amaras([5]), {2})  # 2 saved or tagged: its keys unchanged
            move_in_view(
                view, index, 2, view_key(index, sort, descending=descending),
                include_archived=True,
            )  # fmt: skip
            assert view.ids == before, (sort, descending)
            assert [index.ids[i] for i in index.orders[sort]] == [1, 2, 3]
