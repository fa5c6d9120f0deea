"""The raw document a reader hands to the indexer: lines with whatever layout the source knew."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

SourceFormat = Literal["pdf", "pdftext", "text", "html", "docx"]


Zone = Literal["body", "margin", "footnote", "table"]


@dataclass(frozen=True)
class Line:
    """One line of source text; layout fields are None when the format does not know them."""

    text: str
    page: int  # 1-based
    top: float | None = None  # points from the top of the page
    left: float | None = None
    size: float | None = None  # dominant font size in points
    block_start: bool = False  # the markup (HTML) says a new paragraph starts here
    zone: Zone = "body"  # reader's layout verdict
    bold: bool = False  # set in bold type: a heading, when the format knows the weight


@dataclass
class RawDocument:
    """A source file read but not yet understood."""

    path: Path
    format: SourceFormat
    lines: list[Line]
    page_count: int
    # link targets the source carried (PDF annotations, <a href>)
    links: list[str] = field(default_factory=list)
    page_height: float | None = None


class UnreadableSource(Exception):
    """A file that is not a readable UN document: the message says why, for the ingest report."""
