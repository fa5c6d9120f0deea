"""Document pages are found the way symbols are typed, and link to the official texts and related comparisons."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from web import document


@pytest.mark.parametrize(
    ("asked", "canonical"),
    [
        ("/doc/a/res/80/224", "/doc/A/RES/80/224"),
        ("/doc/A/RES/80/224/", "/doc/A/RES/80/224"),
        ("/doc/a/c.3/80/l.31", "/doc/A/C.3/80/L.31"),
        ("/doc/S/RES/242", "/doc/S/RES/242%20%281967%29"),
        ("/doc/s/res/242%20(1967)", "/doc/S/RES/242%20%281967%29"),
        ("/doc/S/RES/242(1967)", "/doc/S/RES/242%20%281967%29"),
        ("/doc/a/res/80/224.json", "/doc/A/RES/80/224.json"),
        ("/doc/a/res/80/224?q=peace", "/doc/A/RES/80/224?q=peace"),
    ],
)
def test_forgiving_document_urls_redirect_once_to_the_canonical(
    client: FlaskClient, asked: str, canonical: str
) -> None:
    response = client.get(asked)
    assert response.status_code == 301
    assert response.headers["Location"] == canonical
    assert client.get(canonical).status_code == 200


def test_unknown_documents_are_still_404(client: FlaskClient) -> None:
    assert client.get("/doc/A/RES/80/9999").status_code == 404
    assert client.get("/doc/../../etc/passwd").status_code == 404


def test_official_text_links_in_the_six_languages() -> None:
    links = document.official_links("S/RES/242 (1967)")
    assert [link.text for link in links] == [
        "العربية",
        "中文",
        "English",
        "Français",
        "Русский",
        "Español",
    ]
    assert links[2].href == (
        "https://documents.un.org/api/symbol/access?s=S/RES/242(1967)&l=en&t=pdf"
    )
    assert document.official_links("A/C.3/80/L.31")[3].href == (
        "https://documents.un.org/api/symbol/access?s=A/C.3/80/L.31&l=fr&t=pdf"
    )
    assert document.library_url("A/RES/80/224") == (
        "https://digitallibrary.un.org/search?ln=en&p=%22A%2FRES%2F80%2F224%22"
    )


def test_document_pages_link_to_official_texts_and_comparisons(client: FlaskClient) -> None:
    draft = client.get("/doc/A/C.3/80/L.31").get_data(as_text=True)
    assert "https://documents.un.org/api/symbol/access?s=A/C.3/80/L.31&amp;l=en&amp;t=pdf" in draft
    assert "https://digitallibrary.un.org/search?" in draft
    assert "Compare with the resolution adopted from it" in draft
    assert "/compare?a=A%2FC.3%2F80%2FL.31&amp;b=A%2FRES%2F80%2F224" in draft
    resolution = client.get("/doc/A/RES/80/224").get_data(as_text=True)
    assert "Compare with the draft it was adopted from" in resolution
    links = client.get("/doc/A/RES/80/224.json").get_json()["links"]
    assert links["official"]["en"].endswith("s=A/RES/80/224&l=en&t=pdf")
    assert set(links["official"]) == {"ar", "zh", "en", "fr", "ru", "es"}
    assert links["digital_library"].startswith("https://digitallibrary.un.org/search?")
    assert {c["url"] for c in links["compare"]} >= {
        "/compare?a=A%2FC.3%2F80%2FL.31&b=A%2FRES%2F80%2F224"
    }


def test_a_document_without_a_symbol_has_no_official_links(client: FlaskClient) -> None:
    page = client.get("/doc/000_812fe54646a34c6a").get_data(as_text=True)
    assert "documents.un.org" not in page
