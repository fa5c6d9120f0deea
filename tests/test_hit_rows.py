"""The per-hit path: stored rows decoded by json's scanner, Hits built without their __init__."""

from __future__ import annotations

import dataclasses
import json
import pickle
from typing import Any

import pytest

from search.api import Hit
from search.engines.base import _hit
from search.engines.tantivy.schema import META_SEPARATOR, stored_row
from search.parser import parse_query
from search.terms import query_terms

HEAD = ["op3", "operative", "3 (a)", "Requests"]
TAIL: dict[str, Any] = {
    "symbol": "A/RES/79/1",
    "session": 79,
    "committee": None,
    "title": 'Côte d’Ivoire: "quoted" \\ and \u2028 line',
    "date": "2024-12-01",
    "body": "General Assembly",
    "doc_type": "resolution",
    "sponsors": ["Côte d'Ivoire", "Brazil"],
    "draft_sponsors": [],
    "agenda_items": ["71 (c)"],
}


def stored(head: list, text: str, tail: dict) -> bytes:
    """A stored row as search/engines/tantivy/writer.py writes it."""
    parts = (json.dumps(head), text, json.dumps(tail, ensure_ascii=False))
    return META_SEPARATOR.join(parts).encode()


@pytest.mark.parametrize(
    "text",
    ["Requests the Secretary-General to report;", "", "a\0b with a separator inside", "É ’ <b>"],
)
def test_a_stored_row_reads_back_every_field(text: str) -> None:
    row = stored_row(stored(HEAD, text, TAIL))
    assert row == {
        **TAIL,
        "paragraph_id": "op3",
        "kind": "operative",
        "number": "3 (a)",
        "verb": "Requests",
        "text": text,
    }


def test_a_row_with_nulls_reads_back() -> None:
    row = stored_row(stored(["pp1", "preamble", None, None], "Text", {"symbol": "S/RES/1"}))
    assert row["number"] is None and row["verb"] is None and row["symbol"] == "S/RES/1"


@pytest.mark.parametrize(
    "meta",
    [
        b'["op1", "operative", null, null]\x00Text\x00{"symbol": "A/1"',  # cut short
        b'["op1", "operative", null, null]\x00Text\x00{"symbol": "A/1"} {}',  # trailing data
        b'["op1", "operative", null]\x00Text\x00{"symbol": "A/1"}',  # a field missing
    ],
)
def test_a_damaged_row_fails_as_json_loads_would(meta: bytes) -> None:
    with pytest.raises(ValueError):
        stored_row(meta)


def test_spaces_around_a_value_read_as_json_loads_reads_them() -> None:
    meta = b' ["op1", "operative", null, null] \x00Text\x00 {"symbol": "A/1"}\n'
    assert stored_row(meta)["symbol"] == "A/1"


def test_a_hit_is_the_dataclass_its_constructor_makes() -> None:
    row = stored_row(stored(HEAD, "Requests the implementation of the plan.", TAIL))
    terms = query_terms(parse_query("implementing"))
    hit = _hit(row, 1.234567, terms, 400)
    expected = Hit(
        symbol="A/RES/79/1",
        paragraph_id="op3",
        kind="operative",
        number="3 (a)",
        session=79,
        committee=None,
        title=TAIL["title"],
        date="2024-12-01",
        body="General Assembly",
        doc_type="resolution",
        verb="Requests",
        snippet_html="Requests the <mark>implementation</mark> of the plan.",
        score=1.2346,
        text="Requests the implementation of the plan.",
        sponsors=("Côte d'Ivoire", "Brazil"),
        draft_sponsors=(),
        agenda_items=("71 (c)",),
    )
    assert hit == expected and hash(hit) == hash(expected) and repr(hit) == repr(expected)
    assert set(vars(hit)) == {field.name for field in dataclasses.fields(Hit)}
    assert pickle.loads(pickle.dumps(hit)) == expected
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.score = 0.0  # type: ignore[misc]


def test_a_row_without_sponsors_gets_empty_tuples_and_no_snippet() -> None:
    row = stored_row(stored(HEAD, "Text", TAIL))
    for key in ("sponsors", "draft_sponsors", "agenda_items"):
        del row[key]
    hit = _hit(row, None, query_terms(parse_query("text")), 0)  # type: ignore[arg-type]
    assert (hit.sponsors, hit.draft_sponsors, hit.agenda_items) == ((), (), ())
    assert hit.snippet_html == "" and hit.score == 0.0
