"""Index writers, one per engine, fed the same paragraph rows."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from indexer.engines.rows import Row

ENGINES = ("tantivy", "whoosh")


class ParagraphWriter(Protocol):
    def add(self, row: Row) -> None: ...

    def commit(self) -> None: ...

    def abort(self) -> None: ...


def open_writer(engine: str, directory: Path) -> ParagraphWriter:
    """A writer for a fresh index directory of the named engine."""
    if engine == "tantivy":
        from indexer.engines.tantivy_writer import TantivyWriter

        return TantivyWriter(directory)
    if engine == "whoosh":
        from indexer.engines.whoosh_writer import WhooshWriter

        return WhooshWriter(directory)
    raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
