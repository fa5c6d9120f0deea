"""Tell a source's format from its first bytes, not its name: UN files travel under any extension."""

from __future__ import annotations

import itertools
import re

from corpus.model import SourceFormat, UnreadableSource

SNIFF_BYTES = 4096
_HTML = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]|<p[\s>]", re.IGNORECASE)
# C0 controls other than tab, newlines and form feed (a page break): never text, never shown
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


def sniff(head: bytes, size: int) -> SourceFormat:
    """Format of a file from its first bytes and its size; raises UnreadableSource when it is none."""
    if size == 0:
        raise UnreadableSource("empty file")
    if head.startswith(b"%PDF-") or head[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if utf16(head) is None and _is_binary(head):
        raise UnreadableSource("binary data, not a PDF, HTML or text document")
    text = decode(head)
    if _HTML.search(text):
        return "html"
    return "pdftext" if _blank_every_other_line(text) else "text"


def utf16(head: bytes) -> str | None:
    """The UTF-16 codec of a text saved as UTF-16 (Windows "Unicode"), with or without its BOM."""
    for bom, codec in _UTF16_BOMS.items():
        if head.startswith(bom):
            return codec
    pairs = len(head) // 2
    if pairs < 16:
        return None
    # ASCII-range text in UTF-16 has a NUL in every other byte, on one side only
    if head[1::2].count(0) > 0.9 * pairs and head[0::2].count(0) < 0.1 * pairs:
        return "utf-16-le"
    if head[0::2].count(0) > 0.9 * pairs and head[1::2].count(0) < 0.1 * pairs:
        return "utf-16-be"
    return None


def decode(data: bytes) -> str:
    """UTF-16 when it says so, UTF-8 (with or without BOM), else Windows-1252 (old OCR text).

    Stray control characters (a NUL deep in a file) are dropped: they are not text.
    """
    codec = utf16(data[:SNIFF_BYTES])
    if codec is not None:
        body = data[2:] if data[:2] in _UTF16_BOMS else data
        return _CONTROLS.sub("", body[: len(body) // 2 * 2].decode(codec, errors="replace"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # a character cut by the sniff window
            text = data[: error.start].decode("utf-8-sig")
        else:
            text = data.decode("cp1252", errors="replace")
    return _CONTROLS.sub("", text)


def _is_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def _blank_every_other_line(text: str) -> bool:
    """Text extracted from PDF puts an empty line after each text line."""
    lines = text.splitlines()[:-1]
    pairs = [(a.strip(), b.strip()) for a, b in itertools.pairwise(lines)]
    text_lines = [a for a, _b in pairs if a]
    followed_by_blank = [a for a, b in pairs if a and not b]
    # OCR text also parts one-line paragraphs with blank lines; extraction parts mid-sentence
    mid_sentence = [a for a in followed_by_blank if a[-1:].isalpha()]
    return (
        len(text_lines) >= 8
        and len(followed_by_blank) >= 0.8 * len(text_lines)
        and len(mid_sentence) >= 0.3 * len(followed_by_blank)
    )
