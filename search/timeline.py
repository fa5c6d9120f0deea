"""Phrase timeline: how often a query's wording is used per session and committee, and when first and last."""

from __future__ import annotations

from dataclasses import dataclass

from search.api import Hit, Searcher, SearchRequest
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
    matches = {int(value): count for value, count in counted.facets.get("session", [])}
    stats = searcher.stats()
    sizes = {
        int(key.split(":", 1)[1]): count
        for key, count in stats.items()
        if key.startswith("session:")
    }
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
    )


def _use(hits: list[Hit]) -> Use | None:
    if not hits:
        return None
    hit = hits[0]
    return Use(hit.symbol, hit.paragraph_id, hit.date, hit.session)
