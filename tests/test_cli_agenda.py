"""``networker agenda`` as users' scripts call it (docs/command-line.md): what needs the user from
a day through the next days, as lines or as the contract's JSON object, in local time."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from networker.clock import FixedClock
from networker.domain.contacts import Birthday
from networker.domain.interactions import InteractionDraft
from networker.paths import prepare_data_dir
from networker.services.contacts import ContactService
from networker.services.interactions import InteractionService
from networker.storage.db import open_database
from tests.conftest import make_draft
from tests.test_cli import _state, run, unprivileged  # noqa: F401 (a fixture)

# The command runs with the system clock: its zone comes from TZ.
NEW_YORK = {"TZ": "America/New_York"}


@pytest.fixture
def data(tmp_path):
    """A data folder whose database has Ada (a follow-up two days before 2 December),
    Grace (born on 3 December) and Linus (a follow-up after the first week), filled
    through the services on 2 December 2026, 08:00 in New York."""
    folder = tmp_path / "data"
    paths = prepare_data_dir(folder)
    clock = FixedClock(dt.datetime(2026, 12, 2, 8, 0), zone=ZoneInfo("America/New_York"))
    database = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    contacts = ContactService(database=database, clock=clock)
    interactions = InteractionService(database=database, clock=clock)

    def person(given, family, **fields):
        draft = make_draft(given_name=given, family_name=family, emails=[], **fields)
        return contacts.create(draft)

    ada = person("Ada", "Lovelace")
    person("Grace", "Hopper", birthday=Birthday(month=12, day=3))
    linus = person("Linus", "Torvalds")
    interactions.log(InteractionDraft([ada], summary="Intro", follow_up_on=dt.date(2026, 11, 30)))
    interactions.log(InteractionDraft([linus], summary="Demo", follow_up_on=dt.date(2026, 12, 9)))
    database.close()
    return str(folder)


def agenda(*args):
    return run("agenda", *args, env=NEW_YORK)


def test_json_is_the_contract_object_in_local_time(data):
    result = agenda("--data-dir", data, "--date", "2026-12-02", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "date": "2026-12-02",
        "days": 7,
        "reminders": [
            {
                "kind": "follow-up",
                "title": "Follow up with Ada Lovelace: Intro",
                "due": "2026-11-30T09:00:00",
                "contact": "Ada Lovelace",
            },
            {
                "kind": "birthday",
                "title": "Grace Hopper's birthday (03 December)",
                "due": "2026-12-03T09:00:00",
                "contact": "Grace Hopper",
            },
        ],
        "events": [],
        "goals_behind": [],
    }


def test_days_widens_the_window(data):
    result = agenda("--data-dir", data, "--date", "2026-12-02", "--days", "8", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["days"] == 8
    assert [r["contact"] for r in answer["reminders"]] == [
        "Ada Lovelace", "Grace Hopper", "Linus Torvalds"
    ]  # fmt: skip


def test_lines_group_overdue_and_each_day(data):
    result = agenda("--data-dir", data, "--date", "2026-12-02")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Agenda from Wednesday 2 December 2026 through Tuesday 8 December 2026",
        "",
        "Overdue",
        "  Mon 30 Nov 09:00  Follow up with Ada Lovelace: Intro",
        "",
        "Thursday 3 December",
        "  09:00  Grace Hopper's birthday (03 December)",
    ]


def test_an_empty_agenda_says_how_to_fill_it(tmp_path):
    result = agenda("--data-dir", str(tmp_path / "data"), "--date", "2026-12-02", "--days", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Nothing needs you on Wednesday 2 December 2026.")
    assert "keep-in-touch cadence" in result.stdout and "log an interaction" in result.stdout
    empty = agenda("--data-dir", str(tmp_path / "data"), "--json")
    assert json.loads(empty.stdout)["reminders"] == []


def test_today_is_the_default_date(data):
    result = agenda("--data-dir", data, "--json")
    assert result.returncode == 0, result.stderr
    today = subprocess.run(
        [sys.executable, "-c", "import datetime; print(datetime.date.today())"],
        capture_output=True, text=True, env=NEW_YORK,
    ).stdout.strip()  # fmt: skip
    assert json.loads(result.stdout)["date"] == today


@pytest.mark.parametrize(
    "option",
    [
        ["--date", "2026-13-01"],
        ["--date", "20261202"],
        ["--date", "2026-02-30"],
        ["--date", "tomorrow"],
        ["--date", "0001-01-01"],
        ["--days", "0"],
        ["--days", "-3"],
        ["--days", "100000"],
        ["--days", "seven"],
        ["--no-such-option"],
    ],
)
def test_wrong_usage_exits_2_with_a_message_and_touches_nothing(tmp_path, option):
    folder = tmp_path / "data"
    result = agenda("--data-dir", str(folder), *option)
    assert result.returncode == 2
    assert "networker agenda: error:" in result.stderr and result.stdout == ""
    assert not folder.exists()


def test_an_unusable_data_folder_or_database_exits_1_with_the_reason(tmp_path):
    (tmp_path / "blocker").write_text("a file where a folder should be")
    target = tmp_path / "blocker" / "data"
    result = agenda("--data-dir", str(target))
    assert result.returncode == 1
    assert str(target) in result.stderr and "cannot be created" in result.stderr
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "networker.sqlite3").write_bytes(b"\x00garbage" * 100)
    result = agenda("--data-dir", str(damaged), "--json")
    assert result.returncode == 1 and result.stdout == ""
    assert "not a Networker database" in result.stderr


def test_help_describes_agenda():
    assert "agenda" in run("--help").stdout
    described = run("agenda", "--help").stdout
    assert all(option in described for option in ("--date", "--days", "--json", "--data-dir"))


def test_the_agenda_never_loads_qt(data):
    code = (
        "import sys; from networker.cli import main; "
        f"code = main(['agenda', '--data-dir', {data!r}, '--json']); "
        "print(code, sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))),"
        " file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip() == "0 []"


def test_events_goals_and_hostile_titles_are_printed_as_plain_lines():
    from networker.cli import agenda_json, agenda_lines
    from networker.domain.reminders import ReminderKind
    from networker.services.agenda import Agenda, AgendaEvent, AgendaReminder, GoalBehind
    from networker.services.reminders import DueReminder

    zone = ZoneInfo("America/New_York")
    due = dt.datetime(2026, 12, 30, 9, 0, tzinfo=zone)
    hostile = "Call \x1b[2Jme\nnow"
    reminder = AgendaReminder(
        DueReminder(ReminderKind.FOLLOW_UP, hostile, due.astimezone(dt.UTC), 1, "x"),
        due,
        "Ada",
        overdue=True,
    )
    agenda = Agenda(
        start=dt.date(2027, 1, 1),
        days=1,
        reminders=(reminder,),
        events=(
            AgendaEvent("Meetup", "meetup", dt.datetime(2027, 1, 1, 18, tzinfo=zone),
                        dt.datetime(2027, 1, 1, 20, tzinfo=zone)),
            AgendaEvent("Conference", "conference", dt.date(2027, 1, 1), dt.date(2027, 1, 2)),
        ),
        goals_behind=(GoalBehind("Meet 5 people", 2, 5),),
    )  # fmt: skip
    assert agenda_lines(agenda) == [
        "Agenda for Friday 1 January 2027",
        "",
        "Overdue",
        "  Wed 30 Dec 2026 09:00  Call  [2Jme now",
        "",
        "Friday 1 January",
        "  all day  Conference",
        "  18:00  Meetup",
        "",
        "Goals behind",
        "  Meet 5 people: 2 of 5",
    ]
    answer = agenda_json(agenda)
    assert answer["reminders"][0]["due"] == "2026-12-30T09:00:00"
    assert answer["events"] == [
        {"title": "Meetup", "kind": "meetup", "start": "2027-01-01T18:00:00",
         "end": "2027-01-01T20:00:00"},
        {"title": "Conference", "kind": "conference", "start": "2027-01-01", "end": "2027-01-02"},
    ]  # fmt: skip
    assert answer["goals_behind"] == [{"title": "Meet 5 people", "progress": 2, "target": 5}]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_read_only_data_folder_still_has_an_agenda(unprivileged):  # noqa: F811
    """The agenda only reads: like export, it works where import is refused."""
    _base, data, as_nobody = unprivileged
    data.chmod(0o555)
    before = _state(data)
    result = as_nobody("agenda", "--data-dir", str(data), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["reminders"] == []
    assert _state(data) == before


def test_congratulations_for_their_news_are_in_the_agenda(tmp_path):
    from networker.domain.milestones import MilestoneDraft, MilestoneKind
    from networker.services.milestones import MilestoneService

    folder = tmp_path / "data"
    paths = prepare_data_dir(folder)
    clock = FixedClock(dt.datetime(2026, 12, 2, 8, 0), zone=ZoneInfo("America/New_York"))
    database = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    ada = ContactService(database=database, clock=clock).create(
        make_draft(given_name="Ada", family_name="Lovelace", emails=[])
    )
    milestones = MilestoneService(database=database, clock=clock)
    milestones.add(MilestoneDraft(ada, MilestoneKind.NEW_JOB, dt.date(2026, 11, 30), "CTO"))
    milestones.add(MilestoneDraft(ada, MilestoneKind.AWARD, dt.date(2026, 12, 4)))
    database.close()
    result = agenda("--data-dir", str(folder), "--date", "2026-12-02", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["reminders"] == [
        {
            "kind": "congratulate",
            "title": "Congratulate Ada Lovelace: new job, CTO",
            "due": "2026-12-02T08:00:00",  # news already out: due when it was noted
            "contact": "Ada Lovelace",
        },
        {
            "kind": "congratulate",
            "title": "Congratulate Ada Lovelace: award",
            "due": "2026-12-04T09:00:00",  # news to come: that morning
            "contact": "Ada Lovelace",
        },
    ]
    lines = agenda("--data-dir", str(folder), "--date", "2026-12-02").stdout.splitlines()
    assert "  08:00  Congratulate Ada Lovelace: new job, CTO" in lines
    assert "  09:00  Congratulate Ada Lovelace: award" in lines


def test_events_are_in_the_agenda_in_local_time_with_their_reminders(tmp_path):
    """An event planned in Berlin shows at New York's time; a weekly one on each of its
    days; a reminder a day ahead is in the list as an "event" reminder."""
    from networker.domain.events import EventDraft, EventKind
    from networker.services.events import EventService

    folder = tmp_path / "data"
    paths = prepare_data_dir(folder)
    clock = FixedClock(dt.datetime(2026, 12, 2, 8, 0), zone=ZoneInfo("America/New_York"))
    database = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    events = EventService(database=database, clock=clock)
    berlin = ZoneInfo("Europe/Berlin")
    events.add(EventDraft(
        "Berlin founders breakfast", dt.datetime(2026, 12, 4, 15, 0, tzinfo=berlin),
        dt.datetime(2026, 12, 4, 16, 0, tzinfo=berlin), EventKind.MEETUP, "Europe/Berlin",
        reminder_minutes=24 * 60,
    ))  # fmt: skip
    events.add(EventDraft(
        "Alumni coffee", dt.datetime(2026, 11, 3, 12, 0), dt.datetime(2026, 11, 3, 12, 30),
        EventKind.COFFEE_CHAT, rrule="FREQ=WEEKLY",
    ))  # fmt: skip
    database.close()
    result = run("agenda", "--data-dir", str(folder), "--date", "2026-12-02", "--days", "7",
                 "--json", env=NEW_YORK)  # fmt: skip
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["events"] == [
        {"title": "Berlin founders breakfast", "kind": "meetup", "start": "2026-12-04T09:00:00",
         "end": "2026-12-04T10:00:00"},
        {"title": "Alumni coffee", "kind": "coffee chat", "start": "2026-12-08T12:00:00",
         "end": "2026-12-08T12:30:00"},
    ]  # fmt: skip
    assert answer["reminders"] == [
        {"kind": "event", "title": "Berlin founders breakfast (Fri 4 Dec, 09:00)",
         "due": "2026-12-03T09:00:00", "contact": None},
    ]  # fmt: skip


def test_goals_behind_their_pace_are_listed(data):
    """A goal whose period is over with 1 of 5 done is behind, whatever today is."""
    from networker.domain.goals import GoalDraft, TargetDraft, TargetKind
    from networker.services.goals import GoalService

    paths = prepare_data_dir(Path(data))
    clock = FixedClock(dt.datetime(2026, 12, 2, 8, 0), zone=ZoneInfo("America/New_York"))
    database = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    goals = GoalService(database=database, clock=clock)
    first_half = dict(starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 6, 30))
    goals.add(GoalDraft("Find a mentor", (TargetDraft(TargetKind.MANUAL, 5, manual_count=1),),
                        **first_half))  # fmt: skip
    goals.add(GoalDraft("Done", (TargetDraft(TargetKind.MANUAL, 1, manual_count=1),),
                        **first_half))  # fmt: skip
    database.close()
    answer = json.loads(agenda("--data-dir", data, "--json").stdout)
    assert answer["goals_behind"] == [{"title": "Find a mentor", "progress": 1, "target": 5}]
    lines = agenda("--data-dir", data).stdout.splitlines()
    assert lines[-2:] == ["Goals behind", "  Find a mentor: 1 of 5"]
