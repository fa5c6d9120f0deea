"""Resolutions a paragraph cites, one key per resolution in the UN's own form.

Keys: "65/230", "38/227 A", "217 A (III)", "ES-10/24" (General Assembly), "S/RES/2334" (Security
Council), "E/RES/2019/19" and "E/RES/2008 (LX)" (Economic and Social Council). Resolutions of other
bodies ("Human Rights Council resolution 34/8", "Indian Ocean Tuna Commission, resolutions 12/07")
are not General Assembly resolutions and are left out.
"""

from __future__ import annotations

import re

_PART = r"(?:\s?[A-Z](?![\w/-]))"  # a part letter: "217 A (III)", "38/227 A", never "A/HRC"
_ROMAN = r"\((?:E?S-)?[IVXLC]+\)"  # "(XXV)"; special sessions "(S-VI)", "(ES-I)"
# One cited number as printed after "resolution(s)": 65/230, 2019/19, ES-10/24, 242 (1967), 2625 (XXV)
_ITEM = (
    r"(?:ES-\d+/\d+|S-\d+/\d+|\d{1,4}/\d+" + _PART + r"?"
    r"|\d{1,4}\s?\((?:\d{4})\)|\d{1,4}" + _PART + r"?\s?" + _ROMAN + ")"
)
_KEYWORD = re.compile(r"\bresolutions?\s+(?=" + _ITEM + ")", re.IGNORECASE)
_NEXT_ITEM = re.compile(
    r"(?:\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?"  # "of 21 December 2010"
    r"(?:\s*\([^)]{0,80}\))?"  # "(2016)" already in the item; "(resolution 70/1)" asides skipped
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s*as well as\s+)"
    r"(" + _ITEM + ")"
)
_FIRST_ITEM = re.compile("(" + _ITEM + ")")
_SYMBOL = re.compile(
    r"\b(A/RES/(?:ES-\d+/)?\d+/\d+(?:\s?[A-Z](?![\w/]))?|S/RES/\d+\s?\(\d{4}\)|E/RES/\d{4}/\d+"
    r"|E/RES/\d{1,4}" + _PART + r"?\s?" + _ROMAN + ")"
)
# What a key looks like (the query language checks a typed cites: value against it)
CITE_SHAPE = re.compile(
    r"S/RES/\d+|E/RES/\d{4}/\d+|E/RES/\d{1,4}(?: [A-Z])? \([IVXLC]+\)"
    r"|\d{1,4}(?: [A-Z])? \((?:E?S-)?[IVXLC]+\)|(?:ES-|S-)?\d{1,4}/\d+(?: [A-Z])?"
)
# The words just before "resolution": who adopted it
_NAMER = re.compile(
    r"((?:[A-Z][\w’'-]*|and|of|on|the|for)(?:\s+(?:[A-Z][\w’'-]*|and|of|on|the|for))*)\s*,?\s*$"
)
_OPENERS = frozenset(
    "see also the its in by and under pursuant including recalling reaffirming noting welcoming "
    "recognizing reiterating recalls reaffirms endorses confirms notes further bearing taking "
    "guided having emphasizing stressing".split()
)
_ROMAN_SESSIONS_GA = 30  # the Assembly numbered its sessions in roman figures up to the thirtieth


def find_cites(text: str) -> list[str]:
    """Every resolution a text cites, in order of first mention, each once."""
    found: dict[str, None] = {}
    for keyword in _KEYWORD.finditer(text):
        body = _body_before(text[max(0, keyword.start() - 80) : keyword.start()])
        item = _FIRST_ITEM.match(text, keyword.end())
        while item:
            cite = _keyed(item.group(1), body)
            if cite:
                found.setdefault(cite, None)
            item = _NEXT_ITEM.match(text, item.end())
    for symbol in _SYMBOL.finditer(text):
        found.setdefault(normalise(symbol.group()), None)
    return list(found)


def _body_before(before: str) -> str:
    """'ga', 'sc', 'ecosoc', 'council' (a council not named further) or 'other' (another body)."""
    named = _NAMER.search(before)
    words = named.group(1).split() if named else []
    while words and (words[0].lower() in _OPENERS or words[0].islower()):
        words = words[1:]  # "Recalling", "See", "its": not part of a name
    name = " ".join(words)
    if (
        not name
        or name in ("Assembly", "General Assembly")
        or name.endswith("Nations General Assembly")
    ):
        return "ga"
    if name.endswith("Security Council"):
        return "sc"
    if name.endswith("Economic and Social Council"):
        return "ecosoc"
    if name == "Council":
        return "council"
    return "other"


def _keyed(item: str, body: str) -> str | None:
    """The key of one cited item, or None when it is another body's resolution."""
    cite = normalise(item)
    if cite.startswith("S/RES/"):
        return cite if body in ("sc", "ga", "council") else None
    if cite.startswith("E/RES/"):
        return cite if body in ("ecosoc", "ga", "council") else None
    if body == "ecosoc":
        return "E/RES/" + cite
    if body != "ga":
        return None
    return cite


def normalise(cite: str) -> str:
    """'A/RES/65/230' and '65/230' -> '65/230'; '2334 (2016)' -> 'S/RES/2334'; '2019/19' -> 'E/RES/2019/19';
    '217A (III)' -> '217 A (III)'; '38/227A' -> '38/227 A'; a roman session after the thirtieth is the
    Economic and Social Council's: '2008 (LX)' -> 'E/RES/2008 (LX)'."""
    cite = re.sub(r"\s+", " ", cite.strip())
    if match := re.fullmatch(r"S/RES/(\d+)(?: ?\(\d{4}\))?", cite):
        return f"S/RES/{match.group(1)}"
    if match := re.fullmatch(r"(\d+) ?\((\d{4})\)", cite):
        return f"S/RES/{match.group(1)}"
    if match := re.fullmatch(r"(?:E/RES/)?(\d{4})/(\d+)", cite):
        return f"E/RES/{match.group(1)}/{match.group(2)}"
    if match := re.fullmatch(r"(E/RES/)?(\d+) ?([A-Z])? ?\(((?:E?S-)?)([IVXLC]+)\)", cite):
        prefix, number, part, special, session = match.groups()
        key = f"{number}{' ' + part if part else ''} ({special}{session})"
        ecosoc = prefix or (not special and _roman_value(session) > _ROMAN_SESSIONS_GA)
        return f"E/RES/{key}" if ecosoc else key
    cite = cite.removeprefix("A/RES/")
    if match := re.fullmatch(r"((?:ES-|S-)?\d+/\d+) ?([A-Z])", cite):
        return f"{match.group(1)} {match.group(2)}"
    return cite.replace(" ", "")


def _roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = values[char]
        total += -value if following and values[following] > value else value
    return total
