"""describe() and query_terms(): what a parsed query reads as, and what it asks to highlight."""

from __future__ import annotations

import pytest

from search.parser import describe, parse_query, query_terms
from search.terms import HighlightTerms

DESCRIPTIONS = [
    (
        "capacity-building",
        (("session", "74"), ("committee", "Third Committee")),
        'paragraphs matching "capacity-building" in the 74th session, Third Committee',
    ),
    ("", (), "all paragraphs"),
    ("", (("kind", "operative"),), "all operative paragraphs"),
    ("climate change", (), 'paragraphs matching "climate" and "change"'),
    (
        '"sustainable development" OR develop*',
        (),
        'paragraphs matching "sustainable development" or "develop*"',
    ),
    ("a (b OR c)", (), 'paragraphs matching "a" and ("b" or "c")'),
    ("women NEAR/5 violence", (), 'paragraphs matching "women" within 5 words of "violence"'),
    ("-war", (), 'paragraphs without "war"'),
    ("water session:70..74", (), 'paragraphs matching "water" in sessions 70–74'),
    ("water session:..74", (), 'paragraphs matching "water" up to the 74th session'),
    ("water year:2019..", (), 'paragraphs matching "water" from 2019'),
    (
        "water",
        (("session", "71"), ("session", "72"), ("session", "73")),
        'paragraphs matching "water" in the 71st, 72nd or 73rd session',
    ),
    ("kind:op sponsor:france", (), "all operative paragraphs sponsored by France"),
    (
        "cites:A/RES/65/230 verb:requests",
        (),
        'all paragraphs with the verb "request", citing 65/230',
    ),
    ("body:ga type:draft", (), "all paragraphs in draft resolutions, General Assembly"),
    ("agenda:71c water", (), 'paragraphs matching "water" under agenda item 71 (c)'),
    ("water session:111", (), 'paragraphs matching "water" in the 111th session'),
    (
        "water session:74",
        (("session", "75"),),
        'paragraphs matching "water" in the 74th session, in the 75th session',
    ),
]


@pytest.mark.parametrize(
    ("query", "filters", "sentence"), DESCRIPTIONS, ids=[d[2][:40] for d in DESCRIPTIONS]
)
def test_describe_reads_back_the_search(query: str, filters: tuple, sentence: str) -> None:
    assert describe(parse_query(query), filters) == sentence


def test_query_terms_take_stems_sequences_and_prefixes_but_not_excluded_words() -> None:
    terms = query_terms(
        parse_query('implementing capacity-building "Human Rights" develop* -war session:74')
    )
    assert terms == HighlightTerms(
        stems=frozenset({"implement"}),
        stem_sequences=(("capac", "build"),),
        exact_sequences=(("human", "rights"),),
        prefixes=("develop",),
    )


def test_query_terms_of_near_and_or_collect_both_sides() -> None:
    terms = query_terms(parse_query('(women NEAR/5 "domestic violence") OR girls'))
    assert terms.stems == frozenset({"women", "girl"})
    assert terms.exact_sequences == (("domestic", "violence"),)


def test_field_only_query_highlights_nothing() -> None:
    assert not query_terms(parse_query("session:74 committee:third"))
