"""The build's record of every parsed document: the document page reads it, the next build reuses it.

One sqlite file (docs.sqlite) per build. Each row is one Resolution's JSON under its document key:
the symbol, or for a document without one the source file's stem (the relative path without its
suffix when two such stems collide). The key is what hits carry as `symbol` and what a document
page is addressed by. The source path and a reuse key (content hash of the source and its
sidecars) let the next build skip files that did not change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.model import Resolution
from search.store import layered

FILENAME = "docs.sqlite"
# A full build numbers documents this far apart, so an update can put a new one between two others
ORDINAL_GAP = 2**20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    key TEXT PRIMARY KEY,
    ordinal INTEGER NOT NULL,
    source TEXT,
    reuse_key TEXT,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_source ON docs (source);
CREATE TABLE IF NOT EXISTS spares (source TEXT PRIMARY KEY, reuse_key TEXT, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outline (
    key TEXT PRIMARY KEY, slots TEXT NOT NULL, paragraphs INTEGER NOT NULL, json TEXT NOT NULL
);
"""


# What an update reads of every document: lineage (symbol, type, session, body, committee, titles,
# agenda, stated drafts), coverage (agenda titles, pages), citation keys (resolution number)
OUTLINE_FIELDS = (
    "symbol",
    "body",
    "doc_type",
    "session",
    "committee",
    "agenda_items",
    "agenda_title",
    "agenda_titles",
    "date",
    "title",
    "resolution_number",
    "adopted_from",
    "related",
    "pages",
    "source",
)


@dataclass(frozen=True)
class Outline:
    """A document without its paragraphs, its paragraph count and its slot in each sort order:
    what an update needs of every other document (indexer/update.py)."""

    key: str
    slots: dict[str, int]
    paragraphs: int
    resolution: Resolution  # OUTLINE_FIELDS only: no paragraphs, sponsors or subjects


@dataclass(frozen=True)
class StoredSource:
    """What an earlier build knew about one source file, enough to reuse its parse."""

    key: str | None  # None for a spare (a duplicate symbol's source)
    reuse_key: str | None
    record: dict


def document_key(resolution: Resolution, taken: set[str]) -> str:
    """The symbol, else a stable id from the source path (stem first, whole path if the stem is taken)."""
    if resolution.symbol:
        return resolution.symbol
    source = Path(resolution.source or "untitled")
    key = source.stem
    if key in taken:
        key = str(source.with_suffix(""))
    unique, copy = key, 2
    while unique in taken:
        unique, copy = f"{key}-{copy}", copy + 1
    return unique


def keyed(resolutions: Iterable[Resolution]) -> list[tuple[str, Resolution]]:
    """(document key, resolution) in order, as every build assigns them."""
    taken: set[str] = set()
    pairs = []
    for resolution in resolutions:
        key = document_key(resolution, taken)
        taken.add(key)
        pairs.append((key, resolution))
    return pairs


