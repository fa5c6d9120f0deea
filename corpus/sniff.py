"""Tell a source's format from its first bytes, not its name: UN files travel under any extension."""

from __future__ import annotations

import itertools
import re

from corpus.model import SourceFormat, UnreadableSource

SNIFF_BYTES = 4096
_HTML = re.compile(rb"<!doctype html|<html[\s>]|<body[\s>]|<p[\s>]", re.IGNORECASE)


def sniff(head: bytes, size: int) -> SourceFormat:
    """Format of a file from its first bytes and its size; raises UnreadableSource when it is none."""
    if size == 0:
        raise UnreadableSource("empty file")
    if head.startswith(b"%PDF-") or head[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if _is_binary(head):
        raise UnreadableSource("binary data, not a PDF, HTML or text document")
    if _HTML.search(head[:SNIFF_BYTES]):
        return "html"
    return "pdftext" if _blank_every_other_line(decode(head)) else "text"


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: old OCR text is often the latter."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # a character cut by the sniff window
            return data[: error.start].decode("utf-8-sig")
        return data.decode("cp1252", errors="replace")


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
