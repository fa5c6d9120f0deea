"""The page's facets: every facet the README lists, and a long facet searchable beyond its first 100."""

from __future__ import annotations

from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from search.api import SearchRequest, SearchResults
from web import present
from web.state import SearchState, parse_state


def test_the_body_facet_is_on_the_page(client: FlaskClient) -> None:
    html = client.get("/search?q=peace").get_data(as_text=True)
    assert 'id="facet-body"' in html and "Security Council" in html
    facets = client.get("/search.json?q=peace").get_json()["facets"]
    assert {"General Assembly", "Security Council"} <= {v["value"] for v in facets["body"]}


def test_the_more_list_is_searched_over_every_value() -> None:
    """Value 150 of a long sponsor list is found by typing part of its name."""
    values = [(f"State {n:03d}", 1000 - n) for n in range(200)] + [("Côte d’Ivoire", 1)]
    results = SearchResults(SearchRequest(), total=5000, hits=[], facets={"sponsor": values})
    state = SearchState(more="sponsor", more_filter="cote")
    sponsor = next(f for f in present.facets(state, results) if f.field == "sponsor")
    assert [v.value for v in sponsor.values] == ["Côte d’Ivoire"]
    state = SearchState(more="sponsor", more_filter="state 15")
    sponsor = next(f for f in present.facets(state, results) if f.field == "sponsor")
    found = [v.value for v in sponsor.values]
    assert "State 150" in found and "State 199" not in found and len(found) == 12


def test_the_more_filter_travels_in_the_url() -> None:
    state = parse_state(MultiDict([("more", "sponsor"), ("fq", "ivoire")]))
    assert state.more_filter == "ivoire"
    assert ("fq", "ivoire") in state.params()
    assert state.to_request().facet_limit > 1000  # the whole list when it is searched


def test_the_more_list_has_a_search_box(client: FlaskClient) -> None:
    html = client.get("/search?more=sponsor&fq=ivoire").get_data(as_text=True)
    assert 'name="fq"' in html
    values = client.get("/search.json?more=sponsor&fq=ivoire").get_json()["facets"]["sponsor"]
    assert [v["value"] for v in values] == ["Côte d’Ivoire"]
