"""The engine registry: each engine is one folder (schema, writer, searcher); adding one is one line here.

The indexer writes through `engine(name).writer` and the searcher reads through `engine(name).searcher`;
engine folders are imported on first use, so an engine's library loads only when it is chosen.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from search.engines.base import EngineSearcher
    from search.engines.rows import Row

# name -> the package whose ENGINE describes it
_PACKAGES = {
    "tantivy": "search.engines.tantivy",
    "whoosh": "search.engines.whoosh",
    "sphinx": "search.engines.sphinx",
}
ENGINES = tuple(_PACKAGES)
DEFAULT_ENGINE = "tantivy"


class ParagraphWriter(Protocol):
    def add(self, row: Row) -> None: ...

    def commit(self) -> None: ...

    def abort(self) -> None: ...


class UpdatingWriter(ParagraphWriter, Protocol):
    """A writer of an existing index (a copy of the serving one) that can also drop a document."""

    def delete_document(self, key: str) -> None: ...


@dataclass(frozen=True)
class Engine:
    """What an engine folder provides: a writer of a fresh index directory and its searcher."""

    name: str
    writer: Callable[..., ParagraphWriter]  # (directory, **engine options such as nodes)
    searcher: Callable[[Path], EngineSearcher]
    # (directory) -> writer of the index already there; None: every update is a full build
    updater: Callable[[Path], UpdatingWriter] | None = None
    # copy an index directory into a new build; hard links where the engine never rewrites a file
    copy: Callable[[Path, Path], None] | None = None
    # (directory) -> why the next change should be a full build, which packs what updates only
    # ever added to; None: updates may go on
    worn: Callable[[Path], str | None] | None = None


class EngineWriteError(RuntimeError):
    """An engine could not write the build (e.g. a node is down); the message is for the user."""


class UnknownEngine(ValueError):
    """A name no engine folder registers."""


def engine(name: str) -> Engine:
    """The named engine, its folder imported on first use."""
    if name not in _PACKAGES:
        raise UnknownEngine(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
    return importlib.import_module(_PACKAGES[name]).ENGINE
