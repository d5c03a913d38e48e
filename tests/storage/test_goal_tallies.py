"""The daily tallies goals count from (schema step 14) agree with the rows they tally
after every kind of write: logging, editing and deleting interactions, adding, tagging,
untagging and deleting contacts, and a database migrated with data already in it."""

import datetime as dt

from networker.domain.events import EventDraft
from networker.domain.interactions import InteractionDraft, InteractionKind, Value
from networker.services.events import EventService
from networker.services.interactions import InteractionService
from networker.storage import migrations
from networker.storage.db import open_database
from tests.conftest import make_draft
from tests.storage.test_migrations import at_step

EXACT = {
    "interaction_day": (
        "SELECT substr(occurred_at, 1, 10), kind, value, count(*) FROM interaction GROUP BY 1, 2, 3"
    ),
    "contact_day": "SELECT substr(created_at, 1, 10), source, count(*) FROM contact GROUP BY 1, 2",
    "contact_tag_day": (
        "SELECT ct.tag_id, substr(c.created_at, 1, 10), count(*) FROM contact_tag ct"
        " JOIN contact c ON c.id = ct.contact_id GROUP BY 1, 2"
    ),
    "event_day": (
        "SELECT substr(occurred_at, 1, 10), event_id, count(*) FROM interaction"
        " WHERE event_id IS NOT NULL GROUP BY 1, 2"
    ),
}
TALLIED = {
    "interaction_day": "SELECT day, kind, value, n FROM interaction_day WHERE n != 0",
    "contact_day": "SELECT day, source, n FROM contact_day WHERE n != 0",
    "contact_tag_day": "SELECT tag_id, day, n FROM contact_tag_day WHERE n != 0",
    "event_day": "SELECT day, event_id, n FROM event_day WHERE n != 0",
}


def assert_tallies_agree(db):
    for table, exact in EXACT.items():
        assert sorted(db.execute_sql(TALLIED[table]).fetchall()) == sorted(
            db.execute_sql(exact).fetchall()
        ), table


def test_tallies_follow_every_write(database, contacts, clock):
    interactions = InteractionService(database=database, clock=clock)
    ada = contacts.create(make_draft(tags=["mentor", "alumni"]))
    clock.advance(dt.timedelta(days=3))
    bob = contacts.create(make_draft(given_name="Bob", tags=["mentor"]))
    when = dt.datetime(2026, 11, 2, 23, 30, tzinfo=dt.UTC)
    first = interactions.log(InteractionDraft([ada, bob], InteractionKind.CALL, when))
    interactions.log(InteractionDraft([bob], InteractionKind.THANK_YOU, value=Value.GIVEN))
    assert_tallies_agree(database)
    interactions.update(
        first, InteractionDraft([ada], InteractionKind.COFFEE_CHAT, when + dt.timedelta(days=2))
    )
    contacts.add_tag([bob], "hiring")
    contacts.remove_tag([ada], "mentor")
    assert_tallies_agree(database)
    events = EventService(database=database, clock=clock)
    summit = events.add(EventDraft("Summit", dt.date(2026, 11, 20), dt.date(2026, 11, 21)))
    meetup = events.add(EventDraft("Meet-up", dt.date(2026, 11, 22), dt.date(2026, 11, 23)))
    for event_id in (summit, summit, meetup):  # as the after-event flow sets it
        met = interactions.log(InteractionDraft([ada], InteractionKind.EVENT_ENCOUNTER))
        database.execute_sql("UPDATE interaction SET event_id = ? WHERE id = ?", (event_id, met))
    assert_tallies_agree(database)
    events.delete(meetup)  # its encounters stay, no longer at an event
    interactions.delete(first)
    contacts.delete([bob])
    assert_tallies_agree(database)
    assert database.execute_sql("SELECT count(*) FROM overdue_reach").fetchone()[0] == 0


def test_a_database_with_data_gets_its_tallies_and_overdue_reaches_when_migrated(tmp_path, clock):
    path = tmp_path / "old.sqlite3"
    db = at_step(path, 11, clock, tmp_path)
    db.execute_sql(
        "INSERT INTO contact (id, uid, display_name, created_at, updated_at, sort_name,"
        " cadence_days) VALUES (1, 'u1', 'Ada', '2026-01-01 00:00:00', '2026-01-01 00:00:00',"
        " 'ada', 30)"
    )
    for number, day in enumerate(["2026-01-10", "2026-03-01", "2026-03-05"], start=1):
        db.execute_sql(
            "INSERT INTO interaction (id, kind, occurred_at, created_at) VALUES (?, 'call', ?, ?)",
            (number, f"{day} 12:00:00", f"{day} 12:00:00"),
        )
        db.execute_sql(
            "INSERT INTO interaction_contact (interaction_id, contact_id) VALUES (?, 1)", (number,)
        )
    db.close()
    db = open_database(path, backups_dir=tmp_path, clock=clock)
    assert migrations.schema_version(db) == migrations.SCHEMA_VERSION
    assert_tallies_agree(db)
    # 1 March came 50 days after 10 January (cadence 30): reached while overdue.
    assert db.execute_sql("SELECT interaction_id FROM overdue_reach").fetchall() == [(2,)]
    db.close()
