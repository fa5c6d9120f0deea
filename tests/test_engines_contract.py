"""Every search behaviour of issue 3, run against each engine on a hand-made set (sample corpus: test_engines_agreement)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.build import index_resolutions
from search.api import QueryError, SearchRequest
from search.searcher import open_searcher
from tests.handmade import ALL, D1, D2, D3, D4, hand_made

ENGINES = ["tantivy", "whoosh", "sphinx"]


@pytest.fixture(scope="module", params=ENGINES)
def searcher(request, tmp_path_factory):
    index_dir = tmp_path_factory.mktemp(f"contract-{request.param}")
    options = {}
    if request.param == "sphinx":  # two shards on two local searchd nodes
        options["nodes"] = request.getfixturevalue("sphinx_cluster")("contract")
    index_resolutions(hand_made(), index_dir, engine=request.param, options=options)
    opened = open_searcher(index_dir)
    assert opened.engine_name == request.param
    yield opened
    opened.close()


def ids(searcher, query, **options) -> set[tuple[str, str]]:
    results = searcher.search(SearchRequest(query, page_size=100, **options))
    assert results.total == len(results.hits)
    return {(hit.symbol, hit.paragraph_id) for hit in results.hits}


def test_unquoted_words_match_by_stem(searcher):
    assert ids(searcher, "implementation") == {(D1, "pp1"), (D2, "op1"), (D4, "op1")}
    assert ids(searcher, "implementing") == ids(searcher, "implement")


def test_quoted_words_match_exactly(searcher):
    assert ids(searcher, '"implementing"') == {(D2, "op1")}
    assert ids(searcher, '"implementation of the programme"') == {(D1, "pp1")}
    assert ids(searcher, '"the implementation programme"') == set()


def test_hyphenated_compounds_find_both_spellings(searcher):
    both = {(D1, "op1"), (D2, "pp1")}
    assert ids(searcher, "capacity-building") == both
    assert ids(searcher, '"capacity-building"') == both
    assert ids(searcher, '"capacity building"') == both


def test_case_and_diacritics_fold(searcher):
    assert ids(searcher, "COTE") == {(D1, "op1")}
    assert ids(searcher, '"CÔTE D\'IVOIRE"') == {(D1, "op1")}


def test_boolean_operators(searcher):
    assert ids(searcher, "settlements OR seized") == {(D3, "op1"), (D1, "op2")}
    assert ids(searcher, "women -girls") == {(D4, "fn1")}
    assert ids(searcher, "women NOT girls") == {(D4, "fn1")}
    with_women = {(D2, "op1a"), (D3, "op2"), (D4, "op1"), (D4, "fn1")}
    assert len(ids(searcher, "NOT women")) == ALL - len(with_women)
    assert ids(searcher, "(settlements OR seized) matter") == {(D1, "op2")}


def test_near_counts_word_positions_in_either_order(searcher):
    assert ids(searcher, "women NEAR/2 girls") == {(D2, "op1a"), (D4, "op1")}
    assert ids(searcher, "women NEAR/1 girls") == set()
    assert ids(searcher, "women NEAR/4 girls") == {(D2, "op1a"), (D3, "op2"), (D4, "op1")}
    assert ids(searcher, '"rural areas" NEAR/4 women') == {(D2, "op1a")}
    assert ids(searcher, "settle* NEAR/3 establishment") == {(D3, "op1")}


def test_prefix(searcher):
    assert ids(searcher, "settle*") == {(D3, "op1")}
    assert ids(searcher, "develop*") == {(D2, "pp1"), (D2, "op1")}


@pytest.mark.parametrize(
    ("query", "documents"),
    [
        ("symbol:A/RES/74/1", {D1}),
        ("symbol:s/res/2334", {D3}),
        ("session:74", {D1, D4}),
        ("session:70..74", {D1, D2, D4}),
        ("session:..72", {D2}),
        ("year:2016", {D3}),
        ("year:2016..", {D1, D3, D4}),
        ("body:sc", {D3}),
        ("body:ga", {D1, D2, D4}),
        ("committee:third", {D1, D4}),
        ("committee:C.3", {D1, D4}),
        ('committee:"Third Committee"', {D1, D4}),
        ("agenda:107", {D1}),
        ("agenda:20a", {D2}),
        ("sponsor:france", {D1, D4}),
        ('sponsor:"cote d\'ivoire"', {D1}),
        ("type:draft", {D4}),
    ],
)
def test_document_fields(searcher, query, documents):
    assert {symbol for symbol, _ in ids(searcher, query)} == documents


def test_paragraph_fields(searcher):
    assert ids(searcher, "kind:subparagraph") == {(D2, "op1a")}
    assert ids(searcher, "kind:fn") == {(D4, "fn1")}
    assert len(ids(searcher, "kind:op")) == 6
    assert ids(searcher, "verb:requests") == {(D1, "op1")}
    assert ids(searcher, "cites:65/230") == {(D1, "pp1")}
    assert ids(searcher, "women session:74") == {(D4, "op1"), (D4, "fn1")}


def test_relevance_ranks_the_denser_paragraph_first(searcher):
    hits = searcher.search(SearchRequest("development")).hits
    assert [(h.symbol, h.paragraph_id) for h in hits] == [(D2, "op1"), (D2, "pp1")]
    assert hits[0].score > hits[1].score > 0


def order(searcher, sort, query=""):
    return [(h.symbol, h.paragraph_id) for h in searcher.scan(SearchRequest(query, sort=sort))]


def test_sorts(searcher):
    newest = order(searcher, "newest")
    assert [s for s, _ in newest] == [D1] * 3 + [D4] * 2 + [D3] * 2 + [D2] * 3
    assert newest[:3] == [(D1, "pp1"), (D1, "op1"), (D1, "op2")]
    oldest = order(searcher, "oldest")
    assert [s for s, _ in oldest] == [D2] * 3 + [D3] * 2 + [D4] * 2 + [D1] * 3
    assert [s for s, _ in order(searcher, "symbol")] == [D2] * 3 + [D1] * 3 + [D3] * 2 + [D4] * 2
    assert order(searcher, "relevance") == newest  # nothing scores: newest first
    assert order(searcher, "oldest", "women") == [
        (D2, "op1a"),
        (D3, "op2"),
        (D4, "op1"),
        (D4, "fn1"),
    ]


def test_paging_covers_every_match_once(searcher):
    pages = [
        searcher.search(SearchRequest("", sort="symbol", page=n, page_size=3))
        for n in (1, 2, 3, 4, 5)
    ]
    assert [len(p.hits) for p in pages] == [3, 3, 3, 1, 0]
    assert all(p.total == ALL for p in pages)
    paged = [(h.symbol, h.paragraph_id) for p in pages for h in p.hits]
    assert paged == order(searcher, "symbol")


def test_group_by_document(searcher):
    results = searcher.search(SearchRequest("women OR girls OR implement", group_by_document=True))
    assert results.total == 6
    assert results.total_documents == 4
    assert [g.symbol for g in results.groups].count(D4) == 1
    assert sum(g.hit_count for g in results.groups) == results.total
    by_symbol = {g.symbol: g for g in results.groups}
    assert by_symbol[D4].hit_count == 2 and len(by_symbol[D4].hits) == 2
    assert all(len(g.hits) <= 3 for g in results.groups)
    assert [g.score for g in results.groups] == sorted(
        (g.score for g in results.groups), reverse=True
    )
    page_two = searcher.search(
        SearchRequest("women OR girls OR implement", group_by_document=True, page=2, page_size=3)
    )
    assert len(page_two.groups) == 1 and page_two.total_documents == 4


def test_facets_count_the_whole_result_set(searcher):
    facets = searcher.search(SearchRequest("", facets=True, page_size=1)).facets
    assert dict(facets["committee"]) == {"Third Committee": 5, "Second Committee": 3}
    assert dict(facets["body"]) == {"General Assembly": 8, "Security Council": 2}
    assert dict(facets["session"]) == {"74": 5, "70": 3}
    assert dict(facets["sponsor"]) == {"France": 5, "Côte d’Ivoire": 3, "Brazil": 3}
    assert dict(facets["kind"]) == {
        "operative": 6,
        "preambular": 2,
        "subparagraph": 1,
        "footnote": 1,
    }
    assert dict(facets["type"]) == {"resolution": 8, "draft resolution": 2}
    assert dict(facets["agenda"]) == {"107": 3, "20 (a)": 3}
    assert facets["verb"][0] == ("call", 1)  # ties by value
    assert len(facets["verb"]) == 8
    limited = searcher.search(SearchRequest("", facets=True, facet_limit=2)).facets
    assert limited["verb"] == facets["verb"][:2]


def test_facets_are_multi_select(searcher):
    chosen = (("committee", "Third Committee"),)
    results = searcher.search(SearchRequest("", filters=chosen, facets=True))
    assert results.total == 5
    assert dict(results.facets["committee"]) == {"Third Committee": 5, "Second Committee": 3}
    assert dict(results.facets["session"]) == {"74": 5}
    both = (*chosen, ("committee", "Second Committee"), ("kind", "operative"))
    results = searcher.search(SearchRequest("", filters=both, facets=True))
    assert results.total == 4
    assert dict(results.facets["kind"]) == {
        "operative": 4,
        "preambular": 2,
        "subparagraph": 1,
        "footnote": 1,
    }
    assert dict(results.facets["committee"]) == {"Third Committee": 3, "Second Committee": 1}


def test_snippets_mark_matches_and_escape_the_rest(searcher):
    [hit] = searcher.search(SearchRequest('"implementing"')).hits
    assert "<mark>implementing</mark>" in hit.snippet_html
    [hit] = searcher.search(SearchRequest("seized")).hits
    assert "&lt;urgent&gt; &amp; important" in hit.snippet_html
    assert re.sub(r"</?mark>", "", hit.snippet_html).count("<") == 0
    hits = searcher.search(SearchRequest("implement")).hits
    assert all("<mark>implement" in h.snippet_html for h in hits)


@pytest.mark.parametrize(
    "query", ['"unbalanced', "(a OR b", "foo:bar", "session:80..70", "session:x", "OR women"]
)
def test_malformed_queries_raise_query_error(searcher, query):
    with pytest.raises(QueryError) as caught:
        searcher.search(SearchRequest(query))
    assert isinstance(caught.value.position, int)
    with pytest.raises(QueryError):
        searcher.scan(SearchRequest(query))  # raised before any row is streamed


@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest("women", page=0),
        SearchRequest("women", page_size=0),
        SearchRequest("women", sort="best"),  # type: ignore[arg-type]
        SearchRequest("women", filters=(("colour", "red"),)),
        SearchRequest("women", filters=(("committee", "seventh"),)),
    ],
)
def test_bad_requests_raise_query_error(searcher, request_):
    with pytest.raises(QueryError):
        searcher.search(request_)


def test_documents_and_stats(searcher):
    stats = searcher.stats()
    assert stats["documents"] == 4 and stats["paragraphs"] == ALL
    assert stats["session:74"] == 5 and stats["session:70"] == 3
    unsymbolled = searcher.document(D4)
    assert unsymbolled is not None and unsymbolled.source == "seeds/000_abc.txt"
    assert searcher.document(D1).title == "Capacity-building against cybercrime"
    assert searcher.document("A/RES/99/99") is None
    assert {r.title for r in searcher.documents()} == {r.title for r in hand_made()}


QUERY_PIECES = ["OR ", "NOT ", "AND ", "NEAR/2 ", "NEAR/0 ", "session:", "committee:", "women "]
QUERY_ALPHABET = st.sampled_from([*'abcé "()*-:/.’', *QUERY_PIECES])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.lists(QUERY_ALPHABET, max_size=12).map("".join))
def test_any_query_gives_results_or_a_query_error(searcher, query):
    try:
        results = searcher.search(
            SearchRequest(query, facets=True, group_by_document=len(query) % 2 == 0)
        )
    except QueryError as error:
        assert error.position is None or 0 <= error.position <= len(query)
        return
    assert 0 <= len(results.hits) <= results.total <= ALL
