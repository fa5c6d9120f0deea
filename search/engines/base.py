"""What every engine shares: request checks, filters, sorts, grouping, facets and hit rows.

An engine subclass supplies one QueryCompiler hook per query-node type and answers five primitive
questions (top hits, all hits, stored rows, document ordinals, facet counts). NEAR/n means the two
sides lie within n word positions of each other, in either order (NEAR/1: adjacent).
"""

from __future__ import annotations

import heapq
import time
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from search.api import (
    FACET_FIELDS,
    DocumentGroup,
    Hit,
    SearchRequest,
    SearchResults,
)
from search.ast import And, MatchAll, Near, Node, Or, Phrase, Prefix, Term
from search.engines.compiler import Q, QueryCompiler
from search.engines.rows import RANK_FIELDS
from search.request import ParsedRequest, parse_request
from search.snippets import highlight
from search.terms import HighlightTerms

T = TypeVar("T")
GROUP_HITS = 3
META_BATCH = 500
STREAM_BATCH = 20  # rows fetched at once by scan(): short steps, so a served stream shares the CPU


class EngineSearcher(QueryCompiler[Q], ABC):
    """search()/scan()/stats() on top of an engine's primitives and its QueryCompiler hooks."""

    engine_name = "abstract"

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._stats: dict[str, int] | None = None

    # --- primitives each engine provides -------------------------------------------------
    @abstractmethod
    def top(self, query: Q, sort_field: str | None, offset: int, limit: int) -> tuple[int, list]:
        """(total matches, [(score, ref)] for offset..offset+limit); sort_field None = by score."""

    @abstractmethod
    def every(self, query: Q, sort_field: str | None) -> list[tuple[float, Any]]:
        """Every match as (score, ref) in order."""

    @abstractmethod
    def rows(self, refs: Sequence[Any]) -> list[dict]:
        """The stored metadata of each ref."""

    @abstractmethod
    def document_ordinals(self, refs: Sequence[Any]) -> list[int]:
        """Which document each ref belongs to, for grouping."""

    @abstractmethod
    def facet_counts(
        self, query: Q, fields: Sequence[str], limit: int | None = None
    ) -> dict[str, Counter]:
        """value -> matching paragraphs for each facet field, over the whole result set.

        Given a limit, an engine may leave out the values below the limit-th count: a page shows
        the top values only, and top_values of the counts is the same.
        """

    @abstractmethod
    def paragraph_count(self) -> int: ...

    @abstractmethod
    def close(self) -> None:
        """Release the files the engine holds open."""

    # --- the Searcher protocol ------------------------------------------------------------
    def search(self, request: SearchRequest | ParsedRequest) -> SearchResults:
        started = time.perf_counter()
        parsed = parse_request(request)
        request, node = parsed.request, parsed.node
        query = self.compile(_conjoin(node, *parsed.filters.values()))
        sort_field = _sort_field(request.sort, node)
        offset = (request.page - 1) * request.page_size
        if request.group_by_document:
            results = self._grouped(parsed, query, sort_field, offset)
        else:
            total, scored = self.top(query, sort_field, offset, request.page_size)
            hits = self._hits(scored, parsed.terms, request.snippet_chars)
            results = SearchResults(request, total, hits)
        if request.facets:
            results.facets = self._facets(node, parsed.filters, request.facet_limit)
        results.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        return results

    def scan(self, request: SearchRequest | ParsedRequest) -> Iterator[Hit]:
        """Checks the request at once (QueryError before the first row), then streams the hits."""
        parsed = parse_request(request)
        query = self.compile(_conjoin(parsed.node, *parsed.filters.values()))
        scored = self.every(query, _sort_field(parsed.request.sort, parsed.node))
        return self._stream(scored, parsed.terms, parsed.request.snippet_chars)

    def _stream(self, scored: list, terms: HighlightTerms, chars: int) -> Iterator[Hit]:
        for start in range(0, len(scored), STREAM_BATCH):
            yield from self._hits(scored[start : start + STREAM_BATCH], terms, chars)

    def stats(self) -> dict[str, int]:
        """Counted once: a searcher reads one build, which never changes."""
        if self._stats is None:
            counts = self.facet_counts(self.compile(MatchAll()), ["session"])["session"]
            sessions = sorted(counts.items(), key=lambda item: int(item[0]))
            self._stats = {
                "paragraphs": self.paragraph_count(),
                **{f"session:{session}": count for session, count in sessions},
            }
        return dict(self._stats)

    # --- shared steps ---------------------------------------------------------------------
    def _hits(
        self, scored: Sequence[tuple[float, Any]], terms: HighlightTerms, chars: int
    ) -> list[Hit]:
        rows = self.rows([ref for _, ref in scored])
        return [
            _hit(row, score, terms, chars) for (score, _), row in zip(scored, rows, strict=True)
        ]

    def _grouped(
        self, parsed: ParsedRequest, query: Q, sort_field: str | None, offset: int
    ) -> SearchResults:
        """One entry per document in the order of its best paragraph, with its first 3 hits."""
        request = parsed.request
        scored = self.every(query, sort_field)
        ordinals = self.document_ordinals([ref for _, ref in scored])
        groups: dict[int, list[tuple[float, Any]]] = {}
        for item, ordinal in zip(scored, ordinals, strict=True):
            groups.setdefault(ordinal, []).append(item)
        page = list(groups.values())[offset : offset + request.page_size]
        entries, hits = [], []
        for members in page:
            best = self._hits(members[:GROUP_HITS], parsed.terms, request.snippet_chars)
            first = best[0]
            entries.append(
                DocumentGroup(
                    symbol=first.symbol,
                    title=first.title,
                    session=first.session,
                    committee=first.committee,
                    date=first.date,
                    score=max(score for score, _ in members),
                    hit_count=len(members),
                    hits=tuple(best),
                )
            )
            hits.extend(best)
        return SearchResults(request, len(scored), hits, entries, total_documents=len(groups))

    def _facets(self, node: Node, filters: Mapping[str, Node], limit: int) -> dict:
        """Multi-select: a field's counts apply every filter except the field's own."""
        shared = [name for name in FACET_FIELDS if name not in filters]
        query = self.compile(_conjoin(node, *filters.values()))
        counts = self.facet_counts(query, shared, limit)
        for name in FACET_FIELDS:
            if name in filters:
                others = [clause for other, clause in filters.items() if other != name]
                query = self.compile(_conjoin(node, *others))
                counts.update(self.facet_counts(query, [name], limit))
        return {name: top_values(counts[name], limit) for name in FACET_FIELDS}


