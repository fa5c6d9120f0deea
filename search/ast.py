"""The project's own query language, parsed once and compiled to each engine."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """An unquoted word: matches by stem (implement ~ implementation)."""

    word: str


@dataclass(frozen=True)
class Prefix:
    """develop* : any word starting with the prefix (folded, unstemmed)."""

    prefix: str


@dataclass(frozen=True)
class Phrase:
    """Words in order. exact=True (quoted): unstemmed field; exact=False (a bare hyphenated compound): stems."""

    words: tuple[str, ...]
    exact: bool = True


@dataclass(frozen=True)
class Near:
    """Two clauses within `distance` words of each other, in either order."""

    left: Term | Phrase | Prefix
    right: Term | Phrase | Prefix
    distance: int


@dataclass(frozen=True)
class FieldMatch:
    """field:value on a metadata field, value already normalised (committee:C.3 -> Third Committee)."""

    field: str
    value: str


@dataclass(frozen=True)
class Range:
    """session:70..74 or year:2019..; an open end is None."""

    field: str
    low: int | None
    high: int | None


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class MatchAll:
    """The empty query: every paragraph (facets over the whole corpus)."""


Node = Term | Prefix | Phrase | Near | FieldMatch | Range | And | Or | Not | MatchAll

TEXT_FIELDS = ("text",)
KEYWORD_FIELDS = (
    "symbol",
    "body",
    "committee",
    "agenda",
    "sponsor",
    "subject",
    "type",
    "kind",
    "verb",
    "cites",
)
NUMERIC_FIELDS = ("session", "year")
QUERY_FIELDS = KEYWORD_FIELDS + NUMERIC_FIELDS
