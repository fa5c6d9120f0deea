"""Each page parses its query and reads its filters once, however many engine calls it makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

import search.request
from web import create_app


@pytest.fixture(scope="module")
def client(sample_index: Path) -> FlaskClient:
    app = create_app({"INDEX": str(sample_index), "TESTING": True})
    return app.test_client()


@pytest.mark.parametrize(
    "url",
    [
        "/search?q=human+rights&f=session:79",
        "/search.json?q=human+rights&f=session:79&group=1",
        "/feed.atom?q=human+rights&f=session:79",
        "/export.csv?q=human+rights&f=session:79",
        "/timeline.json?q=human+rights&f=session:79",
        "/concordance.json?q=human+rights&f=session:79",
    ],
)
def test_a_page_parses_its_query_and_filters_once(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    calls = {"query": 0, "filters": 0}

    def counted(name, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(search.request, "parse_query", counted("query", search.request.parse_query))
    monkeypatch.setattr(
        search.request, "field_clause", counted("filters", search.request.field_clause)
    )
    response = client.get(url)
    assert response.status_code == 200
    response.get_data()  # streamed bodies run to the end
    assert calls == {"query": 1, "filters": 1}
