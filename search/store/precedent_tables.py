"""precedent.sqlite: what `agreed check` looks a draft's paragraphs up in; written by indexer.precedent.

Beside language.sqlite in every build, four tables:
  paragraphs  every non-footnote paragraph with its text (zlib), document, date, whether adopted;
              `grp` numbers the distinct wordings (identical stemmed words), as paragraph families do
  wordings    each wording's 3-word shingles (32-bit), to confirm a candidate without its text
  bands       MinHash LSH band -> wording (the families' signatures, 32 bands of 2 rows), to find
              near-duplicates of a draft paragraph without scanning
  grams       hashed run of 5 folded words -> adopted paragraphs holding it (the latest GRAM_POSTINGS),
              to mark a draft's spans of 5+ words that occur verbatim in adopted resolutions
The hashing and packing below are shared by the writer and the reader.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable, Sequence

from indexer.minhash import band_hashes

FILENAME = "precedent.sqlite"
FORMAT_VERSION = 3  # recorded in its meta table; a reader refuses another
GRAM = 5  # words in a span worth citing as agreed language
GRAM_POSTINGS = 8  # adopted paragraphs kept per 5-word run: the latest ones

DDL = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE paragraphs (
    pid INTEGER PRIMARY KEY, grp INTEGER NOT NULL, symbol TEXT NOT NULL, paragraph_id TEXT NOT NULL,
    kind TEXT NOT NULL, adopted INTEGER NOT NULL, date TEXT NOT NULL, text BLOB NOT NULL
);
CREATE TABLE wordings (grp INTEGER PRIMARY KEY, shingles BLOB NOT NULL);
CREATE TABLE bands (key INTEGER NOT NULL, grp INTEGER NOT NULL, PRIMARY KEY (key, grp)) WITHOUT ROWID;
CREATE TABLE grams (key INTEGER NOT NULL, pid INTEGER NOT NULL, PRIMARY KEY (key, pid)) WITHOUT ROWID;
"""
INDEXES = "CREATE INDEX paragraphs_grp ON paragraphs (grp);"


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
