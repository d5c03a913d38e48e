"""services/lazy.py: each service is built once, on first use, from whichever thread
asks first (Today's worker may ask before the window does)."""

from __future__ import annotations

import threading

from networker.services.contacts import ContactService
from networker.services.lazy import Services
from tests.conftest import make_draft


def make(database, clock, changes=None):
    return Services(
        database=database,
        clock=clock,
        on_change=(changes.append if changes is not None else lambda _c: None),
        thumbnailer=lambda data: data,
    )


def test_each_service_is_built_once_and_shared(database, clock):
    services = make(database, clock)
    assert isinstance(services.contacts(), ContactService)
    assert services.contacts() is services.contacts()
    assert services.reminders() is services.reminders()
    assert services.goals() is not services.events()


def test_threads_asking_at_once_get_the_same_service(database, clock):
    services = make(database, clock)
    start = threading.Barrier(8)
    got = []

    def ask() -> None:
        start.wait()
        got.append(services.interactions())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 8
    assert all(service is got[0] for service in got)


def test_a_service_reports_its_changes_to_the_callback_given(database, clock, changes):
    services = make(database, clock, changes)
    ada = services.contacts().create(make_draft(given_name="Ada", family_name="Lovelace"))
    assert changes and ada in changes[-1].contact_ids
