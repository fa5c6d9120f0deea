"""Property-based fuzzing of every route through Flask's test client: no input gives a 5xx."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from web import create_app
from web.resources import close_searcher

# Every parameter any page reads, plus names no page knows.
NAMES = ["q", "f", "sort", "page", "size", "group", "more", "format", "width", "limit", "a", "b"]
NAMES += ["x", "Q", "page[]", ""]
TRICKY = [
    "²",
    "٣",
    "⑤",
    "１０",
    "-1",
    "0",
    "999999999999999999999999",
    "9" * 5000,
    "",
    " ",
    "\x00",
    "session:²",
    "session:74..",
    "year:1900..",
    "kind:op",
    "-disarmament",
    '"',
    "(",
    "NEAR/5",
    "women NEAR/٣ peace",
    "symbol:S/RES/²",
    "A/RES/80/224",
    "json",
    "capacity-building",
    "*",
    "a" * 600,
]
TEXT = st.characters(exclude_categories=["Cs"])  # a lone surrogate cannot be sent as UTF-8
VALUES = st.one_of(st.sampled_from(TRICKY), st.text(TEXT, max_size=40))
PARAMS = st.lists(st.tuples(st.sampled_from(NAMES), VALUES), max_size=6)
SYMBOLS = st.one_of(
    st.sampled_from(["A/RES/80/224", "A/C.3/74/L.11/Rev.1", "../../etc/passwd", "x.json"]),
    st.text(TEXT, min_size=1, max_size=30).filter(lambda s: "\x00" not in s and "?" not in s),
)


@pytest.fixture(scope="module")
def app(sample_index: Path) -> Iterator[Flask]:
    app = create_app({"INDEX": str(sample_index), "TESTING": True, "WORK_SECONDS": 0.5})
    yield app
    close_searcher(app)


def routes(app: Flask) -> list[str]:
    """Every GET route of the app (whatever blueprints exist when this runs), static files aside."""
    return sorted(
        {
            rule.rule
            for rule in app.url_map.iter_rules()
            if "GET" in (rule.methods or ()) and not rule.rule.startswith("/static")
        }
    )


def test_fuzzed_requests_to_every_route_get_no_server_error(app: Flask) -> None:
    client: FlaskClient = app.test_client()
    paths = routes(app)
    assert len(paths) >= 15  # the walk sees the real routes

    @given(path=st.sampled_from(paths), symbol=SYMBOLS, params=PARAMS)
    @settings(
        max_examples=400, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def request(path: str, symbol: str, params: list[tuple[str, str]]) -> None:
        url = re.sub(r"<(?:\w+:)?\w+>", lambda _m: symbol, path)
        response = client.get(url, query_string=params)
        assert response.status_code < 500, (url, params, response.get_data(as_text=True)[:300])

    request()
