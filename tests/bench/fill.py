"""Fill a fresh Networker data directory with N realistic contacts, fast (one transaction).

Rows are written with executemany straight into the schema that migrations create,
with the same derived columns (sort name, search text) that the storage layer writes.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from networker.clock import FixedClock
from networker.domain.contacts import search_text, sort_key
from networker.paths import prepare_data_dir
from networker.storage.db import open_database
from networker.storage.timestamps import utc_text

FIRST = (
    "James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Aisha Wei Priya Mohammed Olga "
    "Lars Sofia Kenji Amara Diego Fatima Mateo Chloé Hiroshi Ingrid Kwame Leila Nikolai Zoë"
).split()
LAST = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
    "Sanchez Clark Ramirez Lewis Robinson Nakamura Okafor Novak Svensson Müller Dubois Rossi "
    "Kowalski Haddad Mensah"
).split()
ORGS = [
    "Acme Corp", "Globex", "Initech", "Umbrella Labs", "Stark Industries", "Wayne Enterprises",
    "Hooli", "Pied Piper", "Vandelay Industries", "Soylent", "Tyrell", "Cyberdyne",
    "Aperture Science", "Black Mesa", "Lumen Health", "Nordic Design Guild", "",
] + [f"Startup {i}" for i in range(400)]  # fmt: skip
TITLES = ["Engineer", "Product Manager", "Designer", "Founder", "Recruiter", "VP Sales",
          "Data Scientist", "Consultant", "Professor", "Student", ""]  # fmt: skip
TAGS = ["mentor", "alumni", "hiring", "design", "investor", "conference", "coffee chat"]
SOURCES = ["event", "alumni", "association", "referral", "online", "work", "other"]


def fill(root: Path, count: int, *, seed: int = 7) -> Path:
    paths = prepare_data_dir(root)
    clock = FixedClock(dt.datetime(2026, 11, 28, 9, 0))
    db = open_database(paths.database, backups_dir=paths.backups, clock=clock)
    rng = random.Random(seed)
    contacts, emails, links = [], [], []
    tag_ids = {name: i + 1 for i, name in enumerate(TAGS)}
    for contact_id in range(1, count + 1):
        given, family = rng.choice(FIRST), rng.choice(LAST)
        org, title = rng.choice(ORGS), rng.choice(TITLES)
        name = f"{given} {family}"
        domain = (org.split()[0].lower() if org else "mail") + ".example"
        addresses = [f"{given.lower()}.{family.lower()}{rng.randint(1, 999)}@{domain}"]
        if rng.random() < 0.4:
            addresses.append(f"{given.lower()}{rng.randint(1, 99)}@gmail.example")
        tags = rng.sample(TAGS, rng.choice([0, 0, 1, 1, 2]))
        updated = utc_text(clock.now() - dt.timedelta(minutes=rng.randint(0, 500_000)))
        contacts.append(
            (contact_id, f"urn:uuid:bench-{contact_id}", given, family, name, org, title,
             rng.choice(SOURCES), updated, updated, updated, sort_key(name),
             search_text(name, org, addresses, tags))
        )  # fmt: skip
        emails += [(contact_id, "work", a, i) for i, a in enumerate(addresses)]
        links += [(contact_id, tag_ids[t]) for t in tags]
    connection = db.connection()
    with db.atomic():
        connection.executemany("INSERT INTO tag (id, name) VALUES (?, ?)",
                               [(i, n) for n, i in tag_ids.items()])  # fmt: skip
        connection.executemany(
            "INSERT INTO contact (id, uid, given_name, family_name, display_name, organization,"
            " title, source, created_at, updated_at, met_at, sort_name, search_text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            contacts,
        )
        connection.executemany(
            "INSERT INTO email (contact_id, label, address, position) VALUES (?, ?, ?, ?)", emails
        )
        connection.executemany("INSERT INTO contact_tag (contact_id, tag_id) VALUES (?, ?)", links)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return paths.root
