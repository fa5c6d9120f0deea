"""The build's SQLite tables as the serving side opens them: read-only, shared by threads, one refusal."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from search.api import IndexUnavailable


def open_read_only(path: Path, what: str) -> sqlite3.Connection:
    """A missing file means a build from before these tables: say so, and that a rebuild fixes it."""
    if not path.is_file():
        raise IndexUnavailable(f"no {what} in {path.parent}: rebuild the index")
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
