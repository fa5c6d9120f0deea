"""One raw document to one Resolution: clean, read the header, type the paragraphs, find the cites."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from corpus.model import RawDocument, UnreadableSource
from corpus.read import read
from indexer.adopted_from import drafts_cited
from indexer.cites import find_cites
from indexer.clean import clean
from indexer.header import parse_header
from indexer.model import Resolution
from indexer.paragraphs import build_paragraphs
from indexer.sidecar import load_overrides
from indexer.sponsors import canonical_sponsor, credit_group
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


# Bounds on what one document may hold: the shared corpus's longest paragraph has 9,853 characters
# and its longest document 206,000. Past these a file has lost its paragraph breaks (one 5 MB line)
# or is not one resolution, and one paragraph would stall every page that compares or shows it.
MAX_PARAGRAPH_CHARS = 30_000
MAX_DOCUMENT_CHARS = 2_000_000
HASH_CHUNK = 1 << 20


def parse(raw: RawDocument, sidecars: bool = True) -> Resolution:
    """Structure a raw document; values a sidecar or manifest gives win over the text's.

    sidecars=False for a document that is not a file of a folder (an upload): nothing is looked up.
    """
    _check_size(raw)
    cleaned = clean(raw, lambda header: parse_header(header).symbol)
    header = cleaned.header or [line.text for line in raw.lines[:12]]  # no formula: the top lines
    header_meta = _as_dict(parse_header(header, cleaned.formula))
    paragraphs = build_paragraphs(cleaned.body, cleaned.footnotes, lead_and_verb)
    for paragraph in paragraphs:
        if len(paragraph.text) > MAX_PARAGRAPH_CHARS:
            raise UnreadableSource(
                f"paragraph {paragraph.id} has {len(paragraph.text):,} characters, more than the "
                f"{MAX_PARAGRAPH_CHARS:,} a paragraph may have (paragraph breaks lost?)"
            )
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
    _credit_groups(resolution, header_meta.get("starred", []), cleaned.footnotes)
    if sidecars:
        _apply_overrides(resolution, raw.path)
    resolution.cites = _document_cites(resolution)
    resolution.source = str(raw.path)
    resolution.source_format = raw.format
    resolution.pages = raw.page_count
    return resolution


def _credit_groups(resolution: Resolution, starred: list[str], notes: list) -> None:
    """Sponsors under the names delegates' list uses now; a group tabled by one State is the sponsor."""
    names = [canonical_sponsor(name) for name in resolution.sponsors]
    starred = [canonical_sponsor(name) for name in starred]
    sponsors, submitted_by = credit_group(names, starred, [(n.marker, n.text) for n in notes])
    resolution.sponsors = list(dict.fromkeys(sponsors))
    if submitted_by:
        resolution.submitted_by = submitted_by
        resolution.provenance["submitted_by"] = "text"


def parse_file(path: Path) -> Resolution:
    """Read, sniff and parse one file; raises corpus.model.UnreadableSource when it is not a UN text."""
    path = Path(path)
    resolution = parse(read(path))
    try:
        resolution.content_hash = content_hash(path)
    except OSError as error:  # removed or locked while it was being read
        raise UnreadableSource(f"cannot read: {error.strerror or error}") from error
    return resolution


def content_hash(path: Path) -> str:
    """Identifies a source's bytes, so an index rebuild can skip files it already read (streamed)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _check_size(raw: RawDocument) -> None:
    size = sum(len(line.text) + 1 for line in raw.lines)
    if size > MAX_DOCUMENT_CHARS:
        raise UnreadableSource(
            f"{size:,} characters of text, more than the {MAX_DOCUMENT_CHARS:,} one document may have"
        )


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
