"""Render the main window with a few realistic contacts to PNGs (offscreen): the
Contacts page, Today, a contact's timeline and the Calendar.

python tools/screenshot.py docs     (writes contacts.png, today.png, timeline.png and
                                     calendar.png, contacts-640.png and
                                     contacts-1920.png there)
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QScrollArea

from networker.app import build_main_window, make_application, resource_icon
from networker.clock import FixedClock
from networker.domain.contacts import Birthday, ContactDraft, LabeledValue, Source
from networker.domain.events import Attendee, EventDraft, EventKind, InterviewStage, When
from networker.domain.interactions import InteractionDraft, InteractionKind, Value
from networker.domain.milestones import MilestoneDraft, MilestoneKind
from networker.paths import prepare_data_dir
from networker.services.contacts import ContactService
from networker.services.events import EventService
from networker.services.interactions import InteractionService
from networker.services.milestones import MilestoneService
from networker.settings import ui_settings
from networker.storage.db import open_database

PEOPLE = [
    ("Amara", "Okafor", "Lumen Health", "Head of Product", ["mentor", "healthtech"], Source.EVENT),
    ("Lars", "Svensson", "Nordic Design Guild", "Design Director", ["design"], Source.ASSOCIATION),
    ("Priya", "Raman", "Stanford GSB", "MBA Candidate", ["alumni"], Source.ALUMNI),
    ("Kenji", "Nakamura", "Hooli", "Staff Engineer", ["referral", "hiring"], Source.REFERRAL),
    ("Sofia", "García", "Freelance", "UX Researcher", ["design", "coffee chat"], Source.ONLINE),
    ("Diego", "Hernández", "Initech", "VP Engineering", ["hiring"], Source.WORK),
    ("Olga", "Novak", "Women in Tech Prague", "Organizer", ["community"], Source.EVENT),
    ("Wei", "Zhang", "Umbrella Labs", "Data Scientist", [], Source.OTHER),
    # Names as a real network has them: right to left, long, with emoji.
    ("ليلى", "حداد", "شركة الأفق", "مديرة التسويق", ["mentor"], Source.ALUMNI),
    ("נועה", "כהן", "Tel Aviv Startups", "Community Lead", ["community"], Source.EVENT),
    ("Maximiliane Alexandra-Wilhelmina", "von Hohenzollern-Sigmaringen",
     "Bundesverband der Deutschen Industrie e.V.", "Referentin Digitalpolitik", ["policy"],
     Source.ASSOCIATION),
    ("Sam 🚀", "Rivera", "Rocket Labs", "Founder", ["founders"], Source.ONLINE),
]  # fmt: skip


def handle(name: str) -> str:
    """A name as the user part of an address: its ASCII letters ("x" when none)."""
    return "".join(c for c in name.lower() if c.isascii() and c.isalnum()) or "x"


def main(out: Path) -> None:
    app = make_application(sys.argv[:1])
    clock = FixedClock(dt.datetime(2026, 11, 28, 9, 30))
    paths = prepare_data_dir(Path(tempfile.mkdtemp()) / "data")
    db = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    service = ContactService(database=db, clock=clock)
    for given, family, org, title, tags, source in PEOPLE:
        service.create(
            ContactDraft(
                given_name=given,
                family_name=family,
                organization=org,
                title=title,
                tags=tags,
                source=source,
                emails=[LabeledValue("work", f"{handle(given)}@{handle(org.split()[0])}.example")],
                phones=[LabeledValue("mobile", "+1 555 0100")],
                urls=[LabeledValue("LinkedIn", f"https://www.linkedin.com/in/{handle(given)}")],
                how_we_met="Panel on health data at Web Summit" if given == "Amara" else "",
                birthday=Birthday(month=3, day=14) if given == "Amara" else None,
                strength=4 if given == "Amara" else None,
                cadence_days={"Amara": 60, "Kenji": 30, "Lars": 90, "Olga": 45}.get(given),
                notes="Offered to review my portfolio. Follow up in January."
                if given == "Amara"
                else "",
            )
        )
    # Some were in touch lately, some long ago: the list's last and next columns.
    interactions = InteractionService(database=db, clock=clock)
    for contact_id, days_ago, kind in ((2, 120, "call"), (4, 40, "meeting"), (6, 3, "email")):
        interactions.log(
            InteractionDraft(
                [contact_id], InteractionKind(kind), clock.now() - dt.timedelta(days=days_ago)
            )
        )
    # Amara's story: met at a panel, a coffee chat with a follow-up, an introduction she
    # made (help received), the thank-you; Priya helped and got nothing back yet.
    for days_ago, kind, summary, extra in (
        (70, "event encounter", "Panel on health data at Web Summit", {}),
        (40, "coffee chat", "Product roles at Lumen; she offered to review my portfolio",
         {"follow_up_on": clock.today() - dt.timedelta(days=2)}),
        (20, "introduction", "Introduced me to Lumen's design lead",
         {"value": Value.RECEIVED, "value_kind": "introduction"}),
        (12, "thank-you", "Thanked her for the introduction", {}),
    ):  # fmt: skip
        interactions.log(
            InteractionDraft([1], InteractionKind(kind), clock.now() - dt.timedelta(days=days_ago),
                             summary=summary, **extra)  # type: ignore[arg-type]
        )  # fmt: skip
    interactions.log(
        InteractionDraft([3], InteractionKind.INFORMATIONAL_INTERVIEW,
                         clock.now() - dt.timedelta(days=25), summary="MBA recruiting",
                         value=Value.RECEIVED, value_kind="advice")
    )  # fmt: skip
    MilestoneService(database=db, clock=clock).add(
        MilestoneDraft(5, MilestoneKind.NEW_JOB, clock.today() - dt.timedelta(days=3),
                       "UX Research Lead at Hooli")
    )  # fmt: skip
    add_events(EventService(database=db, clock=clock))
    window = build_main_window(database=db, paths=paths, clock=clock, settings=ui_settings())
    window.resize(1280, 760)
    window.host.set_icons(resource_icon)  # the app sets them after its first paint
    window.show()
    view = window.show_page("contactsView")
    view.select_contact(1)
    app.processEvents()
    window.grab().save(str(out / "contacts.png"))
    for width in (640, 1920):  # the same page on a narrow and a wide screen (issue 14)
        for _ in range(20):  # as a drag does: the page narrows, then lets the window
            window.resize(width, 760 if width < 1000 else 900)
            app.processEvents()
            if window.width() == width:
                break
        window.grab().save(str(out / f"contacts-{width}.png"))
    window.resize(1280, 760)
    app.processEvents()
    scroll = view.panel.findChild(QScrollArea)
    scroll.ensureWidgetVisible(view.timeline, 0, 0)
    app.processEvents()
    view.panel.grab().save(str(out / "timeline.png"))
    today = window.show_page("todayView")
    today.refresh()
    window.tasks.wait_all()
    app.processEvents()
    app.processEvents()
    window.grab().save(str(out / "today.png"))
    calendar = window.show_page("calendarView")
    calendar.open_item(2)  # the design guild's evening, with a brief before it
    window.tasks.wait_all()
    app.processEvents()
    app.processEvents()
    window.grab().save(str(out / "calendar.png"))
    print(out)


def add_events(events: EventService) -> None:
    """A month of networking: a conference, meet-ups, a monthly association evening
    (recurring), coffee chats and an informational interview."""
    utc = dt.UTC

    def at(day: int, hour: int, minutes: int = 90, month: int = 11) -> tuple[When, When]:
        start = dt.datetime(2026, month, day, hour, tzinfo=utc)
        return start, start + dt.timedelta(minutes=minutes)

    def add(title: str, kind: EventKind, when: tuple[When, When], **more: Any) -> None:
        start, end = when
        zone = "UTC" if isinstance(start, dt.datetime) else ""
        events.add(EventDraft(title=title, kind=kind, start=start, end=end, zone=zone, **more))

    add("Nordic Design Guild: monthly evening", EventKind.ASSOCIATION, at(5, 18, 120),
        rrule="FREQ=MONTHLY;BYDAY=1TH", location="Guild house, Södermalm",
        group="Nordic Design Guild")  # fmt: skip
    add("Design Guild: portfolio night", EventKind.MEETUP, at(30, 18, 150),
        location="Guild house", group="Nordic Design Guild",
        attendees=(Attendee(contact_id=2), Attendee(contact_id=5), Attendee(contact_id=1)),
        notes="Bring the printed case study. Ask Lars about the mentoring cohort.")  # fmt: skip
    add("Web Summit", EventKind.CONFERENCE, (dt.date(2026, 11, 10), dt.date(2026, 11, 13)),
        location="Lisbon", group="Web Summit")  # fmt: skip
    add("Coffee with Sofia", EventKind.COFFEE_CHAT, at(17, 8, 45),
        attendees=(Attendee(contact_id=5),))  # fmt: skip
    add("Women in Tech Prague meet-up", EventKind.MEETUP, at(19, 17, 120),
        group="Women in Tech Prague", attendees=(Attendee(contact_id=7),))  # fmt: skip
    add("Informational interview: Kenji", EventKind.INFORMATIONAL_INTERVIEW, at(24, 15, 45),
        attendees=(Attendee(contact_id=4),), stage=InterviewStage.DONE)  # fmt: skip
    add("Stanford GSB alumni mixer", EventKind.ALUMNI, at(26, 18, 120),
        group="Stanford GSB alumni", attendees=(Attendee(contact_id=3),))  # fmt: skip
    add("Follow up with Diego about the role", EventKind.FOLLOW_UP, at(27, 10, 30),
        attendees=(Attendee(contact_id=6),))  # fmt: skip
    add("Informational interview: Amara", EventKind.INFORMATIONAL_INTERVIEW, at(2, 12, 45, 12),
        attendees=(Attendee(contact_id=1),), stage=InterviewStage.SCHEDULED)  # fmt: skip
    add("Coffee with Wei", EventKind.COFFEE_CHAT, at(4, 9, 45, 12),
        attendees=(Attendee(contact_id=8),))  # fmt: skip
    add("Product Tank Lisbon", EventKind.MEETUP, at(11, 18, 120))
    add("HealthTech breakfast", EventKind.OTHER, at(11, 8, 60))
    add("PMI chapter lunch", EventKind.ASSOCIATION, at(3, 12, 60), group="PMI")
    add("Coffee with Olga", EventKind.COFFEE_CHAT, at(28, 10, 45),
        attendees=(Attendee(contact_id=7),))  # fmt: skip


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
