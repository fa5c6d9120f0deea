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


ALIASES_FILE = STATES_FILE.with_name("sponsor_aliases.txt")
_ON_BEHALF = re.compile(
    r"^\**\s*On behalf of (?:the )?"
    r"(?:(?:Member )?States (?:Members )?(?:of the United Nations )?that are members of )?"
    r"(?:the )?([^,;]+?)\.?(?:[,;].*)?$",
    re.IGNORECASE | re.DOTALL,
)


@cache
def _aliases() -> dict[str, str]:
    """Folded alias -> the name sponsor values are stored and shown under."""
    pairs = {}
    for line in ALIASES_FILE.read_text(encoding="utf-8").splitlines():
        alias, sep, name = line.partition(" = ")
        if sep and not line.startswith("#"):
            pairs[_folded(alias)] = name.strip()
    return pairs


def _folded(name: str) -> str:
    from indexer.analysis import fold  # analysis is heavier; sponsors stays importable alone

    return " ".join(fold(name.replace("’", "'")).replace(".", " ").split())


def canonical_sponsor(name: str) -> str:
    """'USA', 'united states', 'Turkey' -> the name the Member State list uses now; else as given."""
    folded = _folded(name)
    aliases = _aliases()
    if folded in aliases:
        return aliases[folded]
    listed = _listed()
    if folded in listed:
        return listed[folded]
    starts = {n for key, n in listed.items() if key.startswith(folded + " ")} if folded else set()
    return starts.pop() if len(starts) == 1 else " ".join(name.split())


@cache
def _listed() -> dict[str, str]:
    """Folded name -> current name, for every Member State and every group an alias names."""
    aliases = _aliases()
    names = {_folded(state): aliases.get(_folded(state), state) for state in member_states()}
    return {**names, **{_folded(name): name for name in aliases.values()}}


def group_on_behalf(note: str) -> str | None:
    """The group a '* On behalf of ...' footnote names: 'Group of 77 and China', 'Group of African States'."""
    match = _ON_BEHALF.match(" ".join(note.split()))
    if not match:
        return None
    group = match.group(1).strip()
    group = group[0].upper() + group[1:]
    return _aliases().get(_folded(group), group)


def credit_group(
    sponsors: list[str], starred: list[str], notes: list[tuple[str, str]]
) -> tuple[list[str], str | None]:
    """(sponsors, submitted by): a State tabling a draft on behalf of a group yields the credit to it.

    notes are (marker, text) footnotes; an asterisk note "On behalf of the Group of 77 and China"
    belongs to the starred sponsor (or the only one).
    """
    group = next(
        (g for marker, text in notes if marker == "*" and (g := group_on_behalf(text))), None
    )
    if group is None:
        return sponsors, None
    submitter = starred[0] if starred else sponsors[0] if len(sponsors) == 1 else None
    if submitter is None:
        return [*sponsors, group], None
    return [group if name == submitter else name for name in sponsors], submitter
