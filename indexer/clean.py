"""The cleaning chain: raw lines in, header lines plus clean body paragraphs and footnotes out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from corpus.model import Line, RawDocument
from indexer.clean_blocks import Block, to_blocks
from indexer.clean_chars import normalise_line
from indexer.clean_footnotes import split_footnotes, take_markers
from indexer.clean_margin import drop_margin
from indexer.clean_words import repair_stray_spaces

FORMULA = re.compile(
    r"^The\s+(General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council)\s*[,.:;]?$"
)
# Security Council texts of the 1940s-90s open with "Resolution 242 (1967)" and its date instead
_SC_TITLE = re.compile(r"\b\d{1,4}\s*\((?:19|20)\d\d\)")
_DATE = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$")
_RES_TITLE = re.compile(
    r"^(?:\d+/\d+|[A-Z]+-\d+/\d+)\.\s+\S"
)  # "79/196. International financial ..."
_PREAMBLE_LEAD = re.compile(
    r"^(?:(?:Also|Further|Deeply|Gravely|Fully|Seriously)\s+)?(?:[A-Z][a-z]+ing|Having|Bearing|Mindful|"
    r"Aware|Conscious|Convinced|Concerned|Alarmed|Determined|Desirous|Guided|Cognizant)\b"
)
_DOC_TYPE_LINE = re.compile(
    r":\*{0,3}\s+(?:amendments?|draft (?:resolution|decision))\b"
    r"|^(?:Draft|Revised draft) (?:resolutions?|decisions?) submitted by\b"
)
# What follows the last paragraph: the meeting that adopted it, its date, a closing rule
_TRAILER = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?plenary\s+meeting|Adopted\b.*meeting|Adopted\s+(?:unanimously|without)"
    r"|Decision\s+of\s+\d)",
    re.IGNORECASE,
)


@dataclass
class CleanDocument:
    """What the parser structures: header lines for metadata, then the text in paragraphs."""

    header: list[str]  # lines before the enacting formula, page furniture included
    formula: str | None  # "The General Assembly,"
    body: list[Block] = field(default_factory=list)
    footnotes: list[Block] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)  # "109th plenary meeting", "Adopted at ..."


def clean(raw: RawDocument, symbol_of=None) -> CleanDocument:
    """Run every stage; symbol_of(header) names the symbol whose running headers are dropped."""
    lines = [replace(line, text=normalise_line(line.text)) for line in raw.lines]
    lines = [line for line in lines if line.text]
    start, formula = _formula_index(lines)
    header = [line.text for line in lines[:start]]
    body_lines = lines[start + 1 :] if formula else lines[start:]
    symbol = symbol_of(header) if symbol_of else None
    body_lines = drop_margin(body_lines, symbol)
    blocks = to_blocks(body_lines, ocr=raw.format == "text")
    body, footnotes = split_footnotes(blocks)
    body, trailer = _split_trailer(body)
    stars = frozenset(note.marker for note in footnotes if note.marker and note.marker[0] == "*")
    for block in body:
        block.text, block.refs = take_markers(repair_stray_spaces(block.text), stars)
    for note in footnotes:
        note.text, _ = take_markers(repair_stray_spaces(note.text))
    return CleanDocument(header, formula, body, footnotes, trailer)


def _formula_index(lines: list[Line]) -> tuple[int, str | None]:
    for index, line in enumerate(lines):
        if FORMULA.match(line.text):
            return index, line.text
    for index, line in enumerate(lines[:60]):  # amendments: sponsors, then the title, then the text
        pair = line.text + " " + (lines[index + 1].text if index + 1 < len(lines) else "")
        if not _DOC_TYPE_LINE.search(line.text) and _DOC_TYPE_LINE.search(pair):
            continue  # "...State of Palestine:*" / "amendment to draft resolution": next line
        if _DOC_TYPE_LINE.search(line.text) or (
            index and _DOC_TYPE_LINE.search(_pair(lines, index - 1))
        ):
            end = index + 1
            while end < len(lines) and not lines[end].block_start and lines[end].size == line.size:
                end += 1  # the sponsors-and-type sentence goes on
            while end < len(lines) and line.size and (lines[end].size or 0) > line.size:
                end += 1  # the title, in larger type
            return end, None
    for index, line in enumerate(lines[:8]):  # old Security Council layout: title line, date line
        if _SC_TITLE.search(line.text):
            end = index + 1
            while end < len(lines) and re.match(r"^(?:of|on|Adopted|at)\b", lines[end].text):
                end += 1
            return end, None
    for index, line in enumerate(lines[:60]):  # "79/1. Title" and no formula: the preamble ends it
        if _RES_TITLE.match(line.text):
            for later in range(index + 1, min(len(lines), index + 30)):
                if lines[later].block_start and _PREAMBLE_LEAD.match(lines[later].text):
                    return later, None
            break
    for index, line in enumerate(lines[:60]):  # a note or report: the header ends at paragraph 1
        if re.match(r"^1\.\s+[A-Z]", line.text):
            return index, None
    return 0, None


def _pair(lines: list[Line], index: int) -> str:
    return lines[index].text + " " + lines[index + 1].text


def _split_trailer(body: list[Block]) -> tuple[list[Block], list[str]]:
    """The adoption lines leave the body; an annex after them stays (it is text of the resolution)."""
    kept: list[Block] = []
    trailer: list[str] = []
    after_meeting = False
    for index, block in enumerate(body):
        if index > 0 and _TRAILER.match(block.text):
            trailer.append(block.text)
            after_meeting = True
            continue
        if after_meeting and _DATE.match(block.text):
            trailer.append(block.text)
            continue
        after_meeting = False
        kept.append(block)
    return kept, trailer
