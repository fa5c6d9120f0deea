"""Text analysis shared by the index writers, the query parser and the highlighter: one chain."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# Letters and digits, with inner apostrophes and dots kept ("Member States'", "A/RES", "1.5");
# hyphens split, so "capacity-building" is two tokens at consecutive positions like "capacity building".
WORD_PATTERN = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*", re.UNICODE)
# The Snowball project's own English stemmer, at the version tantivy's "english" stemmer implements:
# nltk 3.10's SnowballStemmer is an older revision that groups 37 corpus words differently
# (internal with international, organ with organization, university with universal).
_STEMMER = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Token:
    """A word of the stored text: where it is (for highlighting) and the forms it is matched by."""

    text: str  # as printed
    exact: str  # folded: lower case, no diacritics, straight apostrophe; the quoted-phrase field
    stem: str  # Snowball English stem of the folded form; the unquoted-word field
    position: int
    start: int
    end: int


def fold(word: str) -> str:
    """Case and diacritics fold for matching (Côte -> cote); the stored text keeps them."""
    if word.isascii():  # nothing to decompose: the common case, and the indexer's hot path
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=200_000)
def stem(folded: str) -> str:
    """Snowball English, the project's stemmer; tests/test_stemmer_agreement.py holds tantivy to it."""
    return _STEMMER.stemWord(folded)


def tokens(text: str) -> list[Token]:
    """Every word of a text with its offsets and positions."""
    result = []
    for position, match in enumerate(WORD_PATTERN.finditer(text)):
        folded = fold(match.group())
        result.append(Token(match.group(), folded, stem(folded), position, *match.span()))
    return result


def exact_words(text: str) -> list[str]:
    """The folded words of a text, as the unstemmed field indexes them."""
    return [fold(match.group()) for match in WORD_PATTERN.finditer(text)]


def stemmed_words(text: str) -> list[str]:
    """The stems of a text, as the stemmed field indexes them."""
    return [stem(word) for word in exact_words(text)]
