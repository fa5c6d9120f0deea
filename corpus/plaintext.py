"""Reader for hard-wrapped plain text (OCR of Security Council resolutions): blank lines part paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

from corpus.model import Line, RawDocument, Zone
from corpus.superscript import mark_footnote_refs

# "1/ S/25046." (1990s) or "22 Adopted without vote." (1940s) at the foot of the text
_FOOTNOTE = re.compile(r"^(\d{1,3})/?\s+\S")
_ADOPTED = re.compile(r"^\s*(?:Adopted|Decision of|Resolution of)\b", re.IGNORECASE)


def read_plaintext(path: Path, text: str) -> RawDocument:
    """One page; a line after a blank line starts a block; footnotes follow the adoption line."""
    lines: list[Line] = []
    after_blank, after_adoption = True, False
    for raw in text.replace("\f", "\n").splitlines():
        stripped = raw.strip()
        if not stripped:
            after_blank = True
            continue
        if _ADOPTED.match(stripped):
            after_adoption = True
        in_notes = bool(lines) and lines[-1].zone == "footnote"
        footnote = (after_blank or in_notes) and after_adoption and bool(_FOOTNOTE.match(stripped))
        zone: Zone = "footnote" if footnote else "body"
        starts = footnote or (
            after_blank and not stripped[:1].islower()
        )  # OCR: blank lines mid-sentence
        lines.append(Line(stripped, 1, block_start=starts, zone=zone))
        after_blank = False
    lines = _footnote_continuations(lines)
    return RawDocument(path=path, format="text", lines=mark_footnote_refs(lines), page_count=1)


def _footnote_continuations(lines: list[Line]) -> list[Line]:
    """A wrapped footnote keeps its zone on the lines that continue it."""
    out: list[Line] = []
    for line in lines:
        if out and out[-1].zone == "footnote" and not line.block_start:
            line = Line(line.text, line.page, zone="footnote")
        out.append(line)
    return out
