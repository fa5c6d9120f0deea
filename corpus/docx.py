"""Reader for Word drafts (.docx, as delegations circulate them): one line per paragraph, numbers made visible.

Word numbers operative paragraphs and subparagraphs itself (w:numPr); the text of such a paragraph
lacks its "5." or "(a)", which is how the parser tells operative paragraphs from preamble. The
number is rebuilt from the numbering definitions, as Word would print it.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from zipfile import BadZipFile, ZipFile

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph

from corpus.model import Line, RawDocument, UnreadableSource

MAX_UNPACKED = 50_000_000  # bytes a .docx may unpack to: a long draft is well under 1 MB of XML
# When a list's definition is missing: level 1 "1.", level 2 "(a)", level 3 "(i)", as UN texts number
_FALLBACK = (("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)"))
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def read_docx(path: Path, data: bytes) -> RawDocument:
    """Body paragraphs (and table cells, where a header block often sits) in order, each a block."""
    try:
        unpacked = sum(item.file_size for item in ZipFile(BytesIO(data)).infolist())
        if unpacked > MAX_UNPACKED:
            raise UnreadableSource(f"a Word file that unpacks to {unpacked:,} bytes: not a draft")
        document = docx.Document(BytesIO(data))
    except (BadZipFile, KeyError, ValueError) as error:
        raise UnreadableSource(f"damaged Word file ({error})") from error
    numbering = _Numbering(document)
    lines: list[Line] = []
    for paragraph in _paragraphs(document):
        text = " ".join(paragraph.text.split())
        label = numbering.label(paragraph)
        if label:
            text = f"{label} {text}"
        if text:
            lines.append(Line(text, 1, block_start=True))
    return RawDocument(path=path, format="docx", lines=lines, page_count=1)


def _paragraphs(document) -> list[DocxParagraph]:
    found: list[DocxParagraph] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    found.extend(cell.paragraphs)
        else:
            found.append(item)
    return found


class _Numbering:
    """Word's list counters: one per list and level; a level's counter restarts under a new parent."""

    def __init__(self, document) -> None:
        self._formats: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {
            node.get(qn("w:abstractNumId")): node for node in root.findall(qn("w:abstractNum"))
        }
        for num in root.findall(qn("w:num")):
            link = num.find(qn("w:abstractNumId"))
            definition = abstract.get(link.get(qn("w:val"))) if link is not None else None
            if definition is not None:
                self._formats[num.get(qn("w:numId"))] = _levels(definition)

    def label(self, paragraph: DocxParagraph) -> str:
        found = _num_pr(paragraph)
        if found is None:
            return ""
        num_id, level = found
        formats = self._formats.get(num_id) or {
            i: (fmt, text, 1) for i, (fmt, text) in enumerate(_FALLBACK)
        }
        if level not in formats or formats[level][0] in ("bullet", "none"):
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        if counters[level] == 0:
            counters[level] = formats[level][2] - 1
        counters[level] += 1
        for deeper in range(level + 1, len(counters)):
            counters[deeper] = 0
        text = formats[level][1]
        for shown in range(level + 1):
            fmt = formats.get(shown, ("decimal", "", 1))[0]
            text = text.replace(f"%{shown + 1}", list_number(max(counters[shown], 1), fmt))
        return text


def _levels(definition) -> dict[int, tuple[str, str, int]]:
    """ilvl -> (numFmt, lvlText, start) of one abstract list definition."""
    levels = {}
    for lvl in definition.findall(qn("w:lvl")):
        values = {}
        for name in ("w:numFmt", "w:lvlText", "w:start"):
            node = lvl.find(qn(name))
            values[name] = node.get(qn("w:val")) if node is not None else None
        levels[int(lvl.get(qn("w:ilvl")))] = (
            values["w:numFmt"] or "decimal",
            values["w:lvlText"] or "",
            int(values["w:start"] or 1),
        )
    return levels


def _num_pr(paragraph: DocxParagraph) -> tuple[str, int] | None:
    """(numId, level) from the paragraph's own properties, else its style's; None when unnumbered."""
    holders = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        holders.append(style.element.pPr)
        style = style.base_style
    for pPr in holders:
        num_pr = pPr.find(qn("w:numPr")) if pPr is not None else None
        if num_pr is None:
            continue
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        if num_id is None or num_id.get(qn("w:val")) == "0":
            return None
        return num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
    return None


def list_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for amount, numeral in _ROMAN:
            while value >= amount:
                roman, value = roman + numeral, value - amount
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)
