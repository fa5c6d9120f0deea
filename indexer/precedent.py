"""Precedent tables (search/store/precedent_tables.py): written once per build, beside the language tables."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from indexer import lineage
from indexer.analysis import exact_words
from indexer.minhash import paragraph_words, shingles
from indexer.model import Resolution
from search.store import layered
from search.store.precedent_tables import (
    DDL,
    FILENAME,
    FORMAT_VERSION,
    GRAM_POSTINGS,
    INDEXES,
    band_keys,
    gram_hashes,
    pack_shingles,
    pack_text,
)


def is_adopted(resolution: Resolution) -> bool:
    """Adopted text (a resolution, or a decision), as opposed to a draft, revision or amendment."""
    decision = resolution.doc_type == "decision" and not lineage.is_draft(resolution)
    return lineage.is_adopted(resolution) or decision


def build_precedent(resolutions: Iterable[Resolution], build_dir: Path) -> dict[str, int]:
    """Write build_dir/precedent.sqlite (atomically); returns its row counts for the build report."""
    target = Path(build_dir) / FILENAME
    partial = target.with_name(FILENAME + ".partial")
    partial.unlink(missing_ok=True)
    rows, wordings = _paragraph_rows(resolutions)
    connection = layered.connect(partial, writable=True)
    try:
        connection.executescript(DDL)
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
        meta = {"schema_version": FORMAT_VERSION, **counts}
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in meta.items()]
        )
        connection.executescript(INDEXES)
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
