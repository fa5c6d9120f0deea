"""PDF reader: pypdfium2 text lines with position and font size; corpus.pdf_layout judges them."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from corpus.model import RawDocument, UnreadableSource
from corpus.pdf_layout import Piece, body_size_of, inside_bands, join_baselines, layout_lines
from corpus.superscript import SUPERSCRIPT

BOLD = 600  # font weight from which a face is bold
SUPERSCRIPT_RATIO = 0.75  # a digit this much smaller than the body text is a reference marker


def read_pdf(path: Path, data: bytes | None = None) -> RawDocument:
    """Every text line of every page, in reading order; from `data` in memory when given."""
    try:
        pdf = pdfium.PdfDocument(data if data is not None else str(path))
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise UnreadableSource("encrypted PDF: it needs a password to be read") from error
        raise UnreadableSource(f"damaged or truncated PDF ({error})") from error
    try:
        pages: list[list[Piece]] = []
        height = 792.0
        for index in range(len(pdf)):
            page = pdf[index]
            height = page.get_height()
            textpage = page.get_textpage()
            pages.append(_page_pieces(textpage, height))
            textpage.close()
            page.close()
        return RawDocument(
            path=path,
            format="pdf",
            lines=layout_lines(pages, height),
            page_count=len(pdf),
            page_height=height,
        )
    finally:
        pdf.close()


def _page_pieces(textpage: pdfium.PdfTextPage, height: float) -> list[Piece]:
    """pdfium's text lines with the box of their first and last character and their type size."""
    text = textpage.get_text_range()
    found: list[tuple[str, int, Piece]] = []
    offset = 0
    for raw in text.split("\r\n"):
        start, offset = offset, offset + len(raw) + 2
        if not raw.strip():
            continue
        first = start + len(raw) - len(raw.lstrip())
        last = start + len(raw.rstrip()) - 1
        left, _bottom, _right, top = textpage.get_charbox(first)
        _left, _bottom, right, _top = textpage.get_charbox(last)
        size = _dominant_size(textpage, raw, start)
        bold = _bold(textpage, raw, start)
        found.append((raw, start, Piece(raw, height - top, left, right, size, bold)))
    body_size = body_size_of([piece for _raw, _start, piece in found], height)
    pieces = []
    for raw, start, piece in found:
        if inside_bands(piece.top, height):
            piece.text = _superscripts(textpage, raw, start, body_size)
        pieces.append(piece)
    return join_baselines(pieces, body_size)


def _dominant_size(textpage: pdfium.PdfTextPage, raw: str, start: int) -> float:
    """Median of a few samples: the first character of a footnote line is often a smaller marker."""
    spots = [i for i in (len(raw) // 4, len(raw) // 2, 3 * len(raw) // 4, 0) if raw[i].strip()]
    sizes = sorted(pdfium_c.FPDFText_GetFontSize(textpage, start + i) for i in spots) or [0.0]
    return round(sizes[len(sizes) // 2], 1)


def _bold(textpage: pdfium.PdfTextPage, raw: str, start: int) -> bool:
    """Most of the line's letters in a bold face (weight 600 and up): headings are set in bold."""
    spots = [i for i, char in enumerate(raw) if char.isalpha()][:: max(1, len(raw) // 12)]
    heavy = sum(1 for i in spots if pdfium_c.FPDFText_GetFontWeight(textpage, start + i) >= BOLD)
    return bool(spots) and heavy * 2 > len(spots)


def _superscripts(textpage: pdfium.PdfTextPage, raw: str, start: int, body_size: float) -> str:
    """Footnote references become superscript digits so the cleaner can tell them from numbers."""
    if not any(c.isdigit() for c in raw):
        return raw
    # a footnote line (small type) opens with its own marker: that one stays plain
    small_line = _dominant_size(textpage, raw, start) < body_size * 0.95
    rest = raw.lstrip("0123456789 ")
    lead = len(raw) - len(rest) if small_line and rest else 0
    chars = list(raw)
    for i, char in enumerate(chars):
        if char.isdigit() and i >= lead:
            size = pdfium_c.FPDFText_GetFontSize(textpage, start + i)
            if size < body_size * SUPERSCRIPT_RATIO:
                chars[i] = char.translate(SUPERSCRIPT)
    return "".join(chars)
