"""The agreed-language pages and their JSON/CSV twins over the sample index: content, errors, escaping."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from search.concordance import ConcordanceRow
from web import create_app
from web.language_present import concordance_csv


@pytest.fixture(scope="module")
def client(sample_index: Path) -> FlaskClient:
    app = create_app({"INDEX": str(sample_index), "TESTING": True})
    return app.test_client()


def test_compare_page_and_json(client: FlaskClient) -> None:
    page = client.get("/compare?a=A/80/L.2&b=A/RES/80/1")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<del>Deploring,</del> <ins>Regretting,</ins>" in html
    assert 'href="/doc/A/RES/80/1#pp3"' in html  # the added paragraph links to its anchor
    data = client.get("/compare.json?a=A/80/L.2&b=A/RES/80/1").get_json()
    assert data["a"] == "A/80/L.2" and data["b"] == "A/RES/80/1"
    assert {"same", "changed", "added"} <= {p["status"] for p in data["pairs"]}


def test_compare_form_suggests_related_documents(client: FlaskClient) -> None:
    html = client.get("/compare?a=A/C.3/80/L.31").get_data(as_text=True)
    assert "/compare?a=A%2FC.3%2F80%2FL.31&amp;b=A%2FRES%2F80%2F224" in html
    assert "A/RES/79/185" in html


def test_compare_errors_are_readable(client: FlaskClient) -> None:
    assert client.get("/compare?a=A/80/L.2&b=NOPE").status_code == 404
    missing = client.get("/compare.json?a=A/80/L.2")
    assert missing.status_code == 400 and "two document symbols" in missing.get_json()["message"]
    assert client.get("/compare?a=" + "x" * 200 + "&b=y").status_code == 400


def test_timeline_page_and_json(client: FlaskClient) -> None:
    data = client.get('/timeline.json?q="Security Council"').get_json()
    assert data["total"] > 0
    assert {s["session"] for s in data["sessions"]} >= {74, 79, 80}
    assert data["first"]["symbol"].startswith("S/RES/")
    html = client.get('/timeline?q="Security Council"').get_data(as_text=True)
    assert "<svg" in html and "per 1,000" in html
    assert "/search?q=%22Security+Council%22&amp;f=session%3A79" in html


def test_timeline_bad_query_is_400_with_message(client: FlaskClient) -> None:
    page = client.get('/timeline?q="unclosed')
    assert page.status_code == 400 and "could not be read" in page.get_data(as_text=True)
    assert client.get('/timeline.json?q="unclosed').get_json()["position"] == 0


def test_concordance_page_json_and_csv(client: FlaskClient) -> None:
    data = client.get('/concordance.json?q="Security Council"&sort=session').get_json()
    assert data["sort"] == "session" and data["rows"]
    assert all(row["match"].lower() == "security council" for row in data["rows"])
    html = client.get('/concordance?q="Security Council"&sort=right').get_data(as_text=True)
    assert "<mark>Security Council</mark>" in html and 'aria-current="true">right' in html
    response = client.get('/concordance.csv?q="Security Council"')
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["left", "match", "right", "symbol", "paragraph_id", "session"]
    assert len(rows) == len(data["rows"]) + 1
    assert client.get("/concordance?q=x&sort=sideways").status_code == 400
    assert client.get("/concordance?q=x&width=7").status_code == 400


def test_csv_cells_cannot_start_formulas() -> None:
    row = ConcordanceRow("=HYPERLINK(1)", "match", "@x", "A/RES/1", "op1", None)
    text = concordance_csv([row])
    assert "'=HYPERLINK(1)" in text and "'@x" in text


def test_cited_page_and_json(client: FlaskClient) -> None:
    data = client.get("/cited.json?limit=5").get_json()
    assert len(data["cited"]) <= 5
    counts = {row["symbol"]: row["count"] for row in client.get("/cited.json").get_json()["cited"]}
    assert counts["S/RES/242 (1967)"] == 3
    html = client.get("/cited").get_data(as_text=True)
    assert '<a href="/doc/S/RES/242%20%281967%29">S/RES/242 (1967)</a>' in html
    assert client.get("/cited?limit=0").status_code == 400


def test_pages_escape_what_they_echo(client: FlaskClient) -> None:
    html = client.get("/concordance?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>alert" not in html
    html = client.get("/compare?a=<b>x</b>").get_data(as_text=True)
    assert "<b>x</b>" not in html


def test_timeline_links_keep_the_timelines_filters(client: FlaskClient) -> None:
    """A session bar of a filtered timeline opens that session's matches within the same filters."""
    html = client.get("/timeline?q=women&f=committee:Third Committee").get_data(as_text=True)
    assert "/search?q=women&amp;f=committee%3AThird+Committee&amp;f=session%3A80" in html
    data = client.get("/timeline.json?q=women&f=committee:Third Committee").get_json()
    narrowed = client.get("/search.json?q=women&f=committee:Third Committee&f=session:80")
    session = next(s for s in data["sessions"] if s["session"] == 80)
    assert narrowed.get_json()["total"] == session["matches"] > 0
