"""A draft brought to `agreed check` (upload, pasted text, file) structured like any document, in memory."""

from __future__ import annotations

import dataclasses

from corpus.memory import read_bytes, read_pasted
from corpus.model import Line, RawDocument, UnreadableSource
from indexer.clean import FORMULA
from indexer.model import Resolution
from indexer.parse import parse

MIN_WORDS = 5
# A draft pasted without its header often starts at the first preambular paragraph: without an
# enacting formula the cleaner would take everything before paragraph 1 for header lines.
_FORMULA = "The General Assembly,"
_HEADER_LINES = 40  # a draft's formula comes after its header block, well within these lines


def read_draft(data: bytes | str, name: str = "draft") -> Resolution:
    """Bytes of a PDF, Word, HTML or text file, or a pasted text; raises UnreadableSource."""
    raw = read_pasted(data, name) if isinstance(data, str) else read_bytes(data, name)
    words = sum(len(line.text.split()) for line in raw.lines)
    if words < MIN_WORDS:
        raise UnreadableSource(f"almost no text ({words} words)")
    resolution = parse(_with_formula(raw), sidecars=False)
    if not any(p.kind != "footnote" for p in resolution.paragraphs):
        raise UnreadableSource("no paragraphs found in the text")
    return resolution


def _with_formula(raw: RawDocument) -> RawDocument:
    """The document as read, with an enacting formula on top when its header part has none."""
    head = raw.lines[:_HEADER_LINES]
    if any(FORMULA.match(" ".join(line.text.split())) for line in head):
        return raw
    if _has_header(head):
        return raw
    formula = Line(_FORMULA, 1, block_start=True)
    return dataclasses.replace(raw, lines=[formula, *raw.lines])


def _has_header(lines: list[Line]) -> bool:
    """A draft's header names its document type ("...: draft resolution"); the cleaner finds it."""
    return any("draft resolution" in line.text or "draft decision" in line.text for line in lines)
