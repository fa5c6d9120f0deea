"""Sponsors as analysts name them: groups credited, delegates' short names, drafts' sponsors on resolutions."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from indexer.parse import parse_file
from indexer.sponsors import canonical_sponsor, credit_group, group_on_behalf

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "sample"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("United States", "United States of America"),
        ("USA", "United States of America"),
        ("usa", "United States of America"),
        ("UK", "United Kingdom of Great Britain and Northern Ireland"),
        ("Turkey", "Türkiye"),
        ("Türkiye", "Türkiye"),
        ("turkiye", "Türkiye"),
        ("france", "France"),
        ("Guinea", "Guinea"),
        ("G77", "Group of 77 and China"),
        ("Group of 77", "Group of 77 and China"),
        ("Cote d'Ivoire", "Côte d’Ivoire"),
        ("United", "United"),  # the start of several names is left alone
        ("Atlantis", "Atlantis"),
    ],
)
def test_sponsor_names_map_onto_the_member_state_list(typed: str, stored: str) -> None:
    assert canonical_sponsor(typed) == stored


@pytest.mark.parametrize(
    ("note", "group"),
    [
        (
            "On behalf of the States that are members of the Group of 77 and China, taking into "
            "account also the provisions of General Assembly resolution ES-10/23 of 10 May 2024.",
            "Group of 77 and China",
        ),
        (
            "On behalf of the States Members of the United Nations that are members of the "
            "Group of African States.",
            "Group of African States",
        ),
        ("On behalf of the Group of 77 and China.", "Group of 77 and China"),
        ("Reissued for technical reasons on 3 May 2025.", None),
    ],
)
def test_on_behalf_footnotes_name_the_group(note: str, group: str | None) -> None:
    assert group_on_behalf(note) == group


def test_the_starred_state_yields_the_credit_to_its_group() -> None:
    notes = [("*", "On behalf of the Group of 77 and China."), ("1", "A/80/1.")]
    assert credit_group(["Iraq"], [], notes) == (["Group of 77 and China"], "Iraq")
    assert credit_group(["Chile", "Iraq"], ["Iraq"], notes) == (
        ["Chile", "Group of 77 and China"],
        "Iraq",
    )
    assert credit_group(["Iraq"], [], [("1", "A/80/1.")]) == (["Iraq"], None)


def test_a_draft_tabled_on_behalf_of_the_group_of_77_credits_the_group() -> None:
    draft = parse_file(FIXTURES / "A_C.2_80_L.10.pdf")
    assert draft.sponsors == ["Group of 77 and China"]
    assert draft.submitted_by == "Iraq"


def _total(client: FlaskClient, query: str, *filters: str) -> int:
    response = client.get("/search.json", query_string={"q": query, "f": list(filters)})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["total"]


@pytest.mark.parametrize("name", ['"United States"', "USA", '"united states of america"'])
def test_sponsor_queries_take_the_names_delegates_use(client: FlaskClient, name: str) -> None:
    assert _total(client, f"sponsor:{name}") > 0
    assert _total(client, "", f"sponsor:{name.strip(chr(34))}") > 0


def test_group_sponsors_are_faceted(client: FlaskClient) -> None:
    """A/C.2/80/L.20 is tabled by Nigeria on behalf of the African Group."""
    facets = client.get("/search.json?q=tax").get_json()["facets"]["sponsor"]
    assert "Group of African States" in {v["value"] for v in facets}
    assert _total(client, 'sponsor:"African Group"') == _total(
        client, 'sponsor:"Group of African States"'
    )


def test_resolutions_are_found_and_shown_with_their_drafts_sponsors(client: FlaskClient) -> None:
    """80/224 prints no sponsors; its draft A/C.3/80/L.31 was sponsored by Qatar and the USA."""
    hits = client.get("/search.json?q=sponsor:Qatar type:resolution&size=100").get_json()["hits"]
    assert "A/RES/80/224" in {hit["symbol"] for hit in hits}
    page = client.get("/doc/A/RES/80/224").get_data(as_text=True)
    assert "Sponsors of the draft it was adopted from" in page
    document = client.get("/doc/A/RES/80/224.json").get_json()["document"]
    assert document["sponsors"] == []
    assert "Qatar" in document["draft_sponsors"]


def test_every_loosening_link_offered_for_nothing_found_works(client: FlaskClient) -> None:
    html = client.get('/search?q=sponsor:"Atlantis" "climate change"').get_data(as_text=True)
    links = [
        part.split('"', 1)[0].replace("&amp;", "&")
        for part in html.split('href="')[1:]
        if part.startswith("/search?")
    ]
    assert links
    for link in links:
        assert client.get(link).status_code == 200, link
