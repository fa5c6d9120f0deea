"""/phrases, its JSON and CSV twins, and the Phrases section of document pages, over the sample index."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from web import create_app
from web.urls import PhraseLinks, phrase_links, phrases_url


@pytest.fixture(scope="module")
def client(sample_index: Path) -> FlaskClient:
    app = create_app({"INDEX": str(sample_index), "TESTING": True})
    return app.test_client()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ('"transitional justice"', (), 80, ("A/C.3/80/L.31", "op5")),
            PhraseLinks(
                search="/search?q=%22transitional+justice%22&f=session%3A80",
                timeline="/timeline?q=%22transitional+justice%22",
                concordance="/concordance?q=%22transitional+justice%22&f=session%3A80",
                first="/doc/A/C.3/80/L.31?q=%22transitional+justice%22#op5",
            ),
        ),
        (
            ('"host country"', (("committee", "Sixth Committee"),), 79, None),
            PhraseLinks(
                search="/search?q=%22host+country%22&f=session%3A79&f=committee%3ASixth+Committee",
                timeline="/timeline?q=%22host+country%22&f=committee%3ASixth+Committee",
                concordance="/concordance?q=%22host+country%22&f=session%3A79"
                "&f=committee%3ASixth+Committee",
                first="",
            ),
        ),
        (
            ('"human rights"', (), None, ("S/RES/2334 (2016)", "pp1")),
            PhraseLinks(
                search="/search?q=%22human+rights%22",
                timeline="/timeline?q=%22human+rights%22",
                concordance="/concordance?q=%22human+rights%22",
                first="/doc/S/RES/2334%20%282016%29?q=%22human+rights%22#pp1",
            ),
        ),
    ],
)
def test_phrase_links(args, expected) -> None:
    assert phrase_links(*args) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((80,), "/phrases?session=80"),
        ((None,), "/phrases"),
        (
            (80, (("committee", "third"), ("sponsor", "Côte d'Ivoire"))),
            "/phrases?session=80&f=committee%3Athird&f=sponsor%3AC%C3%B4te+d%27Ivoire",
        ),
        ((79, (), ".json"), "/phrases.json?session=79"),
        ((None, (("body", "ga"),), ".csv"), "/phrases.csv?f=body%3Aga"),
    ],
)
def test_phrases_url(args, expected) -> None:
    assert phrases_url(*args) == expected


def test_phrases_page_links_each_phrase(client: FlaskClient) -> None:
    page = client.get("/phrases?session=80")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "New in session 80" in html and "Rose most since session 79" in html
    assert "/search?q=%22transitional+justice%22&amp;f=session%3A80" in html
    assert "/timeline?q=%22transitional+justice%22" in html
    assert "/concordance?q=%22transitional+justice%22&amp;f=session%3A80" in html
    assert 'href="/phrases.csv?session=80"' in html


def test_phrases_default_to_the_latest_session(client: FlaskClient) -> None:
    assert client.get("/phrases.json").get_json()["session"] == 80


def test_phrases_json_and_filters(client: FlaskClient) -> None:
    data = client.get("/phrases.json?session=80&f=committee:third").get_json()
    assert data["filters"] == ["committee:third"]
    assert data["phrases"] and all(p["first_session"] == 80 for p in data["phrases"])
    keys = {"phrase", "count", "documents", "first_session", "first_symbol", "score", "query"}
    assert keys <= set(data["phrases"][0])
    everything = client.get("/phrases.json?session=80").get_json()
    assert data["documents"] < everything["documents"]


def test_phrases_csv(client: FlaskClient) -> None:
    response = client.get("/phrases.csv?session=80")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert {row["list"] for row in rows} == {"new", "rising", "falling"}
    json_phrases = client.get("/phrases.json?session=80").get_json()["phrases"]
    assert [r["phrase"] for r in rows if r["list"] == "new"] == [p["phrase"] for p in json_phrases]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/phrases?session=eighty", "session must be"),
        ("/phrases.json?f=verb:urge", "paragraph field"),
        ("/phrases.json?f=committee:ninth", "unknown committee"),
        ("/phrases.json?limit=0", "limit must be"),
        ("/phrases.csv?f=nonsense", "field:value"),
    ],
)
def test_bad_parameters_are_400_with_a_reason(client: FlaskClient, url: str, message: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_a_session_without_documents_is_an_empty_listing(client: FlaskClient) -> None:
    data = client.get("/phrases.json?session=12").get_json()
    assert data["documents"] == 0 and data["phrases"] == [] and data["rising"] == []


def test_document_page_has_a_phrases_section(client: FlaskClient) -> None:
    html = client.get("/doc/A/RES/80/224").get_data(as_text=True)
    assert 'id="phrases-title"' in html
    assert "marked when A/C.3/80/L.31 or A/RES/79/185 did not use it" in html
    assert "not in A/RES/79/185" in html
    assert "/timeline?q=%22" in html
    data = client.get("/doc/A/RES/80/224.json").get_json()
    assert data["phrases"]["compared_with"] == ["A/C.3/80/L.31", "A/RES/79/185"]
    assert any(p["absent_from"] == ["A/RES/79/185"] for p in data["phrases"]["phrases"])


def test_openapi_describes_phrases(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    assert "/phrases.json" in spec["paths"] and "/phrases.csv" in spec["paths"]
