"""Controlled values for facets, shared by the parser (to emit them) and the query language (to accept aliases)."""

from __future__ import annotations

import re

BODIES = ("General Assembly", "Economic and Social Council", "Security Council")
DOC_TYPES = ("draft resolution", "revised draft resolution", "resolution", "decision")
KINDS = ("preambular", "operative", "subparagraph", "footnote", "heading", "table")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")
COMMITTEES = (*(f"{o.capitalize()} Committee" for o in ORDINALS), "Plenary")

_BODY_ALIASES = {
    "ga": "General Assembly",
    "general assembly": "General Assembly",
    "ecosoc": "Economic and Social Council",
    "economic and social council": "Economic and Social Council",
    "sc": "Security Council",
    "security council": "Security Council",
}
_TYPE_ALIASES = {
    "draft": "draft resolution",
    "draft resolution": "draft resolution",
    "revised": "revised draft resolution",
    "revision": "revised draft resolution",
    "revised draft": "revised draft resolution",
    "revised draft resolution": "revised draft resolution",
    "resolution": "resolution",
    "adopted": "resolution",
    "decision": "decision",
}
_KIND_ALIASES = {
    "pp": "preambular",
    "preambular": "preambular",
    "preamble": "preambular",
    "op": "operative",
    "operative": "operative",
    "sub": "subparagraph",
    "subparagraph": "subparagraph",
    "fn": "footnote",
    "footnote": "footnote",
    "h": "heading",
    "heading": "heading",
    "title": "heading",
    "table": "table",
}


def _fold(value: str) -> str:
    return re.sub(r"\s+", " ", value.strip().lower())


def committee(value: str) -> str | None:
    """'third', 'Third Committee', 'C.3', '3' -> 'Third Committee'; 'plenary' -> 'Plenary'."""
    key = _fold(value).removesuffix(" committee").removeprefix("the ")
    if key in ("plenary", "without reference to a main committee", "none"):
        return "Plenary"
    match = re.fullmatch(r"(?:a/)?c\.?\s*([1-6])|([1-6])", key)
    if match:
        return COMMITTEES[int(match.group(1) or match.group(2)) - 1]
    if key in ORDINALS:
        return COMMITTEES[ORDINALS.index(key)]
    if "special political and decolonization" in key:
        return "Fourth Committee"
    return None


def body(value: str) -> str | None:
    return _BODY_ALIASES.get(_fold(value))


def doc_type(value: str) -> str | None:
    return _TYPE_ALIASES.get(_fold(value))


def kind(value: str) -> str | None:
    return _KIND_ALIASES.get(_fold(value))
