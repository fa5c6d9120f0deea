"""The pure-Python engine: AST nodes compiled to whoosh queries; facets from cached posting sets.

NEAR/n is a span query (SpanNear2, unordered, slop n): phrases inside it stay exact phrases.
Facet counts intersect the matching paragraphs with each value's postings, read once per searcher.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from whoosh import index, query
from whoosh.query import spans

from search.api import IndexUnavailable
from search.engines.base import EngineSearcher
from search.engines.compiler import Slot
from search.engines.rows import facet_key

MAX_PREFIX_TERMS = 1024


class WhooshSearcher(EngineSearcher[query.Query]):
    engine_name = "whoosh"

    def __init__(self, directory: Path):
        super().__init__(directory)
        try:
            self.index = index.open_dir(str(directory))
        except Exception as error:  # whoosh raises several unrelated types for a bad directory
            raise IndexUnavailable(
                f"cannot open the whoosh index at {directory}: {error}"
            ) from error
        self.searcher = self.index.searcher()
        self.reader = self.searcher.reader()
        self._postings: dict[str, dict[str, frozenset[int]]] = {}

    # --- compiling: one hook per query-node type ----------------------------------------
    def term(self, field: str, word: str) -> query.Query:
        return query.Term(field, word)

    def phrase(self, field: str, words: list[str]) -> query.Query:
        return query.Term(field, words[0]) if len(words) == 1 else query.Phrase(field, words)

    def prefix(self, field: str, prefix: str) -> query.Query:
        return query.Prefix(field, prefix)

    def near(self, field: str, left: list[Slot], right: list[Slot], distance: int) -> query.Query:
        sides = [self._span(field, left), self._span(field, right)]
        return spans.SpanNear2(sides, slop=distance, ordered=False)

    def keyword(self, field: str, value: str) -> query.Query:
        return query.ConstantScoreQuery(query.Term(field, value), 0.0)

    def range(self, field: str, low: int | None, high: int | None) -> query.Query:
        return query.ConstantScoreQuery(query.NumericRange(field, low, high), 0.0)

    def conjunction(
        self, positive: Sequence[query.Query], negative: Sequence[query.Query]
    ) -> query.Query:
        base = query.And(list(positive)) if len(positive) > 1 else (positive or [query.Every()])[0]
        return query.AndNot(base, query.Or(list(negative))) if negative else base

    def disjunction(self, clauses: Sequence[query.Query]) -> query.Query:
        return query.Or(list(clauses))

    def match_all(self) -> query.Query:
        return query.Every()

    def _span(self, field: str, slots: list[Slot]) -> query.Query:
        parts = [self._slot(field, slot) for slot in slots]
        return parts[0] if len(parts) == 1 else spans.SpanNear2(parts, slop=1, ordered=True)

    def _slot(self, field: str, slot: Slot) -> query.Query:
        kind, text = slot
        if kind == "term":
            return query.Term(field, text)
        words = list(self.reader.expand_prefix(field, text))[:MAX_PREFIX_TERMS]
        if not words:
            return query.NullQuery
        terms = [query.Term(field, w.decode() if isinstance(w, bytes) else w) for w in words]
        return spans.SpanOr(terms)

    # --- primitives -----------------------------------------------------------------------
    def top(self, q, sort_field, offset, limit):
        results = self.searcher.search(q, limit=offset + max(limit, 1), sortedby=sort_field)
        scored = self._scored(results, sort_field)[offset : offset + limit]
        return len(results), scored

    def every(self, q, sort_field):
        return self._scored(self.searcher.search(q, limit=None, sortedby=sort_field), sort_field)

    def rows(self, refs):
        return [self.searcher.stored_fields(ref)["meta"] for ref in refs]

    def document_ordinals(self, refs):
        column = self.reader.column_reader("doc_ord")
        return [column[ref] for ref in refs]

    def facet_counts(
        self, q: Any, fields: Sequence[str], limit: int | None = None
    ) -> dict[str, Counter]:
        if not fields:
            return {}
        matching = frozenset(q.docs(self.searcher))
        counts = {}
        for name in fields:
            postings = self._value_postings(name)
            found = {value: len(docs & matching) for value, docs in postings.items()}
            counts[name] = Counter({value: n for value, n in found.items() if n})
        return counts

    def paragraph_count(self) -> int:
        return self.searcher.doc_count()

    def close(self) -> None:
        self.searcher.close()

    def _value_postings(self, name: str) -> dict[str, frozenset[int]]:
        """value -> paragraphs having it; read once per searcher (a doc-values table)."""
        if name not in self._postings:
            field = facet_key(name)
            table = {}
            for value in self.reader.lexicon(field):
                docs = self.reader.postings(field, value).all_ids()
                text = value.decode() if isinstance(value, bytes) else value
                table[text] = frozenset(docs)
            self._postings[name] = table
        return self._postings[name]

    @staticmethod
    def _scored(results, sort_field) -> list[tuple[float, int]]:
        if sort_field is None:
            return [(score, docnum) for score, docnum in results.top_n]
        return [(0.0, docnum) for _, docnum in results.top_n]
