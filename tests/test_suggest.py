"""Did you mean: the index's nearest words for a misspelt one, and a note for French or Spanish queries."""

from __future__ import annotations

from collections import Counter

import pytest
from flask.testing import FlaskClient

from search.suggest import Vocabulary, foreign_language, respelt

WORDS = Counter(
    {
        "cybercrime": 40,
        "cybercrimes": 2,
        "crime": 300,
        "capacity": 900,
        "capacities": 30,
        "building": 800,
        "development": 2000,
        "developments": 50,
        "peace": 1500,
        "pace": 10,
    }
)


@pytest.mark.parametrize(
    ("word", "nearest"),
    [
        ("cybercrme", ["cybercrime", "cybercrimes"]),
        ("devlopment", ["development", "developments"]),
        ("peace", []),  # known: nothing to suggest
        ("paece", ["peace", "pace"]),  # the more frequent first at equal distance
        ("zzzzzz", []),
    ],
)
def test_nearest_words_by_distance_then_frequency(word: str, nearest: list[str]) -> None:
    assert Vocabulary(WORDS).nearest(word) == nearest


def test_a_query_is_respelt_word_by_word() -> None:
    vocabulary = Vocabulary(WORDS)
    assert respelt("cybercrme capacity", vocabulary) == "cybercrime capacity"
    assert respelt('"capacity bulding" session:74', vocabulary) == '"capacity building" session:74'
    assert respelt("capacity building", vocabulary) is None
    assert respelt("sponsor:Frnce", vocabulary) is None  # field values are not words of the text


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("renforcement des capacités", "French"),
        ("fortalecimiento de las capacidades", "Spanish"),
        ("droits de l'homme", "French"),
        ("capacity building", None),
        ("cybercrme", None),
    ],
)
def test_french_and_spanish_queries_are_recognised(query: str, language: str | None) -> None:
    assert foreign_language(query, Vocabulary(WORDS)) == language


def test_did_you_mean_in_the_page_and_the_json(client: FlaskClient) -> None:
    payload = client.get("/search.json?q=cybercrme").get_json()
    assert payload["total"] == 0
    assert payload["suggestions"][0] == {
        "query": "cybercrime",
        "url": "/search?q=cybercrime",
    }
    assert client.get("/search.json?q=cybercrime").get_json()["total"] > 0
    html = client.get("/search?q=cybercrme").get_data(as_text=True)
    assert "Did you mean" in html and 'href="/search?q=cybercrime"' in html
    assert client.get("/search.json?q=cybercrime").get_json()["suggestions"] == []


def test_a_french_query_gets_a_note(client: FlaskClient) -> None:
    payload = client.get("/search.json?q=renforcement des capacités").get_json()
    assert "English" in payload["language_note"]
    assert payload["suggestions"] == []  # English respellings of French words would mislead
    html = client.get("/search?q=renforcement des capacités").get_data(as_text=True)
    assert "holds the English texts" in html
    assert client.get("/search.json?q=capacity").get_json()["language_note"] is None
