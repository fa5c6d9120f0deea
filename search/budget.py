"""A request's work budget: loops over the corpus stop at a deadline and say so, and let others run."""

from __future__ import annotations

import time

YIELD_EVERY = 0.005  # seconds of work between two chances for other requests of the process to run


class Budget:
    """Checked once per item by a loop that could scan the corpus; `spent` once past the deadline."""

    def __init__(self, seconds: float | None):
        now = time.monotonic()
        self.deadline = now + seconds if seconds is not None else None
        self._next_yield = now + YIELD_EVERY
        self.exhausted = False

    def spent(self) -> bool:
        """True once the deadline has passed; meanwhile a short pause now and then lets others run.

        Under gunicorn's gevent workers time.sleep is gevent's, so sleep(0) switches to the other
        requests of the worker; under threads it releases the GIL.
        """
        now = time.monotonic()
        if now >= self._next_yield:
            time.sleep(0)
            self._next_yield = time.monotonic() + YIELD_EVERY
        if self.deadline is not None and now >= self.deadline:
            self.exhausted = True
        return self.exhausted


UNLIMITED = None  # Budget(UNLIMITED): the command line and tests read everything
