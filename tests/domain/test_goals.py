"""The rules of goals: periods, pace, streaks, seed goals."""

import datetime as dt

import pytest

from networker.domain.goals import (
    GoalDraft,
    PastPeriod,
    Period,
    Repeat,
    TargetDraft,
    TargetKind,
    closed_periods,
    current_period,
    elapsed_share,
    expected_by,
    period_of,
    seed_goals,
    streak,
    validate,
)

D = dt.date


@pytest.mark.parametrize(
    ("repeat", "day", "first", "last"),
    [
        (Repeat.WEEKLY, D(2026, 12, 2), D(2026, 11, 30), D(2026, 12, 6)),
        (Repeat.MONTHLY, D(2026, 2, 14), D(2026, 2, 1), D(2026, 2, 28)),
        (Repeat.MONTHLY, D(2026, 12, 31), D(2026, 12, 1), D(2026, 12, 31)),
        (Repeat.QUARTERLY, D(2026, 11, 28), D(2026, 10, 1), D(2026, 12, 31)),
        (Repeat.QUARTERLY, D(2027, 3, 31), D(2027, 1, 1), D(2027, 3, 31)),
    ],
)
def test_a_repeating_period_is_the_week_month_or_quarter_of_the_day(repeat, day, first, last):
    assert period_of(repeat, day) == Period(first, last)


def test_a_goal_started_mid_month_counts_from_its_first_day():
    draft = GoalDraft("x", (), starts_on=D(2026, 11, 10), repeat=Repeat.MONTHLY)
    assert current_period(draft, D(2026, 11, 20)) == Period(D(2026, 11, 10), D(2026, 11, 30))
    assert current_period(draft, D(2026, 12, 20)) == Period(D(2026, 12, 1), D(2026, 12, 31))
    assert closed_periods(draft, D(2027, 2, 3), None) == [
        Period(D(2026, 11, 10), D(2026, 11, 30)),
        Period(D(2026, 12, 1), D(2026, 12, 31)),
        Period(D(2027, 1, 1), D(2027, 1, 31)),
    ]
    assert closed_periods(draft, D(2027, 2, 3), D(2026, 12, 1)) == [
        Period(D(2027, 1, 1), D(2027, 1, 31))
    ]


def test_elapsed_share_and_the_whole_ones_expected_by_then():
    november = Period(D(2026, 11, 1), D(2026, 11, 30))
    assert elapsed_share(november, dt.datetime(2026, 10, 31, 23)) == 0
    assert elapsed_share(november, dt.datetime(2026, 11, 16)) == 0.5
    assert elapsed_share(november, dt.datetime(2026, 12, 1)) == 1
    assert expected_by(4, 0.05) == 0
    assert expected_by(4, 0.25) == 1
    assert expected_by(3, 1.0) == 3


def test_the_streak_counts_back_from_the_newest_period():
    p = Period(D(2026, 1, 1), D(2026, 1, 31))
    assert streak([PastPeriod(p, True), PastPeriod(p, False), PastPeriod(p, True),
                   PastPeriod(p, True)]) == 2  # fmt: skip
    assert streak([]) == 0


def test_every_seed_goal_is_valid_and_measurable():
    seeds = seed_goals(D(2026, 11, 28))
    assert len(seeds) == 5
    assert all(validate(seed) == [] for seed in seeds)
    assert all(seed.targets for seed in seeds)


def test_a_target_describes_itself():
    assert TargetDraft(TargetKind.THANK_YOUS, 3).describe() == "3 thank-yous sent"
