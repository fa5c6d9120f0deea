"""Snippets: escaped paragraph text, every matching word marked, long text cut around the marks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis import stem, tokens
from search.parser import parse_query, query_terms
from search.snippets import ELLIPSIS, highlight, highlight_full, marked_positions, words_of
from search.terms import HighlightTerms

PARAGRAPH = (
    "Requests the Secretary-General to support the implementation of capacity-building "
    "programmes in Côte d’Ivoire, and to report on the implementing measures taken."
)


def marks(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def plain(html: str) -> str:
    """The text a browser would show, to compare against the source paragraph."""
    text = html.replace("<mark>", "").replace("</mark>", "")
    for entity, char in (
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", '"'),
        ("&#x27;", "'"),
        ("&amp;", "&"),
    ):
        text = text.replace(entity, char)
    return text


MARKED = [
    ("implementing", ["implementation", "implementing"]),
    ("implementation", ["implementation", "implementing"]),
    ('"implementing"', ["implementing"]),
    ("capacity-building", ["capacity", "building"]),
    ('"capacity building"', ["capacity", "building"]),
    ('"capacity-building"', ["capacity", "building"]),
    ('"building capacity"', []),
    ("program*", ["programmes"]),
    ("cote", ["Côte"]),
    ('"cote d\'ivoire"', ["Côte", "d’Ivoire"]),
    ('"the implementation"', ["the", "implementation"]),
    ("support -implementation", ["support"]),
    ("session:74 committee:third", []),
    ("secretary NEAR/2 support", ["Secretary", "support"]),
    ("report OR measures", ["report", "measures"]),
]


@pytest.mark.parametrize(("query", "expected"), MARKED, ids=[q for q, _ in MARKED])
def test_marks_every_matching_word(query: str, expected: list[str]) -> None:
    html = highlight_full(PARAGRAPH, parse_query(query))
    assert marks(html) == expected
    assert plain(html) == PARAGRAPH


def test_a_phrase_marks_only_where_the_words_are_in_order() -> None:
    text = "Capacity is needed. Building capacity-building programmes takes capacity building."
    html = highlight_full(text, parse_query('"capacity building"'))
    assert html == (
        "Capacity is needed. Building <mark>capacity</mark>-<mark>building</mark> programmes "
        "takes <mark>capacity</mark> <mark>building</mark>."
    )


def test_markup_in_the_text_comes_out_escaped() -> None:
    text = 'The <script>alert("x")</script> & <b>bold</b> text'
    html = highlight(text, parse_query("script bold"))
    assert "<script>" not in html and "<b>" not in html
    assert html == (
        "The &lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; "
        "&amp; &lt;b&gt;<mark>bold</mark>&lt;/b&gt; text"
    )


def test_accepts_highlight_terms_as_well_as_a_query() -> None:
    node = parse_query("implementing")
    assert highlight(PARAGRAPH, node) == highlight(PARAGRAPH, query_terms(node))


def test_short_text_is_not_trimmed() -> None:
    html = highlight(PARAGRAPH, parse_query("support"), max_chars=len(PARAGRAPH))
    assert ELLIPSIS not in html
    assert plain(html) == PARAGRAPH


LONG = (
    " ".join(f"Filler sentence number {n} says nothing at all." for n in range(40))
    + " The implementation of sustainable development goals matters. "
    + " ".join(f"Closing remark {n} adds little." for n in range(40))
)


def test_long_text_is_cut_to_the_window_with_the_marks() -> None:
    html = highlight(LONG, parse_query("implementation sustainable"), max_chars=200)
    assert marks(html) == ["implementation", "sustainable"]
    assert html.startswith(ELLIPSIS) and html.endswith(ELLIPSIS)
    shown = plain(html)[1:-1]
    assert len(shown) <= 200
    assert shown in LONG
    # cut at word boundaries: the window starts and ends on whole words
    start = LONG.index(shown)
    assert start == 0 or LONG[start - 1] == " "
    end = start + len(shown)
    assert end == len(LONG) or LONG[end] == " "
    # the marks are near the middle, with context on both sides
    assert 40 < shown.index("implementation") < 160


def test_window_prefers_more_marks() -> None:
    text = "water " + "filler " * 60 + "water water water " + "filler " * 60
    html = highlight(text, parse_query("water"), max_chars=100)
    assert marks(html) == ["water", "water", "water"]


def test_long_text_without_marks_shows_its_beginning() -> None:
    html = highlight(LONG, parse_query("zebra"), max_chars=120)
    assert not html.startswith(ELLIPSIS) and html.endswith(ELLIPSIS)
    assert LONG.startswith(plain(html)[:-1])
    assert len(plain(html)) <= 121


def test_a_word_longer_than_the_window_is_cut_inside() -> None:
    text = "x" * 500 + " tail"
    html = highlight(text, parse_query("tail"), max_chars=100)
    assert len(plain(html)) <= 102


TEXT_PIECES = [*"ab <>&\"'-.é", "water ", "Water", "capacity-building ", "capacity "]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(TEXT_PIECES), max_size=120).map("".join),
    st.sampled_from(
        ["water", "capacity-building", '"a b"', "wa*", "-water b", '"capacity building"']
    ),
    st.integers(min_value=1, max_value=120),
)
def test_any_text_stays_escaped_and_faithful(text: str, query: str, max_chars: int) -> None:
    html = highlight(text, parse_query(query), max_chars=max_chars)
    assert re.sub(r"</?mark>", "", html).count("<") == 0
    shown = plain(html).removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    assert shown in text
    full = highlight_full(text, parse_query(query))
    assert plain(full) == text


@settings(max_examples=3000, deadline=None)
@given(st.from_regex(r"[a-z]{1,14}(?:'[a-z]{1,3})?", fullmatch=True))
def test_a_stem_keeps_all_but_the_last_two_letters_of_its_word(word: str) -> None:
    """The highlighter only stems words that open like a query stem; this is why that is safe."""
    stemmed = stem(word)
    assert word.startswith(stemmed[: max(1, len(stemmed) - 2)])


def test_the_stem_prefilter_marks_what_full_tokenising_marks() -> None:
    text = "Dying skies: the agreed agreement, capacities and capacity-building, agreeing."
    terms = query_terms(parse_query('die sky agreement capacity "capacity-building" agree'))
    expected = {t.position for t in tokens(text) if t.stem in terms.stems}
    assert expected <= marked_positions(words_of(text), terms)


def word_by_word(text: str, query: str) -> list[str]:
    """The words the token-by-token path marks: the reference the whole-text fold must agree with."""
    return word_by_word_terms(text, query_terms(parse_query(query)))


FOLD_CASES = [
    ("İstanbul and Côte d’Ivoire", "cote", ["Côte"]),  # lower case of İ is two characters
    ("The ﬁnance and ﬁnancing committee", "finance", ["ﬁnance", "ﬁnancing"]),  # ﬁ folds to fi
    ("Item ⓐwater, then water", "water", ["water", "water"]),  # ⓐ folds to a letter
    ("Co\u0302te and Côte d’Ivoire", '"cote d\'ivoire"', ["Côte", "d’Ivoire"]),  # combining ^
    ("Α𝚺 and ΑΣ", "ας", ["Α𝚺", "ΑΣ"]),  # a bold capital sigma ending a word folds to final ς
]


@pytest.mark.parametrize(
    ("text", "query", "expected"), FOLD_CASES, ids=[q for _, q, _ in FOLD_CASES]
)
def test_text_that_folds_unevenly_is_marked_word_by_word(
    text: str, query: str, expected: list[str]
) -> None:
    html = highlight_full(text, parse_query(query))
    assert marks(html) == word_by_word(text, query) == expected
    assert plain(html) == text


FOLD_PIECES = [
    *TEXT_PIECES,
    "İ",
    "ﬁ",
    "ⓐ",
    "Σ",
    "𝚺",
    "\u0302",
    "ô",
    "’",
    "Côte ",
    "d’Ivoire",
    ".",
    "ı",
]
FOLD_QUERIES = ["water", "cote", '"cote d\'ivoire"', "wa* b", "capacity-building", '"a b"', "ab"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(FOLD_PIECES), max_size=60).map("".join), st.sampled_from(FOLD_QUERIES)
)
def test_whole_text_folding_marks_what_word_by_word_marks(text: str, query: str) -> None:
    html = highlight_full(text, parse_query(query))
    assert [plain(word) for word in marks(html)] == word_by_word(text, query)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["water ", "filler ", "water-water ", "fill. ", "wat"]), max_size=80),
    st.integers(min_value=1, max_value=90),
)
def test_the_window_holds_as_many_marks_as_any_word_aligned_window(
    pieces: list[str], max_chars: int
) -> None:
    text = "".join(pieces)
    terms = query_terms(parse_query("water"))
    words = words_of(text)
    marked = marked_positions(words, terms)
    most = max(
        (
            sum(1 for i in marked if i >= first and words[i].end <= word.start + max_chars)
            for first, word in enumerate(words)
        ),
        default=0,
    )
    html = highlight(text, terms, max_chars=max_chars)
    shown = plain(html).removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    assert len(marks(html)) == (most if len(text) > max_chars else len(marked))
    assert shown in text and len(shown) <= max(len(text), max_chars)


def test_a_term_spanning_two_words_hides_no_word_after_it() -> None:
    terms = HighlightTerms(stems=frozenset({"b"}), prefixes=("a b",))
    assert marks(highlight_full("a b", terms)) == ["b"] == word_by_word_terms("a b", terms)


def word_by_word_terms(text: str, terms: HighlightTerms) -> list[str]:
    words = words_of(text)
    return [words[i].text for i in sorted(marked_positions(words, terms))]
