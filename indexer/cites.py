"""Resolutions a paragraph cites, normalised to one key per resolution ("65/230", "S/RES/2334")."""

from __future__ import annotations

import re

# One cited number as printed after "resolution(s)": 65/230, 2019/19, ES-10/24, 242 (1967), 2625 (XXV)
_ITEM = r"(?:ES-\d+/\d+|S-\d+/\d+|\d{1,4}/\d+(?:\s?[A-Z]\b)?|\d{1,4}\s?\((?:\d{4}|[IVXLC]+)\))"
_KEYWORD = re.compile(r"\bresolutions?\s+(?=" + _ITEM + ")", re.IGNORECASE)
_NEXT_ITEM = re.compile(
    r"(?:\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?"  # "of 21 December 2010"
    r"(?:\s*\([^)]{0,80}\))?"  # "(2016)" already in the item; "(resolution 70/1)" asides skipped
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s*as well as\s+)"
    r"(" + _ITEM + ")"
)
_FIRST_ITEM = re.compile("(" + _ITEM + ")")
_SYMBOL = re.compile(r"\b(A/RES/(?:ES-\d+/)?\d+/\d+|S/RES/\d+\s?\(\d{4}\)|E/RES/\d{4}/\d+)")


def find_cites(text: str) -> list[str]:
    """Every resolution a text cites, in order of first mention, each once."""
    found: dict[str, None] = {}
    for keyword in _KEYWORD.finditer(text):
        item = _FIRST_ITEM.match(text, keyword.end())
        while item:
            found.setdefault(normalise(item.group(1)), None)
            item = _NEXT_ITEM.match(text, item.end())
    for symbol in _SYMBOL.finditer(text):
        found.setdefault(normalise(symbol.group()), None)
    return list(found)


def normalise(cite: str) -> str:
    """'A/RES/65/230' and '65/230' -> '65/230'; '2334 (2016)' -> 'S/RES/2334'; '2019/19' -> 'E/RES/2019/19'."""
    cite = re.sub(r"\s+", " ", cite.strip())
    if match := re.fullmatch(r"S/RES/(\d+)(?: ?\(\d{4}\))?", cite):
        return f"S/RES/{match.group(1)}"
    if match := re.fullmatch(r"(\d+) ?\((\d{4})\)", cite):
        return f"S/RES/{match.group(1)}"
    if match := re.fullmatch(r"(?:E/RES/)?(\d{4})/(\d+)", cite):
        return f"E/RES/{match.group(1)}/{match.group(2)}"
    if match := re.fullmatch(r"(\d+) ?\(([IVXLC]+)\)", cite):
        return f"{match.group(1)} ({match.group(2)})"
    return cite.removeprefix("A/RES/").replace(" ", "")
