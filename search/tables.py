"""The build's SQLite tables as the serving side opens them: read-only, shared by threads, one refusal."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from search.api import IndexUnavailable
from search.store import layered


def open_read_only(path: Path, what: str) -> sqlite3.Connection:
    """A missing file means a build from before these tables: say so, and that a rebuild fixes it."""
    if not path.is_file():
        raise IndexUnavailable(f"no {what} in {path.parent}: rebuild the index")
    try:
        return layered.connect(path)
    except layered.LayerMismatch as error:
        raise IndexUnavailable(str(error)) from error
