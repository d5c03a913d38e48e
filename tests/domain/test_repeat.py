"""The event dialog's Repeat row as an RRULE and back."""

import datetime as dt

from networker.domain.repeat import Frequency, Repeat, describe, repeat_of


def test_a_row_becomes_a_rule_and_back():
    cases = [
        (Repeat(), ""),
        (Repeat(Frequency.WEEKLY), "FREQ=WEEKLY"),
        (Repeat(Frequency.MONTHLY, 2, count=6), "FREQ=MONTHLY;INTERVAL=2;COUNT=6"),
        (Repeat(Frequency.YEARLY, until=dt.date(2030, 5, 1)), "FREQ=YEARLY;UNTIL=20300501"),
        (Repeat(Frequency.DAILY, 3), "FREQ=DAILY;INTERVAL=3"),
    ]
    for repeat, rule in cases:
        assert repeat.rule() == rule
        assert repeat_of(rule) == repeat


def test_a_rule_the_row_cannot_show_is_not_read():
    assert repeat_of("FREQ=MONTHLY;BYDAY=2TU") is None
    assert repeat_of("FREQ=SOMETIMES") is None
    assert describe("FREQ=MONTHLY;BYDAY=2TU") == "Repeats (a rule from a file)"


def test_a_rule_in_words():
    assert describe("FREQ=WEEKLY;INTERVAL=2;COUNT=10") == "Every 2 weeks, 10 times"
    assert describe("FREQ=MONTHLY") == "Monthly"
    assert describe("FREQ=YEARLY;UNTIL=20300501") == "Yearly, until 01 May 2030"
