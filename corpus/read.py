"""One entry point for every reader: `read(path)` sniffs the format and refuses what is not a UN text."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from corpus.html import read_html
from corpus.model import RawDocument, UnreadableSource
from corpus.pdf import read_pdf
from corpus.pdftext import read_pdftext
from corpus.plaintext import read_plaintext
from corpus.sniff import SNIFF_BYTES, decode, sniff, utf16

# Every UN resolution names its organ or the Organization; an unrelated text names none of them.
_UN_WORDING = re.compile(
    r"General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council|United\s+Nations",
    re.IGNORECASE,
)
MIN_WORDS = 20
# Sizes checked before a file is read: the largest file of the shared corpus is a 0.7 MB PDF,
# its longest text 0.2 M characters. A file far past these is not one resolution.
MAX_PDF_BYTES = 64 * 2**20
MAX_TEXT_BYTES = 8 * 2**20
MAX_BINARY_SHARE = 0.01  # NULs and other controls in a text beyond this: a binary file


def read(path: Path) -> RawDocument:
    """Read any supported source; raises UnreadableSource with the reason when it cannot."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise UnreadableSource("not a regular file")
            _check_size("pdf", size)  # the largest allowance, before a byte is read
            head = handle.read(SNIFF_BYTES)
            kind = sniff(head, size)
            _check_size(kind, size)
            data = b"" if kind == "pdf" else head + handle.read(MAX_TEXT_BYTES + 1 - len(head))
    except OSError as error:
        raise UnreadableSource(f"cannot read: {error.strerror or error}") from error
    if kind == "pdf":
        document = read_pdf(path)
    else:
        if utf16(head) is None and data.count(0) > MAX_BINARY_SHARE * len(data):
            raise UnreadableSource("binary data past the first bytes, not a text document")
        text = decode(data)
        readers = {"html": read_html, "pdftext": read_pdftext, "text": read_plaintext}
        document = readers[kind](path, text)
    _check_content(document)
    return document


def _check_size(kind: str, size: int) -> None:
    limit = MAX_PDF_BYTES if kind == "pdf" else MAX_TEXT_BYTES
    if size > limit:
        raise UnreadableSource(
            f"too large for one document: {size / 2**20:.1f} MB (limit {limit / 2**20:.0f} MB)"
        )


def _check_content(document: RawDocument) -> None:
    text = "\n".join(line.text for line in document.lines)
    if len(text.split()) < MIN_WORDS:
        if document.format == "pdf":
            raise UnreadableSource("PDF has no text layer (scanned image?) or almost no text")
        raise UnreadableSource(f"almost no text ({len(text.split())} words)")
    if not _UN_WORDING.search(text):
        raise UnreadableSource("not a UN document: names no UN organ and not the United Nations")
