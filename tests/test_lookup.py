"""A symbol typed or pasted into the search box finds its document."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from web.lookup import symbol_forms


@pytest.mark.parametrize(
    ("query", "forms"),
    [
        ("A/RES/80/224", ["A/RES/80/224"]),
        ("a/res/80/224", ["a/res/80/224"]),
        (" A/C.3/80/L.31 ", ["A/C.3/80/L.31"]),
        ("80/224", ["A/RES/80/224"]),
        ("res 80/224", ["A/RES/80/224"]),
        ("S/RES/242", ["S/RES/242"]),
        ("S/RES/242 (1967)", ["S/RES/242 (1967)"]),
        ("res 2250", ["S/RES/2250"]),
        ("resolution 242 (1967)", ["S/RES/242 (1967)"]),
        ("Resolution 2250", ["S/RES/2250"]),
        ("climate change", []),
        ("2250", []),  # a bare number is a word of the text, not a symbol
        ("session:80", []),
        ('"80/224"', []),  # quoted: the analyst wants the text
    ],
)
def test_symbol_shapes(query: str, forms: list[str]) -> None:
    assert symbol_forms(query) == forms


@pytest.mark.parametrize(
    ("query", "symbol"),
    [
        ("A/RES/80/224", "A/RES/80/224"),
        ("a/res/80/224", "A/RES/80/224"),
        ("80/224", "A/RES/80/224"),
        ("S/RES/242", "S/RES/242 (1967)"),
        ("res 242", "S/RES/242 (1967)"),
        ("a/c.3/80/l.31", "A/C.3/80/L.31"),
    ],
)
def test_a_symbol_in_the_search_box_offers_its_document(
    client: FlaskClient, query: str, symbol: str
) -> None:
    found = client.get("/search.json", query_string={"q": query}).get_json()["document"]
    assert found["symbol"] == symbol and found["in_index"] is True
    assert client.get(found["url"]).status_code == 200
    html = client.get("/search", query_string={"q": query}).get_data(as_text=True)
    assert 'class="lookup"' in html and f'href="{found["url"]}"' in html


def test_a_symbol_not_in_the_index_points_to_the_official_text(client: FlaskClient) -> None:
    found = client.get("/search.json?q=res 2250").get_json()["document"]
    assert found == {
        "symbol": "S/RES/2250",
        "in_index": False,
        "url": None,
        "title": None,
        "official": "https://documents.un.org/api/symbol/access?s=S/RES/2250&l=en&t=pdf",
    }
    html = client.get("/search?q=res 2250").get_data(as_text=True)
    assert "not in this index" in html


def test_ordinary_queries_offer_no_document(client: FlaskClient) -> None:
    assert client.get("/search.json?q=climate change").get_json()["document"] is None
