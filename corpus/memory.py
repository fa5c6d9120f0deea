"""Read a document held in memory (an upload, a pasted text): nothing touches the disk.

Used for drafts under negotiation: `read_bytes` sniffs PDF, Word, HTML or text like `read` does for
files, and `read_pasted` takes text typed or pasted into a form, where paragraphs are parted by
blank lines, by one line each, or by hard wraps that a sentence end and a capital tell apart.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from corpus.docx import read_docx
from corpus.html import read_html
from corpus.model import Line, RawDocument, UnreadableSource
from corpus.pdf import read_pdf
from corpus.pdftext import read_pdftext
from corpus.sniff import SNIFF_BYTES, decode, sniff
from corpus.superscript import mark_footnote_refs

_ZIP = b"PK\x03\x04"
_ENDS_SENTENCE = re.compile(r"[,;:.]$")
_OPENS_PARAGRAPH = re.compile(r"^(?:[A-Z0-9]|\()")
_NUMBERED = re.compile(r"^(?:\d{1,3}\.|\([a-z]{1,5}\)|\(\d{1,2}\))\s")
# how preambular paragraphs open: a participle or one of the adjectives resolutions use
_LEAD = re.compile(
    r"^(?:[A-Z][a-z]+ing|Mindful|Aware|Conscious|Convinced|Deeply|Gravely|Alarmed|Concerned|"
    r"Determined|Desirous|Guided|Cognizant|Encouraged|Seriously|Profoundly|Further|Also)\b"
)
SHORT_LINE = 0.85  # share of the wrap width under which a line can close a paragraph
LONG_LINE = 100  # characters: a text whose lines are mostly longer has one paragraph per line


def read_bytes(data: bytes, name: str = "draft") -> RawDocument:
    """Any supported format from its bytes; raises UnreadableSource with the reason when it cannot."""
    path = Path(name or "draft")
    if data.startswith(_ZIP):
        if b"word/" not in data:
            raise UnreadableSource("a zip archive that is not a Word (.docx) document")
        return read_docx(path, data)
    kind = sniff(data[:SNIFF_BYTES], len(data))
    if kind == "pdf":
        return read_pdf(path, data)
    text = decode(data)
    if kind == "html":
        return read_html(path, text)
    if kind == "pdftext":
        return read_pdftext(path, text)
    return read_pasted(text, name)


def read_pasted(text: str, name: str = "pasted text") -> RawDocument:
    """One page of lines; a line starts a paragraph after a blank line or where the layout says so."""
    raw_lines = text.replace("\f", "\n").splitlines()
    content = [line.strip() for line in raw_lines if line.strip()]
    if not content:
        raise UnreadableSource("no text")
    one_per_line = statistics.median(len(line) for line in content) >= LONG_LINE
    width = sorted(len(line) for line in content)[int(0.9 * (len(content) - 1))]
    lines: list[Line] = []
    after_blank = True
    for raw in raw_lines:
        stripped = " ".join(raw.split())
        if not stripped:
            after_blank = True
            continue
        # a hard-wrapped paragraph's last line ends a sentence and stops short of the wrap width
        ended = bool(lines) and _ENDS_SENTENCE.search(lines[-1].text) is not None
        short = bool(lines) and len(lines[-1].text) < SHORT_LINE * width
        numbered = _NUMBERED.match(stripped) is not None
        starts = (
            after_blank
            or one_per_line
            or (ended and (numbered or _LEAD.match(stripped) is not None))
            or (ended and short and _OPENS_PARAGRAPH.match(stripped) is not None)
        )
        lines.append(Line(stripped, 1, block_start=starts))
        after_blank = False
    return RawDocument(
        path=Path(name), format="text", lines=mark_footnote_refs(lines), page_count=1
    )
