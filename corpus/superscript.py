"""Footnote reference markers, written as superscript digits so no later stage mistakes them for numbers."""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.model import Line

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FOOTNOTE_MARKER = re.compile(r"^(\d{1,3})/?\s")


# Words a number follows as a quantity or a reference, never as a footnote marker
_COUNTED = {"and", "the", "of", "to", "for", "than", "resolution", "paragraph", "article", "annex"}


def to_superscript(digits: str) -> str:
    return digits.translate(SUPERSCRIPT)


def mark_footnote_refs(lines: list[Line]) -> list[Line]:
    """For each footnote on a page, turn the last plain-digit reference to it in the body into a marker."""
    out = list(lines)
    for index, line in enumerate(lines):
        if line.zone != "footnote" or not line.block_start:
            continue
        found = _FOOTNOTE_MARKER.match(line.text)
        if not found:
            continue
        marker = found.group(1)
        for back in range(index - 1, -1, -1):
            candidate = out[back]
            if candidate.page < line.page - 1:
                break
            if candidate.zone != "body":
                continue
            marked = _mark(candidate.text, marker)
            if marked is not None:
                out[back] = replace(candidate, text=marked)
                break
    return out


def _mark(text: str, marker: str) -> str | None:
    """The reference sits after a word or punctuation: 'Crime2 is', '2013,1 in', '2017, 1  in', 'Nations, 1/'."""
    patterns = (
        rf"(?<=[A-Za-z),.;:’”])({marker})/?(?=[\s,.;:]|$)",
        rf"(?<=[,;.)]\s)({marker})/?(?=\s|$)",
        rf"(?<=[a-z]\s)({marker})/(?=[\s,.;:]|$)",
        rf"(?<=[a-z]{{3}}\s)({marker})(?=\s+[a-z(])",  # OCR: "Republics 2 and"
        rf"(?<=[⁰¹²³⁴⁵⁶⁷⁸⁹]\s)({marker})(?=\s|$)",  # a second marker after a first: "Congo, 21 22"
    )
    for pattern in patterns:
        matches = [m for m in re.finditer(pattern, text) if not _counted(text, m.start())]
        if matches:
            hit = matches[-1]
            return text[: hit.start()] + to_superscript(marker) + text[hit.end() :]
    return None


def _counted(text: str, position: int) -> bool:
    before = text[:position].split()
    return bool(before) and before[-1].lower() in _COUNTED
