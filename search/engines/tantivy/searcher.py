"""The default engine: AST nodes compiled to tantivy Query objects, facets by terms aggregation.

NEAR/n is two sloppy phrases (one per order) with slop n-1; when a side is itself a phrase its
words must also occur as that phrase in the paragraph (tantivy has no span queries).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any, cast

import tantivy

from search.api import IndexUnavailable
from search.ast import NUMERIC_FIELDS
from search.engines.base import EngineSearcher
from search.engines.compiler import Slot
from search.engines.rows import facet_key, keyword
from search.engines.tantivy.rowfile import RowReader
from search.engines.tantivy.schema import ROW, TWINNED, facet_column, register, schema
from search.parallel import both

Q = tantivy.Query
MUST, SHOULD, MUST_NOT = tantivy.Occur.Must, tantivy.Occur.Should, tantivy.Occur.MustNot
FACET_BUCKETS = 65_000  # every value; the shared layer sorts and trims


class TantivySearcher(EngineSearcher[tantivy.Query]):
    engine_name = "tantivy"

    def __init__(self, directory: Path):
        super().__init__(directory)
        try:
            self.index = tantivy.Index.open(str(directory))
        except ValueError as error:
            raise IndexUnavailable(
                f"cannot open the tantivy index at {directory}: {error}"
            ) from error
        register(self.index)
        self.schema = schema()
        self.searcher = self.index.searcher()
        self._rows = RowReader(directory)
        self._twins: dict[str, dict[str, list[str]]] = {}
        self._weights: dict[str, int] = {}

    # --- compiling: one hook per query-node type ----------------------------------------
    def term(self, field: str, word: str) -> tantivy.Query:
        return Q.term_query(self.schema, field, word)

    def phrase(self, field: str, words: list[str]) -> tantivy.Query:
        return self._phrase(field, [("term", word) for word in words])

    def prefix(self, field: str, prefix: str) -> tantivy.Query:
        return Q.regex_query(self.schema, field, re.escape(prefix) + ".*")

    def keyword(self, field: str, value: str) -> tantivy.Query:
        if field in TWINNED:  # indexed once, as the facet's printed values
            printed = self._printed(field).get(value)
            if not printed:
                return Q.empty_query()
            query = Q.term_set_query(self.schema, facet_key(field), printed)
        else:
            query = Q.term_query(self.schema, field, value)
        return Q.const_score_query(query, 0.0)

    def _printed(self, field: str) -> dict[str, list[str]]:
        """Folded keyword -> the facet's printed values of that form, from the term dictionary."""
        if field not in self._twins:
            printed: dict[str, list[str]] = {}
            for value, _ in self.searcher.terms_with_prefix(facet_key(field), ""):
                printed.setdefault(keyword(value), []).append(value)
            self._twins[field] = printed
        return self._twins[field]

    def range(self, field: str, low: int | None, high: int | None) -> tantivy.Query:
        query = Q.range_query(self.schema, field, tantivy.FieldType.Integer, low, high)
        return Q.const_score_query(query, 0.0)

    def conjunction(
        self, positive: Sequence[tantivy.Query], negative: Sequence[tantivy.Query]
    ) -> tantivy.Query:
        clauses = [(MUST, query) for query in positive] + [(MUST_NOT, query) for query in negative]
        if not positive:
            clauses.append((MUST, Q.all_query()))
        return Q.boolean_query(clauses)

    def disjunction(self, clauses: Sequence[tantivy.Query]) -> tantivy.Query:
        return Q.boolean_query([(SHOULD, query) for query in clauses])

    def match_all(self) -> tantivy.Query:
        return Q.all_query()

    def _phrase(self, field: str, slots: list[Slot], slop: int = 0) -> tantivy.Query:
        if len(slots) == 1 and slots[0][0] == "term":
            return Q.term_query(self.schema, field, slots[0][1])
        if any(kind == "prefix" for kind, _ in slots):
            patterns: list[str | tuple[int, str]] = [
                re.escape(text) + (".*" if kind == "prefix" else "") for kind, text in slots
            ]
            return Q.regex_phrase_query(self.schema, field, patterns, slop)
        if len(slots) == 1:
            return Q.regex_query(self.schema, field, re.escape(slots[0][1]) + ".*")
        return Q.phrase_query(self.schema, field, [text for _, text in slots], slop)

    def near(self, field: str, left: list[Slot], right: list[Slot], distance: int) -> tantivy.Query:
        slop = max(distance - 1, 0)
        either = Q.boolean_query(
            [
                (SHOULD, self._phrase(field, left + right, slop)),
                (SHOULD, self._phrase(field, right + left, slop)),
            ]
        )
        if len(left) == 1 and len(right) == 1:
            return either
        sides = [(MUST, self._phrase(field, side)) for side in (left, right) if len(side) > 1]
        return Q.boolean_query([(MUST, either), *sides])

    # --- primitives -----------------------------------------------------------------------
    def top(self, query, sort_field, offset, limit):
        if limit < 1:  # tantivy panics (a BaseException) on a limit of 0
            return self._count(query), []
        if sort_field is None:
            result = self.searcher.search(query, limit, count=True, offset=offset)
            return _total(result), list(result.hits)
        result = self.searcher.search(
            query,
            limit,
            count=True,
            order_by_field=sort_field,
            offset=offset,
            order=tantivy.Order.Asc,
        )
        return _total(result), [(0.0, address) for _, address in result.hits]

    def every(self, query, sort_field):
        total = self._count(query)
        if total == 0:
            return []
        return self.top(query, sort_field, 0, total)[1]

    def rows(self, refs):
        if not refs:
            return []
        values = self.searcher.fast_field_values(ROW, list(refs))
        return self._rows.rows(cast(list[int], values))  # every paragraph has one

    def document_ordinals(self, refs):
        return self.searcher.fast_field_values("doc_ord", list(refs)) if refs else []

    def facet_counts(
        self, query: Any, fields: Sequence[str], limit: int | None = None
    ) -> dict[str, Counter]:
        """Counted in two halves of about equal work at once (tantivy counts without the GIL)."""
        if len(fields) < 2:
            return self._aggregate(query, fields, limit)
        halves = self._halves(fields)
        first, second = both(
            partial(self._aggregate, query, halves[0], limit),
            partial(self._aggregate, query, halves[1], limit),
        )
        return first | second

    def _halves(self, fields: Sequence[str]) -> tuple[list[str], list[str]]:
        """The fields in two groups of about equal counting work, heaviest placed first."""
        halves: tuple[list[str], list[str]] = ([], [])
        loads = [0, 0]
        for name in sorted(fields, key=self._values_indexed, reverse=True):
            lighter = loads.index(min(loads))
            halves[lighter].append(name)
            loads[lighter] += self._values_indexed(name)
        return halves

    def _aggregate(
        self, query: Any, fields: Sequence[str], limit: int | None = None
    ) -> dict[str, Counter]:
        if not fields:
            return {}
        spec = {
            name: {
                "terms": {
                    "field": facet_column(name),
                    "size": FACET_BUCKETS,
                    "order": {"_count": "desc"},
                }
            }
            for name in fields
        }
        answer = self.searcher.aggregate(query, spec)
        counts = {}
        for name in fields:
            buckets = leading(answer[name]["buckets"], limit)
            if name in NUMERIC_FIELDS:  # integer keys, printed as the text facets print them
                counts[name] = Counter({str(int(b["key"])): b["doc_count"] for b in buckets})
            else:
                counts[name] = Counter({b["key"]: b["doc_count"] for b in buckets})
        return counts

    def _values_indexed(self, field: str) -> int:
        """How many values the field holds over all paragraphs: what counting it costs."""
        if field not in self._weights:
            if field in NUMERIC_FIELDS:  # one value at most a paragraph
                self._weights[field] = self.searcher.num_docs
            else:
                terms = self.searcher.terms_with_prefix(facet_key(field), "")
                self._weights[field] = sum(count for _, count in terms)
        return self._weights[field]

    def paragraph_count(self) -> int:
        return self.searcher.num_docs

    def close(self) -> None:
        """Dropping the searcher unmaps its segment files; the row files are unmapped here."""
        del self.searcher
        self._rows.close()

    def _count(self, query: Any) -> int:
        return _total(self.searcher.search(query, 1, count=True))


def leading(buckets: list[dict], limit: int | None) -> list[dict]:
    """Of buckets by falling count, those at or above the limit-th count (ties included)."""
    if limit is None or len(buckets) <= limit:
        return buckets
    floor = buckets[limit - 1]["doc_count"]
    end = limit
    while end < len(buckets) and buckets[end]["doc_count"] >= floor:
        end += 1
    return buckets[:end]


def _total(result: tantivy.SearchResult) -> int:
    """The match count search(count=True) returns; tantivy's type stub leaves the attribute out."""
    return result.count  # type: ignore[attr-defined]
