"""Reader for text extracted from PDF (the seeds): blank line after each line, URL dumps, inline footnotes."""

from __future__ import annotations

import re
from pathlib import Path

from corpus.model import Line, RawDocument, Zone
from corpus.superscript import mark_footnote_refs

_URL = re.compile(r"^\s*https?://\S+\s*$")
_RULE = re.compile(r"^\s*_{5,}\s*$")
_COUNTER = re.compile(r"(?:^|\s)(\d{1,3})/(\d{1,3})(?:\s|$)")
_FOOTNOTE_START = re.compile(r"^\s+(\d{1,3})\s+\S")


def read_pdftext(path: Path, text: str) -> RawDocument:
    """Undo the extraction's blank lines, number the pages, and tag URL dumps and footnote blocks."""
    lines: list[Line] = []
    links: list[str] = []
    page, in_urls, in_footnotes = 1, False, False
    for raw in _content_lines(text):
        if _URL.match(raw):
            links.append(raw.strip())
            in_urls = True
            lines.append(Line(raw.strip(), page, zone="margin"))
            continue
        if in_urls:  # the dump closes its page
            page, in_urls, in_footnotes = page + 1, False, False
        counter = _COUNTER.search(raw)
        if counter and len(raw.strip()) < 40 and int(counter.group(1)) > page:
            page, in_footnotes = int(counter.group(1)), False
        if _RULE.match(raw):
            in_footnotes = True
            lines.append(Line(raw.strip(), page, zone="margin"))
            continue
        if in_footnotes and _looks_like_header(raw):
            in_footnotes = False
        zone: Zone = "footnote" if in_footnotes else "body"
        starts = raw[:1].isspace() and (zone == "body" or bool(_FOOTNOTE_START.match(raw)))
        lines.append(Line(raw.strip(), page, block_start=starts, zone=zone))
    return RawDocument(
        path=path,
        format="pdftext",
        lines=mark_footnote_refs(lines),
        page_count=page,
        links=links,
    )


def _content_lines(text: str) -> list[str]:
    """Every other line is an extraction artefact; whitespace-only lines carry nothing either."""
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def _looks_like_header(raw: str) -> bool:
    stripped = raw.strip()
    return bool(re.fullmatch(r"[AES]/[\w./-]+", stripped) or re.match(r"\d{2}-\d{5}\b", stripped))
