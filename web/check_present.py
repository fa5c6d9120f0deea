"""What the check report page prints: a paragraph with its agreed spans marked, links to sources."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from search.check_report import CheckedParagraph, Source, Span
from web.urls import doc_url

STATUS_LABELS = {
    "agreed": "agreed language",
    "amended": "amended",
    "new": "new",
}


@dataclass(frozen=True)
class SourceView:
    symbol: str
    paragraph_id: str
    label: str  # "A/RES/79/185, op5"
    href: str  # /doc/A/RES/79/185#op5
    similarity: float | None = None


def source_view(symbol: str, paragraph_id: str, similarity: float | None = None) -> SourceView:
    return SourceView(
        symbol,
        paragraph_id,
        f"{symbol}, {paragraph_id}",
        doc_url(symbol, paragraph_id=paragraph_id),
        similarity,
    )


def sources(found: list[Source]) -> list[SourceView]:
    return [source_view(s.symbol, s.paragraph_id, s.similarity) for s in found]


def marked_text(text: str, spans: list[Span]) -> str:
    """The escaped text with each run of agreed spans in <mark>; overlapping spans make one mark."""
    regions: list[list[int]] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if regions and span.start <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], span.end)
        else:
            regions.append([span.start, span.end])
    out, position = [], 0
    for start, end in regions:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


@dataclass(frozen=True)
class SpanView:
    text: str
    source: SourceView


@dataclass(frozen=True)
class ParagraphView:
    paragraph: CheckedParagraph
    label: str  # "op5", "pp3"
    status_label: str
    marked_html: str
    best: SourceView | None
    adopted: list[SourceView]
    drafts: list[SourceView]
    spans: list[SpanView]


def paragraph_views(paragraphs: list[CheckedParagraph]) -> list[ParagraphView]:
    views = []
    for p in paragraphs:
        best = (
            source_view(p.best.symbol, p.best.paragraph_id, p.best.similarity) if p.best else None
        )
        spans = [
            SpanView(p.text[s.start : s.end], source_view(s.symbol, s.paragraph_id))
            for s in p.agreed_spans
        ]
        views.append(
            ParagraphView(
                p,
                p.id,
                STATUS_LABELS[p.status],
                marked_text(p.text, p.agreed_spans),
                best,
                sources(p.adopted),
                sources(p.drafts),
                spans,
            )
        )
    return views
