"""Index already-parsed resolutions into a searchable index directory, timing each step.

The same steps `agreed index` takes after parsing (document store, paragraph rows, the engine's
writer, manifest, pointer), built from the engines' public pieces, minus the language tables,
which the searcher does not read. Used for the synthetic corpora, which have no source files.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from indexer.model import Resolution
from search.engines import engine as engine_named
from search.engines.rows import document_orders, rows
from search.store import layout
from search.store.docstore import FILENAME, ORDINAL_GAP, DocStore

BUILD_ID = "bench"


@dataclass
class BulkReport:
    """Seconds per step and bytes on disk of one bulk build."""

    engine: str
    paragraphs: int
    docstore_seconds: float
    index_seconds: float  # paragraph rows (analysis) plus the engine's writer, commit included
    engine_bytes: int
    docstore_bytes: int

    @property
    def paragraphs_per_second(self) -> int:
        return round(self.paragraphs / self.index_seconds) if self.index_seconds else 0

    def figures(self) -> dict:
        return {
            "engine": self.engine,
            "paragraphs": self.paragraphs,
            "index_seconds": round(self.index_seconds, 1),
            "paragraphs_per_second": self.paragraphs_per_second,
            "docstore_seconds": round(self.docstore_seconds, 1),
            "index_mb": megabytes(self.engine_bytes),
            "docstore_mb": megabytes(self.docstore_bytes),
        }


def write_index(
    documents: Sequence[tuple[str, Resolution]],
    index_dir: Path,
    engine: str,
    docstore: Path | None = None,
    options: dict | None = None,
) -> BulkReport:
    """A fresh index_dir whose `current` build holds these documents; docstore: reuse that file."""
    shutil.rmtree(index_dir, ignore_errors=True)
    build = layout.builds_dir(index_dir) / BUILD_ID
    build.mkdir(parents=True)
    started = time.perf_counter()
    if docstore is None:
        store = DocStore(build / FILENAME, writable=True)
        orders = document_orders(list(documents))
        for ordinal, (key, resolution) in enumerate(documents):
            store.put(key, ordinal * ORDINAL_GAP, resolution, None)
            store.put_outline(key, resolution, orders[key])  # what an update needs (update.py)
        store.commit()
        store.close()
    else:
        os.link(docstore, build / FILENAME)
    docstore_seconds = time.perf_counter() - started
    started = time.perf_counter()
    count = index_rows(documents, build / engine, engine, options)
    index_seconds = time.perf_counter() - started
    layout.write_manifest(
        build, {"schema": layout.SCHEMA_VERSION, "engine": engine, "build": BUILD_ID}
    )
    layout.point_to(index_dir, BUILD_ID)
    return BulkReport(
        engine=engine,
        paragraphs=count,
        docstore_seconds=docstore_seconds,
        index_seconds=index_seconds,
        engine_bytes=disk_bytes(build / engine),
        docstore_bytes=disk_bytes(build / FILENAME),
    )


def index_rows(
    documents: Sequence[tuple[str, Resolution]],
    directory: Path,
    engine: str,
    options: dict | None = None,
) -> int:
    """Feed every paragraph row to the engine's writer and commit; returns the paragraph count."""
    orders = document_orders(list(documents))
    writer = engine_named(engine).writer(directory, **(options or {}))
    count = 0
    try:
        for ordinal, (key, resolution) in enumerate(documents):
            for row in rows(key, ordinal * ORDINAL_GAP, resolution, orders[key]):
                writer.add(row)
                count += 1
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return count


def docstore_path(index_dir: Path) -> Path:
    return layout.builds_dir(index_dir) / BUILD_ID / FILENAME


def disk_bytes(path: Path) -> int:
    """Bytes allocated on disk under path (a file or a directory tree)."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def megabytes(size: int) -> float:
    return round(size / 1_000_000, 1)
