"""A due reminder's notification says, in a few plain lines, when the user was last in
touch and about what, how they met, and what else is open with that person."""

import datetime as dt

from networker.domain.interactions import InteractionDraft, InteractionKind
from networker.reminders.notifier import RecordingNotifier
from networker.reminders.scheduler import ReminderScheduler
from networker.services.interactions import InteractionService
from networker.services.reminders import ReminderService
from tests.conftest import make_draft

HOSTILE = '<a href="file:///etc/passwd">PyCon</a> & <img src="/x.png">'


def notified(qtbot, database, clock, tasks):
    notifier = RecordingNotifier()
    scheduler = ReminderScheduler(
        reminders=ReminderService(database=database, clock=clock),
        clock=clock,
        notifier=notifier,
        tasks=tasks,
    )
    with qtbot.waitSignal(scheduler.checked, timeout=5000):
        scheduler.check()
    return notifier.shown


def test_a_follow_up_says_when_and_about_what_how_we_met_and_what_else_is_open(
    qtbot, database, clock, tasks, contacts
):
    ada = contacts.create(make_draft(given_name="Ada", family_name="", how_we_met=HOSTILE))
    interactions = InteractionService(database=database, clock=clock)
    for kind, days_ago, summary, follow_up_in in (
        (InteractionKind.COFFEE_CHAT, 7, "Talked about her talk", 0),
        (InteractionKind.CALL, 2, "Asked for\nthe slides", 3),
    ):
        interactions.log(
            InteractionDraft(
                [ada],
                kind=kind,
                occurred_at=clock.now() - dt.timedelta(days=days_ago),
                summary=summary,
                follow_up_on=clock.today() + dt.timedelta(days=follow_up_in),
            )
        )
    [shown] = notified(qtbot, database, clock, tasks)
    assert shown.title == "Follow up with Ada: Talked about her talk"
    assert shown.body.splitlines() == [
        "Last in touch Thu 26 Nov: Asked for the slides",  # one line
        # Plain text: the notifier escapes it where the desktop reads markup.
        f"Met: {HOSTILE}",
        "Also open: Asked for the slides",
    ]


def test_without_context_the_body_says_what_is_due_and_when(
    qtbot, database, clock, tasks, contacts
):
    contacts.create(make_draft(given_name="Grace", family_name="", cadence_days=7))
    clock.advance(dt.timedelta(days=8))
    [shown] = notified(qtbot, database, clock, tasks)
    assert shown.title == "Keep in touch with Grace (every 7 days)"
    assert shown.body == "Not in touch yet"


def test_a_long_summary_is_cut_to_one_short_line(qtbot, database, clock, tasks, contacts):
    ada = contacts.create(make_draft(given_name="Ada", family_name="", how_we_met="x " * 100))
    InteractionService(database=database, clock=clock).log(
        InteractionDraft([ada], summary="word " * 30, follow_up_on=clock.today())
    )
    [shown] = notified(qtbot, database, clock, tasks)
    lines = shown.body.splitlines()
    assert len(lines) == 2 and all(len(line) <= 80 for line in lines)
    assert lines[1].endswith("…")


def test_contexts_are_read_for_the_reminders_asked_about_only(database, clock, contacts):
    ada = contacts.create(make_draft(given_name="Ada", family_name="", how_we_met="At PyCon"))
    reminders = ReminderService(database=database, clock=clock)
    InteractionService(database=database, clock=clock).log(
        InteractionDraft([ada], summary="Intro to Grace", follow_up_on=clock.today())
    )
    [due] = reminders.due()
    context = reminders.contexts([due])[due.key]
    assert context.how_we_met == "At PyCon"
    assert context.last_on == clock.today()
    assert context.last_interaction == "Intro to Grace"
    assert context.other_follow_ups == ()  # the one notified is not "also open"
    assert reminders.contexts([]) == {}
