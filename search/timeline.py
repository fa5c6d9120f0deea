"""Phrase timeline: how often a query's wording is used per session and committee, and when first and last."""

from __future__ import annotations

from dataclasses import dataclass, field

from search.api import Hit, Searcher, SearchRequest
from search.ast import And, FieldMatch, MatchAll, Near, Node, Not, Or, Phrase, Prefix, Range, Term
from search.query_values import field_clause
from search.request import ParsedRequest, parse_request

_ALL_VALUES = 10_000  # facet values to ask for: every session and committee of the corpus


@dataclass(frozen=True)
class SessionUse:
    """Matching paragraphs of one session, and their share of all the session's paragraphs."""

    session: int
    matches: int
    paragraphs: int  # every paragraph of the session, the normaliser

    @property
    def per_thousand(self) -> float:
        return round(1000 * self.matches / self.paragraphs, 2) if self.paragraphs else 0.0


@dataclass(frozen=True)
class YearUse:
    """Matching paragraphs of the Security Council texts of one year (they have no session)."""

    year: int
    matches: int
    paragraphs: int  # the year's Security Council paragraphs that meet the query's conditions

    @property
    def per_thousand(self) -> float:
        return round(1000 * self.matches / self.paragraphs, 2) if self.paragraphs else 0.0


@dataclass(frozen=True)
class Use:
    """One dated occurrence, for the first and last use of the wording."""

    symbol: str
    paragraph_id: str
    date: str | None
    session: int | None


@dataclass(frozen=True)
class Timeline:
    query: str
    total: int  # matching paragraphs, with or without a session
    sessions: list[SessionUse]  # every session of the corpus, oldest first, zero counts included
    committees: list[tuple[str, int]]  # most matches first
    without_session: int  # matches in documents of no session (Security Council)
    first: Use | None
    last: Use | None
    years: list[YearUse] = field(default_factory=list)  # Security Council texts, oldest first


def timeline(searcher: Searcher, request: SearchRequest | ParsedRequest) -> Timeline:
    """Counts from the engine's facets over the whole result set; raises QueryError for a bad query."""
    parsed = parse_request(request)
    counted = searcher.search(
        parsed.with_(
            facets=True,
            facet_limit=_ALL_VALUES,
            page=1,
            page_size=1,
            sort="oldest",
            group_by_document=False,
        )
    )
    newest = searcher.search(
        parsed.with_(facets=False, page=1, page_size=1, sort="newest", group_by_document=False)
    )
    matches = _numbers(counted.facets.get("session", []))
    sizes = _numbers(_counts(searcher, parsed, conditions(parsed.node)).get("session", []))
    sessions = [
        SessionUse(session, matches.get(session, 0), sizes.get(session, 0))
        for session in sorted(set(sizes) | set(matches))
    ]
    return Timeline(
        query=parsed.request.query,
        total=counted.total,
        sessions=sessions,
        committees=list(counted.facets.get("committee", [])),
        without_session=counted.total - sum(matches.values()),
        first=_use(counted.hits),
        last=_use(newest.hits),
        years=_years(searcher, parsed),
    )


def conditions(node: Node) -> Node:
    """The query without its wording: the field conditions every counted paragraph must meet.

    A clause mixing words and fields under OR (or NOT) cannot be split and counts as no condition.
    """
    if isinstance(node, FieldMatch | Range):
        return node
    if isinstance(node, And):
        kept: list[Node] = [
            c for child in node.children if not isinstance(c := conditions(child), MatchAll)
        ]
        if not kept:
            return MatchAll()
        if all(isinstance(child, Not) for child in kept):
            kept.insert(0, MatchAll())  # engines need a positive clause beside a NOT
        return kept[0] if len(kept) == 1 else And(tuple(kept))
    if isinstance(node, Or | Not) and not has_text(node):
        return node
    return MatchAll()


def has_text(node: Node) -> bool:
    """Whether any word, phrase or prefix is in the clause."""
    if isinstance(node, Term | Phrase | Prefix | Near):
        return True
    if isinstance(node, And | Or):
        return any(has_text(child) for child in node.children)
    if isinstance(node, Not):
        return has_text(node.child)
    return False


def _counts(
    searcher: Searcher, parsed: ParsedRequest, node: Node
) -> dict[str, list[tuple[str, int]]]:
    """Facet counts of the paragraphs matching node and the request's facet selections."""
    request = parsed.with_(facets=True, facet_limit=_ALL_VALUES, page=1, page_size=1).request
    return searcher.search(ParsedRequest(request, node, parsed.filters)).facets


def _years(searcher: Searcher, parsed: ParsedRequest) -> list[YearUse]:
    """Security Council texts have no session: their matches and denominators by year."""
    council = field_clause("body", "Security Council", 0)
    matches = _numbers(_counts(searcher, parsed, _both(parsed.node, council)).get("year", []))
    if not matches:
        return []
    sizes = _numbers(
        _counts(searcher, parsed, _both(conditions(parsed.node), council)).get("year", [])
    )
    return [YearUse(year, matches.get(year, 0), sizes[year]) for year in sorted(sizes)]


def _both(node: Node, clause: Node) -> Node:
    return clause if isinstance(node, MatchAll) else And((node, clause))


def _numbers(values: list[tuple[str, int]]) -> dict[int, int]:
    return {int(value): count for value, count in values if str(value).isdigit()}


def _use(hits: list[Hit]) -> Use | None:
    if not hits:
        return None
    hit = hits[0]
    return Use(hit.symbol, hit.paragraph_id, hit.date, hit.session)
