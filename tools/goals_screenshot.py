"""Render the Goals page and a goal's chart after a realistic year of networking
(offscreen): goals.png (the window on the Goals page) and goal-chart.png (the chart).

python tools/goals_screenshot.py docs

The year is lived day by day through the services (contacts met, coffee chats,
informational interviews, thank-yous, help given, a monthly design meet-up and two
conferences), so the tallies, the overdue reaches and the roll-over of the repeating
goals are what the app itself makes of it.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from networker.app import build_main_window, make_application, resource_icon
from networker.clock import FixedClock
from networker.domain.contacts import ContactDraft, LabeledValue, Source
from networker.domain.events import EventDraft, EventKind
from networker.domain.goals import GoalDraft, Purpose, Repeat, TargetDraft, TargetFilters
from networker.domain.goals import TargetKind as K
from networker.domain.interactions import InteractionDraft, InteractionKind, Value
from networker.paths import prepare_data_dir
from networker.services.contacts import ContactService
from networker.services.events import EventService
from networker.services.goals import GoalService
from networker.services.interactions import InteractionService
from networker.storage.db import open_database

NOW = dt.datetime(2026, 11, 20, 16, 0)
FIRST = "Amara Lars Priya Kenji Sofia Diego Olga Wei Fatima Mateo Ingrid Kwame Leila Zoë".split()
LAST = "Okafor Svensson Raman Nakamura García Hernández Novak Zhang Haddad Rossi Mensah".split()
ORGS = ["Lumen Health", "Nordic Design Guild", "Hooli", "Initech", "CareLoop", "Freelance"]
TAGS = [["healthtech"], ["design"], ["mentor", "healthtech"], ["alumni"], ["design"], []]


def live_a_year(clock: FixedClock, contacts, interactions, events, database) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(2026)
    day = dt.date(2026, 1, 1)
    people: list[int] = []
    meetup = events.add(
        EventDraft("Design Systems Meet-up", dt.datetime(2026, 1, 14, 18, 30, tzinfo=dt.UTC),
                   dt.datetime(2026, 1, 14, 21, 0, tzinfo=dt.UTC), kind=EventKind.MEETUP,
                   rrule="FREQ=MONTHLY;BYDAY=2WE")
    )  # fmt: skip
    summits = {
        dt.date(2026, 5, 12): events.add(EventDraft("HLTH Europe", dt.date(2026, 5, 12),
                                                    dt.date(2026, 5, 14), EventKind.CONFERENCE)),
        dt.date(2026, 10, 6): events.add(EventDraft("Web Summit", dt.date(2026, 10, 6),
                                                    dt.date(2026, 10, 9), EventKind.CONFERENCE)),
    }  # fmt: skip
    events.add(EventDraft("UX Copenhagen", dt.date(2026, 12, 3), dt.date(2026, 12, 5),
                          EventKind.CONFERENCE))  # fmt: skip
    while day <= NOW.date():
        clock.jump(dt.datetime.combine(day, dt.time(12)).replace(tzinfo=dt.UTC) - clock.now())
        autumn = day.month >= 9  # the search for a mentor starts in September
        at_event = None
        if day.weekday() == 2 and 8 <= day.day <= 14 and rng.random() < 0.8:
            at_event = meetup
        at_event = summits.get(day, at_event)
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2)) + (3 if at_event else 0)):
            n = len(people)
            people.append(
                contacts.create(
                    ContactDraft(
                        given_name=rng.choice(FIRST), family_name=rng.choice(LAST),
                        organization=ORGS[n % len(ORGS)], tags=TAGS[n % len(TAGS)],
                        source=Source.EVENT if at_event else rng.choice(list(Source)),
                        emails=[LabeledValue("work", f"p{n}@example.org")],
                        cadence_days=rng.choice((None, 30, 60, 90)),
                    )
                )
            )  # fmt: skip
        if not people:
            day += dt.timedelta(days=1)
            continue
        when = clock.now()
        if at_event:
            encounter = InteractionKind.EVENT_ENCOUNTER
            met = interactions.log(InteractionDraft(rng.sample(people[-3:], 1), encounter, when))
            # What the calendar's after-event flow records: where they met.
            database.execute_sql("UPDATE interaction SET event_id = ? WHERE id = ?",
                                 (at_event, met))  # fmt: skip
        if day.weekday() < 5 and rng.random() < (0.55 if autumn else 0.4):
            kind = rng.choices(
                [InteractionKind.COFFEE_CHAT, InteractionKind.INFORMATIONAL_INTERVIEW,
                 InteractionKind.EMAIL, InteractionKind.CALL, InteractionKind.THANK_YOU],
                [3, 3 if autumn else 1, 4, 2, 2],
            )[0]  # fmt: skip
            interactions.log(
                InteractionDraft([rng.choice(people)], kind, when,
                                 value=Value.GIVEN if rng.random() < 0.2 else Value.NONE)
            )  # fmt: skip
        day += dt.timedelta(days=1)
    clock.jump(NOW.replace(tzinfo=dt.UTC) - clock.now())


GOALS = [
    GoalDraft(
        "Find a mentor in healthtech",
        (
            TargetDraft(K.INTERACTIONS, 12, TargetFilters(kinds=("informational interview",))),
            TargetDraft(K.THANK_YOUS, 8),
        ),
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 1, 31),
        purpose=Purpose.MENTORSHIP,
        description="Meet people a few steps ahead in health products; ask one to mentor me.",
    ),
    GoalDraft(
        "Land a product role in healthtech",
        (
            TargetDraft(K.NEW_CONTACTS, 12, TargetFilters(tag="healthtech")),
            TargetDraft(K.INTERACTIONS, 8, TargetFilters(kinds=("coffee chat",))),
        ),
        starts_on=dt.date(2026, 1, 1),
        repeat=Repeat.QUARTERLY,
        purpose=Purpose.JOB_OPPORTUNITIES,
    ),
    GoalDraft(
        "Be visible in the design community",
        (TargetDraft(K.EVENTS_ATTENDED, 1), TargetDraft(K.VALUE_GIVEN, 2)),
        starts_on=dt.date(2026, 1, 1),
        repeat=Repeat.MONTHLY,
        purpose=Purpose.VISIBILITY,
    ),
    GoalDraft(
        "Keep my network warm",
        (TargetDraft(K.OVERDUE_REACHED, 6),),
        starts_on=dt.date(2026, 1, 1),
        repeat=Repeat.MONTHLY,
        purpose=Purpose.OTHER,
    ),
    GoalDraft(
        "Speak at a conference",
        (TargetDraft(K.MANUAL, 1),),
        starts_on=dt.date(2026, 7, 1),
        ends_on=dt.date(2027, 3, 31),
        purpose=Purpose.VISIBILITY,
    ),
]


def main(out: Path) -> None:
    app = make_application(sys.argv[:1])
    clock = FixedClock(NOW)
    root = Path(tempfile.mkdtemp())
    paths = prepare_data_dir(root / "data")
    db = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    goals = GoalService(database=db, clock=clock)
    # The repeating goals were set in January: each month and quarter rolls over as
    # the year goes by (as opening the page then would have).
    for draft in GOALS:
        goals.add(draft)
    live = (
        ContactService(database=db, clock=clock),
        InteractionService(database=db, clock=clock),
        EventService(database=db, clock=clock),
    )
    live_a_year(clock, *live, db)
    goals.roll_over()
    # The people the mentor search is about: linked to it (their being overdue is a
    # next step on the goal).
    mentors = [r[0] for r in db.execute_sql(
        "SELECT ct.contact_id FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
        " WHERE t.name = 'mentor' LIMIT 12"
    )]  # fmt: skip
    goals.link(1, "contact", mentors)
    settings = QSettings(str(root / "ui.ini"), QSettings.Format.IniFormat)
    window = build_main_window(database=db, paths=paths, clock=clock, settings=settings)
    window.resize(1280, 860)
    window.host.set_icons(resource_icon)
    window.show()
    page = window.show_page("goalsView")
    window.tasks.wait_all()
    app.processEvents()
    page.splitter.setSizes([420, 860])
    app.processEvents()
    window.tasks.wait_all()
    app.processEvents()
    app.processEvents()
    window.grab().save(str(out / "goals.png"))
    page.chart.resize(760, 300)
    page.chart.set_series(page.chart.series)
    page.chart.grab().save(str(out / "goal-chart.png"))
    print(out)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
