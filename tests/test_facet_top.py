"""The facet values a page shows: the most frequent first, ties by value, the same as a full sort;
an engine asked for a page of them may count fewer values but never changes which are shown."""

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.api import FACET_FIELDS
from search.engines.base import top_values
from search.engines.tantivy.searcher import leading
from search.parser import parse_query
from search.searcher import open_searcher


@pytest.mark.parametrize(
    ("counts", "limit", "expected"),
    [
        ({}, 10, []),
        ({"a": 1}, 10, [("a", 1)]),
        ({"b": 2, "a": 2, "c": 5}, 2, [("c", 5), ("a", 2)]),
        ({"b": 2, "a": 2, "c": 5}, 3, [("c", 5), ("a", 2), ("b", 2)]),
        ({"x": 3, "y": 3, "z": 3, "w": 1}, 2, [("x", 3), ("y", 3)]),
        ({"x": 1, "y": 9}, 1, [("y", 9)]),
    ],
)
def test_top_values_table(counts, limit, expected):
    assert top_values(Counter(counts), limit) == expected


@given(
    st.dictionaries(st.text(max_size=4), st.integers(min_value=1, max_value=6), max_size=60),
    st.integers(min_value=1, max_value=70),
)
def test_top_values_is_the_full_sort_cut(counts, limit):
    full = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    assert top_values(Counter(counts), limit) == full


def _buckets(counts: list[int]) -> list[dict]:
    return [{"key": str(index), "doc_count": count} for index, count in enumerate(counts)]


@pytest.mark.parametrize(
    ("counts", "limit", "kept"),
    [
        ([], 3, 0),
        ([5, 4], 3, 2),
        ([5, 4, 3, 2], None, 4),
        ([5, 4, 3, 2], 2, 2),
        ([5, 4, 4, 4, 1], 2, 4),  # every value tied with the second is kept
        ([7, 7, 7], 1, 3),
        ([9, 3, 2, 2], 3, 4),
    ],
)
def test_leading_buckets_keep_every_value_tied_with_the_last(counts, limit, kept):
    assert leading(_buckets(counts), limit) == _buckets(counts)[:kept]


@given(
    st.lists(st.integers(min_value=1, max_value=5), max_size=40),
    st.integers(min_value=1, max_value=45),
)
def test_top_values_of_the_leading_buckets_are_those_of_all(counts, limit):
    buckets = sorted(_buckets(counts), key=lambda bucket: -bucket["doc_count"])
    every = Counter({bucket["key"]: bucket["doc_count"] for bucket in buckets})
    kept = Counter({bucket["key"]: bucket["doc_count"] for bucket in leading(buckets, limit)})
    assert top_values(kept, limit) == top_values(every, limit)


@pytest.mark.parametrize("query", ["", "development", "capacity-building", "session:74"])
@pytest.mark.parametrize("limit", [1, 2, 3, 10])
def test_the_engine_counts_a_page_of_facets_as_it_counts_them_all(
    sample_index: Path, query: str, limit: int
) -> None:
    searcher = open_searcher(sample_index)
    engine = searcher._engine
    compiled = engine.compile(parse_query(query))
    every = engine.facet_counts(compiled, list(FACET_FIELDS))
    page = engine.facet_counts(compiled, list(FACET_FIELDS), limit)
    for name in FACET_FIELDS:
        assert set(page[name].items()) <= set(every[name].items())
        assert top_values(page[name], limit) == top_values(every[name], limit)
    assert any(len(page[name]) < len(every[name]) for name in FACET_FIELDS) or limit == 10
    searcher.close()
