"""Bounded requests: numbers in URLs, work per request, and links that do not trust the Host header."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from search.concordance import concordance
from search.searcher import open_searcher
from web import create_app
from web.resources import close_searcher
from web.state import BadParameter, integer_param


@pytest.fixture(scope="module")
def client(sample_index: Path) -> Iterator[FlaskClient]:
    app = create_app(
        {"INDEX": str(sample_index), "TESTING": True, "BASE_URL": "https://agreed.example.org/"}
    )
    yield app.test_client()
    close_searcher(app)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("7", 7), ("007", 7), ("1", 1), ("50", 50), (None, 3), ("", 3)],
)
def test_integer_param_reads_ascii_digits(value: str | None, expected: int) -> None:
    args = MultiDict({} if value is None else {"n": value})
    assert integer_param(args, "n", 3, 1, 50) == expected


@pytest.mark.parametrize(
    "value", ["²", "٣", "⑤", "５", "-1", "+3", " 3", "3 ", "0", "51", "1e3", "3.0", "9" * 5000]
)
def test_integer_param_refuses_everything_else(value: str) -> None:
    with pytest.raises(BadParameter):
        integer_param(MultiDict({"n": value}), "n", 3, 1, 50)


@pytest.mark.parametrize(
    "url",
    [
        "/search?q=women&page=²",
        "/search.json?q=women&size=³",
        "/search?q=women&page=٣",
        "/concordance?q=women&width=⑤",
        "/concordance.json?q=women&width=٦٠",
        "/cited?limit=…",
        "/cited.json?limit=¹⁰",
        "/search.json?q=women&page=" + "9" * 5000,
        "/search?q=symbol:S/RES/²",
        "/search.json?q=women&f=session:²",
        "/timeline.json?q=session:⁷⁴",
    ],
)
def test_unicode_digits_are_a_bad_request_never_a_crash(client: FlaskClient, url: str) -> None:
    assert client.get(url).status_code in (200, 400)
    if any(f"{name}=" in url for name in ("page", "size", "width", "limit")):
        assert client.get(url).status_code == 400


@pytest.mark.parametrize("query", ["-disarmament", "year:1900..", "kind:op", "NOT women"])
def test_concordance_refuses_a_query_with_no_word_to_show(client: FlaskClient, query: str) -> None:
    response = client.get("/concordance.json", query_string={"q": query})
    assert response.status_code == 400
    assert "word or phrase" in response.get_json()["message"]


def test_concordance_stops_at_its_budget_and_says_so(sample_index: Path) -> None:
    searcher = open_searcher(sample_index)
    try:
        from search.api import SearchRequest

        request = SearchRequest(query="the", page_size=1, facets=False)
        whole = concordance(searcher, request, width=40)
        assert not whole.partial and len(whole.rows) > 100
        cut = concordance(searcher, request, width=60, seconds=0.0)
        assert cut.partial and len(cut.rows) < len(whole.rows)
    finally:
        searcher.close()


def test_concordance_page_and_json_say_partial(client: FlaskClient) -> None:
    client.application.config["WORK_SECONDS"] = 0.0
    try:
        data = client.get("/concordance.json?q=the&width=80").get_json()
        assert data["partial"] is True
        html = client.get("/concordance?q=the&width=80").get_data(as_text=True)
        assert "Partial:" in html
    finally:
        client.application.config["WORK_SECONDS"] = 0.5


@pytest.mark.parametrize("path", ["/feed.atom?q=women", "/export.csv?q=women"])
def test_absolute_links_come_from_configuration_not_the_host_header(
    client: FlaskClient, path: str
) -> None:
    response = client.get(path, headers={"Host": "evil.example.com"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "evil.example.com" not in body
    assert "https://agreed.example.org/doc/" in body


def test_downloads_at_once_are_limited_and_the_slot_is_given_back(client: FlaskClient) -> None:
    client.application.config |= {"STREAMS_PER_WORKER": 1, "SLOT_WAIT_SECONDS": 0.2}
    try:
        first = client.get("/export.csv?q=women", buffered=False)
        assert first.status_code == 200
        busy = client.get("/export.csv?q=women")
        assert busy.status_code == 503 and busy.headers["Retry-After"] == "5"
        assert busy.mimetype == "application/json"
        first.close()  # the client went away before reading: the slot is free again
        assert client.get("/export.csv?q=women").status_code == 200
        assert client.get("/export.csv?q=women").status_code == 200  # and after a full read
    finally:
        client.application.config["STREAMS_PER_WORKER"] = 8
