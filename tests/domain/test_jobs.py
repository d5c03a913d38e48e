"""Job history: sightings folded into stints, and whether a file's role is newer."""

import datetime as dt
import itertools

from networker.domain.jobs import Role, Stint, Verdict, is_promotion, judge, observe, taken

ENGINES = Role("Engines", "Engineer")
BABBAGE = Role("Babbage & Co", "CTO")
LEAD = Role("Babbage & Co", "Chief Scientist")
MAR, JUN, SEP = dt.date(2024, 3, 1), dt.date(2025, 6, 1), dt.date(2025, 9, 1)


def test_sightings_fold_into_stints_whatever_their_order():
    sightings = [(ENGINES, MAR), (BABBAGE, JUN), (BABBAGE, SEP)]
    expected = [Stint(ENGINES, MAR, MAR, JUN), Stint(BABBAGE, JUN, SEP, None)]
    for order in itertools.permutations(sightings):
        history: list[Stint] = []
        for sighting in order:
            history = observe(history, [sighting])
        assert history == expected


def test_an_undated_role_is_older_than_any_dated_one():
    history = observe([Stint(ENGINES, None, None)], [(BABBAGE, JUN)])
    assert history == [Stint(ENGINES, None, None, JUN), Stint(BABBAGE, JUN, JUN)]


def test_a_newer_file_replaces_an_older_one_never():
    assert judge(ENGINES, MAR, BABBAGE, JUN) is Verdict.NEWER
    assert judge(BABBAGE, JUN, ENGINES, MAR) is Verdict.OLDER
    assert judge(BABBAGE, JUN, ENGINES, JUN) is Verdict.UNKNOWN  # the same date
    assert judge(BABBAGE, JUN, ENGINES, None) is Verdict.UNKNOWN  # an undated card
    assert judge(BABBAGE, None, ENGINES, MAR) is Verdict.NEWER  # an undated role
    assert judge(Role(), None, ENGINES, None) is Verdict.NEWER  # nothing to replace
    assert judge(BABBAGE, JUN, Role("Babbage & Co", ""), MAR) is Verdict.SAME


def test_a_record_without_a_title_keeps_the_contacts():
    assert taken(BABBAGE, Role("Lumen", "")) == Role("Lumen", "CTO")
    assert is_promotion(BABBAGE, LEAD) and not is_promotion(ENGINES, BABBAGE)
    assert LEAD.words == "Chief Scientist at Babbage & Co" and Role("Lumen").words == "Lumen"
