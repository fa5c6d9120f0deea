"""Page layout judgements on PDF lines: margin bands, footnote blocks, where paragraphs start."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from corpus.model import Line, Zone

# Running headers sit above this distance from the top, footers (job number, barcode, counter) below
# this distance from the bottom; UN templates put body text well inside both.
HEADER_BAND = 62.0
FOOTER_BAND = 56.0
SAME_BASELINE = 4.0  # pdfium breaks a line at a superscript; pieces this close belong together
FIRST_PAGE_HEADER = 300.0  # the masthead, agenda item and title column on page 1
INDENT = 12.0  # a first line starts this much right of the text margin
SHORT_LINE = 40.0  # justified text fills the measure; a line this much short ends a paragraph
SET_APART = 100.0
_RULE = re.compile(r"^\s*_{5,}\s*$")
# pdfium hands a footnote's marker over as a piece of its own, which comes back as a superscript
_FOOTNOTE_OPENING = re.compile(r"^\s*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\*{1,3})\s")
# A table cell of figures: "1 140", "(8 898 000)", "–"
_FIGURES = re.compile(r"(?:(?<=\s)|^)(?:\(?\d{1,3}(?:[ ,]\d{3})*(?:\.\d+)?\)?|–)(?=\s|$)")
_GROUPED = re.compile(r"\d[ ,]\d{3}\b")  # thousands grouped: an amount, not a year or a number
TABLE_ROWS = 3
HANGING = 2.5
MARKER_STEP = 4.0  # a line starting this far right of the last marker is wrapped text  # a footnote's marker hangs left of its text; a line starting this far left opens one
_CLOSERS = (",", ";", ":", ".", "!", "?", "”", "’", ")")
_MARKERS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


@dataclass
class Piece:
    """A text line as pdfium found it, before the layout verdicts."""

    text: str
    top: float
    left: float
    right: float
    size: float
    bold: bool = False


def inside_bands(top: float, height: float) -> bool:
    return HEADER_BAND <= top <= height - FOOTER_BAND


def body_size_of(pieces: list[Piece], height: float) -> float:
    sizes = sorted(p.size for p in pieces if HEADER_BAND < p.top < height - 80)
    return sizes[len(sizes) // 2] if sizes else 10.0


def join_baselines(pieces: list[Piece], body_size: float) -> list[Piece]:
    """pdfium cuts a line at a superscript marker; the pieces of one baseline become one line again.

    Small type side by side is left apart: two footnotes printed in columns are two footnotes.
    """
    joined: list[Piece] = []
    for piece in pieces:
        if joined:
            prev = joined[-1]
            after_marker = prev.text.rstrip()[-1:] in _MARKERS or prev.text.strip().isdigit()
            marker = piece.text.strip()[:1] in _MARKERS
            body_type = min(piece.size, prev.size) >= body_size * 0.9
            near = abs(piece.top - prev.top) < SAME_BASELINE and piece.left > prev.left
            if near and (after_marker or marker or body_type):
                prev.text = prev.text.rstrip() + " " + piece.text.lstrip()
                prev.right = max(prev.right, piece.right)
                continue
        joined.append(piece)
    return joined


def layout_lines(pages: list[list[Piece]], height: float) -> list[Line]:
    """Lines with zone and paragraph-start verdicts; the text column is measured on the whole document."""
    sizes = [body_size_of(pieces, height) for pieces in pages]
    left, right = _text_column(pages, sizes)
    text_size = _text_size(pages, height)
    # a page half filled with footnotes has a small median: the document's text size decides
    zones = [
        _zones(pieces, height, max(size, text_size))
        for pieces, size in zip(pages, sizes, strict=True)
    ]
    zones = [
        _tables(pieces, page_zones, text_size)
        for pieces, page_zones in zip(pages, zones, strict=True)
    ]
    notes_left = _FootnoteColumn(_footnote_text_left(pages, zones))
    lines: list[Line] = []
    carried: Piece | None = None
    for number, pieces in enumerate(pages, start=1):
        page_lines, carried = _page_lines(
            pieces, zones[number - 1], number, (left, right), notes_left, carried
        )
        lines += page_lines
    return lines


@dataclass
class _FootnoteColumn:
    """Whether a footnote line opens a footnote: its marker hangs left of the text column."""

    text_left: float | None  # where wrapped lines start, when a wrapped line shows it
    last_opening: float | None = None  # where the previous footnote's marker stood

    def opens(self, piece: Piece, side_by_side: bool = False) -> bool:
        """Short footnotes set in columns open theirs on the same baseline, wherever they stand."""
        if not _FOOTNOTE_OPENING.match(piece.text):
            return False
        if side_by_side:
            return True
        if self.text_left is not None:
            hangs = piece.left < self.text_left - HANGING
        else:  # a marker one digit longer moves left, never right: "9" then "10"
            hangs = self.last_opening is None or piece.left < self.last_opening + MARKER_STEP
        if hangs:
            self.last_opening = piece.left
        return hangs


def _footnote_text_left(pages: list[list[Piece]], zones: list[list[Zone]]) -> float | None:
    """Where footnote text wraps to: the left its continuation lines share, None if none wraps.

    A line starting there is a continuation even when it opens with a number ("3–14 June 1992").
    """
    lefts: Counter[int] = Counter(
        round(piece.left)
        for pieces, page_zones in zip(pages, zones, strict=True)
        for piece, zone in zip(pieces, page_zones, strict=True)
        if zone == "footnote" and not _FOOTNOTE_OPENING.match(piece.text)
    )
    return float(lefts.most_common(1)[0][0]) if lefts else None


def _text_column(pages: list[list[Piece]], sizes: list[float]) -> tuple[float, float]:
    """The left and right edges most body lines share; the first page's masthead does not count."""
    lefts: Counter[int] = Counter()
    rights: Counter[int] = Counter()
    for number, (pieces, body_size) in enumerate(zip(pages, sizes, strict=True), start=1):
        for piece in pieces:
            if abs(piece.size - body_size) < 1 and (number > 1 or piece.top > FIRST_PAGE_HEADER):
                lefts[round(piece.left)] += 1
                rights[round(piece.right / 4) * 4] += 1
    left = lefts.most_common(1)[0][0] if lefts else 0.0
    right = max((r for r, n in rights.items() if n >= max(rights.values()) * 0.3), default=1e9)
    return left, right


