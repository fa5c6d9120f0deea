"""Phrase timeline and concordance over the sample index: counts, normalisation, first/last use, sorts."""

from __future__ import annotations

import pytest

from indexer.analysis import exact_words
from search.api import QueryError, SearchRequest
from search.concordance import concordance, symbol_key
from search.searcher import open_searcher
from search.timeline import timeline


@pytest.fixture(scope="module")
def searcher(sample_index):
    opened = open_searcher(sample_index)
    yield opened
    opened.close()


def test_timeline_counts_sessions_committees_and_first_last_use(searcher) -> None:
    result = timeline(searcher, SearchRequest(query='"Security Council"'))
    assert result.total == searcher.search(SearchRequest(query='"Security Council"')).total
    by_session = {s.session: s for s in result.sessions}
    assert set(by_session) >= {74, 79, 80}  # every session, zero counts included
    assert by_session[74].matches == 0
    assert by_session[80].paragraphs == searcher.stats()["session:80"]
    assert by_session[79].per_thousand == round(
        1000 * by_session[79].matches / by_session[79].paragraphs, 2
    )
    assert sum(s.matches for s in result.sessions) + result.without_session == result.total
    assert result.without_session > 0  # Security Council resolutions have no session
    assert sum(count for _, count in result.committees) == sum(s.matches for s in result.sessions)
    assert result.first is not None and result.last is not None
    assert result.first.symbol.startswith("S/RES/")  # the 1946-1993 resolutions come first
    assert result.last.date is not None and result.last.date >= "2025-01-01"


def test_timeline_of_nothing_and_bad_queries(searcher) -> None:
    empty = timeline(searcher, SearchRequest(query='"zzqx unheard wording"'))
    assert empty.total == 0 and empty.first is None and empty.last is None
    with pytest.raises(QueryError):
        timeline(searcher, SearchRequest(query='"unclosed'))


def test_concordance_rows_and_sorts(searcher) -> None:
    request = SearchRequest(query='"Security Council"')
    by_left = concordance(searcher, request, sort="left", width=30)
    assert by_left.rows and not by_left.truncated
    assert all(row.match.lower() == "security council" for row in by_left.rows)
    assert all(len(row.left) <= 30 and len(row.right) <= 30 for row in by_left.rows)
    lefts = [exact_words(row.left)[::-1] for row in by_left.rows]
    assert lefts == sorted(lefts)
    by_right = concordance(searcher, request, sort="right")
    rights = [exact_words(row.right) for row in by_right.rows]
    assert rights == sorted(rights)
    by_symbol = concordance(searcher, request, sort="symbol")
    assert [symbol_key(r.symbol) for r in by_symbol.rows] == sorted(
        symbol_key(r.symbol) for r in by_symbol.rows
    )
    by_session = concordance(searcher, request, sort="session")
    sessions = [r.session for r in by_session.rows if r.session is not None]
    assert sessions == sorted(sessions) and by_session.rows[-1].session is None
    assert len(by_left.rows) == len(by_right.rows) == len(by_session.rows)


def test_concordance_row_is_the_paragraph_text(searcher) -> None:
    rows = concordance(searcher, SearchRequest(query='"remain seized"'), width=500).rows
    for row in rows:
        text = searcher.document(row.symbol).paragraph(row.paragraph_id).text
        assert row.left + row.match + row.right in text
    assert len(concordance(searcher, SearchRequest(query="recall"), max_rows=3).rows) == 3
    with pytest.raises(QueryError):
        concordance(searcher, SearchRequest(query="recall"), sort="sideways")  # type: ignore[arg-type]
