"""What makes Today and the scheduler index lookups (schema step 7): each contact's last
interaction and next keep-in-touch time kept by triggers on every write path, and the
next-due query across stored reminders, keep in touch and birthdays."""

import datetime as dt

import pytest

from networker.domain.contacts import Birthday
from networker.domain.interactions import InteractionDraft, InteractionKind
from networker.domain.reminders import ReminderKind, Snooze, month_day_ranges
from networker.services.interactions import InteractionService
from networker.services.reminders import ReminderService
from networker.storage import contacts as contact_store
from networker.storage import migrations
from networker.storage.db import open_database
from networker.storage.timestamps import from_utc_text, utc_text
from tests.conftest import make_draft

DAY = dt.timedelta(days=1)


@pytest.fixture
def interactions(database, clock):
    return InteractionService(database=database, clock=clock)


@pytest.fixture
def reminders(database, clock):
    return ReminderService(database=database, clock=clock)


def person(contacts, given, **fields):
    fields.setdefault("tags", [])
    return contacts.create(make_draft(given_name=given, family_name="", emails=[], **fields))


def kept(database, contact_id):
    """(last interaction, next keep-in-touch) as the contact row holds them."""
    row = database.execute_sql(
        "SELECT last_interaction_at, next_touch_at FROM contact WHERE id = ?", (contact_id,)
    ).fetchone()
    return tuple(from_utc_text(v) if v else None for v in row)


def test_logging_editing_and_deleting_interactions_keep_the_last_one(
    contacts, interactions, database, clock
):
    ada = person(contacts, "Ada", cadence_days=30)
    created = clock.now()
    assert kept(database, ada) == (None, created + 30 * DAY)  # never contacted: from creation
    earlier = interactions.log(
        InteractionDraft([ada], InteractionKind.CALL, occurred_at=created - 5 * DAY)
    )
    later = interactions.log(InteractionDraft([ada], InteractionKind.CALL, occurred_at=created))
    assert kept(database, ada) == (created, created + 30 * DAY)
    interactions.update(
        earlier, InteractionDraft([ada], InteractionKind.CALL, occurred_at=created + DAY)
    )
    assert kept(database, ada) == (created + DAY, created + 31 * DAY)
    interactions.delete(earlier)
    assert kept(database, ada) == (created, created + 30 * DAY)
    interactions.delete(later)
    assert kept(database, ada) == (None, created + 30 * DAY)


def test_a_tag_cadence_archiving_and_an_own_cadence_move_the_next_touch(
    contacts, reminders, database, clock
):
    grace = person(contacts, "Grace", tags=["mentor"])
    assert kept(database, grace)[1] is None  # no cadence anywhere
    reminders.set_tag_cadence("mentor", 14)
    assert kept(database, grace)[1] == clock.now() + 14 * DAY
    reminders.set_tag_cadence("mentor", 7)
    assert kept(database, grace)[1] == clock.now() + 7 * DAY
    contacts.set_archived([grace], True)
    assert kept(database, grace)[1] is None
    contacts.set_archived([grace], False)
    assert kept(database, grace)[1] == clock.now() + 7 * DAY
    contacts.update(grace, make_draft(given_name="Grace", family_name="", emails=[],
                                      tags=["mentor"], cadence_days=3))  # fmt: skip
    assert kept(database, grace)[1] == clock.now() + 3 * DAY  # her own wins
    contacts.update(grace, make_draft(given_name="Grace", family_name="", emails=[], tags=[]))
    assert kept(database, grace)[1] is None
    contacts.add_tag([grace], "mentor")
    assert kept(database, grace)[1] == clock.now() + 7 * DAY
    reminders.set_tag_cadence("mentor", None)
    assert kept(database, grace)[1] is None


def test_a_merge_takes_the_last_interaction_along(contacts, interactions, database, clock):
    ada, copy = person(contacts, "Ada", cadence_days=10), person(contacts, "Ada copy")
    interactions.log(InteractionDraft([copy], InteractionKind.CALL, occurred_at=clock.now()))
    contact_store.move_history(database, from_id=copy, to_id=ada)
    assert kept(database, ada) == (clock.now(), clock.now() + 10 * DAY)
    assert kept(database, copy) == (None, None)


def test_the_migration_fills_both_for_what_is_already_there(data_paths, clock):
    steps = {n: step for n, step in migrations.MIGRATIONS.items() if n <= 6}
    db = open_database(data_paths.database, backups_dir=data_paths.backups, clock=clock)
    db.close()
    # A step-6 file with a contact and an interaction, as the previous build left it.
    older = data_paths.root / "older.sqlite3"
    from peewee import SqliteDatabase

    raw = SqliteDatabase(str(older))
    migrations.migrate(raw, backups_dir=data_paths.backups, clock=clock, steps=steps)
    at = utc_text(clock.now())
    raw.execute_sql(
        "INSERT INTO contact (id, uid, display_name, cadence_days, created_at, updated_at,"
        " sort_name) VALUES (1, 'u1', 'Ada', 20, ?, ?, 'ada')",
        (at, at),
    )
    raw.execute_sql(
        "INSERT INTO interaction (id, kind, occurred_at, created_at) VALUES (1, 'call', ?, ?)",
        (utc_text(clock.now() + DAY), at),
    )
    raw.execute_sql("INSERT INTO interaction_contact VALUES (1, 1)")
    migrations.migrate(raw, backups_dir=data_paths.backups, clock=clock)
    assert migrations.schema_version(raw) == migrations.SCHEMA_VERSION
    assert kept(raw, 1) == (clock.now() + DAY, clock.now() + 21 * DAY)
    raw.close()


