"""A request's work budget: loops over the corpus stop at a deadline and say so, and let others run."""

from __future__ import annotations

import time

YIELD_EVERY = 0.005  # seconds of work between two chances for other requests of the process to run
PAUSE_SECONDS = 0.0001
_next_pause = 0.0


def pause() -> None:
    """Called often inside long loops: at most every YIELD_EVERY seconds, let other requests run.

    Under gunicorn's gevent workers time.sleep is gevent's: a timer, so the event loop also polls
    the sockets (sleep(0) would only run greenlets already woken); under threads it frees the GIL.
    """
    global _next_pause
    now = time.monotonic()
    if now >= _next_pause:
        time.sleep(PAUSE_SECONDS)
        _next_pause = time.monotonic() + YIELD_EVERY


class Budget:
    """Checked once per item by a loop that could scan the corpus; `spent` once past the deadline."""

    def __init__(self, seconds: float | None):
        self.deadline = time.monotonic() + seconds if seconds is not None else None
        self.exhausted = False

    def spent(self) -> bool:
        """True once the deadline has passed; meanwhile a pause now and then lets others run."""
        pause()
        if self.deadline is not None and time.monotonic() >= self.deadline:
            self.exhausted = True
        return self.exhausted
