"""Two calls at once, on two cores: tantivy releases the GIL while it searches and counts.

Under gunicorn's gevent workers the threading module is gevent's (greenlets, one core), so the
second call goes to gevent's pool of real threads instead; the worker's event loop serves other
connections while the request waits for it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

A = TypeVar("A")
B = TypeVar("B")

_pool: ThreadPoolExecutor | None = None


def both(first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
    """first() on another thread while second() runs on this one; an error in either is raised."""
    waiting = _start(first)
    other = second()
    return waiting(), other


def _start(call: Callable[[], A]) -> Callable[[], A]:
    """Start call on a real thread; returns what waits for its result."""
    if _gevent_threads():
        import gevent

        started: Any = gevent.get_hub().threadpool.spawn(call)
        return lambda: started.get()
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="agreed-parallel")
    future = _pool.submit(call)
    return future.result


def _gevent_threads() -> bool:
    """Whether threading is gevent's here (greenlets), so only gevent's pool has real threads."""
    monkey = sys.modules.get("gevent.monkey")
    return monkey is not None and monkey.is_module_patched("threading")
