"""A symbol typed into the search box (A/RES/80/224, 80/224, S/RES/242, res 2250) names a document."""

from __future__ import annotations

import re
from typing import Any

from search.api import Searcher
from search.query_values import field_clause
from web import document, urls
from web.resources import canonical_key

_FULL = re.compile(r"[AES]/[A-Z0-9.\-/]*\d[A-Z0-9.\-/]*(?: ?\(\d{4}\))?", re.IGNORECASE)
_GA_NUMBER = re.compile(r"(?:res(?:olution)?\.? ?)?(\d{1,3})/(\d{1,4})", re.IGNORECASE)
_SC_NUMBER = re.compile(r"res(?:olution)?\.? ?(\d{1,4})(?: ?\((\d{4})\))?", re.IGNORECASE)


def symbol_forms(query: str) -> list[str]:
    """The symbols a whole query can stand for, as typed; [] for anything else (words, fields, quotes)."""
    text = " ".join(query.split())
    if _FULL.fullmatch(text):
        return [text]
    if match := _GA_NUMBER.fullmatch(text):
        return [f"A/RES/{match.group(1)}/{match.group(2)}"]
    if match := _SC_NUMBER.fullmatch(text):
        year = f" ({match.group(2)})" if match.group(2) else ""
        return [f"S/RES/{match.group(1)}{year}"]
    return []


def lookup(searcher: Searcher, query: str) -> dict[str, Any] | None:
    """The document the query names: in the index (with its page), or only its official text."""
    forms = symbol_forms(query)
    for form in forms:
        if key := canonical_key(searcher, form):
            resolution = searcher.document(key)
            return {
                "symbol": key,
                "in_index": True,
                "url": urls.doc_url(key),
                "title": resolution.title if resolution else None,
                "official": _official(key),
            }
    if not forms:
        return None
    symbol = field_clause("symbol", forms[0], 0).value  # type: ignore[union-attr]
    return {
        "symbol": symbol,
        "in_index": False,
        "url": None,
        "title": None,
        "official": _official(symbol),
    }


def _official(symbol: str) -> str:
    return next(link.href for link in document.official_links(symbol) if link.lang == "en")