def _page_lines(
    pieces, zones, page_no, column, notes_left, carried
) -> tuple[list[Line], Piece | None]:
    """`carried` is the previous page's last body line: a paragraph may end or go on across pages."""
    margin_left, margin_right = column
    lines = []
    last_body = carried
    for index, (piece, zone) in enumerate(zip(pieces, zones, strict=True)):
        prev = pieces[index - 1] if index > 0 and zones[index - 1] == zone else None
        if zone == "body":
            prev, last_body = last_body, piece
        nxt = pieces[index + 1] if index + 1 < len(pieces) and zones[index + 1] == zone else None
        if zone == "footnote":
            side_by_side = prev is not None and abs(piece.top - prev.top) < SAME_BASELINE
            starts = notes_left.opens(piece, side_by_side)
        else:
            starts = _starts_paragraph(piece, prev, nxt, margin_left, margin_right)
        lines.append(
            Line(
                piece.text.rstrip(),
                page_no,
                piece.top,
                piece.left,
                piece.size,
                block_start=starts,
                zone=zone,
                bold=piece.bold,
            )
        )
    return lines, last_body


def _starts_paragraph(piece: Piece, prev, nxt, margin_left: float, margin_right: float) -> bool:
    """First-line indent, or the line before ended well short of the measure (a heading, a date).

    A line opening in lower case continues a sentence whatever its position says.
    """
    if prev is not None and prev.bold != piece.bold:
        return True  # a bold heading begins, or the text after it
    if piece.text.lstrip()[:1].islower():
        return False
    if nxt is not None and piece.left > nxt.left + INDENT:
        return True
    if prev is None:
        return True
    ended = prev.text.rstrip(_MARKERS + " ").endswith(_CLOSERS)
    short = prev.right < margin_right - SHORT_LINE
    if (
        ended
        and piece.right < margin_right - SHORT_LINE
        and not piece.text.rstrip(_MARKERS + " ").endswith(_CLOSERS)
    ):
        return True  # a heading: short, after a finished sentence, and not one itself
    set_apart = prev.left > margin_left + SET_APART  # a right-aligned date, a centred heading
    return (piece.left > margin_left + INDENT and ended) or short or set_apart


