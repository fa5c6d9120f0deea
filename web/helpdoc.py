"""The Markdown subset of docs/query-language.md as plain blocks, so the template escapes every character."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_INLINE = re.compile(
    r"`([^`]+)`|\*\*([^*]+)\*\*|\*(?=\S)([^*]+?)(?<=\S)\*|\[([^\]]+)\]\(([^)\s]+)\)"
)
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+(.*)$")


@dataclass(frozen=True)
class Span:
    kind: str  # "text", "code", "strong", "em" or "link"
    text: str
    href: str | None = None


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "list", "code", "table"
    level: int = 0  # heading level, 1 for the document's title
    spans: list[Span] = field(default_factory=list)  # heading and paragraph
    items: list[list[Span]] = field(default_factory=list)  # list items
    rows: list[list[list[Span]]] = field(default_factory=list)  # table: header row first
    code: str = ""


def inline(text: str) -> list[Span]:
    """`code`, **strong**, *em* and [links](href); only http(s), relative and #anchor links are kept."""
    spans: list[Span] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            spans.append(Span("text", text[position : match.start()]))
        code, strong, em, label, href = match.groups()
        if code is not None:
            spans.append(Span("code", code))
        elif strong is not None:
            spans.append(Span("strong", strong))
        elif em is not None:
            spans.append(Span("em", em))
        elif re.match(r"^(https?://|/|#|[\w.-]+(\.md)?(#[\w-]+)?$)", href):
            spans.append(Span("link", label, href))
        else:
            spans.append(Span("text", label))
        position = match.end()
    if position < len(text):
        spans.append(Span("text", text[position:]))
    return spans


def render(markdown: str) -> list[Block]:
    """Blocks in document order: headings, paragraphs, lists, fenced code and pipe tables."""
    blocks: list[Block] = []
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if not stripped:
            index += 1
        elif stripped.startswith("```"):
            end = next(
                (j for j in range(index + 1, len(lines)) if lines[j].strip().startswith("```")),
                len(lines),
            )
            blocks.append(Block("code", code="\n".join(lines[index + 1 : end])))
            index = end + 1
        elif heading := re.match(r"^(#{1,6})\s+(.*)$", stripped):
            blocks.append(
                Block(
                    "heading",
                    level=len(heading.group(1)),
                    spans=inline(heading.group(2)),
                )
            )
            index += 1
        elif stripped.startswith("|"):
            rows = []
            while index < len(lines) and lines[index].strip().startswith("|"):
                row = lines[index].strip()
                if not _TABLE_RULE.match(row):
                    rows.append([inline(cell.strip()) for cell in _cells(row)])
                index += 1
            blocks.append(Block("table", rows=rows))
        elif _LIST_ITEM.match(line):
            items = []
            while index < len(lines) and lines[index].strip():
                if item := _LIST_ITEM.match(lines[index]):
                    items.append(item.group(1))
                elif items:
                    items[-1] += " " + lines[index].strip()
                index += 1
            blocks.append(Block("list", items=[inline(item) for item in items]))
        else:
            text = []
            while index < len(lines) and lines[index].strip() and not _starts_block(lines[index]):
                text.append(lines[index].strip())
                index += 1
            blocks.append(Block("paragraph", spans=inline(" ".join(text))))
    return blocks


def _cells(row: str) -> list[str]:
    """Split a pipe-table row; a backslash-escaped pipe stays inside its cell."""
    inner = row.strip().removeprefix("|").removesuffix("|")
    return [cell.replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]


def _starts_block(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(("```", "#", "|")) or bool(_LIST_ITEM.match(line))
