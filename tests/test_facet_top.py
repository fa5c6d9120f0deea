"""The facet values a page shows: the most frequent first, ties by value, the same as a full sort."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.engines.base import top_values


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
