"""The sample corpus through every engine: the same totals, rows in the same order, the same facets."""

from __future__ import annotations

import pytest

from search.api import SearchRequest
from search.searcher import open_searcher
from search.store import layout

SAMPLE_QUERIES = [
    "capacity-building",
    '"capacity building"',
    "implement",
    "women NEAR/5 girls",
    "develop*",
    "session:79..80 committee:third",
    "cites:65/230",
    "kind:op verb:request",
    "human rights -women",
    "sponsor:egypt body:ga",
    "type:resolution -sponsor:EGYPT",
]


@pytest.fixture(scope="module")
def sample_pair(sample_index, sample_index_whoosh, sample_index_sphinx):
    pair = tuple(open_searcher(i) for i in (sample_index, sample_index_whoosh, sample_index_sphinx))
    yield pair
    for searcher in pair:
        searcher.close()


@pytest.mark.parametrize("query", SAMPLE_QUERIES)
def test_engines_agree_on_the_sample_corpus(sample_pair, query):
    answers = []
    for searcher in sample_pair:
        request = SearchRequest(query, sort="symbol", facets=True, page_size=50)
        results = searcher.search(request)
        scanned = [(h.symbol, h.paragraph_id) for h in searcher.scan(request)]
        answers.append((results.total, scanned, results.facets))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] > 0


def test_vocabulary_is_the_same_counted_by_rows_or_by_terms(sample_index, sample_index_whoosh):
    """tantivy's build lists its term dictionary; whoosh's counts every row's words."""
    builds = [layout.current_build(index) for index in (sample_index, sample_index_whoosh)]
    tantivy_words, whoosh_words = (
        (build / layout.VOCABULARY).read_text(encoding="utf-8") for build in builds if build
    )
    assert tantivy_words == whoosh_words
    assert "capacity\t" in tantivy_words


def test_sample_corpus_features(sample_pair):
    tantivy_searcher = sample_pair[0]
    assert tantivy_searcher.stats()["documents"] >= 30
    seed = tantivy_searcher.document("000_812fe54646a34c6a")
    assert seed is not None and seed.session == 74
    hits = tantivy_searcher.search(SearchRequest("capacity-building", page_size=50)).hits
    assert any(h.symbol == "000_812fe54646a34c6a" for h in hits)
    assert all("<mark>" in h.snippet_html for h in hits)
    grouped = tantivy_searcher.search(SearchRequest("human rights", group_by_document=True))
    assert len({g.symbol for g in grouped.groups}) == len(grouped.groups)
