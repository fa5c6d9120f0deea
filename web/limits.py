"""Per-worker slots for expensive work: a few run at once, the rest wait briefly, then are told to retry.

Expensive pages (concordance, compare) and downloads (export.csv) each have their own slots; normal
searches never wait for one, so clients that keep asking for expensive work share the CPU among
themselves, not with everyone else. Waiting costs a greenlet, not a worker; past the wait, 503.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import current_app
from werkzeug.exceptions import ServiceUnavailable

HEAVY_PER_WORKER = 2
DOWNLOADS_PER_WORKER = 4
WAIT_SECONDS = 10.0
_slots: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_made = threading.Lock()


@contextmanager
def heavy_slot() -> Iterator[None]:
    """Held while an expensive page is computed."""
    release = take("HEAVY_PER_WORKER", HEAVY_PER_WORKER)
    try:
        yield
    finally:
        release()


def take(setting: str, default: int) -> Callable[[], None]:
    """One slot of the kind `setting` names (its size from app config); the release may run twice."""
    slots = _semaphore(setting, int(current_app.config.get(setting, default)))
    if not slots.acquire(timeout=float(current_app.config.get("SLOT_WAIT_SECONDS", WAIT_SECONDS))):
        raise ServiceUnavailable(
            "The service is busy with expensive requests; try again in a few seconds.",
            retry_after=5,
        )
    held = [True]

    def release() -> None:
        with _made:
            if not held[0]:
                return
            held[0] = False
        slots.release()

    return release


def _semaphore(setting: str, size: int) -> threading.BoundedSemaphore:
    with _made:
        if (setting, size) not in _slots:
            _slots[setting, size] = threading.BoundedSemaphore(size)
        return _slots[setting, size]
