"""Concordance (key word in context): every occurrence of a query's words with the text either side."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Literal

from indexer.analysis import exact_words
from search.api import QueryError, Searcher, SearchRequest
from search.budget import Budget, pause
from search.request import ParsedRequest, parse_request
from search.snippets import marked_positions, words_of
from search.terms import HighlightTerms

ConcordanceSort = Literal["left", "right", "session", "symbol"]
SORTS: tuple[ConcordanceSort, ...] = ("left", "right", "session", "symbol")
MAX_ROWS = 5000  # a concordance past this is read as a sample; the page says so
CACHE_SIZE = 32  # recent concordances per process: re-sorting or exporting one costs no rescan
_CACHE: dict[tuple, tuple[list[ConcordanceRow], bool, bool]] = {}
_CACHE_LOCK = threading.Lock()


@dataclass(frozen=True)
class ConcordanceRow:
    left: str
    match: str
    right: str
    symbol: str
    paragraph_id: str
    session: int | None


@dataclass(frozen=True)
class Concordance:
    rows: list[ConcordanceRow]
    truncated: bool  # more occurrences than MAX_ROWS
    partial: bool = False  # the time budget ran out before every matching paragraph was read


def concordance(
    searcher: Searcher,
    request: SearchRequest | ParsedRequest,
    sort: ConcordanceSort = "left",
    width: int = 60,
    max_rows: int = MAX_ROWS,
    seconds: float | None = None,
) -> Concordance:
    """Rows for every highlighted run of words, read for at most `seconds`; QueryError for a bad query.

    A query with no word to show in context (`-disarmament`, `kind:op`) is refused: it would scan
    every paragraph to show nothing.
    """
    if sort not in SORTS:
        raise QueryError(f"unknown concordance sort {sort!r}: use one of {', '.join(SORTS)}")
    parsed = parse_request(request)
    if not parsed.terms:
        raise QueryError(
            "a concordance shows words in context: the query needs a word or phrase to look for "
            "(not only excluded words or field filters)"
        )
    build = str(getattr(searcher, "build_dir", id(searcher)))  # a new build starts afresh
    key = (build, parsed.request.query, parsed.request.filters, width, max_rows)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
    if cached is None:
        cached = _collect(searcher, parsed, width, max_rows, Budget(seconds))
        with _CACHE_LOCK:
            if not cached[2]:  # a result cut short by the clock is not kept: a later one may finish
                _CACHE[key] = cached
            while len(_CACHE) > CACHE_SIZE:
                _CACHE.pop(next(iter(_CACHE)))
    rows, truncated, partial = cached
    return Concordance(_sorted(rows, sort), truncated, partial)


def _sorted(rows: list[ConcordanceRow], sort: ConcordanceSort) -> list[ConcordanceRow]:
    """Sort keys made one by one with pauses: 5,000 rows take long enough to hold up others."""
    key = _SORT_KEYS[sort]
    keyed = []
    for index, row in enumerate(rows):
        keyed.append((key(row), index))
        pause()
    keyed.sort()
    return [rows[index] for _, index in keyed]


def _collect(
    searcher: Searcher, parsed: ParsedRequest, width: int, max_rows: int, budget: Budget
) -> tuple[list[ConcordanceRow], bool, bool]:
    """Occurrences in symbol order, up to max_rows or the budget; (rows, more rows, out of time)."""
    terms = parsed.terms
    rows: list[ConcordanceRow] = []
    for hit in searcher.scan(parsed.with_(sort="symbol", snippet_chars=0)):
        for start, end in _runs(hit.text, terms):
            rows.append(
                ConcordanceRow(
                    _left(hit.text[:start], width),
                    hit.text[start:end],
                    _right(hit.text[end:], width),
                    hit.symbol,
                    hit.paragraph_id,
                    hit.session,
                )
            )
        if len(rows) >= max_rows:
            return rows[:max_rows], True, False
        if budget.spent():
            return rows, False, True
    return rows, False, False


def _runs(text: str, terms: HighlightTerms) -> list[tuple[int, int]]:
    """Character spans of consecutive highlighted words (a phrase is one run)."""
    words = words_of(text)
    marked = sorted(marked_positions(words, terms))
    runs: list[tuple[int, int]] = []
    for position in marked:
        word = words[position]
        if runs and position - 1 in marked and runs[-1][1] == words[position - 1].end:
            runs[-1] = (runs[-1][0], word.end)
        else:
            runs.append((word.start, word.end))
    return runs


def _left(text: str, width: int) -> str:
    """The last `width` characters before the match, not starting mid-word."""
    if len(text) <= width:
        return text
    cut = text[-width:]
    return cut[cut.find(" ") + 1 :] if " " in cut else cut


def _right(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    cut = text[:width]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def symbol_key(symbol: str) -> tuple:
    """A/RES/80/9 before A/RES/80/10: numbers compared as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", symbol))


_SORT_KEYS = {
    "left": lambda r: (exact_words(r.left)[::-1], exact_words(r.match), symbol_key(r.symbol)),
    "right": lambda r: (exact_words(r.match), exact_words(r.right), symbol_key(r.symbol)),
    "session": lambda r: (r.session is None, r.session or 0, symbol_key(r.symbol)),
    "symbol": lambda r: (symbol_key(r.symbol), r.paragraph_id),
}
