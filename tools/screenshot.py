"""Render the main window with a few realistic contacts to PNGs (offscreen): the
Contacts page, Today and a contact's timeline.

python tools/screenshot.py docs     (writes contacts.png, today.png, timeline.png there)
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QScrollArea

from networker.app import build_main_window, make_application, resource_icon
from networker.clock import FixedClock
from networker.domain.contacts import Birthday, ContactDraft, LabeledValue, Source
from networker.domain.interactions import InteractionDraft, InteractionKind, Value
from networker.domain.milestones import MilestoneDraft, MilestoneKind
from networker.paths import prepare_data_dir
from networker.services.contacts import ContactService
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
]


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
                emails=[LabeledValue("work", f"{given.lower()}@{org.split()[0].lower()}.example")],
                phones=[LabeledValue("mobile", "+1 555 0100")],
                urls=[LabeledValue("LinkedIn", f"https://www.linkedin.com/in/{given.lower()}")],
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
    window = build_main_window(database=db, paths=paths, clock=clock, settings=ui_settings())
    window.resize(1280, 760)
    window.host.set_icons(resource_icon)  # the app sets them after its first paint
    window.show()
    view = window.show_page("contactsView")
    view.select_contact(1)
    app.processEvents()
    window.grab().save(str(out / "contacts.png"))
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
    print(out)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
