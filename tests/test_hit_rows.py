"""The per-hit path: rows read back from the row files as written, Hits built without __init__."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.api import Hit, IndexUnavailable
from search.engines.base import _hit
from search.engines.tantivy import rowfile
from search.engines.tantivy.rowfile import RowReader, RowWriter, row_files
from search.parser import parse_query
from search.terms import query_terms

HEAD = ("op3", "operative", "3 (a)", "Requests")
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
KEYS = [*TAIL, "paragraph_id", "kind", "number", "verb", "text"]  # the order the old store gave
TRICKY = [
    "Requests the Secretary-General to report;",
    "",
    "a\0b with NUL bytes\0 inside\0",
    "É ’ <b> \u2028 \U0001f30d",
    "x" * 3_000_000,  # bigger than any buffer on the way
]


def written(directory: Path, documents: list[tuple[dict, list[tuple]]]) -> list[int]:
    """Each document's fields, then its paragraphs (head..., text), as the engine writer writes
    them; returns the paragraphs' fast values."""
    writer = RowWriter(directory)
    values: list[int] = []
    for fields, paragraphs in documents:
        writer.document(fields)
        values.extend(writer.paragraph(*paragraph) for paragraph in paragraphs)
    writer.close()
    return values


def expected(fields: dict, paragraph: tuple) -> dict:
    return {
        **fields,
        **dict(zip(["paragraph_id", "kind", "number", "verb", "text"], paragraph, strict=True)),
    }


@pytest.mark.parametrize("text", TRICKY, ids=["plain", "empty", "nul", "unicode", "huge"])
def test_a_row_reads_back_every_field(tmp_path: Path, text: str) -> None:
    (value,) = written(tmp_path, [(TAIL, [(*HEAD, text)])])
    reader = RowReader(tmp_path)
    try:
        row = reader.row(value)
    finally:
        reader.close()
    assert row == expected(TAIL, (*HEAD, text)) and list(row) == KEYS


def test_a_row_with_nulls_reads_back(tmp_path: Path) -> None:
    (value,) = written(tmp_path, [({"symbol": "S/RES/1"}, [("pp1", "preamble", None, None, "T")])])
    row = RowReader(tmp_path).row(value)
    assert row["number"] is None and row["verb"] is None and row["symbol"] == "S/RES/1"
    assert row["paragraph_id"] == "pp1" and row["kind"] == "preamble" and row["text"] == "T"


