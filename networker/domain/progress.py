"""How long work reports how far it got, and learns that it should stop (no Qt)."""

from __future__ import annotations

from collections.abc import Callable

# Told (done, total; total 0 when unknown); answers False when the work should stop.
Progress = Callable[[int, int], bool]


def no_progress(done: int, total: int) -> bool:
    """For work that nobody watches: never cancelled."""
    return True
