"""Reader for a resolution saved as a web page: markup gives the paragraphs, chrome is dropped."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from corpus.model import Line, RawDocument, Zone
from corpus.superscript import to_superscript

_CHROME = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "dt", "dd", "pre")


def read_html(path: Path, text: str) -> RawDocument:
    """Each block element becomes a line that starts a paragraph; <br> splits a block into lines."""
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_CHROME):
        tag.decompose()
    for tag in soup.find_all(role=["navigation", "banner", "contentinfo"]):
        tag.decompose()
    links = [str(a["href"]) for a in soup.find_all("a", href=True)]
    root = soup.find("main") or soup.find(role="main") or soup.body or soup
    lines: list[Line] = []
    for block in root.find_all(_BLOCKS):
        if block.find(_BLOCKS):
            continue  # the inner blocks carry the text
        zone: Zone = "footnote" if _is_footnote(block) else "body"
        heading = block.name in _HEADINGS or _all_bold(block)
        for index, piece in enumerate(_block_lines(block)):
            lines.append(Line(piece, 1, block_start=index == 0, zone=zone, bold=heading))
    return RawDocument(path=path, format="html", lines=lines, page_count=1, links=links)


def _all_bold(block: Tag) -> bool:
    """A paragraph whose whole text sits in <b> or <strong>: a heading set in bold."""
    text = block.get_text(strip=True)
    bold = "".join(tag.get_text(strip=True) for tag in block.find_all(("b", "strong")))
    return bool(text) and bold == text


def _is_footnote(block: Tag) -> bool:
    for node in (block, *block.parents):
        if isinstance(node, Tag):
            names = " ".join(node.get_attribute_list("class")) + " " + str(node.get("id") or "")
            if "footnote" in names.lower():
                return True
    return False


def _block_lines(block: Tag) -> list[str]:
    """The block's text with <sup> markers as superscript digits and <br> as line breaks."""
    parts: list[str] = []
    for node in block.descendants:
        if isinstance(node, NavigableString):
            inside_sup = node.find_parent("sup") is not None
            value = str(node)
            parts.append(to_superscript(value.strip()) if inside_sup else value)
        elif isinstance(node, Tag) and node.name == "br":
            parts.append("\n")
    text = "".join(parts)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]
