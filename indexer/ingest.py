"""Ingest a folder tree: every source parsed (in worker processes), every failure kept with its reason.

Public API (used by `agreed index`, indexer/build.py):
- `source_files(root, problems)` lists the files a run will try, in a stable order (indexer/walk.py).
- `ingest_tree(root, workers=2, paths=None)` yields one `Outcome` per file, in completion order.
- `IngestReport` accumulates outcomes (`add`) and prints the run summary (`summary_lines`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from pathlib import Path

from corpus.model import UnreadableSource
from indexer.model import Resolution
from indexer.parse import parse_file
from indexer.walk import source_files
from indexer.workers import pool as worker_pool

CHUNK = 8


@dataclass
class Outcome:
    """One file's result: a resolution, or the reason it was skipped."""

    path: Path
    resolution: Resolution | None = None
    error: str | None = None
    pages: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.resolution is not None


@dataclass
class IngestReport:
    """Figures of a run: what `agreed index` prints and `make bench` records."""

    documents: int = 0
    pages: int = 0
    paragraphs: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def pages_per_second(self) -> float:
        return round(self.pages / self.seconds, 1) if self.seconds else 0.0

    def add(self, outcome: Outcome) -> None:
        if outcome.resolution is None:
            self.failures.append((str(outcome.path), outcome.error or "unknown error"))
            return
        self.documents += 1
        self.pages += outcome.pages
        self.paragraphs += len(outcome.resolution.paragraphs)

    def summary_lines(self) -> list[str]:
        lines = [
            f"documents: {self.documents}",
            f"pages: {self.pages}",
            f"paragraphs: {self.paragraphs}",
            f"seconds: {self.seconds:.1f}",
            f"pages per second: {self.pages_per_second}",
            f"failures: {len(self.failures)}",
        ]
        lines += [f"  {path}: {reason}" for path, reason in self.failures]
        return lines


def ingest_file(path: Path, root: Path | None = None) -> Outcome:
    """Parse one file; never raises: a broken file becomes an Outcome with its reason."""
    started = time.perf_counter()
    try:
        resolution = parse_file(path)
    except UnreadableSource as error:
        return Outcome(path, error=str(error), seconds=time.perf_counter() - started)
    except Exception as error:  # a parser bug must not stop the run; the report names it
        reason = f"parser error: {type(error).__name__}: {error}"
        return Outcome(path, error=reason, seconds=time.perf_counter() - started)
    if root is not None and Path(root).is_dir():
        resolution.source = str(Path(path).relative_to(root))
    return Outcome(path, resolution, pages=resolution.pages, seconds=time.perf_counter() - started)


def ingest_tree(
    root: Path, workers: int = 2, paths: Iterable[Path] | None = None
) -> Iterator[Outcome]:
    """Outcomes for every source under root (or the given paths), in completion order."""
    root = Path(root)
    todo = list(paths) if paths is not None else source_files(root)
    workers = max(1, min(workers, os.cpu_count() or 1, len(todo) // CHUNK or 1))
    if workers == 1:
        for path in todo:
            yield ingest_file(path, root)
        return
    batches = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    with worker_pool(workers) as pool:
        futures = [pool.submit(_ingest_batch, batch, root) for batch in batches]
        for future in as_completed(futures):
            yield from future.result()


def run(root: Path, workers: int = 2) -> IngestReport:
    """Ingest a whole tree and return its figures (outcomes are dropped: for measuring)."""
    report = IngestReport()
    started = time.perf_counter()
    for outcome in ingest_tree(root, workers):
        report.add(outcome)
    report.seconds = time.perf_counter() - started
    return report


def _ingest_batch(batch: list[Path], root: Path) -> list[Outcome]:
    return [ingest_file(path, root) for path in batch]
