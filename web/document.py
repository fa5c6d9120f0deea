"""What the document page shows: metadata with its origin, anchored paragraphs, relations and badges."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from markupsafe import Markup

from indexer.model import Paragraph, Resolution
from web import urls
from web.present import paragraph_label

METADATA_FIELDS = (
    ("symbol", "Symbol"),
    ("doc_type", "Document type"),
    ("body", "Body"),
    ("session", "Session"),
    ("committee", "Committee"),
    ("agenda_items", "Agenda items"),
    ("agenda_title", "Agenda title"),
    ("title", "Title"),
    ("sponsors", "Sponsors"),
    ("additional_sponsors", "Additional sponsors"),
    ("subjects", "Subjects (UNBIS Thesaurus)"),
    ("date", "Date"),
    ("resolution_number", "Resolution number"),
    ("adoption_date", "Adopted on"),
)
ORIGINS = {
    "text": "from the document's text",
    "sidecar": "from a sidecar file",
    "manifest": "from the corpus manifest",
    "undl": "from the UN Digital Library record",
    "igov": "from the UN iGov agenda",
}


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None  # None: not in the corpus, shown as plain text
    note: str | None = None  # how a lineage link was established


HOW = {
    "cites": "the resolution names this draft in its header",
    "library": "recorded by the UN Digital Library (MARC 993)",
}


def how_established(evidence: dict | None) -> str | None:
    """A lineage link's method in words: stated by a document, recorded by the Library, or inferred."""
    if not evidence or evidence.get("method") == "symbol":
        return None
    return HOW.get(evidence["method"]) or evidence.get("evidence")


@dataclass(frozen=True)
class Badge:
    status: str  # "new", "unchanged" or "amended"
    text: str
    href: str | None
    # amended: escaped words with <ins>/<del> against the earlier version
    diff_html: str | None = None


@dataclass
class ParagraphView:
    id: str
    kind: str
    label: str
    depth: int  # 0 for paragraphs, 1 for (a), 2 for (i)
    lead: str | None
    text: str
    html: Markup | None  # highlighted text when the page was opened from a search
    footnotes: list[Link] = field(default_factory=list)
    badge: Badge | None = None


def metadata_rows(resolution: Resolution) -> list[tuple[str, str, str | None]]:
    """(label, value, where it came from) for every metadata field that has a value."""
    rows = []
    for name, label in METADATA_FIELDS:
        value = getattr(resolution, name)
        if value in (None, "", []):
            continue
        if name == "agenda_items":
            shown = "; ".join(agenda_labels(value, resolution.agenda_titles))
        else:
            shown = ", ".join(value) if isinstance(value, list) else str(value)
        rows.append((label, shown, ORIGINS.get(resolution.provenance.get(name, ""))))
    if resolution.related:
        shown = ", ".join(
            r["symbol"] + (f" ({r['relation']})" if r.get("relation") != "related" else "")
            for r in resolution.related
        )
        rows.append(("Related documents", shown, ORIGINS["undl"]))
    if resolution.library_record:
        rows.append(("UN Digital Library record", resolution.library_record, None))
    return rows


def agenda_labels(items: Iterable[str], titles: dict[str, str]) -> list[str]:
    """'71 (c) Human rights situations and reports ...' where the agenda's title is known."""
    return [f"{item} {titles[item]}" if titles.get(item) else item for item in items]


def source_name(resolution: Resolution) -> str | None:
    """Only the file's name: the corpus layout on the server is nobody's business."""
    return PurePath(resolution.source).name if resolution.source else None


def depth(paragraph: Paragraph) -> int:
    if paragraph.kind != "subparagraph":
        return 0
    return 1 + paragraph.id.count("-")


def paragraph_views(
    resolution: Resolution,
    highlight: Callable[[str], str] | None,
    badges: dict[str, Badge],
) -> tuple[list[ParagraphView], list[ParagraphView]]:
    """Body paragraphs and footnotes, each with its anchor id, label, footnote links and provenance badge."""
    labels = {p.id: paragraph_label(p.kind, p.number, p.id) for p in resolution.paragraphs}
    body: list[ParagraphView] = []
    notes: list[ParagraphView] = []
    for paragraph in resolution.paragraphs:
        view = ParagraphView(
            id=paragraph.id,
            kind=paragraph.kind,
            label=labels[paragraph.id],
            depth=depth(paragraph),
            lead=paragraph.lead,
            text=paragraph.text,
            html=Markup(highlight(paragraph.text)) if highlight else None,
            footnotes=[Link(labels.get(f, f), f"#{f}") for f in paragraph.footnotes],
            badge=badges.get(paragraph.id),
        )
        (notes if paragraph.kind == "footnote" else body).append(view)
    return body, notes


def cite_links(cites: Iterable[str], resolve: Callable[[str], str | None]) -> list[Link]:
    """A cited resolution links to its page when the corpus holds it."""
    links = []
    for cite in cites:
        symbol = resolve(cite)
        links.append(Link(cite, urls.doc_url(symbol) if symbol else None))
    return links


def symbol_links(symbols: Iterable[str], known: Callable[[str], bool]) -> list[Link]:
    return [Link(symbol, urls.doc_url(symbol) if known(symbol) else None) for symbol in symbols]


def document_json(
    key: str,
    resolution: Resolution,
    cites: list[Link],
    relations: dict[str, Any],
    badges: dict[str, Badge],
) -> dict[str, Any]:
    """The document page's JSON twin: the stored resolution plus everything the page links to."""
    data = resolution.to_json()
    data["source"] = source_name(resolution)
    return {
        "document": data,
        "url": urls.doc_url(key),
        "cites": [{"cite": link.text, "url": link.href} for link in cites],
        **relations,
        "provenance": {
            pid: {"status": badge.status, "text": badge.text, "url": badge.href}
            for pid, badge in badges.items()
        },
    }
