"""Lines that belong to the page, not the text: running headers, counters, job numbers, barcodes, links."""

from __future__ import annotations

import re

from corpus.model import Line

_MARGIN_PATTERNS = [
    re.compile(p)
    for p in (
        r"^\d{1,3}/\d{1,3}$",  # page counter "2/5"
        r"^\d{2}-\d{5}(?:\s*\(E\))?(?:\s+\d{6})?(?:\s+\d{1,3}/\d{1,3})?$",  # job number
        r"^\d{1,3}/\d{1,3}\s+\d{2}-\d{5}(?:\s*\(E\))?$",  # counter then job number
        r"^\*\d{7,}\*$",  # barcode
        r"^https?://\S+$",
        r"^_{5,}$",
        r"^(?:[A-Z][a-z]+ )*Distr\.:?\s+(?:General|Limited|Restricted)\b.*$",
        r"^Original:\s+\w+$",
    )
]
# A running header's bare symbol; in a footnote the same line is the last line of a reference
_BARE_SYMBOL = re.compile(
    r"^[AES]/(?:[A-Z0-9.]+/)*[A-Z0-9.]+(?:/Rev\.\d+)?(?:/Corr\.\d+)?(?:/Add\.\d+)?$"
)
_SYMBOL_START = re.compile(r"^([AES]/\S+)")


def is_margin_text(text: str) -> bool:
    """True for a line that only a page layout would print: the patterns above."""
    stripped = text.strip()
    return any(pattern.match(stripped) for pattern in (*_MARGIN_PATTERNS, _BARE_SYMBOL))


def drop_margin(lines: list[Line], symbol: str | None = None) -> list[Line]:
    """Keep body and footnote lines that are not page furniture; a running header repeats the symbol."""
    kept = []
    for line in lines:
        kept_reference = line.zone == "footnote" and _BARE_SYMBOL.match(line.text.strip())
        if (line.zone == "margin" or is_margin_text(line.text)) and not kept_reference:
            continue
        if symbol and _is_running_header(line.text, symbol):
            continue
        kept.append(line)
    return kept


def _is_running_header(text: str, symbol: str) -> bool:
    """'A/RES/80/1 Participation by …' or '… A/C.3/80/L.31': the document's symbol opening a line."""
    stripped = text.strip()
    found = _SYMBOL_START.match(stripped)
    return bool(found and found.group(1) == symbol) or stripped.endswith(" " + symbol)
