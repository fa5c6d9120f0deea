"""Citation graph: which documents cite each resolution, keyed the way paragraphs cite ("65/230", "S/RES/242")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from indexer.cites import normalise
from indexer.lineage import is_draft
from indexer.model import Resolution

_GA = re.compile(r"^A/RES/((?:ES-\d+/|S-\d+/)?\d+/\d+\s?[A-Z]?)$", re.IGNORECASE)
_SC = re.compile(r"^S/RES/(\d+)(?:\s*\(\d{4}\))?$", re.IGNORECASE)
_GA_CITE = re.compile(r"^(?:ES-\d+/|S-\d+/)?\d+/\d+\s?[A-Z]?$|^\d+\s?[A-Z]?\s*\([IVXL]+\)$")


def cite_key(resolution: Resolution) -> str | None:
    """The form a citing paragraph uses: A/RES/79/148 -> "79/148", S/RES/242 (1967) -> "S/RES/242"."""
    symbol = (resolution.symbol or "").strip()
    if match := _GA.match(symbol):
        return normalise(match.group(1))
    if match := _SC.match(symbol):
        return f"S/RES/{int(match.group(1))}"
    number = (resolution.resolution_number or "").strip()
    if resolution.body == "Security Council" and (match := re.match(r"^(\d+)", number)):
        return f"S/RES/{int(match.group(1))}"
    return number or None


def symbol_for_key(key: str) -> str:
    """A cited resolution absent from the corpus, named by its symbol: "65/230" -> "A/RES/65/230"."""
    if key.upper().startswith("S/RES/"):
        return key
    if _GA_CITE.match(key):
        return f"A/RES/{key}"
    return key


@dataclass(frozen=True)
class Citation:
    """One citing document of one cited resolution; `counted` is False for a draft whose adopted text also cites it."""

    key: str
    citing: str
    counted: bool


def build_citations(
    resolutions: Iterable[Resolution], adopted_as: dict[str, str | None]
) -> tuple[dict[str, str], list[Citation]]:
    """(cite key -> symbol of the cited document in the corpus, every citing edge)."""
    keys: dict[str, str] = {}
    citations: list[Citation] = []
    seen: set[str] = set()
    for resolution in resolutions:
        symbol = resolution.symbol
        if not symbol or symbol in seen:
            continue
        seen.add(symbol)
        key = cite_key(resolution)
        if key:
            keys.setdefault(key, symbol)
        counted = not (is_draft(resolution) and adopted_as.get(symbol))
        own = key
        for cited in dict.fromkeys(resolution.cites):
            if cited and cited != own:
                citations.append(Citation(cited, symbol, counted))
    return keys, citations


def citation_counts(citations: Iterable[Citation]) -> dict[str, int]:
    """Citing documents per key, a draft and the resolution adopted from it counted once."""
    counts: dict[str, int] = defaultdict(int)
    for citation in citations:
        if citation.counted:
            counts[citation.key] += 1
    return dict(counts)
