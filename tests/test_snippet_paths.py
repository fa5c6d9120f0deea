"""The highlighter's fast paths give what the highlighter gave before them, character for character.

Candidate words are found by str.find per opening (no regex compiled per query), the window is
chosen from the few words that decide it (not every word of the paragraph), and text with nothing
to escape skips html.escape: tests/snippets_reference.py keeps the old code as the oracle.
"""

from __future__ import annotations

import re
import sys
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.model import UnreadableSource
from indexer.analysis import WORD_PATTERN, fold, stem
from indexer.draft import read_draft
from search.parser import parse_query
from search.snippet_window import WORD_START, best_window
from search.snippets import _folded, _marks, _plan, _render, highlight, word_starts
from search.terms import HighlightTerms, query_terms
from tests.conftest import SAMPLE
from tests.snippets_reference import (
    _plan as reference_plan,
)
from tests.snippets_reference import (
    reference_highlight,
    reference_marks,
    reference_render,
    reference_window,
)

TRICKY = [
    *"ab <>&\"'-.é’",
    "water ",
    "Water",
    "capacity-building ",
    "capacity ",
    "States' ",
    "d’Ivoire",
    "A/RES/70/1.",
    "1.5 ",
    "U.N. ",
    "l'État ",
    "Côte ",
    "İ",
    "ﬁnance ",
    "ⓐ",
    "Σ",
    "\u0302",
    "..",
    "'.",
    "_",
    "x" * 45,
    "\n",
    "(a) ",
]
OPENINGS = [
    "",
    "a",
    "wa",
    "water",
    "capac",
    "build",
    "'s",
    ".",
    "a b",
    "state",
    "d'iv",
    "cote",
    "u.n",
    "1.",
    "ﬁ",
    "fi",
    "é",
    "x",
]
texts = st.lists(st.sampled_from(TRICKY), max_size=80).map("".join)


def test_isalnum_is_the_regex_word_class_for_every_character() -> None:
    """word_starts tests str.isalnum where the old regex had [^\\W_]: the same characters."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert re.findall(r"[^\W_]", every) == [char for char in every if char.isalnum()]


def regex_starts(folded: str, starts: tuple[str, ...]) -> list[int]:
    """Where the old per-query regex found candidates, for the same openings (given as prefixes)."""
    plan = reference_plan(HighlightTerms(prefixes=starts))
    return [match.start() for match in plan.candidates.finditer(folded)]


@settings(max_examples=600, deadline=None)
@given(texts, st.lists(st.sampled_from(OPENINGS), min_size=1, max_size=4, unique=True))
def test_word_starts_are_where_the_old_regex_found_candidates(
    text: str, openings: list[str]
) -> None:
    folded = text.lower()
    assert word_starts(folded, tuple(sorted(openings))) == regex_starts(folded, tuple(openings))


@pytest.mark.parametrize(
    ("folded", "openings", "expected"),
    [
        ("water waters underwater", ("water",), [0, 6]),
        ("states' states.water s.water", ("water",), []),  # after a letter and a joiner
        ("the u.n. and un", ("u",), [4, 13]),  # "n" follows "u.": inside the word
        ("x..water '.water 'water", ("water",), [3, 11, 18]),  # joiner after a non-letter
        ("_water", ("water",), [1]),  # "_" is not a word character
        ("a b c", ("",), [0, 2, 4]),  # an empty opening: every word
        ("", ("",), []),
        ("", ("a",), []),
        ("ab", ("abc",), []),
        ("aaa aa", ("a", "aa"), [0, 4]),  # overlapping openings: each position once
    ],
)
def test_word_starts_table(folded: str, openings: tuple[str, ...], expected: list[int]) -> None:
    assert word_starts(folded, openings) == expected
    assert word_starts(folded, openings) == regex_starts(folded, openings)


terms_strategy = st.builds(
    HighlightTerms,
    stems=st.frozensets(st.sampled_from(["water", "capac", "build", "state", "cote", "a", "é"])),
    stem_sequences=st.lists(
        st.tuples(st.sampled_from(["capac", "water"]), st.sampled_from(["build", "a"])),
        max_size=2,
        unique=True,
    ).map(tuple),
    exact_sequences=st.lists(
        st.tuples(
            st.sampled_from(["capacity", "d'ivoire", "a"]), st.sampled_from(["b", "building"])
        ),
        max_size=2,
        unique=True,
    ).map(tuple),
    prefixes=st.lists(st.sampled_from(OPENINGS), max_size=2, unique=True).map(tuple),
)


@settings(max_examples=600, deadline=None)
@given(texts, terms_strategy, st.integers(min_value=1, max_value=150))
def test_any_text_and_terms_highlight_as_before(
    text: str, terms: HighlightTerms, max_chars: int
) -> None:
    assert _marks(text, terms) == reference_marks(text, terms)
    assert highlight(text, terms, max_chars) == reference_highlight(text, terms, max_chars)


@settings(max_examples=600, deadline=None)
@given(
    texts,
    st.lists(st.integers(min_value=0, max_value=200), max_size=8),
    st.integers(min_value=1, max_value=120),
)
def test_any_marked_words_give_the_old_window(text: str, picks: list[int], max_chars: int) -> None:
    """Marks as any subset of the words (some longer than the window), not only a query's."""
    words = [match.span() for match in WORD_PATTERN.finditer(text)]
    marks = sorted({words[pick % len(words)] for pick in picks}) if words else []
    assert best_window(text, marks, max_chars) == reference_window(text, marks, max_chars)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_word_start_finds_where_words_begin(text: str) -> None:
    assert [m.start() for m in WORD_START.finditer(text)] == [
        m.start() for m in WORD_PATTERN.finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(st.integers(min_value=0, max_value=100), max_size=6))