def test_next_due_is_the_nearest_of_stored_keep_in_touch_and_birthdays(
    contacts, interactions, reminders, clock
):
    now = clock.now()
    assert reminders.next_due(now) is None
    person(contacts, "Ada", cadence_days=30)
    assert reminders.next_due(now) == now + 30 * DAY
    in_ten_days = clock.today() + 10 * DAY
    person(contacts, "Grace", birthday=Birthday(in_ten_days.month, in_ten_days.day))
    assert reminders.next_due(now) == clock.at(in_ten_days, dt.time(9, 0))
    linus = person(contacts, "Linus")
    interactions.log(
        InteractionDraft([linus], InteractionKind.CALL, occurred_at=now, follow_up_on=now.date()
                         + 3 * DAY)
    )  # fmt: skip
    assert reminders.next_due(now) == clock.at(clock.today() + 3 * DAY, dt.time(9, 0))


def test_a_birthday_whose_morning_has_passed_comes_next_year(contacts, reminders, clock):
    today = clock.today()
    person(contacts, "Ada", birthday=Birthday(today.month, today.day))
    after_morning = clock.at(today, dt.time(12, 0))
    assert reminders.next_due(after_morning) == clock.at(
        today.replace(year=today.year + 1), dt.time(9, 0)
    )
    tomorrow = today + DAY
    person(contacts, "Grace", birthday=Birthday(tomorrow.month, tomorrow.day, 1990))
    assert reminders.next_due(after_morning) == clock.at(tomorrow, dt.time(9, 0))


def test_next_due_skips_what_was_told_and_finds_a_snooze(contacts, reminders, clock):
    person(contacts, "Ada", cadence_days=7)
    person(contacts, "Grace", cadence_days=9)
    clock.advance(8 * DAY)
    (ada,) = reminders.due()
    assert reminders.next_due(clock.now()) == ada.due + 2 * DAY  # Grace's, tomorrow
    reminders.mark_notified([ada])
    until = reminders.snooze(reminders.due()[0], Snooze.HOUR)
    assert reminders.next_due(clock.now()) == until
    clock.advance(dt.timedelta(hours=1))
    (back,) = reminders.due()
    assert back.kind is ReminderKind.KEEP_IN_TOUCH and back.due == until
    assert reminders.next_due(clock.now()) == ada.due + 2 * DAY


def test_a_keep_in_touch_snoozed_before_it_comes_due_shows_then(contacts, reminders, clock):
    person(contacts, "Ada", cadence_days=5)
    (coming,) = reminders.due(clock.now() + 7 * DAY)  # on Today as coming up this week
    until = reminders.snooze(coming, Snooze.HOUR)
    assert reminders.due() == []
    clock.advance(dt.timedelta(hours=1))
    (due,) = reminders.due()
    assert due.due == until and due.contact_id == coming.contact_id


@pytest.mark.parametrize(
    ("first", "last", "ranges"),
    [
        (dt.date(2026, 3, 1), dt.date(2026, 3, 8), [("03-01", "03-08")]),
        (dt.date(2026, 12, 28), dt.date(2027, 1, 4), [("12-28", "12-31"), ("01-01", "01-04")]),
        (dt.date(2027, 2, 21), dt.date(2027, 2, 28), [("02-21", "02-29")]),  # kept on the 28th
        (dt.date(2028, 2, 21), dt.date(2028, 2, 28), [("02-21", "02-28")]),  # a leap year
        (dt.date(2026, 1, 5), dt.date(2027, 1, 5), [("01-01", "12-31")]),
    ],
)
def test_birthday_day_ranges(first, last, ranges):
    assert month_day_ranges(first, last) == ranges


def test_done_or_dismissed_keep_in_touch_counts_the_cadence_from_then(
    contacts, reminders, database, clock
):
    ada = person(contacts, "Ada", cadence_days=10)
    grace = person(contacts, "Grace", cadence_days=10)
    clock.advance(12 * DAY)
    first, second = sorted(reminders.due(), key=lambda r: r.contact_id)
    reminders.done(first)
    reminders.dismiss(second)
    assert kept(database, ada)[1] == clock.now() + 10 * DAY  # not overdue any more
    assert kept(database, grace)[1] == clock.now() + 10 * DAY
    assert reminders.due() == []
    assert reminders.overview(clock.now(), clock.now(), 5).counts_now == {}
    clock.advance(10 * DAY)
    assert [r.contact_id for r in reminders.due()] == [ada, grace]  # the next round


def test_the_scheduler_reads_a_count_the_earliest_and_only_those_not_yet_told(
    contacts, reminders, clock
):
    for n in range(8):
        person(contacts, f"Person {n}", cadence_days=10 + n)
    clock.advance(30 * DAY)
    reading = reminders.scheduler_reading(clock.now(), 5)
    assert reading.count == 8
    assert [r.title for r in reading.due] == [
        f"Keep in touch with Person {n} (every {10 + n} days)" for n in range(5)
    ]  # the longest overdue
    assert len(reading.fresh) == 8
    reminders.mark_notified(reading.fresh[:3])
    again = reminders.scheduler_reading(clock.now(), 5)
    assert again.count == 8 and len(again.fresh) == 5  # the three told are not told again
    assert reminders.snooze_all_due(Snooze.HOUR) == 8  # Snooze All: every one, not 5
    assert reminders.scheduler_reading(clock.now(), 5).count == 0
