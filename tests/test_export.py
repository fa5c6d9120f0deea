"""export.csv opens in a spreadsheet as analysts expect: encoding, sponsor and agenda columns, a named file."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from search.api import SearchRequest
from search.searcher import open_searcher
from web.api_views import export_filename


def test_export_starts_with_a_byte_order_mark_for_excel(client: FlaskClient) -> None:
    body = client.get("/export.csv?q=Côte").get_data()
    assert body.startswith(b"\xef\xbb\xbfsymbol,")
    assert body.count(b"\xef\xbb\xbf") == 1


def test_export_has_sponsor_and_agenda_columns(client: FlaskClient) -> None:
    text = client.get("/export.csv?q=sponsor:Qatar&sort=symbol").get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_symbol = {row["symbol"]: row for row in rows}
    draft = by_symbol["A/C.3/80/L.31"]
    assert "Qatar" in draft["sponsors"].split("; ")
    assert "United States of America" in draft["sponsors"].split("; ")
    assert draft["agenda_items"]
    resolution = by_symbol["A/RES/80/224"]  # found through its draft's sponsors, labelled so
    assert resolution["sponsors"] == ""
    assert "Qatar" in resolution["draft_sponsors"].split("; ")


@pytest.mark.parametrize(
    ("query", "filters", "name"),
    [
        ('"climate change"', [], "agreed-climate-change.csv"),
        ("capacity-building", ["session:74"], "agreed-capacity-building-session-74.csv"),
        ("", [], "agreed-all.csv"),
        ('sponsor:"Côte d’Ivoire" OR droits', [], "agreed-sponsor-cote-d-ivoire-or-droits.csv"),
        ("x" * 300, [], "agreed-" + "x" * 80 + ".csv"),
    ],
)
def test_export_file_name_comes_from_the_query(query: str, filters: list[str], name: str) -> None:
    pairs = [(field, value) for field, _, value in (f.partition(":") for f in filters)]
    assert export_filename(query, pairs) == name


def test_export_response_names_the_file(client: FlaskClient) -> None:
    response = client.get('/export.csv?q="capacity-building"&f=session:74')
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="agreed-capacity-building-session-74.csv"'
    )


def test_a_scan_without_snippets_skips_highlighting_but_keeps_the_text(sample_index: Path) -> None:
    """Exports and concordances show the whole text: snippet_chars=0 spares them the highlighting."""
    searcher = open_searcher(sample_index)
    try:
        request = SearchRequest(query="women", sort="symbol")
        plain = list(searcher.scan(replace(request, snippet_chars=0)))
        marked = list(searcher.scan(request))
    finally:
        searcher.close()
    assert plain and [hit.text for hit in plain] == [hit.text for hit in marked]
    assert all(hit.snippet_html == "" for hit in plain)
    assert all("<mark>" in hit.snippet_html for hit in marked)
