"""Read a build's precedent tables: LSH bands, 5-word runs and the paragraphs they point to."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from search.api import IndexUnavailable
from search.store.precedent_tables import FILENAME, FORMAT_VERSION, unpack_shingles, unpack_text
from search.tables import open_read_only

_CHUNK = 500  # bound parameters per statement


@dataclass(frozen=True)
class Stored:
    """One indexed paragraph: where it is, whether adopted, and its text."""

    pid: int
    group: int  # its wording: paragraphs with identical stemmed words share it
    symbol: str
    paragraph_id: str
    kind: str
    adopted: bool
    date: str
    text: str


class Precedents:
    """One build's precedent.sqlite, read-only; safe to share between threads."""

    def __init__(self, build_dir: Path):
        path = Path(build_dir) / FILENAME
        self._connection = open_read_only(path, "precedent tables")
        self._lock = threading.Lock()
        version = self._rows("SELECT value FROM meta WHERE name = 'schema_version'", [])
        if not version or int(version[0][0]) != FORMAT_VERSION:
            raise IndexUnavailable(f"{path} is of another schema version: rebuild the index")

    def _rows(self, sql: str, parameters: list) -> list[tuple]:
        with self._lock:
            return self._connection.execute(sql, parameters).fetchall()

    def _in(self, sql: str, values: Iterable[int]) -> list[tuple]:
        """Rows of `sql` whose IN (...) list is filled with values, a chunk at a time."""
        distinct = sorted(set(values))
        rows: list[tuple] = []
        for start in range(0, len(distinct), _CHUNK):
            chunk = distinct[start : start + _CHUNK]
            rows += self._rows(sql.format(", ".join("?" * len(chunk))), chunk)
        return rows

    def groups_for_bands(self, keys: Iterable[int]) -> dict[int, list[int]]:
        """Band key -> the wordings sharing that band."""
        found: dict[int, list[int]] = defaultdict(list)
        for key, group in self._in("SELECT key, grp FROM bands WHERE key IN ({})", keys):
            found[key].append(group)
        return found

    def shingles_of_groups(self, groups: Iterable[int]) -> dict[int, frozenset[int]]:
        """Wording -> its shingles (32-bit), to confirm candidates before reading any text."""
        sql = "SELECT grp, shingles FROM wordings WHERE grp IN ({})"
        return {grp: unpack_shingles(blob) for grp, blob in self._in(sql, groups)}

    def paragraphs_of_groups(self, groups: Iterable[int]) -> dict[int, list[Stored]]:
        """Wording -> every paragraph with it."""
        found: dict[int, list[Stored]] = defaultdict(list)
        sql = "SELECT * FROM paragraphs WHERE grp IN ({})"
        for row in self._in(sql, groups):
            stored = _stored(row)
            found[stored.group].append(stored)
        return found

    def adopted_with_grams(self, keys: Iterable[int]) -> dict[int, list[int]]:
        """5-word-run key -> adopted paragraphs (pids) holding it, latest documents first."""
        found: dict[int, list[int]] = defaultdict(list)
        for key, pid in self._in("SELECT key, pid FROM grams WHERE key IN ({})", keys):
            found[key].append(pid)
        return found

    def paragraphs(self, pids: Iterable[int]) -> dict[int, Stored]:
        return {
            row[0]: _stored(row)
            for row in self._in("SELECT * FROM paragraphs WHERE pid IN ({})", pids)
        }

    def close(self) -> None:
        self._connection.close()


def _stored(row: tuple) -> Stored:
    pid, group, symbol, paragraph_id, kind, adopted, date, text = row
    return Stored(pid, group, symbol, paragraph_id, kind, bool(adopted), date, unpack_text(text))