def test_rendering_escapes_as_before(text: str, picks: list[int]) -> None:
    words = [match.span() for match in WORD_PATTERN.finditer(text)]
    marks = sorted({words[pick % len(words)] for pick in picks}) if words else []
    for start, end in [(0, len(text)), (len(text) // 3, len(text) - len(text) // 4)]:
        assert _render(text, marks, start, end) == reference_render(text, marks, start, end)


@cache
def sample_paragraphs() -> list[str]:
    """Every paragraph of the bundled corpus, parsed as `agreed check` reads a document."""
    paragraphs: list[str] = []
    for path in sorted(SAMPLE.rglob("*")):
        if path.suffix.lower() not in (".txt", ".pdf", ".html", ".htm"):
            continue
        try:
            resolution = read_draft(path.read_bytes(), path.name)
        except UnreadableSource:
            continue
        paragraphs += [paragraph.text for paragraph in resolution.paragraphs]
    return paragraphs


def queries_for(paragraph: str, seed: int) -> list[str]:
    """Queries made of the paragraph's own words: words, prefixes, phrases, compounds, misses."""
    words = [match.group() for match in WORD_PATTERN.finditer(paragraph) if match.group().isalpha()]
    long = [word for word in words if len(word) > 2]
    if len(long) < 2:
        return ["water", "wa*"]
    pick = long[seed % len(long)], long[(seed * 7 + 3) % len(long)]
    at = seed % (len(words) - 1)
    return [
        f"{pick[0]} {pick[1]}",
        f"{pick[0][:3]}*",
        f'"{words[at]} {words[at + 1]}"',
        f"{words[at]}-{words[at + 1]}",
        f"{pick[1]} OR zebra",
    ]


def test_the_bundled_corpus_highlights_as_before() -> None:
    paragraphs = sample_paragraphs()
    assert len(paragraphs) > 500 and max(map(len, paragraphs)) > 2_000
    assert sum(not paragraph.isascii() for paragraph in paragraphs) > 50
    checked = 0
    for seed, paragraph in enumerate(paragraphs):
        for query in queries_for(paragraph, seed):
            terms = query_terms(parse_query(query))
            assert _marks(paragraph, terms) == reference_marks(paragraph, terms), query
            for max_chars in (400, 160):
                got = highlight(paragraph, terms, max_chars)
                assert got == reference_highlight(paragraph, terms, max_chars), (query, paragraph)
                checked += len(paragraph) > max_chars
    assert checked > 500  # windows were cut, not only whole paragraphs shown


def test_plans_depend_on_the_terms_only() -> None:
    """The only per-query preparation left is cheap: sorted openings, no compiled pattern."""
    plan = _plan(query_terms(parse_query('implementing "cote d\'ivoire" program*')))
    assert plan.openings == (stem("implementing")[:-2],)
    assert plan.starts == ("cote", "impleme", "program")
    assert fold("Côte") == "cote" and _folded("Côte") == "cote"
