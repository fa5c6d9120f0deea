"""indexer/precedent.py for the documents of an update: rows added and removed in place.

A new document's paragraphs join the wording of identical stemmed words when one is stored (found
through its MinHash bands), else start one with its bands; adopted text adds its 5-word runs,
keeping the latest GRAM_POSTINGS paragraphs per run as a full build does.
"""

from __future__ import annotations

import sqlite3

from indexer.analysis import exact_words
from indexer.minhash import paragraph_words, shingles
from indexer.model import Resolution
from indexer.precedent import is_adopted
from search.store import layered
from search.store.precedent_tables import (
    GRAM_POSTINGS,
    band_keys,
    gram_hashes,
    pack_shingles,
    pack_text,
    unpack_text,
)


def add_precedent(precedent: sqlite3.Connection, resolution: Resolution) -> None:
    """indexer.precedent for one document: its paragraphs, new wordings with their bands, grams."""
    pid = layered.next_key(precedent, "paragraphs", "pid")
    next_group = layered.next_key(precedent, "wordings", "grp")
    adopted = int(is_adopted(resolution))
    for paragraph in resolution.paragraphs:
        words = paragraph_words(paragraph.text)
        if paragraph.kind == "footnote" or not words:
            continue
        grp = _wording(precedent, words)
        if grp is None:
            grp, next_group = next_group, next_group + 1
            hashes = shingles(words)
            precedent.execute("INSERT INTO wordings VALUES (?, ?)", (grp, pack_shingles(hashes)))
            precedent.executemany(
                "INSERT OR IGNORE INTO bands VALUES (?, ?)", [(k, grp) for k in band_keys(hashes)]
            )
        precedent.execute(
            "INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pid,
                grp,
                resolution.symbol,
                paragraph.id,
                paragraph.kind,
                adopted,
                resolution.date or "",
                pack_text(paragraph.text),
            ),
        )
        if adopted:
            _add_grams(precedent, pid, paragraph.text)
        pid += 1


def _wording(precedent: sqlite3.Connection, words: tuple[str, ...]) -> int | None:
    """The group of paragraphs with exactly these stemmed words, if one is stored."""
    hashes = shingles(words)
    packed = pack_shingles(hashes)
    keys = band_keys(hashes)
    for (grp,) in precedent.execute(
        f"SELECT DISTINCT grp FROM bands WHERE key IN ({','.join('?' * len(keys))})", keys
    ).fetchall():
        stored = precedent.execute("SELECT shingles FROM wordings WHERE grp = ?", (grp,)).fetchone()
        if stored is None or stored[0] != packed:
            continue
        text = precedent.execute(
            "SELECT text FROM paragraphs WHERE grp = ? LIMIT 1", (grp,)
        ).fetchone()
        if text is not None and paragraph_words(unpack_text(text[0])) == words:
            return grp
    return None


def _add_grams(precedent: sqlite3.Connection, pid: int, text: str) -> None:
    """The latest GRAM_POSTINGS adopted paragraphs per 5-word run: the added one is the latest."""
    for key in set(gram_hashes(exact_words(text))):
        precedent.execute("INSERT OR IGNORE INTO grams VALUES (?, ?)", (key, pid))
        found = precedent.execute("SELECT pid FROM grams WHERE key = ?", (key,))
        pids = [row[0] for row in found]
        if len(pids) <= GRAM_POSTINGS:
            continue
        marks = ",".join("?" * len(pids))  # two lookups: a join would read a layered store whole
        rows = precedent.execute(
            f"SELECT date, symbol, pid FROM paragraphs WHERE pid IN ({marks})", pids
        ).fetchall()
        rows.sort(key=lambda row: row[2])
        rows.sort(key=lambda row: (row[0], row[1]), reverse=True)  # latest first, stable on pid
        for _, _, old in rows[GRAM_POSTINGS:]:
            precedent.execute("DELETE FROM grams WHERE key = ? AND pid = ?", (key, old))


def forget_precedent(precedent: sqlite3.Connection, key: str) -> None:
    """A removed document's paragraphs and 5-word postings (its wordings stay, unused)."""
    for pid, packed in precedent.execute(
        "SELECT pid, text FROM paragraphs WHERE symbol = ?", (key,)
    ).fetchall():
        keys = set(gram_hashes(exact_words(unpack_text(packed))))
        precedent.executemany(
            "DELETE FROM grams WHERE key = ? AND pid = ?", [(k, pid) for k in keys]
        )
    precedent.execute("DELETE FROM paragraphs WHERE symbol = ?", (key,))
