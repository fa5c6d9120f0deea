"""One raw document to one Resolution: clean, read the header, type the paragraphs, find the cites."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from corpus.model import RawDocument
from corpus.read import read
from indexer.adopted_from import drafts_cited
from indexer.cites import find_cites
from indexer.clean import clean
from indexer.header import parse_header
from indexer.model import Resolution
from indexer.paragraphs import build_paragraphs
from indexer.sidecar import load_overrides
from indexer.verbs import lead_and_verb

# Metadata fields a header or a sidecar may fill; the rest of Resolution is computed here.
METADATA = (
    "symbol",
    "body",
    "doc_type",
    "session",
    "committee",
    "agenda_items",
    "agenda_title",
    "sponsors",
    "date",
    "title",
    "resolution_number",
    "adoption_date",
)


def parse(raw: RawDocument, sidecars: bool = True) -> Resolution:
    """Structure a raw document; values a sidecar or manifest gives win over the text's.

    sidecars=False for a document that is not a file of a folder (an upload): nothing is looked up.
    """
    cleaned = clean(raw, lambda header: parse_header(header).symbol)
    header = cleaned.header or [line.text for line in raw.lines[:12]]  # no formula: the top lines
    header_meta = _as_dict(parse_header(header, cleaned.formula))
    paragraphs = build_paragraphs(cleaned.body, cleaned.footnotes, lead_and_verb)
    for paragraph in paragraphs:
        paragraph.cites = find_cites(paragraph.text)
    resolution = Resolution(
        symbol=None, body=None, doc_type=None, session=None, committee=None, paragraphs=paragraphs
    )
    for name in METADATA:
        value = header_meta.get(name)
        if value not in (None, "", [], ()):
            setattr(resolution, name, list(value) if isinstance(value, tuple) else value)
            resolution.provenance[name] = "text"
    resolution.adopted_from = drafts_cited(header)
    if sidecars:
        _apply_overrides(resolution, raw.path)
    resolution.cites = _document_cites(resolution)
    resolution.source = str(raw.path)
    resolution.source_format = raw.format
    resolution.pages = raw.page_count
    return resolution


def parse_file(path: Path) -> Resolution:
    """Read, sniff and parse one file; raises corpus.model.UnreadableSource when it is not a UN text."""
    path = Path(path)
    resolution = parse(read(path))
    resolution.content_hash = content_hash(path)
    return resolution


def content_hash(path: Path) -> str:
    """Identifies a source's bytes, so an index rebuild can skip files it already read."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _as_dict(meta: object) -> dict:
    if meta is None:
        return {}
    if isinstance(meta, dict):
        return dict(meta)
    if not dataclasses.is_dataclass(meta):
        raise TypeError(f"metadata must be a dict or a dataclass, not {type(meta).__name__}")
    return {f.name: getattr(meta, f.name) for f in dataclasses.fields(meta)}


def _apply_overrides(resolution: Resolution, path: Path) -> None:
    """Sidecar NAME.meta.json or folder manifest values replace what the text said."""
    overrides = dict(load_overrides(path) or {})
    origin = overrides.pop("_origin", "sidecar")
    origins = overrides.pop("_origins", {})
    for name, value in overrides.items():
        if name in METADATA:
            setattr(resolution, name, value)
            resolution.provenance[name] = origins.get(name, origin)


def _document_cites(resolution: Resolution) -> list[str]:
    """Every resolution the document cites, in order of first citation, each once."""
    seen: dict[str, None] = {}
    for paragraph in resolution.paragraphs:
        for cite in paragraph.cites:
            seen.setdefault(cite, None)
    return list(seen)
