"""What a build tells its caller (its report, its errors), and the lock that makes it the only one."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from indexer.ingest import IngestReport
from indexer.metadata import MetadataReport
from search.engines import DEFAULT_ENGINE, UnknownEngine, engine
from search.store import layout


class BuildError(RuntimeError):
    """A build that cannot start or produced nothing; the serving index is untouched."""


class BuildLocked(BuildError):
    """Another build holds the index directory's lock."""


@dataclass
class BuildReport(IngestReport):
    """The ingest figures plus what an index build adds: reuse, duplicates, where it went."""

    reused: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    engine: str = DEFAULT_ENGINE
    build_dir: Path | None = None
    metadata: MetadataReport = field(default_factory=MetadataReport)
    unchanged: bool = False  # no source changed: the serving build was kept, nothing was written
    # "update": made from the serving build, changed documents only (indexer/update.py); "full";
    # "unchanged": the serving build kept
    path: str = "full"
    full_reason: str | None = None  # why an update could not be used, when it was tried
    changed: dict[str, int] = field(default_factory=dict)  # added, replaced, removed

    def summary_lines(self) -> list[str]:
        lines = super().summary_lines()
        lines.insert(5, f"reused unchanged: {self.reused}")
        lines += self.metadata.summary_lines()
        kept = " (kept: no source changed since it was built)" if self.unchanged else ""
        lines += [f"engine: {self.engine}", f"index: {self.build_dir}{kept}"]
        if self.path == "update":
            counts = ", ".join(f"{n} {what}" for what, n in self.changed.items())
            lines.append(f"update: {counts} (the other documents kept from the serving build)")
        elif not self.unchanged and self.full_reason:
            lines.append(f"full build: {self.full_reason}")
        if self.duplicates:  # not failures: each symbol is indexed once, from its first file
            count = len(self.duplicates)
            files = "1 file holds" if count == 1 else f"{count} files hold"
            lines.append(f"note: {files} a symbol already read (not indexed twice):")
            lines += [f"  {path}: {reason}" for path, reason in self.duplicates]
        return lines


class NothingRead(BuildError):
    """No file could be read: nothing is swapped in; the report says why each file failed."""

    def __init__(self, report: BuildReport):
        super().__init__(f"nothing could be read ({len(report.failures)} files failed)")
        self.report = report


def report_json(report: BuildReport) -> dict:
    """The report for scripts: figures, where the build went and how it was made."""
    return {
        "documents": report.documents,
        "pages": report.pages,
        "paragraphs": report.paragraphs,
        "seconds": round(report.seconds, 3),
        "reused": report.reused,
        "failures": [list(failure) for failure in report.failures],
        "engine": report.engine,
        "index": str(report.build_dir),
        "unchanged": report.unchanged,
        "path": report.path,
        "full_reason": report.full_reason,
        "changed": report.changed,
    }


@contextmanager
def locked(index_dir: Path, engine_name: str) -> Iterator[None]:
    """One build at a time per index directory; the engine is checked before anything is read."""
    try:
        engine(engine_name)
    except UnknownEngine as error:
        raise BuildError(str(error)) from error
    try:
        with layout.build_lock(index_dir):
            yield
    except layout.Locked as error:
        raise BuildLocked(
            f"another `agreed index` is building {index_dir} (lock {error}); wait for it to finish"
        ) from error


def manifest_figures(report: BuildReport, build_id: str, sessions: Mapping[str, int]) -> dict:
    """What every manifest records of the build it describes, made in full or by an update."""
    return {
        "build": build_id,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "documents": report.documents,
        "pages": report.pages,
        "paragraphs": report.paragraphs,
        "reused": report.reused,
        "failures": len(report.failures),
        "failed": report.failures,
        "paragraphs_per_session": dict(sorted(sessions.items(), key=lambda kv: int(kv[0]))),
    }
