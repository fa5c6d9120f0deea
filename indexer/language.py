"""Agreed-language tables computed once per index build, so document pages only look them up."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from pathlib import Path

from indexer.citations import build_citations, symbol_for_key
from indexer.families import THRESHOLD, build_families
from indexer.lineage import build_lineage, predecessors
from indexer.minhash import remembered_bands
from indexer.model import Resolution
from indexer.precedent import build_precedent
from search.store.docstore import keyed
from search.store.language_tables import DDL, FILENAME
from search.store.layout import SCHEMA_VERSION


def build_language(resolutions: list[Resolution], build_dir: Path) -> None:
    """Write build_dir/language.sqlite (provenance, lineage, citations) and precedent.sqlite.

    Both need every wording's MinHash bands: they are computed once, for the families.
    """
    with remembered_bands():
        _language_tables(resolutions, build_dir)


def _language_tables(resolutions: list[Resolution], build_dir: Path) -> None:
    build_dir = Path(build_dir)
    target = build_dir / FILENAME
    partial = build_dir / (FILENAME + ".partial")
    partial.unlink(missing_ok=True)
    resolutions = keyed_by_document_key(resolutions)
    lineage = build_lineage(resolutions)
    provenance = build_families(resolutions, predecessors(lineage))
    keys, citations = build_citations(
        resolutions, {symbol: record.adopted_as for symbol, record in lineage.items()}
    )
    connection = sqlite3.connect(partial)
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
        connection.executemany(
            "INSERT INTO lineage VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.symbol,
                    r.adopted_as,
                    r.draft_of,
                    json.dumps(r.revisions),
                    r.previous_session,
                    r.next_session,
                    json.dumps(r.evidence),
                )
                for r in lineage.values()
            ],
        )
        connection.executemany("INSERT INTO cite_keys VALUES (?, ?)", keys.items())
        connection.executemany(
            "INSERT INTO citations VALUES (?, ?, ?, ?)",
            [
                (c.key, keys.get(c.key) or symbol_for_key(c.key), c.citing, int(c.counted))
                for c in citations
            ],
        )
        connection.commit()
    finally:
        connection.close()
    os.replace(partial, target)
    build_precedent(resolutions, build_dir)


def keyed_by_document_key(resolutions: list[Resolution]) -> list[Resolution]:
    """A document without a symbol is looked up by its docstore key (file stem): use it as symbol."""
    return [
        resolution if resolution.symbol else dataclasses.replace(resolution, symbol=key)
        for key, resolution in keyed(resolutions)
    ]
