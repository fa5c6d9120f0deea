"""Timeline rates whose denominators honour the query's conditions; Security Council texts by year."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from search.ast import And, FieldMatch, MatchAll, Not, Range
from search.parser import parse_query
from search.timeline import conditions


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"climate change" type:resolution', FieldMatch("type", "resolution")),
        ("peace", MatchAll()),
        (
            "peace session:70..80 type:draft",
            And((Range("session", 70, 80), FieldMatch("type", "draft resolution"))),
        ),
        ("peace OR type:draft", MatchAll()),  # an OR with words cannot be split: no condition
        ("peace -type:draft", And((MatchAll(), Not(FieldMatch("type", "draft resolution"))))),
        ("peace -war", MatchAll()),
        ("session:74 OR session:80", parse_query("session:74 OR session:80")),
    ],
)
def test_the_non_text_conditions_of_a_query(query: str, expected: object) -> None:
    assert conditions(parse_query(query)) == expected


def _total(client: FlaskClient, query: str, *filters: str) -> int:
    return client.get("/search.json", query_string={"q": query, "f": list(filters)}).get_json()[
        "total"
    ]


@pytest.mark.parametrize(
    ("query", "filters", "conditions_query"),
    [
        ("peace type:resolution", [], "type:resolution"),
        ("peace", ["committee:Third Committee"], "committee:third"),
        ("development session:79..80 -kind:pp", [], "session:79..80 -kind:pp"),
    ],
)
def test_denominators_are_the_paragraphs_meeting_the_same_conditions(
    client: FlaskClient, query: str, filters: list[str], conditions_query: str
) -> None:
    payload = client.get("/timeline.json", query_string={"q": query, "f": filters}).get_json()
    rows = [row for row in payload["sessions"] if row["paragraphs"]]
    assert rows
    for row in rows:
        session = row["session"]
        assert row["paragraphs"] == _total(client, f"{conditions_query} session:{session}"), row
        assert row["matches"] == _total(client, f"({query}) session:{session}", *filters)
        assert row["per_thousand"] == round(1000 * row["matches"] / row["paragraphs"], 2)


def test_security_council_texts_have_a_year_axis(client: FlaskClient) -> None:
    payload = client.get("/timeline.json?q=peace").get_json()
    years = {row["year"]: row for row in payload["years"]}
    assert {1967, 1973, 1990, 1991} <= set(years)
    for year, row in years.items():
        assert row["matches"] == _total(client, f"peace body:sc year:{year}")
        assert row["paragraphs"] == _total(client, f"body:sc year:{year}")
    assert sum(row["matches"] for row in years.values()) == _total(client, "peace body:sc")
    html = client.get("/timeline?q=peace").get_data(as_text=True)
    assert "Security Council resolutions by year" in html


def test_the_search_chart_says_where_security_council_matches_are(client: FlaskClient) -> None:
    html = client.get("/search?q=peace").get_data(as_text=True)
    assert "in Security Council texts, which have no session" in html
    assert 'href="/timeline?q=peace#years"' in html
