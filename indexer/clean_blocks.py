"""Lines into blocks: a paragraph broken by a page break or a footnote block is one block again."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.model import Line
from indexer.clean_chars import SYLLABLE_BREAK
from indexer.words import is_word

# A line that opens with a paragraph number starts a block even where the layout did not say so.
_NUMBERED = re.compile(r"^(?:\d{1,3}\.\s|\([a-z]{1,4}\)(?:\s|(?=[A-Z“‘]))|\(\d{1,2}\)\s)")
_SENTENCE_END = re.compile(r"[;:.,]$")
_LINE_END_HYPHEN = re.compile(r"(\w+)\s?-$")
_NEXT_WORD = re.compile(r"^(\w+)")


@dataclass
class Block:
    """One paragraph's text before it is typed; footnote blocks carry their marker."""

    text: str
    page: int
    zone: str = "body"
    marker: str | None = None
    lines: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)  # footnote markers cited in the text
    bold: bool = False  # every line in bold type: a heading


def to_blocks(lines: list[Line], ocr: bool = False) -> list[Block]:
    """Body lines join into paragraphs; footnote lines join into footnotes; zones never mix."""
    blocks: list[Block] = []
    current: dict[str, Block] = {}
    flow = "body"  # the zone of the last line that was not a footnote
    for line in lines:
        open_block = current.get(line.zone)
        if line.zone == "table":  # one table, rows one per line, until the text resumes
            if open_block is None or flow != "table":
                open_block = Block(line.text, line.page, "table", lines=[line.text])
                blocks.append(open_block)
                current["table"] = open_block
            else:
                open_block.text += "\n" + line.text
                open_block.lines.append(line.text)
            flow = "table"
            continue
        if line.zone != "footnote":
            flow = line.zone
        if open_block is None or _starts_block(line, open_block):
            open_block = Block(line.text, line.page, line.zone, lines=[line.text], bold=line.bold)
            blocks.append(open_block)
            current[line.zone] = open_block
            continue
        open_block.text = join_lines(open_block.text, line.text, ocr)
        open_block.lines.append(line.text)
        open_block.bold = open_block.bold and line.bold
    return blocks


def _starts_block(line: Line, open_block: Block) -> bool:
    if line.block_start:
        return True
    if line.zone == "footnote":  # PDF lines come with the layout's verdict, text lines without
        return (
            line.left is None
            and bool(re.match(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s|^\d{1,3}/?\s", line.text))
            and line.page != open_block.page
        )
    ended = _SENTENCE_END.search(open_block.text.rstrip("⁰¹²³⁴⁵⁶⁷⁸⁹* "))
    return bool(_NUMBERED.match(line.text) and ended)


def join_lines(left: str, right: str, ocr: bool = False) -> str:
    """Glue a wrapped line: compounds keep their hyphen ("capacity -" + "building"), syllables lose it."""
    if left.endswith(SYLLABLE_BREAK):
        return left[:-1] + right
    hyphen = _LINE_END_HYPHEN.search(left)
    if hyphen and right[:1].isalnum():
        head = left[: hyphen.start()] + hyphen.group(1)
        tail_word = _NEXT_WORD.match(right)
        if ocr and tail_word and _is_syllable_split(hyphen.group(1), tail_word.group(1)):
            return head + right
        return head + "-" + right
    return left + " " + right


def _is_syllable_split(first: str, second: str) -> bool:
    """OCR text has real syllable splits: drop the hyphen when only the joined form is a word."""
    joined, compound = first + second, f"{first}-{second}"
    return is_word(joined) and not is_word(compound)