def _rule_top(pieces: list[Piece], height: float) -> float | None:
    """Where the short rule over the footnotes is drawn (as underscores), if it is."""
    return next((p.top for p in pieces if _RULE.match(p.text) and p.top > height / 3), None)


def _zones(pieces: list[Piece], height: float, body_size: float) -> list[Zone]:
    """Margin bands by position; footnotes are small type below the rule, or at the foot without one."""
    rule_top = _rule_top(pieces, height)
    zones: list[Zone] = []
    for piece in pieces:
        zone: Zone = "body"
        if not inside_bands(piece.top, height) or _RULE.match(piece.text):
            zone = "margin"
        elif rule_top is not None and piece.top > rule_top:
            marked = piece.text.lstrip()[:1] in _MARKERS  # "¹⁵ A/80/255." measured at text size
            zone = "footnote" if piece.size < body_size or marked else "body"
        zones.append(zone)
    if (
        rule_top is None
    ):  # no rule drawn as text: small lines ending the page, opening with a marker
        tail = []
        for i in reversed([i for i, zone in enumerate(zones) if zone == "body"]):
            if pieces[i].size >= body_size * 0.9 or pieces[i].top < height * 0.6:
                break
            tail.append(i)
        if tail and _FOOTNOTE_OPENING.match(pieces[min(tail)].text):
            for i in tail:
                zones[i] = "footnote"
    return zones


def _text_size(pages: list[list[Piece]], height: float) -> float:
    """The running text's type size, by characters: a page of table rows does not outvote it."""
    chars: Counter[float] = Counter()
    for number, pieces in enumerate(pages, start=1):
        rule = _rule_top(pieces, height) or height  # footnotes sit below the rule
        top = FIRST_PAGE_HEADER if number == 1 else 0.0  # nor is the masthead running text
        for piece in pieces:
            if (
                top < piece.top < rule
                and inside_bands(piece.top, height)
                and not _is_row(piece.text)
            ):
                chars[piece.size] += len(piece.text)
    return chars.most_common(1)[0][0] if chars else 10.0


def _is_row(text: str) -> bool:
    """Two cells of figures, or a label and its amount: "P-5 954 186 1 140", "Total 312 115 000"."""
    text = text.rstrip()
    cells = _FIGURES.findall(text)
    return len(cells) >= 2 or (
        bool(cells) and text.endswith(cells[-1]) and _GROUPED.search(cells[-1]) is not None
    )


def _tables(pieces: list[Piece], zones: list[Zone], body_size: float) -> list[Zone]:
    """Runs of small body type with columns of figures are a table (a budget annex), not text."""
    run: list[int] = []
    for index in [*range(len(pieces)), -1]:
        if index >= 0 and zones[index] == "body" and pieces[index].size < body_size * 0.92:
            run.append(index)
            continue
        rows = sum(1 for i in run if _is_row(pieces[i].text))
        if rows >= TABLE_ROWS or (len(run) >= TABLE_ROWS and rows * 2 >= len(run)):
            for i in run:
                zones[i] = "table"
        run = []
    return zones
