"""Every route and URL parameter through Flask's test client, over the bundled sample corpus."""

from __future__ import annotations

import itertools
import re
from urllib.parse import unquote

import pytest
from flask.testing import FlaskClient

HIT_LINK = re.compile(r'class="hit-link" href="([^"]+)"')


def search_json(client: FlaskClient, query: str) -> dict:
    response = client.get(f"/search.json?{query}")
    assert response.status_code == 200, response.data
    return response.get_json()


def hit_keys(payload: dict) -> list[tuple[str, str]]:
    return [(hit["symbol"], hit["paragraph_id"]) for hit in payload["hits"]]


# URL -> (matching paragraphs, documents that must be among the first page's hits)
SEARCHES = [
    ("q=capacity-building", 12, {"A/C.3/74/L.11/Rev.1", "A/RES/80/128", "A/RES/79/235"}),
    ("q=capacity+building", 13, {"A/C.3/74/L.11/Rev.1"}),  # both words anywhere
    ("q=%22capacity+building%22", 12, {"A/C.3/74/L.11/Rev.1"}),
    ("q=capacity-building&f=session:74", 7, {"A/C.3/74/L.11/Rev.1"}),
    ("q=capacity-building&f=session:74&f=session:80", 11, {"A/C.3/74/L.11/Rev.1", "A/RES/80/128"}),
    (
        "q=capacity-building&f=committee:Second+Committee",
        3,
        {"A/RES/79/235", "A/RES/80/128", "A/C.2/80/L.20"},
    ),
    ("q=capacity-building&f=verb:encourage", 6, {"A/RES/79/235"}),
    ("q=capacity-building&f=session:74&f=committee:Second+Committee", 0, set()),
    ("q=cybercrime&f=kind:operative", 11, set()),
    ("q=Kuwait", 16, {"S/RES/687 (1991)"}),
    ("q=Iraq&f=type:resolution", 47, {"S/RES/678 (1990)", "S/RES/687 (1991)"}),
    ("q=%22rule+of+law%22", 5, {"A/RES/80/224", "A/C.3/74/L.11/Rev.1"}),
    ("q=session:74", 60, {"A/C.3/74/L.11/Rev.1"}),
    ("f=sponsor:France", 6, {"A/80/L.1"}),
    ("q=zzzqqq", 0, set()),
]


@pytest.mark.parametrize(("query", "total", "symbols"), SEARCHES)
def test_search_table(client: FlaskClient, query: str, total: int, symbols: set[str]) -> None:
    payload = search_json(client, query)
    assert payload["total"] == total
    assert symbols <= {hit["symbol"] for hit in payload["hits"]}
    html = client.get(f"/search?{query}")
    assert html.status_code == 200
    text = html.get_data(as_text=True)
    if total:
        assert f"of {total} paragraphs" in text
    else:
        assert "No paragraphs match" in text


@pytest.mark.parametrize(
    "query", [q for q, _, _ in SEARCHES] + ["q=decides&page=2&size=5&sort=oldest"]
)
def test_html_and_json_twins_show_the_same_rows(client: FlaskClient, query: str) -> None:
    payload = search_json(client, query)
    assert client.get(f"/search?{query}&format=json").get_json()["hits"] == payload["hits"]
    html = client.get(f"/search?{query}").get_data(as_text=True)
    links = [unquote(link.replace("&amp;", "&")) for link in HIT_LINK.findall(html)]
    assert links == [unquote(hit["url"]) for hit in payload["hits"]]


def test_empty_search_shows_every_paragraph_with_facets(client: FlaskClient) -> None:
    payload = search_json(client, "")
    assert payload["total"] == 789 and payload["description"] == "all paragraphs"
    assert {"session", "committee", "type", "agenda", "sponsor", "kind", "verb"} <= set(
        payload["facets"]
    )
    assert client.get("/").status_code == 200