class DocStore:
    """sqlite of Resolution JSON; writable while a build fills it, read-only for searchers."""

    def __init__(self, path: Path, writable: bool = False):
        self.path = Path(path)
        if not writable and not self.path.is_file():
            raise FileNotFoundError(f"no document store at {self.path}")
        self._db = layered.connect(self.path, writable)
        if writable and not layered.is_layered(self.path):  # a top has its base's tables
            self._db.executescript(_SCHEMA)

    def put(self, key: str, ordinal: int, resolution: Resolution, reuse_key: str | None) -> None:
        record = json.dumps(resolution.to_json(), ensure_ascii=False)
        self._db.execute(
            "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?)",
            (key, ordinal, resolution.source, reuse_key, record),
        )

    def put_spare(self, resolution: Resolution, reuse_key: str | None) -> None:
        """A parsed source not indexed (another file holds its symbol), kept so it is not re-read."""
        record = json.dumps(resolution.to_json(), ensure_ascii=False)
        self._db.execute(
            "INSERT OR REPLACE INTO spares VALUES (?, ?, ?)", (resolution.source, reuse_key, record)
        )

    def put_outline(self, key: str, resolution: Resolution, slots: dict[str, int]) -> None:
        record = {name: getattr(resolution, name) for name in OUTLINE_FIELDS}
        self._db.execute(
            "INSERT OR REPLACE INTO outline VALUES (?, ?, ?, ?)",
            (key, json.dumps(slots), len(resolution.paragraphs), json.dumps(record)),
        )

    def outlines(self) -> list[Outline]:
        """Every document's outline; empty for a build made before outlines were kept."""
        rows = self._db.execute("SELECT key, slots, paragraphs, json FROM outline")
        return [
            Outline(key, json.loads(slots), count, Resolution(**json.loads(record)))
            for key, slots, count, record in rows
        ]

    def outline(self, key: str) -> Outline:
        slots, count, record = self._db.execute(
            "SELECT slots, paragraphs, json FROM outline WHERE key = ?", (key,)
        ).fetchone()
        return Outline(key, json.loads(slots), count, Resolution(**json.loads(record)))

    def ordinal(self, key: str) -> int:
        return self._db.execute("SELECT ordinal FROM docs WHERE key = ?", (key,)).fetchone()[0]

    def reuse_key(self, key: str) -> str | None:
        return self._db.execute("SELECT reuse_key FROM docs WHERE key = ?", (key,)).fetchone()[0]

    def remove(self, key: str) -> None:
        self._db.execute("DELETE FROM docs WHERE key = ?", (key,))
        self._db.execute("DELETE FROM outline WHERE key = ?", (key,))

    def last_ordinal(self) -> int | None:
        return self._db.execute("SELECT max(ordinal) FROM docs").fetchone()[0]

    def ordinal_between(self, source: str) -> tuple[int | None, int | None]:
        """The ordinals of the documents just before and after `source` in source order."""
        before = self._db.execute(
            "SELECT max(ordinal) FROM docs WHERE source < ?", (source,)
        ).fetchone()[0]
        after = self._db.execute(
            "SELECT min(ordinal) FROM docs WHERE source > ?", (source,)
        ).fetchone()[0]
        return before, after

    def commit(self) -> None:
        self._db.commit()

    def get(self, key: str) -> Resolution | None:
        row = self._db.execute("SELECT json FROM docs WHERE key = ?", (key,)).fetchone()
        return Resolution.from_json(json.loads(row[0])) if row else None

    def keys(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT key FROM docs ORDER BY ordinal")]

    def items(self) -> Iterator[tuple[str, Resolution]]:
        """(key, Resolution) in build order."""
        for key, record in self._db.execute("SELECT key, json FROM docs ORDER BY ordinal"):
            yield key, Resolution.from_json(json.loads(record))

    def __len__(self) -> int:
        return layered.count(self._db, "docs")

    def sources(self) -> dict[str, StoredSource]:
        """source path -> what was parsed from it, for an incremental rebuild."""
        rows = self._db.execute(
            "SELECT source, key, reuse_key, json FROM docs"
            " UNION ALL SELECT source, NULL, reuse_key, json FROM spares"
        )
        return {
            source: StoredSource(key, reuse_key, json.loads(record))
            for source, key, reuse_key, record in rows
            if source
        }

    def source_keys(self) -> dict[str, tuple[str | None, str | None]]:
        """source path -> (document key, None for a spare; reuse key), without reading documents."""
        rows = self._db.execute(
            "SELECT source, key, reuse_key FROM docs"
            " UNION ALL SELECT source, NULL, reuse_key FROM spares"
        )
        return {source: (key, reuse_key) for source, key, reuse_key in rows if source}

    def spare_symbols(self) -> set[str]:
        """The symbols of the sources set aside as duplicates (another file holds each)."""
        rows = self._db.execute("SELECT json FROM spares")
        return {symbol for (record,) in rows if (symbol := json.loads(record).get("symbol"))}

    def close(self) -> None:
        self._db.close()
