"""The query language: what each query means, what each malformed query is told, what it reads as."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.api import QueryError
from search.ast import And, FieldMatch, MatchAll, Near, Not, Or, Phrase, Prefix, Range, Term
from search.parser import describe, parse_query, query_terms
from search.query_lexer import _DELIMITER, _is_delimiter
from tests.conftest import ROOT

ANCHORED_NOT = And((MatchAll(), Not(Term("war"))))

PARSES = [
    ("", MatchAll()),
    ("   ", MatchAll()),
    ("climate", Term("climate")),
    ("Climate Change", And((Term("climate"), Term("change")))),
    ("Côte d’Ivoire", And((Term("cote"), Term("d'ivoire")))),
    ("the", Term("the")),
    ("a OR b", Or((Term("a"), Term("b")))),
    ("a OR b c", Or((Term("a"), And((Term("b"), Term("c")))))),
    ("a b OR c", Or((And((Term("a"), Term("b"))), Term("c")))),
    ("(a OR b) c", And((Or((Term("a"), Term("b"))), Term("c")))),
    ("a AND b", And((Term("a"), Term("b")))),
    ("a OR b OR c", Or((Term("a"), Term("b"), Term("c")))),
    ("((a))", Term("a")),
    ("or and not", And((Term("or"), Term("and"), Term("not")))),
    ("NOT war", ANCHORED_NOT),
    ("-war", ANCHORED_NOT),
    ("peace -war", And((Term("peace"), Not(Term("war"))))),
    ("peace NOT war", And((Term("peace"), Not(Term("war"))))),
    ("-war OR peace", Or((ANCHORED_NOT, Term("peace")))),
    ('-"armed conflict" peace', And((Not(Phrase(("armed", "conflict"))), Term("peace")))),
    ("peace -(war OR conflict)", And((Term("peace"), Not(Or((Term("war"), Term("conflict"))))))),
    ('"capacity building"', Phrase(("capacity", "building"), exact=True)),
    ('"Capacity-Building"', Phrase(("capacity", "building"), exact=True)),
    ("“sustainable development”", Phrase(("sustainable", "development"), exact=True)),
    ('"implementing"', Phrase(("implementing",), exact=True)),
    ("capacity-building", Phrase(("capacity", "building"), exact=False)),
    ("A/RES/65/230", Phrase(("a", "res", "65", "230"), exact=False)),
    ("develop*", Prefix("develop")),
    ("Dévelop*,", Prefix("develop")),
    ("women NEAR/5 violence", Near(Term("women"), Term("violence"), 5)),
    ('women near/3 "domestic violence"', Near(Term("women"), Phrase(("domestic", "violence")), 3)),
    (
        "develop* NEAR/2 capacity-building",
        Near(Prefix("develop"), Phrase(("capacity", "building"), False), 2),
    ),
    ("a NEAR/3 b NEAR/2 c", And((Near(Term("a"), Term("b"), 3), Near(Term("b"), Term("c"), 2)))),
    ("session:74", Range("session", 74, 74)),
    ("session:74th", Range("session", 74, 74)),
    ("session:70..74", Range("session", 70, 74)),
    ("session:..74", Range("session", None, 74)),
    ("year:2019..", Range("year", 2019, None)),
    ("Year:2019..2021", Range("year", 2019, 2021)),
    ("committee:third", FieldMatch("committee", "Third Committee")),
    ("committee:C.3", FieldMatch("committee", "Third Committee")),
    ('committee:"Third Committee"', FieldMatch("committee", "Third Committee")),
    ("committee:plenary", FieldMatch("committee", "Plenary")),
    ("body:ga", FieldMatch("body", "General Assembly")),
    ("body:SC", FieldMatch("body", "Security Council")),
    ("type:draft", FieldMatch("type", "draft resolution")),
    ("kind:op", FieldMatch("kind", "operative")),
    ("kind:preambular", FieldMatch("kind", "preambular")),
    ("verb:Requests", FieldMatch("verb", "request")),
    ("verb:recalling", FieldMatch("verb", "recall")),
    ('verb:"calls upon"', FieldMatch("verb", "call upon")),
    ("cites:65/230", FieldMatch("cites", "65/230")),
    ("cites:A/RES/65/230", FieldMatch("cites", "65/230")),
    ('cites:"S/RES/2334 (2016)"', FieldMatch("cites", "S/RES/2334")),
    ("cites:a/res/es-10/24", FieldMatch("cites", "ES-10/24")),
    (
        'sponsor:"Bolivia (Plurinational State of)"',
        FieldMatch("sponsor", "Bolivia (Plurinational State of)"),
    ),
    ("sponsor:france", FieldMatch("sponsor", "France")),
    ('sponsor:"cote d\'ivoire"', FieldMatch("sponsor", "Côte d’Ivoire")),
    ("agenda:71(c)", FieldMatch("agenda", "71 (c)")),
    ('agenda:"71 (c)"', FieldMatch("agenda", "71 (c)")),
    ("agenda:107", FieldMatch("agenda", "107")),
    ("symbol:a/c.3/80/l.31/rev.1", FieldMatch("symbol", "A/C.3/80/L.31/Rev.1")),
    ('symbol:"S/RES/242 (1967)"', FieldMatch("symbol", "S/RES/242")),
    ("(session:74)", Range("session", 74, 74)),
    (
        "implementing capacity-building session:74 committee:C.3",
        And(
            (
                Term("implementing"),
                Phrase(("capacity", "building"), exact=False),
                Range("session", 74, 74),
                FieldMatch("committee", "Third Committee"),
            )
        ),
    ),
    ("climate – change", And((Term("climate"), Term("change")))),
    (
        "-committee:third water",
        And((Not(FieldMatch("committee", "Third Committee")), Term("water"))),
    ),
]


@pytest.mark.parametrize(("query", "expected"), PARSES, ids=[q or "<empty>" for q, _ in PARSES])
def test_parses(query: str, expected: object) -> None:
    assert parse_query(query) == expected


ERRORS = [
    ('"capacity building', "unclosed quote", 0),
    ('water "capacity building', "unclosed quote", 6),
    ("(water OR food", "unclosed parenthesis", 0),
    ("water (food", "unclosed parenthesis", 6),
    ("water)", "unmatched )", 5),
    (") water", "unmatched )", 0),
    ("()", "empty parentheses", 1),
    ("foo:bar", 'unknown field "foo:"', 0),
    ("water Note: x", 'unknown field "note:"', 6),
    ("session:74..70", "reversed", 8),
    ("session:..", "bad range", 8),
    ("session:70...74", "bad range", 8),
    ("session:abc", 'session needs a number, not "abc"', 8),
    ("year:2019..x", 'year needs a number, not "x"', 11),
    ("water OR", "OR needs a clause on each side", 6),
    ("OR water", "OR needs a clause on each side", 0),
    ("a OR OR b", "OR needs a clause on each side", 2),
    ("(a OR) b", "OR needs a clause on each side", 3),
    ("AND water", "AND needs a clause on each side", 0),
    ("water NOT", "NOT needs something to exclude", 6),
    ("NOT", "NOT needs something to exclude", 0),
    ("water -", '"-" needs what to exclude', 6),
    ("(water -)", '"-" needs what to exclude', 7),
    ("NEAR/3 water", "NEAR/3 needs a word, phrase or prefix on each side", 0),
    ("water NEAR/3", "NEAR/3 needs a word, phrase or prefix on each side", 6),
    ("water NEAR/3 session:74", "NEAR/3 needs a word, phrase or prefix on each side", 6),
    ("session:74 NEAR/3 water", "NEAR/3 needs a word, phrase or prefix on each side", 11),
    ("(a b) NEAR/3 c", "NEAR/3 needs a word, phrase or prefix on each side", 6),
    ("water NEAR food", "NEAR needs a distance", 6),
    ("water NEAR/x food", "NEAR needs a distance", 6),
    ("water NEAR/0 food", "between 1 and 100", 6),
    ("water NEAR/500 food", "between 1 and 100", 6),
    ("committee:ninth", 'unknown committee "ninth"', 10),
    ("body:parliament", 'unknown body "parliament"', 5),
    ("type:memo", 'unknown document type "memo"', 5),
    ("kind:chapter", 'unknown paragraph kind "chapter"', 5),
    ("cites:water", "cites: needs a resolution number", 6),
    ("committee:", '"committee:" needs a value', 0),
    ("water sponsor: x", '"sponsor:" needs a value', 6),
    ("committee:(third OR fourth)", "write committee:a OR committee:b", 0),
    ('sponsor:""', '"sponsor:" needs a value', 9),
    ('""', "empty quotes", 0),
    ('water " "', "empty quotes", 6),
    ("dev*lop", "* goes at the end of a single word", 0),
    ("capacity-build*", "* goes at the end of a single word", 0),
    ("a*", "prefix too short", 0),
    ("*", "* goes at the end of a single word", 0),
    ("(" * 40 + "a" + ")" * 40, "nested too deeply", 32),
    ("x" * 1001, "query too long", 1000),
]


@pytest.mark.parametrize(
    ("query", "fragment", "position"), ERRORS, ids=[q[:30] for q, _, _ in ERRORS]
)
def test_errors_name_the_problem_and_its_position(query: str, fragment: str, position: int) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(query)
    assert fragment in caught.value.message
    assert caught.value.position == position


FRAGMENTS = [
    *'ab -*()":/.…“é\x00',
    "NEAR/3",
    "near/0",
    " OR ",
    " AND ",
    " NOT ",
    "session:",
    "year:",
]
FRAGMENTS += [
    "committee:",
    "cites:",
    "kind:",
    "sponsor:",
    "..",
    "capacity-building",
    "develop*",
    "74",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.characters(), max_size=30).map("".join))
def test_any_text_parses_or_raises_query_error(text: str) -> None:
    try:
        node = parse_query(text)
    except QueryError as error:
        assert error.message
        assert error.position is not None and 0 <= error.position <= len(text)
    else:
        describe(node)
        query_terms(node)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_unicode_parses_or_raises_query_error(text: str) -> None:
    try:
        parse_query(text)
    except QueryError as error:
        assert error.position is not None and 0 <= error.position <= max(len(text), 1000)


def documented_queries() -> tuple[list[str], list[tuple[str, str]]]:
    """Queries in docs/query-language.md: table Query/Example columns and the examples block; error rows."""
    lines = (ROOT / "docs" / "query-language.md").read_text(encoding="utf-8").splitlines()
    valid: list[str] = []
    errors: list[tuple[str, str]] = []
    section, column, in_code = "", None, False
    for line in lines:
        if line.startswith("```"):
            in_code = not in_code
        elif in_code and line.strip():
            valid.append(line.strip())
        elif line.startswith("## "):
            section, column = line[3:], None
        elif line.startswith("|") and "---" not in line:
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if column is None:
                column = next((i for i, c in enumerate(cells) if c in ("Query", "Example")), -1)
            elif column >= 0 and section == "Errors":
                errors.append((cells[0].strip("`"), cells[1].split(" (")[0]))
            elif column >= 0:
                valid.extend(re.findall(r"`([^`]+)`", cells[column]))
    return valid, errors


def test_every_documented_query_parses_and_every_documented_error_is_raised() -> None:
    valid, errors = documented_queries()
    assert len(valid) >= 40 and len(errors) >= 5
    for query in valid:
        parse_query(query)
    for query, message in errors:
        with pytest.raises(QueryError) as caught:
            parse_query(query)
        assert message in caught.value.message, query


def test_the_lexer_splits_chunks_where_is_delimiter_says_for_every_character() -> None:
    """read_chunk searches _DELIMITER instead of testing _is_delimiter char by char."""
    every = [chr(code) for code in range(sys.maxunicode + 1)]
    assert [c for c in every if _DELIMITER.match(c)] == [c for c in every if _is_delimiter(c)]