def test_facet_counts_ignore_their_own_filter_and_mark_selection(client: FlaskClient) -> None:
    sessions = dict(
        (v["value"], v)
        for v in search_json(client, "q=capacity-building&f=session:74")["facets"]["session"]
    )
    assert sessions["74"]["count"] == 7 and sessions["74"]["selected"]
    assert sessions["80"]["count"] == 4 and not sessions["80"]["selected"]


@pytest.mark.parametrize(
    ("query", "first_dates_order"),
    [("q=decides&sort=newest", "desc"), ("q=decides&sort=oldest", "asc")],
)
def test_sorts(client: FlaskClient, query: str, first_dates_order: str) -> None:
    dates = [hit["date"] for hit in search_json(client, query + "&size=100")["hits"] if hit["date"]]
    assert len(dates) > 10
    assert dates == sorted(dates, reverse=first_dates_order == "desc")


def test_symbol_sort(client: FlaskClient) -> None:
    hits = search_json(client, "q=decides&sort=symbol&size=100")["hits"]
    symbols = [hit["symbol"] for hit in hits]
    runs = [symbol for symbol, _ in itertools.groupby(symbols)]
    assert len(symbols) == 49 and len(runs) == len(
        set(symbols)
    )  # each document's paragraphs together
    assert symbols[0] == "A/80/L.1"


def test_pages_are_slices_of_one_ranking(client: FlaskClient) -> None:
    ten = hit_keys(search_json(client, "q=decides&size=10&sort=oldest"))
    first = hit_keys(search_json(client, "q=decides&size=5&sort=oldest"))
    second = hit_keys(search_json(client, "q=decides&size=5&sort=oldest&page=2"))
    assert first + second == ten and len(ten) == 10
    html = client.get("/search?q=decides&size=5&page=2").get_data(as_text=True)
    assert "6–10 of 49 paragraphs" in html
    assert 'rel="prev"' in html and 'rel="next"' in html and 'aria-current="page"' in html


def test_a_page_past_the_end_points_back_to_the_last_one(client: FlaskClient) -> None:
    html = client.get("/search?q=capacity-building&page=3&size=5").get_data(as_text=True)
    assert "11–12 of 12 paragraphs" in html and "Go to the last page" not in html
    html = client.get("/search?q=capacity-building&page=9&size=5").get_data(as_text=True)
    assert "Page 9 is past the last page of 12 paragraphs" in html
    assert 'href="/search?q=capacity-building&amp;size=5&amp;page=3">Go to the last page' in html


def test_group_by_document(client: FlaskClient) -> None:
    payload = search_json(client, "q=capacity-building&group=1")
    assert payload["total_documents"] == 7 and payload["total"] == 12
    groups = payload["groups"]
    assert len(groups) == 7 and sum(g["hit_count"] for g in groups) == 12
    assert all(hit["symbol"] == g["symbol"] for g in groups for hit in g["hits"])
    html = client.get("/search?q=capacity-building&group=1").get_data(as_text=True)
    assert "1–7 of 7 documents (12 paragraphs)" in html and "Show every paragraph" in html


def test_more_link_opens_a_long_facet(client: FlaskClient) -> None:
    short = search_json(client, "")["facets"]["sponsor"]
    full = search_json(client, "more=sponsor")["facets"]["sponsor"]
    assert len(short) == 10 and len(full) > 10 and full[:10] == short
    html = client.get("/search?more=kind").get_data(as_text=True)  # plain /search is the home page
    assert 'href="/search?more=sponsor#facet-section-sponsor"' in html
    assert "Fewer sponsor values" in client.get("/search?more=sponsor").get_data(as_text=True)


