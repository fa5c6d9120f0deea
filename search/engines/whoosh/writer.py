"""Paragraph rows into a whoosh index: the same pre-analysed values the tantivy writer indexes."""

from __future__ import annotations

import shutil
from pathlib import Path

from whoosh import index

from search.api import FACET_FIELDS
from search.ast import KEYWORD_FIELDS
from search.engines.rows import SEPARATOR, Row, facet_key, keyword
from search.engines.whoosh.schema import schema

WRITER_MEMORY_MB = 256


def copy_index(source: Path, target: Path) -> None:
    """Another build's index for an update: copied whole (whoosh may rewrite its files)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*WRITELOCK"))


class WhooshWriter:
    """Writes a fresh whoosh index directory; whoosh locks it against a second writer."""

    def __init__(self, directory: Path, existing: bool = False):
        directory.mkdir(parents=True, exist_ok=True)
        if existing:
            self.index = index.open_dir(str(directory))
        else:
            self.index = index.create_in(str(directory), schema())
        self._writer = self.index.writer(limitmb=WRITER_MEMORY_MB)

    @classmethod
    def existing(cls, directory: Path) -> WhooshWriter:
        """The writer of an index copied for an update."""
        return cls(directory, existing=True)

    def delete_document(self, key: str) -> None:
        self._writer.delete_by_term("symbol", keyword(key))

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
