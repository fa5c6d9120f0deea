"""Agreed-language tables computed once per index build, so document pages only look them up."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from indexer.alignment import align
from indexer.citations import build_citations, symbol_for_key
from indexer.families import THRESHOLD, Aligned, Ref, build_families
from indexer.lineage import LineageRecord, build_lineage, predecessors
from indexer.minhash import remembered_bands
from indexer.model import Resolution
from indexer.phrase_tables import meta as phrase_meta
from indexer.phrase_tables import write_phrase_tables
from indexer.precedent import build_precedent
from search.store import layered
from search.store.docstore import keyed
from search.store.language_tables import DDL, FILENAME, INSERT_LINEAGE
from search.store.layout import SCHEMA_VERSION


def build_language(resolutions: list[Resolution], build_dir: Path) -> dict[str, LineageRecord]:
    """Write build_dir/language.sqlite (provenance, lineage, citations, phrases) and
    precedent.sqlite; returns the lineage.

    Both need every wording's MinHash bands: they are computed once, for the families.
    """
    with remembered_bands():
        return _language_tables(resolutions, build_dir)


def _language_tables(resolutions: list[Resolution], build_dir: Path) -> dict[str, LineageRecord]:
    build_dir = Path(build_dir)
    target = build_dir / FILENAME
    partial = build_dir / (FILENAME + ".partial")
    partial.unlink(missing_ok=True)
    resolutions = keyed_by_document_key(resolutions)
    lineage = build_lineage(resolutions)
    provenance = build_families(
        resolutions, predecessors(lineage), aligned=alignments(resolutions, lineage)
    )
    keys, citations = build_citations(
        resolutions, {symbol: record.adopted_as for symbol, record in lineage.items()}
    )
    connection = layered.connect(partial, writable=True)
    try:
        connection.executescript(DDL)
        meta = {
            "schema_version": SCHEMA_VERSION,
            "threshold": THRESHOLD,
            "documents": len(lineage),
            "paragraphs": len(provenance),
        }
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in meta.items()]
        )
        connection.executemany(
            "INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    p.symbol,
                    p.paragraph_id,
                    position,
                    p.status,
                    *(p.source or (None, None)),
                    *(p.previous or (None, None)),
                    p.similarity,
                    *p.root,
                    p.diff_html,
                )
                for position, p in enumerate(provenance)
            ],
        )
        connection.executemany(INSERT_LINEAGE, [r.row() for r in lineage.values()])
        connection.executemany("INSERT INTO cite_keys VALUES (?, ?)", keys.items())
        connection.executemany(
            "INSERT INTO citations VALUES (?, ?, ?, ?)",
            [
                (c.key, keys.get(c.key) or symbol_for_key(c.key), c.citing, int(c.counted))
                for c in citations
            ],
        )
        roots = {(p.symbol, p.paragraph_id): p.root for p in provenance}
        phrases = write_phrase_tables(connection, resolutions, roots)
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [(k, str(v)) for k, v in {**phrase_meta(), "phrases": phrases}.items()],
        )
        connection.commit()
    finally:
        connection.close()
    os.replace(partial, target)
    build_precedent(resolutions, build_dir)
    return lineage


def alignments(
    resolutions: list[Resolution], lineage: dict[str, LineageRecord]
) -> dict[Ref, Aligned]:
    """Each document aligned with its draft, then its previous session's version: the pairs
    /compare shows decide the badges (paired: from that paragraph; unpaired: not from that text)."""
    documents = {r.symbol: r for r in resolutions if r.symbol}
    decided: dict[Ref, Aligned] = {}
    for symbol, record in lineage.items():
        later = documents.get(symbol)
        if later is None:
            continue
        excluded: set[str] = set()
        for earlier_symbol in (record.draft_of, record.previous_session):
            earlier = documents.get(earlier_symbol or "")
            if earlier is None:
                continue
            earlier_symbol = earlier.symbol or ""
            for pair in align(earlier.paragraphs, later.paragraphs, diffs=False):
                if pair.b is None:
                    continue
                ref = (symbol, pair.b)
                if ref in decided and decided[ref].previous:
                    continue
                if pair.a is not None:
                    decided[ref] = Aligned((earlier_symbol, pair.a), pair.status == "same")
                else:
                    decided[ref] = Aligned(None, excluded=frozenset({*excluded, earlier_symbol}))
            excluded.add(earlier_symbol)
    return decided


def keyed_by_document_key(resolutions: list[Resolution]) -> list[Resolution]:
    """A document without a symbol is looked up by its docstore key (file stem): use it as symbol."""
    return [
        resolution if resolution.symbol else dataclasses.replace(resolution, symbol=key)
        for key, resolution in keyed(resolutions)
    ]