maybe = st.none() | st.text(max_size=12)
paragraphs = st.tuples(st.text(max_size=8), st.text(max_size=10), maybe, maybe, st.text())
fields = st.fixed_dictionaries(
    {"symbol": st.text(min_size=1), "title": maybe, "sponsors": st.lists(st.text(), max_size=3)}
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(documents=st.lists(st.tuples(fields, st.lists(paragraphs, max_size=4)), max_size=5))
def test_rows_read_back_what_was_written(tmp_path_factory, documents) -> None:
    directory = tmp_path_factory.mktemp("rows")
    values = written(directory, documents)
    reader = RowReader(directory)
    try:
        assert reader.rows(values) == [
            expected(document, paragraph)
            for document, members in documents
            for paragraph in members
        ]
        assert reader.rows(values[::-1]) == reader.rows(values)[::-1]  # any order, cached or not
    finally:
        reader.close()


def test_rows_of_one_document_are_separate_dicts_that_share_its_record(tmp_path: Path) -> None:
    first, second = written(
        tmp_path, [(TAIL, [(*HEAD, "one"), ("op4", "operative", "4", None, "2")])]
    )
    reader = RowReader(tmp_path)
    one, two = reader.rows([first, second])
    assert one is not two and one["text"] == "one" and two["verb"] is None
    assert one["symbol"] == two["symbol"] == TAIL["symbol"]
    assert tmp_path.joinpath("000001.rows").stat().st_size < 2 * len(str(TAIL)) + 200  # once


def test_the_document_cache_stays_bounded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(rowfile, "CACHED_DOCUMENTS", 3)
    documents = [
        ({"symbol": f"A/{n}"}, [("op1", "operative", "1", None, f"text {n}")]) for n in range(10)
    ]
    values = written(tmp_path, documents)
    reader = RowReader(tmp_path)
    for _ in range(2):
        assert [row["symbol"] for row in reader.rows(values)] == [f"A/{n}" for n in range(10)]
        assert len(reader._documents) <= 3


def test_each_writer_session_writes_the_next_file_and_leaves_the_others(tmp_path: Path) -> None:
    first = written(tmp_path, [(TAIL, [(*HEAD, "first")])])
    before = tmp_path.joinpath("000001.rows").read_bytes()
    second = written(tmp_path, [({"symbol": "B"}, [("pp1", "preambular", None, None, "second")])])
    assert sorted(row_files(tmp_path)) == [1, 2]
    assert tmp_path.joinpath("000001.rows").read_bytes() == before
    reader = RowReader(tmp_path)
    assert [row["text"] for row in reader.rows(first + second)] == ["first", "second"]


def test_an_aborted_session_leaves_no_file_and_a_session_without_rows_none(tmp_path: Path) -> None:
    writer = RowWriter(tmp_path)
    writer.document(TAIL)
    writer.paragraph(*HEAD, "never committed")
    writer.discard()
    RowWriter(tmp_path).close()
    assert list(tmp_path.iterdir()) == []
    assert RowReader(tmp_path).rows([]) == []


def test_an_empty_or_damaged_file_is_a_clear_error(tmp_path: Path) -> None:
    tmp_path.joinpath("000001.rows").touch()
    (value,) = written(tmp_path, [(TAIL, [(*HEAD, "text")])])
    assert rowfile.locate(value)[0] == 2
    reader = RowReader(tmp_path)
    with pytest.raises(ValueError, match="holds no rows"):
        reader.row(rowfile.fast_value(1, 0))
    path = tmp_path / "000002.rows"
    path.write_bytes(path.read_bytes()[:-2])  # cut short
    with pytest.raises(ValueError, match="past the end"):
        RowReader(tmp_path).row(value)
    path.unlink()
    with pytest.raises(IndexUnavailable, match=r"000002\.rows cannot be read"):
        RowReader(tmp_path).row(value)


@pytest.mark.parametrize(
    "record",
    [b'{"symbol": "A/1"', b'{"symbol": "A/1"} {}', b'["A/1"]'],
    ids=["cut short", "trailing data", "not an object"],
)
def test_a_damaged_document_record_fails_as_json_loads_would(tmp_path: Path, record: bytes) -> None:
    (value,) = written(tmp_path, [({"symbol": "x" * 30}, [(*HEAD, "t")])])
    path = tmp_path / "000001.rows"
    data = path.read_bytes()
    size = int.from_bytes(data[:4], "little")
    path.write_bytes(data[:4] + record.ljust(size) + data[4 + size :])  # JSON spaces pad it
    with pytest.raises(ValueError):
        RowReader(tmp_path).row(value)


def test_spaces_around_a_document_record_read_as_json_loads_reads_them() -> None:
    assert rowfile.json_value(' {"symbol": "A/1"}\n') == {"symbol": "A/1"}


def row_of(tmp_path: Path, text: str) -> dict:
    (value,) = written(tmp_path, [(TAIL, [(*HEAD, text)])])
    return RowReader(tmp_path).row(value)


def test_a_hit_is_the_dataclass_its_constructor_makes(tmp_path: Path) -> None:
    row = row_of(tmp_path, "Requests the implementation of the plan.")
    terms = query_terms(parse_query("implementing"))
    hit = _hit(row, 1.234567, terms, 400)
    expected_hit = Hit(
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
    assert hit == expected_hit and hash(hit) == hash(expected_hit)
    assert repr(hit) == repr(expected_hit)
    assert set(vars(hit)) == {field.name for field in dataclasses.fields(Hit)}
    assert pickle.loads(pickle.dumps(hit)) == expected_hit
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.score = 0.0  # type: ignore[misc]


def test_a_row_without_sponsors_gets_empty_tuples_and_no_snippet(tmp_path: Path) -> None:
    row = row_of(tmp_path, "Text")
    for key in ("sponsors", "draft_sponsors", "agenda_items"):
        del row[key]
    hit = _hit(row, None, query_terms(parse_query("text")), 0)  # type: ignore[arg-type]
    assert (hit.sponsors, hit.draft_sponsors, hit.agenda_items) == ((), (), ())
    assert hit.snippet_html == "" and hit.score == 0.0
