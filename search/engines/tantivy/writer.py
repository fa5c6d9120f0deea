"""Paragraph rows into a tantivy index: text analysed in its writer threads, fast fields for facets."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import tantivy

from search.api import FACET_FIELDS
from search.ast import KEYWORD_FIELDS
from search.engines.rows import Row, facet_key, keyword
from search.engines.tantivy.analysis import native, pre_tokenized
from search.engines.tantivy.schema import register, schema

HEAP_BYTES = 256_000_000


# what tantivy rewrites in place (by rename) or holds as locks: copied, never hard-linked
_MUTABLE = ("meta.json", ".managed.json")


def copy_index(source: Path, target: Path) -> None:
    """Another build's index for an update: segment files are immutable, so they are hard-linked."""
    target.mkdir(parents=True)
    for path in source.iterdir():
        if path.name in _MUTABLE:
            shutil.copy2(path, target / path.name)
        elif path.is_file() and not path.name.endswith(".lock"):
            os.link(path, target / path.name)


class TantivyWriter:
    """The one writer of an index directory (tantivy allows one writer per index); an existing
    index there (a copy for an update) is opened, not replaced."""

    def __init__(self, directory: Path):
        directory.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(schema(), path=str(directory))
        register(self.index)
        self._writer = self.index.writer(HEAP_BYTES, 1)

    def add(self, row: Row) -> None:
        document = tantivy.Document()
        if native(row.text):  # tantivy's analysers give the project's tokens
            document.add_text("stems", row.text)
            document.add_text("exact", row.text)
        else:
            exact, stems = pre_tokenized(row.text)
            document.add_pre_tokenized_text("stems", stems)
            document.add_pre_tokenized_text("exact", exact)
        for name in KEYWORD_FIELDS:
            for value in row.keywords.get(name, ()):
                document.add_text(name, value)
        for name in FACET_FIELDS:
            for value in row.facets.get(name, ()):
                document.add_text(facet_key(name), value)
        if row.session is not None:
            document.add_integer("session", row.session)
        if row.year is not None:
            document.add_integer("year", row.year)
        document.add_integer("doc_ord", row.doc_ord)
        for name, rank in row.ranks.items():
            document.add_integer(name, rank)
        document.add_bytes("meta", json.dumps(row.meta, ensure_ascii=False).encode())
        self._writer.add_document(document)

    def delete_document(self, key: str) -> None:
        """Drop every paragraph of one document (applied at commit): its key is a raw symbol term."""
        self._writer.delete_documents_by_term("symbol", keyword(key))

    def commit(self) -> None:
        """Commit, wait for merges, and drop the segment files merges left behind."""
        self._writer.commit()
        self._writer.wait_merging_threads()
        cleaner = self.index.writer(HEAP_BYTES // 8, 1)
        cleaner.garbage_collect_files()
        cleaner.wait_merging_threads()

    def abort(self) -> None:
        self._writer.rollback()
