"""Paragraph rows into a whoosh index: the same pre-analysed values the tantivy writer indexes."""

from __future__ import annotations

from pathlib import Path

from whoosh import analysis, fields, index

from indexer.engines.rows import (
    FACET_FIELDS,
    KEYWORD_FIELDS,
    RANK_FIELDS,
    SEPARATOR,
    Row,
    facet_key,
)

WRITER_MEMORY_MB = 256


def schema() -> fields.Schema:
    """Space-split text (already analysed), separator-split keyword values, sortable ranks."""
    words = analysis.SpaceSeparatedTokenizer()
    values = analysis.RegexTokenizer(rf"[^{SEPARATOR}]+")
    spec: dict[str, fields.FieldType] = {
        "stems": fields.TEXT(analyzer=words, phrase=True),
        "exact": fields.TEXT(analyzer=words, phrase=True),
        "session": fields.NUMERIC(int, bits=32),
        "year": fields.NUMERIC(int, bits=32),
        "doc_ord": fields.NUMERIC(int, bits=64, sortable=True),
        "meta": fields.STORED(),
    }
    for name in KEYWORD_FIELDS:
        spec[name] = fields.TEXT(analyzer=values, phrase=False)
    for name in FACET_FIELDS:
        spec[facet_key(name)] = fields.TEXT(analyzer=values, phrase=False)
    for name in RANK_FIELDS.values():
        spec[name] = fields.NUMERIC(int, bits=64, sortable=True)
    return fields.Schema(**spec)


class WhooshWriter:
    """Writes a fresh whoosh index directory; whoosh locks it against a second writer."""

    def __init__(self, directory: Path):
        directory.mkdir(parents=True, exist_ok=True)
        self.index = index.create_in(str(directory), schema())
        self._writer = self.index.writer(limitmb=WRITER_MEMORY_MB)

    def add(self, row: Row) -> None:
        document = {
            "stems": row.stems,
            "exact": row.exact,
            "doc_ord": row.doc_ord,
            "meta": row.meta,
            **row.ranks,
        }
        for name in KEYWORD_FIELDS:
            if row.keywords.get(name):
                document[name] = SEPARATOR.join(row.keywords[name])
        for name in FACET_FIELDS:
            if row.facets.get(name):
                document[facet_key(name)] = SEPARATOR.join(row.facets[name])
        if row.session is not None:
            document["session"] = row.session
        if row.year is not None:
            document["year"] = row.year
        self._writer.add_document(**document)

    def commit(self) -> None:
        self._writer.commit()

    def abort(self) -> None:
        self._writer.cancel()
