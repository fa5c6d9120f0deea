"""Atom feed of the newest paragraphs matching a saved search, built with ElementTree so all text is escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from search.api import Hit
from web.present import paragraph_label

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0


def atom_date(date: str | None) -> str:
    """Atom needs full RFC 3339 timestamps; documents carry days."""
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return f"{date}T00:00:00Z"
    return "1970-01-01T00:00:00Z"


def build_feed(title: str, self_url: str, html_url: str, hits: Iterable[tuple[Hit, str]]) -> bytes:
    """hits: (hit, absolute link to the paragraph); the snippet goes in as escaped HTML content."""
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", title)
    _text(feed, "id", self_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=html_url, type="text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "agreed")
    updated = _text(feed, "updated", "")
    newest = ""
    for hit, link in hits:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        label = paragraph_label(hit.kind, hit.number, hit.paragraph_id)
        _text(entry, "title", f"{hit.symbol} {label}" + (f" – {hit.title}" if hit.title else ""))
        _text(entry, "id", link)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=link, type="text/html")
        stamp = atom_date(hit.date)
        newest = max(newest, stamp)
        _text(entry, "updated", stamp)
        content = _text(entry, "content", hit.snippet_html)
        content.set("type", "html")
    updated.text = newest or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = _XML_UNSAFE.sub("", text)
    return element
