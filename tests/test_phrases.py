"""Phrases: found by association, edges trimmed, counted and dated exactly as a quoted search finds them."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from agreed import main
from indexer.phrase_words import WordRoles, function_words, is_edge, runs
from indexer.phrases import find_phrases
from search.api import Searcher, SearchRequest
from search.phrases import BadFilter, PhraseTables, PhraseUse
from search.phrases_json import quoted
from search.searcher import open_searcher


@pytest.fixture(scope="module")
def searcher(sample_index: Path) -> Iterator[Searcher]:
    opened = open_searcher(sample_index)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def tables(searcher: Searcher) -> Iterator[PhraseTables]:
    opened = PhraseTables(searcher.build_dir)
    yield opened
    opened.close()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Human Rights Council, and", [["the", "human", "rights", "council"], ["and"]]),
        ("capacity-building for peace", [["capacity", "building", "for", "peace"]]),
        ("the COVID-19 pandemic", [["the", "covid", "19", "pandemic"]]),
        ("resolution 79/1 of 17 December", [["resolution"], ["of"], ["december"]]),
        ("its eighty-first session", [["its"], ["first", "session"]]),
        ("Côte d’Ivoire (a) urges", [["cote", "d'ivoire"], ["a"], ["urges"]]),
    ],
)
def test_runs_break_at_punctuation_numbers_and_session_numbers(text, expected) -> None:
    assert list(runs(text)) == expected


@pytest.mark.parametrize(
    ("word", "edge"),
    [
        ("of", False),
        ("the", False),
        ("19", False),
        ("urges", False),  # a drafting verb opens a sentence, not a phrase
        ("recalling", False),
        ("concerned", False),
        ("rights", True),
        ("support", True),  # the base form is also a noun
        ("un80", True),
        ("monday", False),  # the calendar is metadata
        ("often", False),
        (None, False),
    ],
)
def test_edges(word, edge) -> None:
    assert is_edge(word) is edge


def test_word_roles_come_from_how_the_corpus_uses_a_word() -> None:
    words = Counter(
        {"provide": 10, "ensuring": 10, "national": 10, "technologies": 10, "support": 10}
    )
    pairs = Counter(
        {
            ("to", "provide"): 8,  # a verb: mostly after "to"
            ("ensuring", "the"): 4,  # a verb: takes a determiner
            ("national", "plans"): 8,  # a modifier: mostly before a content word
            ("the", "technologies"): 5,
            ("support", "the"): 1,  # mostly a noun
        }
    )
    roles = WordRoles(words, pairs)
    assert not roles.may_start("provide") and not roles.may_start("ensuring")
    assert roles.may_start("national") and not roles.may_end("national")
    assert roles.may_end("technologies") and roles.may_end("support")
    assert not roles.may_end("allocated")  # "agenda items allocated"


def test_function_words_are_shipped_not_downloaded() -> None:
    words = function_words()
    assert {"the", "of", "and", "to"} <= words
    assert "development" not in words


def test_find_phrases_keeps_associated_sequences_only() -> None:
    texts = [f"The Peacebuilding Fund supports projects in region {i}." for i in range(8)]
    texts += [
        f"Calls upon the {w} of the Organization to act." for w in ("members", "staff", "head")
    ]
    texts += ["Projects of many kinds and funds of other kinds exist."] * 2
    found = find_phrases(texts, min_count=3)
    assert ("peacebuilding", "fund") in found
    assert not any(gram[0] in function_words() or gram[-1] in function_words() for gram in found)
    assert ("of", "the") not in found and ("the", "organization") not in found


def _listed(tables: PhraseTables) -> list[tuple[int, PhraseUse]]:
    return [(s, use) for s in tables.sessions() for use in tables.session(s, limit=1000).new]


def _total(searcher, phrase: str, filters=()) -> int:
    return searcher.search(SearchRequest(query=phrase, filters=tuple(filters))).total


def test_every_listed_phrase_agrees_with_its_quoted_search(searcher, tables) -> None:
    listed = _listed(tables)
    assert len(listed) >= 20
    for session, use in listed:
        query = quoted(use.words)
        in_session = searcher.search(
            SearchRequest(query=query, filters=(("session", str(session)),), group_by_document=True)
        )
        assert (use.count, use.documents) == (in_session.total, in_session.total_documents), use
        assert _total(searcher, query, [("session", f"..{session - 1}")]) == 0, use  # really new
        first = searcher.search(
            SearchRequest(
                query=query, filters=(("session", str(use.first_session)),), sort="oldest"
            )
        ).hits[0]
        assert (first.symbol, first.paragraph_id) == (use.first_symbol, use.first_paragraph)


def test_edges_are_trimmed(tables) -> None:
    for _, use in _listed(tables):
        words = use.words.split()
        assert 2 <= len(words) <= 5
        assert is_edge(words[0]) and is_edge(words[-1]), use


def test_a_phrase_used_earlier_is_not_new(searcher, tables) -> None:
    rows = tables._rows(
        "SELECT p.words, p.first_session FROM phrase p JOIN phrase_session s ON s.phrase = p.id"
        " WHERE s.session = 80 AND p.first_session < 80"
    )
    assert rows, "the sample has phrases of earlier sessions still used in session 80"
    new = {use.words for use in tables.session(80, limit=1000).new}
    for words, first_session in rows:
        assert words not in new
        assert _total(searcher, quoted(words), [("session", str(first_session))]) > 0
        assert _total(searcher, quoted(words), [("session", "80")]) > 0


def test_filters_select_documents_as_search_does(searcher, tables) -> None:
    filters = [("committee", "third")]
    result = tables.session(80, filters, limit=1000)
    assert result.new and result.documents < tables.session(80).documents
    for use in result.new:
        selection = [("session", "80"), *filters]
        assert use.count == _total(searcher, quoted(use.words), selection)
    with pytest.raises(BadFilter, match="verb"):
        tables.session(80, [("verb", "urge")])
    with pytest.raises(BadFilter, match="committee"):
        tables.session(80, [("committee", "Ninth")])


def test_rising_and_falling_are_normalised_by_session_size(searcher, tables) -> None:
    result = tables.session(80)
    assert result.previous_session == 79 and result.rising and result.falling
    top = result.rising[0]
    in_80 = _total(searcher, quoted(top.words), [("session", "80")])
    assert top.count == in_80
    assert top.rate == round(1000 * in_80 / result.paragraphs, 2)
    assert all(c.change > 0 for c in result.rising) and all(c.change < 0 for c in result.falling)


def test_document_phrases_mark_what_its_predecessors_lacked(searcher, tables) -> None:
    result = tables.document("A/RES/80/224", ["A/C.3/80/L.31", "A/RES/79/185"])
    assert result is not None and result.compared_with == ["A/C.3/80/L.31", "A/RES/79/185"]
    assert result.phrases
    assert [p.score for p in result.phrases] == sorted(
        (p.score for p in result.phrases), reverse=True
    )
    for use in result.phrases:
        assert use.count == _total(searcher, f"{quoted(use.words)} symbol:A/RES/80/224")
        absent = tuple(
            other
            for other in ("A/C.3/80/L.31", "A/RES/79/185")
            if _total(searcher, f"{quoted(use.words)} symbol:{other}") == 0
        )
        assert use.absent_from == absent, use
        assert use.new_here is (len(absent) == 2), use
    assert any("A/RES/79/185" in use.absent_from for use in result.phrases)
    assert tables.document("NO/SUCH/SYMBOL") is None


def test_cli_prints_the_public_keys(sample_index: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["phrases", "--session", "80", "--index", str(sample_index), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["phrases"]
    keys = {"phrase", "count", "documents", "first_session", "first_symbol", "score"}
    assert all(keys <= set(item) for item in data["phrases"])
    assert all(item["first_session"] == 80 for item in data["phrases"])
    document = runner.invoke(
        main, ["phrases", "--symbol", "A/RES/80/224", "--index", str(sample_index), "--json"]
    )
    assert document.exit_code == 0, document.output
    assert keys <= set(json.loads(document.output)["phrases"][0])
    missing = runner.invoke(
        main, ["phrases", "--symbol", "X/1", "--index", str(sample_index), "--json"]
    )
    assert missing.exit_code == 1 and "no document" in json.loads(missing.output)["error"]
