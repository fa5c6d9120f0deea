"""Footnotes out of the flow: records keyed by marker; the markers leave the paragraph text."""

from __future__ import annotations

import re

from indexer.clean_blocks import Block

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS, "0123456789")
_MARKER_IN_TEXT = re.compile(rf"\s?([{_SUPERSCRIPTS}]+)")
_RUN_ON = re.compile(r"(?<=[.;)\]])\s+(\d{1,3})\s+(?=[A-Z“‘])")
_FOOTNOTE_OPENING = re.compile(rf"^(?:([{_SUPERSCRIPTS}]+)|(\d{{1,3}}|\*{{1,3}}))/?\s+")
_STARS = re.compile(r"(?<=[\w,.;:)’”])(\*{1,3})(?=[\s,.;:]|$)")


def cited_markers(blocks: list[Block]) -> set[str]:
    """Markers the body cites: a footnote opening with another number is not a new footnote."""
    return {
        marker.translate(_FROM_SUPERSCRIPT)
        for block in blocks
        if block.zone == "body"
        for marker in _MARKER_IN_TEXT.findall(block.text)
    }


def split_footnotes(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """Body blocks and footnote blocks apart; each footnote's marker read from its opening."""
    cited = cited_markers(blocks)
    body: list[Block] = []
    footnotes: list[Block] = []
    for block in [piece for b in blocks for piece in _split_run_on(b, cited)]:
        if block.zone != "footnote":
            body.append(block)
            continue
        opening = _FOOTNOTE_OPENING.match(block.text)
        if opening is None and footnotes:  # a footnote continued on the next page
            footnotes[-1].text += " " + block.text
            continue
        if opening is not None:
            block.marker = (opening.group(1) or opening.group(2)).translate(_FROM_SUPERSCRIPT)
            block.text = block.text[opening.end() :]
        footnotes.append(block)
    return body, footnotes


def _split_run_on(block: Block, cited: set[str]) -> list[Block]:
    """Two footnotes printed on one line ('A/78/968. 3 A/80/502.') are two footnotes."""
    if block.zone != "footnote" or not cited:
        return [block]
    pieces, start = [], 0
    for found in _RUN_ON.finditer(block.text):
        if found.group(1) in cited:
            pieces.append(block.text[start : found.start()].strip())
            start = found.start(1)
    pieces.append(block.text[start:].strip())
    return [Block(text=p, page=block.page, zone="footnote") for p in pieces if p]


def take_markers(text: str, stars: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """The text without its reference markers, and the markers in order of appearance.

    Asterisk markers count only when a footnote with that many asterisks exists (`stars`).
    """
    found = [
        (m.start(), m.group(1).translate(_FROM_SUPERSCRIPT)) for m in _MARKER_IN_TEXT.finditer(text)
    ]
    found += [(m.start(), m.group(1)) for m in _STARS.finditer(text) if m.group(1) in stars]
    if not found:
        return text, []
    text = _MARKER_IN_TEXT.sub("", text)
    if stars:
        text = _STARS.sub(lambda m: "" if m.group(1) in stars else m.group(0), text)
    return re.sub(r"  +", " ", text).strip(), [marker for _pos, marker in sorted(found)]