def test_search_page_controls(client: FlaskClient) -> None:
    html = client.get("/search?q=capacity-building&f=session:74").get_data(as_text=True)
    assert "paragraphs matching &#34;capacity-building&#34; in the 74th session" in html
    assert 'href="/search?q=capacity-building"' in html  # the chip removing the session filter
    assert 'href="/search?q=capacity-building&amp;f=session%3A74&amp;sort=newest"' in html
    assert (
        'href="/search?q=capacity-building&amp;f=session%3A74&amp;f=committee%3AThird+Committee'
        '#facet-section-committee"' in html
    )
    assert 'href="/export.csv?q=capacity-building&amp;f=session%3A74"' in html
    assert "<mark>" in html and 'href="/help"' in html
    assert '<label for="q">' in html and '<input type="hidden" name="f" value="session:74">' in html
    # the chart and its text table
    assert (
        '<svg viewBox="0 0 640 180" aria-hidden="true"' in html
        and "<caption>Paragraphs per session</caption>" in html
    )
    assert 'class="bar selected"' in html


def test_empty_results_suggest_loosening(client: FlaskClient) -> None:
    html = client.get(
        '/search?q="capacity+cybercrime"&f=session:74&f=committee:Second+Committee'
    ).get_data(as_text=True)
    assert "Try a looser search" in html
    assert 'href="/search?q=%22capacity+cybercrime%22&amp;f=committee%3ASecond+Committee"' in html
    assert 'href="/search?q=%22capacity+cybercrime%22&amp;f=session%3A74"' in html
    assert (
        'href="/search?q=capacity+cybercrime&amp;f=session%3A74&amp;f=committee%3ASecond+Committee"'
        in html
    )
    loose = search_json(client, "q=capacity+cybercrime")
    assert loose["total"] > 0  # the suggested unquoted query does find something


@pytest.mark.parametrize(
    ("query", "message", "caret"),
    [
        ("q=(water", "unclosed parenthesis", "^"),
        ("q=water+AND", "AND needs a clause on each side", "      ^"),
        ("q=colour:red", "unknown field &#34;colour:&#34;", "^"),
        ("q=water)", "unmatched )", "     ^"),
    ],
)
def test_query_errors_are_400_with_a_caret(
    client: FlaskClient, query: str, message: str, caret: str
) -> None:
    response = client.get(f"/search?{query}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "The query could not be read" in html and message in html
    assert f'<span class="caret-mark">{caret}</span>' in html
    payload = client.get(f"/search.json?{query}")
    assert payload.status_code == 400 and payload.get_json()["position"] is not None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=" + "a" * 501, "limit is 500"),
        ("size=101", "between 1 and 100"),
        ("page=51", "between 1 and 50"),
        ("page=x", "whole number"),
        ("f=colour:red", "unknown facet field"),
        ("f=session:abc", "session needs a number"),
        ("f=session:99999999999999999999999", "cannot be used"),
        ("f=kind:nonsense", "unknown paragraph kind"),
        ("sort=best", "sort must be one of"),
        ("format=xml", "format must be html or json"),
    ],
)
def test_bad_parameters_are_400(client: FlaskClient, query: str, message: str) -> None:
    for path in ("/search", "/search.json", "/export.csv", "/feed.atom"):
        if path != "/search" and query.startswith("format"):
            continue
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, path
        assert message in response.get_data(as_text=True)
    assert client.get(f"/search.json?{query}").get_json()["error"] == "Bad request"


HOSTILE = [
    "q=%00",
    "q=%EF%BF%BF",
    "q=%FF%FE",
    "q=*",
    'q=""',
    "q=NEAR/5",
    "q=a+NEAR/999999999999+b",
    "q=session:1..99999999999999999999",
    "q=" + "(" * 40 + "a" + ")" * 40,
    "q=-water",
    "q=:",
    "q=a:b:c",
    "f=agenda:%00",
    "f=sponsor:<script>",
    "f=cites:xyz",
    "f=verb:%FF",
    "page=50&q=water",
]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("path", ["/search", "/search.json", "/export.csv", "/feed.atom"])
def test_hostile_input_is_answered_never_crashes(
    client: FlaskClient, path: str, query: str
) -> None:
    response = client.get(f"{path}?{query}")
    body = response.get_data(as_text=True)
    assert response.status_code in (200, 400), body[:300]
    assert "Traceback" not in body
    # JSON carries the echoed text as data, never as markup
    if response.mimetype != "application/json":
        assert "<script>" not in body
