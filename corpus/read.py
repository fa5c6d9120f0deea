"""One entry point for every reader: `read(path)` sniffs the format and refuses what is not a UN text."""

from __future__ import annotations

import re
from pathlib import Path

from corpus.html import read_html
from corpus.model import RawDocument, UnreadableSource
from corpus.pdf import read_pdf
from corpus.pdftext import read_pdftext
from corpus.plaintext import read_plaintext
from corpus.sniff import SNIFF_BYTES, decode, sniff

# Every UN resolution names its organ or the Organization; an unrelated text names none of them.
_UN_WORDING = re.compile(
    r"General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council|United\s+Nations",
    re.IGNORECASE,
)
MIN_WORDS = 20


def read(path: Path) -> RawDocument:
    """Read any supported source; raises UnreadableSource with the reason when it cannot."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as error:
        raise UnreadableSource(f"cannot open: {error.strerror}") from error
    kind = sniff(head, size)
    if kind == "pdf":
        document = read_pdf(path)
    else:
        text = decode(path.read_bytes())
        readers = {"html": read_html, "pdftext": read_pdftext, "text": read_plaintext}
        document = readers[kind](path, text)
    _check_content(document)
    return document


def _check_content(document: RawDocument) -> None:
    text = "\n".join(line.text for line in document.lines)
    if len(text.split()) < MIN_WORDS:
        if document.format == "pdf":
            raise UnreadableSource("PDF has no text layer (scanned image?) or almost no text")
        raise UnreadableSource(f"almost no text ({len(text.split())} words)")
    if not _UN_WORDING.search(text):
        raise UnreadableSource("not a UN document: names no UN organ and not the United Nations")
