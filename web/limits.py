"""Expensive pages (concordance, compare) take a slot: a few run at once per worker, others wait briefly.

Normal searches never wait for a slot, so clients that keep asking for expensive pages share the CPU
among themselves, not with everyone else. A request that waits too long is told to retry (503).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from werkzeug.exceptions import ServiceUnavailable

HEAVY_PER_WORKER = 2
WAIT_SECONDS = 5.0
_slots: threading.BoundedSemaphore | None = None
_made = threading.Lock()


@contextmanager
def heavy_slot() -> Iterator[None]:
    """Held while an expensive page is computed; 503 with Retry-After when none frees in time."""
    slots = _semaphore()
    if not slots.acquire(timeout=float(current_app.config.get("HEAVY_WAIT_SECONDS", WAIT_SECONDS))):
        raise ServiceUnavailable(
            "Too many expensive pages are being computed; try again in a few seconds.",
            retry_after=5,
        )
    try:
        yield
    finally:
        slots.release()


def _semaphore() -> threading.BoundedSemaphore:
    global _slots
    with _made:
        if _slots is None:
            size = int(current_app.config.get("HEAVY_PER_WORKER", HEAVY_PER_WORKER))
            _slots = threading.BoundedSemaphore(size)
        return _slots
