"""Precedent tables: what `agreed check` looks a draft's paragraphs up in, written once per build.

precedent.sqlite, beside language.sqlite, holds three tables:
  paragraphs  every non-footnote paragraph with its text (zlib), document, date, whether adopted;
              `grp` numbers the distinct wordings (identical stemmed words), as paragraph families do
  wordings    each wording's 3-word shingles (32-bit), to confirm a candidate without its text
  bands       MinHash LSH band -> wording (the families' signatures, 32 bands of 2 rows), to find
              near-duplicates of a draft paragraph without scanning
  grams       hashed run of 5 folded words -> adopted paragraphs holding it (the latest GRAM_POSTINGS),
              to mark a draft's spans of 5+ words that occur verbatim in adopted resolutions
"""

from __future__ import annotations

import os
import sqlite3
import zlib
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path

from indexer import lineage
from indexer.analysis import exact_words
from indexer.minhash import band_hashes, paragraph_words, shingles
from indexer.model import Resolution

FILENAME = "precedent.sqlite"
SCHEMA_VERSION = 3
GRAM = 5  # words in a span worth citing as agreed language
GRAM_POSTINGS = 8  # adopted paragraphs kept per 5-word run: the latest ones

_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE paragraphs (
    pid INTEGER PRIMARY KEY, grp INTEGER NOT NULL, symbol TEXT NOT NULL, paragraph_id TEXT NOT NULL,
    kind TEXT NOT NULL, adopted INTEGER NOT NULL, date TEXT NOT NULL, text BLOB NOT NULL
);
CREATE TABLE wordings (grp INTEGER PRIMARY KEY, shingles BLOB NOT NULL);
CREATE TABLE bands (key INTEGER NOT NULL, grp INTEGER NOT NULL, PRIMARY KEY (key, grp)) WITHOUT ROWID;
CREATE TABLE grams (key INTEGER NOT NULL, pid INTEGER NOT NULL, PRIMARY KEY (key, pid)) WITHOUT ROWID;
"""
_INDEXES = "CREATE INDEX paragraphs_grp ON paragraphs (grp);"


def is_adopted(resolution: Resolution) -> bool:
    """Adopted text (a resolution, or a decision), as opposed to a draft, revision or amendment."""
    decision = resolution.doc_type == "decision" and not lineage.is_draft(resolution)
    return lineage.is_adopted(resolution) or decision


def gram_hashes(words: Sequence[str]) -> list[int]:
    """One 31-bit hash per run of GRAM consecutive folded words, in order (none for a shorter text).

    31 bits keep the table small (sqlite stores them in 4 bytes); the rare collision costs nothing
    because every span is checked word for word against its source.
    """
    return [
        zlib.crc32(" ".join(words[i : i + GRAM]).encode()) >> 1
        for i in range(len(words) - GRAM + 1)
    ]


def band_keys(hashes: frozenset[int]) -> list[int]:
    """The families' MinHash bands as 31-bit keys (candidates are confirmed by Jaccard)."""
    return [value >> 32 for value in band_hashes(hashes)]


def short_shingles(hashes: Iterable[int]) -> frozenset[int]:
    """Shingle hashes cut to 32 bits, as stored: Jaccard on them equals the full one but for rare collisions."""
    return frozenset(h & 0xFFFFFFFF for h in hashes)


def pack_shingles(hashes: Iterable[int]) -> bytes:
    return array("I", sorted(short_shingles(hashes))).tobytes()


def unpack_shingles(stored: bytes) -> frozenset[int]:
    values = array("I")
    values.frombytes(stored)
    return frozenset(values)


def pack_text(text: str) -> bytes:
    return zlib.compress(text.encode(), 6)


def unpack_text(stored: bytes) -> str:
    return zlib.decompress(stored).decode()


def build_precedent(resolutions: Iterable[Resolution], build_dir: Path) -> dict[str, int]:
    """Write build_dir/precedent.sqlite (atomically); returns its row counts for the build report."""
    target = Path(build_dir) / FILENAME
    partial = target.with_name(FILENAME + ".partial")
    partial.unlink(missing_ok=True)
    rows, wordings = _paragraph_rows(resolutions)
    connection = sqlite3.connect(partial)
    try:
        connection.executescript(_SCHEMA)
        connection.executemany(
            "INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row[:7], pack_text(row[7])) for row in rows],
        )
        bands: set[tuple[int, int]] = set()
        packed = []
        for grp, words in enumerate(wordings):
            hashes = shingles(words)
            bands.update((key, grp) for key in band_keys(hashes))
            packed.append((grp, pack_shingles(hashes)))
        connection.executemany("INSERT INTO wordings VALUES (?, ?)", packed)
        connection.executemany("INSERT INTO bands VALUES (?, ?)", sorted(bands))
        grams = _gram_postings(rows)
        connection.executemany("INSERT INTO grams VALUES (?, ?)", grams)
        counts = {
            "paragraphs": len(rows),
            "wordings": len(wordings),
            "bands": len(bands),
            "grams": len(grams),
        }
        meta = {"schema_version": SCHEMA_VERSION, **counts}
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in meta.items()]
        )
        connection.executescript(_INDEXES)
        connection.commit()
    finally:
        connection.close()
    os.replace(partial, target)
    return counts


def _paragraph_rows(resolutions: Iterable[Resolution]) -> tuple[list[tuple], list[tuple[str, ...]]]:
    """(pid, grp, symbol, paragraph_id, kind, adopted, date, text) per paragraph; the distinct wordings."""
    rows: list[tuple] = []
    groups: dict[tuple[str, ...], int] = {}
    seen: set[str] = set()
    for resolution in resolutions:
        if not resolution.symbol or resolution.symbol in seen:
            continue
        seen.add(resolution.symbol)
        adopted = int(is_adopted(resolution))
        for paragraph in resolution.paragraphs:
            words = paragraph_words(paragraph.text)
            if paragraph.kind == "footnote" or not words:
                continue
            grp = groups.setdefault(words, len(groups))
            rows.append(
                (
                    len(rows),
                    grp,
                    resolution.symbol,
                    paragraph.id,
                    paragraph.kind,
                    adopted,
                    resolution.date or "",
                    paragraph.text,
                )
            )
    return rows, list(groups)


def _gram_postings(rows: list[tuple]) -> list[tuple[int, int]]:
    """(5-gram hash, pid) for adopted paragraphs, at most GRAM_POSTINGS per hash, latest documents first."""
    postings: dict[int, list[int]] = {}
    adopted = sorted(
        (row for row in rows if row[5]), key=lambda row: (row[6], row[2]), reverse=True
    )
    for row in adopted:
        pid = row[0]
        for key in set(gram_hashes(exact_words(row[7]))):
            kept = postings.setdefault(key, [])
            if len(kept) < GRAM_POSTINGS:
                kept.append(pid)
    return sorted((key, pid) for key, pids in postings.items() for pid in pids)
