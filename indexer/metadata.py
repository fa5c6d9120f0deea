"""UN metadata found in the source tree (Digital Library exports, iGov agendas) joined to the documents.

The text stays the primary source: metadata fills what the text does not say (sponsors of a resolution,
agenda titles) and adds what it never says (additional sponsors, UNBIS subjects, related documents).
Every value it sets is marked in the document's provenance ("undl" or "igov"), so a rebuild can take
them off again (`strip`) before joining the metadata as it is now: a changed export needs no re-parse.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from corpus.igov import Agenda, read_agenda
from indexer.model import Resolution
from indexer.undl import UndlRecord, is_marcxml, read_export

ORIGINS = ("undl", "igov")
_DEFAULTS = {
    f.name: f
    for f in dataclasses.fields(Resolution)
    if f.name not in ("provenance", "paragraphs", "symbol")
}


@dataclass
class Metadata:
    """Everything the tree's metadata files say, by symbol and by session."""

    records: dict[str, UndlRecord] = field(default_factory=dict)  # folded symbol -> record
    agendas: dict[int, Agenda] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)

    def record(self, symbol: str | None) -> UndlRecord | None:
        return self.records.get(fold_symbol(symbol)) if symbol else None


def fold_symbol(symbol: str) -> str:
    return "".join(symbol.split()).upper()


def is_metadata_file(path: Path) -> bool:
    """A Library export, whatever its name (its content says so)."""
    return is_marcxml(path)


def load(root: Path) -> Metadata:
    """Read every MARCXML export and iGov agenda file under root (hidden folders skipped)."""
    root = Path(root)
    metadata = Metadata()
    if not root.is_dir():
        return metadata
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() == ".json" and not path.name.endswith(".meta.json"):
            agenda = read_agenda(path)
            if agenda is not None:
                agenda.source = str(relative)
                _merge_agenda(metadata, agenda)
                metadata.files.append(str(relative))
        elif is_marcxml(path):
            try:
                records = read_export(path)
            except ValueError as error:
                metadata.problems.append((str(relative), str(error)))
                continue
            metadata.files.append(str(relative))
            for record in records:
                metadata.records.setdefault(fold_symbol(record.symbol), record)
    return metadata


def _merge_agenda(metadata: Metadata, agenda: Agenda) -> None:
    known = metadata.agendas.setdefault(
        agenda.session, Agenda(agenda.session, source=agenda.source)
    )
    for item, title in agenda.titles.items():
        known.titles.setdefault(item, title)


def strip(resolution: Resolution) -> Resolution:
    """The document without the values metadata gave it (as its text and sidecars alone say)."""
    for name, origin in list(resolution.provenance.items()):
        if origin in ORIGINS and name in _DEFAULTS:
            setattr(resolution, name, _default(name))
            del resolution.provenance[name]
    return resolution


def enrich(resolution: Resolution, metadata: Metadata) -> bool:
    """Join the document's Library record and its session's agenda; True when a record matched."""
    record = metadata.record(resolution.symbol)
    if record is not None:
        _fill(resolution, "title", record.title, "undl")
        _fill(resolution, "date", record.date, "undl")
        _fill(resolution, "sponsors", record.sponsors, "undl")
        named = set(resolution.sponsors)
        extra = [name for name in record.additional_sponsors if name not in named]
        _fill(resolution, "additional_sponsors", extra, "undl")
        _fill(resolution, "agenda_items", list(record.agenda), "undl")
        _fill(resolution, "subjects", record.subjects, "undl")
        related = [{"symbol": r.symbol, "relation": r.relation} for r in record.related]
        _fill(resolution, "related", related, "undl")
        _fill(resolution, "library_record", record.url, "undl")
    titles: dict[str, str] = {}
    agenda = metadata.agendas.get(resolution.session) if resolution.session else None
    for item in resolution.agenda_items:
        title = (agenda.titles.get(item) if agenda else None) or (
            record.agenda.get(item) if record else None
        )
        if title:
            titles[item] = title
    origin = "igov" if agenda and any(item in agenda.titles for item in titles) else "undl"
    _fill(resolution, "agenda_titles", titles, origin)
    if titles and resolution.agenda_items:
        _fill(resolution, "agenda_title", titles.get(resolution.agenda_items[0]), origin)
    return record is not None


def join(resolutions: Iterable[Resolution], metadata: Metadata) -> MetadataReport:
    """Strip then enrich every document; say which records found no document text."""
    report = MetadataReport(files=len(metadata.files), records=len(metadata.records))
    matched: set[str] = set()
    for resolution in resolutions:
        strip(resolution)
        if enrich(resolution, metadata):
            matched.add(fold_symbol(resolution.symbol or ""))
    report.matched = len(matched)
    report.without_text = sorted(
        record.symbol for key, record in metadata.records.items() if key not in matched
    )
    report.problems = list(metadata.problems)
    report.agenda_sessions = sorted(metadata.agendas)
    return report


@dataclass
class MetadataReport:
    """What `agreed index` says about metadata: records read, joined, and without text."""

    files: int = 0
    records: int = 0
    matched: int = 0
    without_text: list[str] = field(default_factory=list)
    agenda_sessions: list[int] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        if not self.files and not self.problems:
            return []
        lines = [
            f"metadata files: {self.files} (Library records: {self.records}, "
            f"agendas of sessions: {', '.join(map(str, self.agenda_sessions)) or 'none'})",
            f"metadata joined to documents: {self.matched}",
            f"metadata without text: {len(self.without_text)}",
        ]
        shown = self.without_text[:10]
        if shown:
            more = len(self.without_text) - len(shown)
            lines.append("  " + ", ".join(shown) + (f" and {more} more" if more else ""))
        lines += [f"  unreadable metadata {path}: {reason}" for path, reason in self.problems]
        return lines


def _fill(resolution: Resolution, name: str, value: object, origin: str) -> None:
    """Set a value the document lacks and mark where it came from; never replace the text's."""
    if value in (None, "", [], {}) or getattr(resolution, name) not in (None, "", [], {}):
        return
    setattr(resolution, name, value)
    resolution.provenance[name] = origin


def _default(name: str) -> object:
    spec = _DEFAULTS[name]
    if spec.default_factory is not dataclasses.MISSING:
        return spec.default_factory()
    return spec.default
