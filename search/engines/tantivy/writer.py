"""Paragraph rows into a tantivy index: a document's shared values converted once, then copied.

The project's analysis gives each paragraph's folded words (search.engines.tantivy.analysis);
tantivy splits and stems them in its writer threads. Measured per paragraph at 100k: tantivy's
regex tokenizer cost about 30 us per text field, Document.from_dict about 0.6 us per field, a copy
of a prepared Document about 1 us whatever it holds.
"""

from __future__ import annotations

import copy
import os
import shutil
from collections import Counter
from pathlib import Path

import tantivy

from search.engines.rows import PARAGRAPH_SLOTS, DocumentValues, Row, facet_key, keyword
from search.engines.tantivy.analysis import pre_tokenized, spaced_words
from search.engines.tantivy.rowfile import RowWriter, row_files
from search.engines.tantivy.schema import KEYWORD_ONLY, ROW, TEXT_FACETS, register, schema

HEAP_BYTES = 256_000_000  # per indexing thread
THREADS = 2  # Python prepares rows while two threads index them
_PARAGRAPH_KEYWORDS = frozenset({"cites"})  # set per row, the others per document
_PARAGRAPH_FACETS = frozenset({"kind", "verb"})


# what tantivy rewrites in place (by rename) or holds as locks: copied, never hard-linked
_MUTABLE = ("meta.json", ".managed.json")
# Each update writes one more row file, and the rows of the paragraphs it replaced stay in the
# older ones; past this many the next change is a full build, which writes one file again.
MAX_ROW_FILES = 64


def copy_index(source: Path, target: Path) -> None:
    """Another build's index for an update: segment files are immutable, so they are hard-linked."""
    target.mkdir(parents=True)
    for path in source.iterdir():
        if path.name in _MUTABLE:
            shutil.copy2(path, target / path.name)
        elif path.is_file() and not path.name.endswith(".lock"):
            os.link(path, target / path.name)


def worn(directory: Path) -> str | None:
    """Why the index should be rebuilt in full rather than updated again, if it should."""
    files = len(row_files(directory))
    if files <= MAX_ROW_FILES:
        return None
    return f"{files} row files (one per update since the last full build): a full build packs them"


class TantivyWriter:
    """The one writer of an index directory (tantivy allows one writer per index); an existing
    index there (a copy for an update) is opened, not replaced."""

    def __init__(self, directory: Path):
        directory.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(schema(), path=str(directory))
        register(self.index)
        self._writer = self.index.writer(HEAP_BYTES * THREADS, THREADS)
        self._document: DocumentValues | None = None
        self._template = tantivy.Document()
        self._rows = RowWriter(directory)
        self._ranks: list[tuple[str, int]] = []

    def add(self, row: Row) -> None:
        if row.document is not self._document:
            self._start(row.document)
        paragraph = row.paragraph
        document = copy.copy(self._template)
        document.add_text("kind_value", paragraph.kind)
        if paragraph.verb:
            document.add_text("verb_value", paragraph.verb)
        for cited in dict.fromkeys(paragraph.cites):
            document.add_text("cites", keyword(cited))
        for name, rank in self._ranks:
            document.add_integer(name, rank + row.index)
        document.add_unsigned(
            ROW,
            self._rows.paragraph(
                paragraph.id, paragraph.kind, paragraph.number, paragraph.verb, paragraph.text
            ),
        )
        words = spaced_words(row)
        if words is not None:  # tantivy splits (and stems) them in its writer threads
            document.add_text("exact", words)
            document.add_text("stems", words)
        else:
            exact, stems = pre_tokenized(paragraph.text)
            document.add_pre_tokenized_text("exact", exact)
            document.add_pre_tokenized_text("stems", stems)
        self._writer.add_document(document)

    def _start(self, values: DocumentValues) -> None:
        """The Document every paragraph of this document starts from: its shared values."""
        template = tantivy.Document()
        template.add_integer("doc_ord", values.doc_ord)
        for name in KEYWORD_ONLY:
            if name not in _PARAGRAPH_KEYWORDS:
                for value in values.keywords.get(name, ()):
                    template.add_text(name, value)
        for name in TEXT_FACETS:
            if name not in _PARAGRAPH_FACETS:
                for value in values.facets.get(name, ()):
                    template.add_text(facet_key(name), value)
        if values.session is not None:
            template.add_integer("session", values.session)
        if values.year is not None:
            template.add_integer("year", values.year)
        self._template = template
        self._rows.document({"symbol": values.key, **values.meta})
        self._ranks = [(name, rank * PARAGRAPH_SLOTS) for name, rank in values.orders.items()]
        self._document = values

    def delete_document(self, key: str) -> None:
        """Drop every paragraph of one document (applied at commit): its key is a raw symbol term."""
        self._writer.delete_documents_by_term("symbol", keyword(key))

    def commit(self) -> None:
        """Commit (the rows on disk first), wait for merges, and drop the segment files merges left
        behind: only files tantivy made, never the row files."""
        self._rows.close()
        self._document = None  # a row added after the commit goes to a new row file
        self._writer.commit()
        self._writer.wait_merging_threads()
        cleaner = self.index.writer(HEAP_BYTES // 8, 1)
        cleaner.garbage_collect_files()
        cleaner.wait_merging_threads()

    def vocabulary(self) -> Counter[str]:
        """Every indexed word and its paragraph count, from the committed term dictionary."""
        self.index.reload()
        return Counter(dict(self.index.searcher().terms_with_prefix("exact", "")))

    def abort(self) -> None:
        self._writer.rollback()
        self._rows.discard()
