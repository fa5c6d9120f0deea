"""Sponsor lists ("Algeria, Bolivia (Plurinational State of) and Zimbabwe") split into Member States."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

STATES_FILE = Path(__file__).with_name("data") / "member_states.txt"
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


@cache
def member_states() -> tuple[str, ...]:
    """Official short names, longest first, so "Guinea-Bissau" wins over "Guinea"."""
    names = STATES_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(sorted((n.strip() for n in names if n.strip()), key=len, reverse=True))


def starts_with_state(line: str) -> bool:
    """True when a header line opens a sponsor list rather than an agenda or document title."""
    line = line.replace("*", "")
    return any(_name_at(line, 0, name) for name in member_states())


def split_sponsors(text: str) -> list[str]:
    """Names in order; names with "and" or parentheses stay whole; unknown names split at commas."""
    text = re.sub(r"\s+", " ", text.replace("*", "")).strip().rstrip(",")
    sponsors: list[str] = []
    position = 0
    while position < len(text):
        name = next((n for n in member_states() if _name_at(text, position, n)), None)
        if name is None:
            separator = _SEPARATOR.search(text, position)
            end = separator.start() if separator else len(text)
            name = text[position:end].strip()
        if name:
            sponsors.append(name)
        position += len(name)
        separator = _SEPARATOR.match(text, position)
        if separator:
            position = separator.end()
        elif name == "":
            position += 1
    return sponsors


def _name_at(text: str, position: int, name: str) -> bool:
    if not text.startswith(name, position):
        return False
    end = position + len(name)
    return end == len(text) or not text[end].isalnum()
