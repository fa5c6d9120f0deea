"""Coverage: what the index holds, and every claim about time scoped by it (first use, charts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from agreed import main
from indexer.coverage import build_coverage
from search.store.coverage_file import ranges
from search.timeline import SessionUse
from tests.language_helpers import resolution
from web import chart, create_app
from web.language_present import rate_chart
from web.state import SearchState

SAMPLE_SCOPE = (
    "General Assembly sessions 74, 79 to 80; Security Council 1946, 1967, 1973, 1990 to 1991, 1993"
)


@pytest.fixture(scope="module")
def client(sample_index: Path) -> FlaskClient:
    return create_app({"INDEX": str(sample_index), "TESTING": True}).test_client()


def _council(number: int, year: int):
    return resolution(
        f"S/RES/{number} ({year})",
        f"{year}-06-01",
        {"op1": "Decides to remain seized"},
        session=None,
        body="Security Council",
        committee=None,
    )


def test_coverage_counts_sessions_for_the_assembly_and_years_for_the_council():
    documents = [
        resolution("A/RES/79/3", "2024-10-01", {"op1": "a", "op2": "b"}, session=79),
        resolution("A/RES/79/38", "2024-12-01", {"op1": "a"}, session=79),
        resolution(
            "A/C.3/81/L.2", "2026-11-01", {"op1": "a"}, session=81, doc_type="draft resolution"
        ),
        _council(242, 1967),
        _council(338, 1973),
    ]
    record = build_coverage((d.symbol, d) for d in documents)
    assembly, council = record["bodies"]
    assert (record["documents"], record["paragraphs"]) == (5, 6)
    assert (assembly["unit"], assembly["first"], assembly["last"]) == ("session", 79, 81)
    assert assembly["missing"] == [80]
    assert assembly["types"] == {"resolution": 2, "draft resolution": 1}
    assert assembly["periods"][0] == {
        "session": 79,
        "documents": 2,
        "paragraphs": 3,
        "types": {"resolution": 2},
        "symbols": [
            {"series": "A/RES/79/", "documents": 2, "first": "A/RES/79/3", "last": "A/RES/79/38"}
        ],
    }
    assert (council["unit"], council["ranges"]) == ("year", [[1967, 1967], [1973, 1973]])
    assert record["scope"] == "General Assembly sessions 79, 81; Security Council 1967, 1973"


def test_ranges_join_consecutive_periods():
    assert ranges([80, 79, 82, 1]) == [[1, 1], [79, 80], [82, 82]]
    assert ranges([]) == []


def test_the_command_prints_coverage_as_json(sample_index: Path):
    result = CliRunner().invoke(main, ["coverage", "--index", str(sample_index), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["scope"] == SAMPLE_SCOPE
    assert record["documents"] == 36
    assert {b["body"] for b in record["bodies"]} == {"General Assembly", "Security Council"}
    text = CliRunner().invoke(main, ["coverage", "--index", str(sample_index)]).output
    assert "sessions not indexed within the range: 75 to 78" in text


def test_the_command_says_when_there_is_no_index(tmp_path: Path):
    result = CliRunner().invoke(main, ["coverage", "--index", str(tmp_path), "--json"])
    assert result.exit_code == 1 and "error" in json.loads(result.output)


def test_coverage_page_and_its_json_twin(client: FlaskClient):
    data = client.get("/coverage.json").get_json()
    assert data["scope"] == SAMPLE_SCOPE and data["built"]
    html = client.get("/coverage").get_data(as_text=True)
    assert "What the index holds" in html
    assert "Not indexed between 74 and 80: sessions 75 to 78." in html
    assert "A/RES/79/3 to A/RES/79/235" in html
    assert "/coverage.json" in client.get("/openapi.json").get_json()["paths"]


def test_the_empty_search_is_a_home_page_not_every_paragraph(client: FlaskClient):
    html = client.get("/").get_data(as_text=True)
    assert SAMPLE_SCOPE in html
    assert 'href="/search?q=%22technical%20assistance%22"' in html
    assert 'class="hit' not in html and "results-title" not in html
    assert client.get("/search").get_data(as_text=True) == html
    # a filter without words still lists paragraphs, and the JSON API is unchanged
    assert "results-title" in client.get("/search?f=session:79").get_data(as_text=True)
    assert client.get("/search.json").get_json()["total"] > 700


def test_first_use_is_scoped_to_the_index(client: FlaskClient):
    html = client.get("/timeline?q=States").get_data(as_text=True)
    assert f'First use in this index<span class="scope"> ({SAMPLE_SCOPE})</span>' in html
    assert "Dashed outlines: sessions 75 to 78 are not in this index" in html
    data = client.get("/timeline.json?q=States").get_json()
    assert data["scope"] == SAMPLE_SCOPE and data["indexed_sessions"] == [74, 79, 80]
    assert data["first"]["symbol"]  # the kept keys are still there


def test_the_search_chart_marks_sessions_not_indexed(client: FlaskClient):
    html = client.get("/search?q=States").get_data(as_text=True)
    assert '<rect class="bar not-indexed"' in html
    assert "75th session: not indexed" in html


def test_a_session_not_indexed_is_never_drawn_as_a_zero():
    drawn = chart.build_chart({74: 2, 79: 4}, set(), lambda s: f"/s/{s}", indexed={74, 77, 79})
    assert drawn is not None
    bars = {bar.session: bar for bar in drawn.bars}
    assert bars[77].indexed and bars[77].height == 0 and bars[77].title.endswith("0 paragraphs")
    assert not bars[75].indexed and bars[75].href is None
    assert bars[75].title == "75th session: not indexed"
    assert drawn.not_indexed == "75 to 76, 78"
    legacy = chart.build_chart({74: 2, 79: 4}, set(), lambda s: f"/s/{s}")
    assert legacy is not None and all(bar.indexed for bar in legacy.bars)


def test_the_timeline_rate_chart_marks_gaps_between_indexed_sessions():
    sessions = [SessionUse(74, 1, 100), SessionUse(79, 2, 100), SessionUse(80, 0, 100)]
    drawn = rate_chart(sessions, SearchState(query="Charter"))
    assert drawn is not None
    assert [bar.session for bar in drawn.bars] == list(range(74, 81))
    assert [bar.indexed for bar in drawn.bars] == [True, False, False, False, False, True, True]
    assert drawn.bars[-1].height == 0  # indexed, no match: a real zero


def test_agenda_items_show_their_titles_in_facets_chips_and_documents(client: FlaskClient):
    title = "Human rights situations and reports of special rapporteurs and representatives"
    page = client.get("/search?q=States&f=agenda:71 (c)").get_data(as_text=True)
    assert f'71 (c) <span class="value-title">{title}</span>' in page
    assert f"Agenda item: 71 (c) {title}" in page or f"Agenda: 71 (c) {title}" in page
    document = client.get("/doc/A/C.3/80/L.31").get_data(as_text=True)
    assert f"71 (c) {title}" in document
    data = client.get("/doc/A/C.3/80/L.31.json").get_json()["document"]
    assert data["agenda_titles"] == {"71 (c)": title}
    assert data["provenance"]["agenda_titles"] == "igov"


def test_lineage_links_say_how_they_were_established(client: FlaskClient, sample_index: Path):
    html = client.get("/doc/A/RES/80/1").get_data(as_text=True)
    assert '<small class="how">the resolution names this draft in its header</small>' in html
    html = client.get("/doc/A/RES/80/224").get_data(as_text=True)
    assert (
        '<small class="how">inferred: same title; same agenda item 71 (c); wording similarity'
        in html
    )
    relations = client.get("/doc/A/RES/80/224.json").get_json()["relations"]
    assert relations["Adopted from draft"][0]["how"].startswith("inferred: same title")
    result = CliRunner().invoke(
        main, ["lineage", "A/RES/80/1", "--index", str(sample_index), "--json"]
    )
    record = json.loads(result.output)
    assert record["draft_of"] == "A/80/L.2"
    assert record["evidence"]["draft_of"]["method"] == "cites"
    assert record["evidence"]["draft_of"]["evidence"] == (
        "A/RES/80/1 names A/80/L.2/Rev.1 in its header as the draft adopted"
    )


@pytest.mark.parametrize(
    ("url", "note"),
    [
        ("/search?q=States&f=session:70", "Session 70 is not in this index"),
        ("/search?q=States session:70..72", "Sessions 70 to 72 are not in this index"),
        ("/search?q=zzzunknownword&f=session:79", None),  # indexed: nothing matches, nothing to add
    ],
)
def test_a_search_for_sessions_not_indexed_says_so(client: FlaskClient, url: str, note):
    html = client.get(url).get_data(as_text=True)
    assert "Nothing in the corpus matches" in html
    if note:
        assert note in html
    else:
        assert "not in this index" not in html
