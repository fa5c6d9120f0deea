"""Structured resolutions: the boundary between ingestion and everything downstream."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ParagraphKind = Literal["preambular", "operative", "subparagraph", "footnote", "heading", "table"]


@dataclass
class Paragraph:
    """One typed, numbered paragraph; ids double as page anchors (pp3, op5, op5a, op5a-i, fn1)."""

    id: str
    kind: ParagraphKind
    number: str | None  # "3", "3 (a)", "3 (a) (i)"; footnotes their marker; preambular their order
    text: str  # the document's own characters (curly quotes, dashes kept)
    lead: str | None = None  # "Recalling also", "Requests the Secretary-General"
    verb: str | None = None  # normalised for faceting: "recall", "request"
    cites: list[str] = field(default_factory=list)  # normalised symbols: "65/230", "S/RES/2334"
    footnotes: list[str] = field(default_factory=list)  # ids of footnotes this paragraph cites
    # subparagraph: its operative paragraph; footnote: the citing paragraph
    parent: str | None = None
    page: int | None = None  # page the paragraph starts on
    section: str | None = None  # the headings it falls under: "II — Budget estimates for ..."


@dataclass
class Resolution:
    """One document (draft, revision, adopted resolution or decision) with its metadata."""

    symbol: str | None
    body: str | None  # "General Assembly", "Economic and Social Council", "Security Council"
    doc_type: str | None  # "draft resolution", "revised draft resolution", "resolution", "decision"
    session: int | None
    committee: str | None  # "Third Committee", "Plenary", ...
    agenda_items: list[str] = field(default_factory=list)  # as printed: "107", "71 (c)"
    agenda_title: str | None = None
    sponsors: list[str] = field(default_factory=list)
    date: str | None = None  # ISO date of the document
    title: str | None = None
    resolution_number: str | None = None  # "79/148"; Security Council "242 (1967)"
    adoption_date: str | None = None
    cites: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    source: str | None = None  # path of the source file, relative to the ingested folder
    source_format: str | None = None
    pages: int = 0
    # field -> "text" | "sidecar" | "manifest" | "undl" | "igov": where each metadata value came from
    provenance: dict[str, str] = field(default_factory=dict)
    content_hash: str | None = None
    # Drafts the header says the resolution was adopted from (plenary resolutions print them)
    adopted_from: list[str] = field(default_factory=list)
    # From UN metadata the text does not carry (indexer/metadata.py): UN Digital Library, iGov agendas
    additional_sponsors: list[str] = field(default_factory=list)
    agenda_titles: dict[str, str] = field(default_factory=dict)  # "71 (c)" -> its title
    subjects: list[str] = field(default_factory=list)  # UNBIS Thesaurus terms
    related: list[dict[str, str]] = field(default_factory=list)  # [{symbol, relation}]
    library_record: str | None = None  # the UN Digital Library record's URL

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.id == paragraph_id), None)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Resolution:
        fields = dict(data)
        fields["paragraphs"] = [Paragraph(**p) for p in data.get("paragraphs", [])]
        return cls(**fields)
