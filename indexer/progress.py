"""What `agreed index` shows while it reads: a bar on a terminal, a plain line every few seconds elsewhere.

A bar redrawn in place means nothing in a log or a pipe (click prints only its label there), so a run in the
background would say "reading" and then nothing until the end.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

import click

EVERY = 5.0  # seconds between two lines when not on a terminal


class LineProgress:
    """Progress as lines: the first file, then one line every `every` seconds, then the last file."""

    def __init__(
        self,
        stream: TextIO,
        every: float = EVERY,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.stream, self.every, self.clock = stream, every, clock
        self.started: float | None = None
        self.last = 0.0
        self.finished = False

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if self.started is None:
            self.started = self.last = now
            self._line(f"reading {total:,} files")
        if self.finished or (done < total and now - self.last < self.every):
            return
        self.last = now
        self.finished = done >= total
        percent = 100 * done // total if total else 100
        self._line(f"reading: {done:,}/{total:,} files ({percent}%), {now - self.started:.0f} s")

    def close(self) -> None:
        """Nothing to undo: every line is complete when written."""

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


class BarProgress:
    """click's progress bar, opened on the first report (when the total is known)."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="reading", file=self.stream)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def progress_for(stream: TextIO | None = None) -> LineProgress | BarProgress:
    """A bar when the stream (stderr by default) is a terminal, lines otherwise."""
    stream = stream or sys.stderr
    return BarProgress(stream) if stream.isatty() else LineProgress(stream)