def top_values(counts: Counter, limit: int) -> list[tuple[str, int]]:
    """The limit most frequent values, ties by value; only those at or above the limit-th count are sorted."""
    items: Iterable[tuple[str, int]] = counts.items()
    if len(counts) > limit > 0:
        floor = heapq.nlargest(limit, counts.values())[-1]
        items = [item for item in items if item[1] >= floor]
    return sorted(items, key=lambda item: (-item[1], item[0]))[:limit]


def has_text(node: Node) -> bool:
    """Whether anything in the query scores (words outside NOT); else relevance means newest."""
    if isinstance(node, Term | Phrase | Prefix | Near):
        return True
    if isinstance(node, And | Or):
        return any(has_text(child) for child in node.children)
    return False


def _conjoin(node: Node, *clauses: Node) -> Node:
    parts = [part for part in (node, *clauses) if not isinstance(part, MatchAll)]
    if not parts:
        return MatchAll()
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def _sort_field(sort: str, node: Node) -> str | None:
    if sort == "relevance":
        return None if has_text(node) else RANK_FIELDS["newest"]
    return RANK_FIELDS[sort]


def _hit(row: dict, score: float, terms: HighlightTerms, chars: int) -> Hit:
    """The Hit of a stored row, its fields set in one step (see _frozen)."""
    get = row.get
    return _frozen(
        Hit,
        symbol=row["symbol"],
        paragraph_id=row["paragraph_id"],
        kind=row["kind"],
        number=row["number"],
        session=row["session"],
        committee=row["committee"],
        title=row["title"],
        date=row["date"],
        body=row["body"],
        doc_type=row["doc_type"],
        verb=row["verb"],
        snippet_html=highlight(row["text"], terms, chars) if chars > 0 else "",
        score=round(float(score or 0.0), 4),
        text=row["text"],
        sponsors=tuple(get("sponsors", ())),
        draft_sponsors=tuple(get("draft_sponsors", ())),
        agenda_items=tuple(get("agenda_items", ())),
    )


def _frozen(cls: type[T], **fields: Any) -> T:
    """A frozen dataclass given every field: its __init__ would call object.__setattr__ per field.

    Built for every hit of every page, so the difference (about 1.3 us a hit) is worth the shortcut.
    """
    instance = object.__new__(cls)
    vars(instance).update(fields)
    return instance
