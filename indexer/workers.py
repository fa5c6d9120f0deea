"""Worker processes for a build that die with it and inherit nothing, so a killed build leaves no orphan.

Workers are spawned (not forked): they do not share the build lock's open file, so the lock dies with
the process that took it. Each worker asks the kernel for SIGKILL when its parent dies
(prctl PR_SET_PDEATHSIG) and also watches its parent id, where prctl is missing.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_SECONDS = 1.0


def pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers start clean and end when this process ends, however it ends."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )


def die_with_parent(parent: int) -> None:
    """Runs first in each worker: SIGKILL on the parent's death, and a watch in case prctl is absent."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="parent-watch").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
