"""open_searcher(index_dir): the Searcher of whichever build `current` names, engine from its manifest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from indexer.model import Resolution
from search.api import Hit, IndexUnavailable, SearchRequest, SearchResults
from search.engines import UnknownEngine, engine
from search.engines.base import EngineSearcher
from search.request import ParsedRequest
from search.store import layout
from search.store.docstore import FILENAME, DocStore


def open_searcher(index_dir: Path) -> IndexSearcher:
    """Raises IndexUnavailable when there is no complete build or it has another schema version."""
    return IndexSearcher(Path(index_dir))


class IndexSearcher:
    """Read-only: one per worker; reload() moves to a newer build once the pointer names one."""

    def __init__(self, index_dir: Path):
        self.index_dir = index_dir
        self.build_dir, self._engine, self._store, self._manifest = _open(index_dir)

    @property
    def engine_name(self) -> str:
        return self._engine.engine_name

    @property
    def manifest(self) -> dict:
        return dict(self._manifest)

    def search(self, request: SearchRequest | ParsedRequest) -> SearchResults:
        return self._engine.search(request)

    def scan(self, request: SearchRequest | ParsedRequest) -> Iterator[Hit]:
        return self._engine.scan(request)

    def document(self, symbol: str) -> Resolution | None:
        return self._store.get(symbol)

    def documents(self) -> Iterator[Resolution]:
        for _, resolution in self._store.items():
            yield resolution

    def document_keys(self) -> list[str]:
        """Every document key (symbol, or file stem for a document without one), in build order."""
        return self._store.keys()

    def stats(self) -> dict[str, int]:
        return {"documents": len(self._store), **self._engine.stats()}

    def reload(self) -> None:
        """Switch to the build `current` names now, if it is not the one open."""
        if layout.current_build(self.index_dir) == self.build_dir:
            return
        fresh = _open(self.index_dir)
        self.close()
        self.build_dir, self._engine, self._store, self._manifest = fresh

    def close(self) -> None:
        self._engine.close()
        self._store.close()


def _open(index_dir: Path) -> tuple[Path, EngineSearcher, DocStore, dict]:
    build = layout.current_build(index_dir)
    if build is None:
        raise IndexUnavailable(
            f"no index at {index_dir}: build one with `agreed index DIR --index {index_dir}`"
        )
    try:
        manifest = layout.read_manifest(build)
    except (OSError, ValueError) as error:
        raise IndexUnavailable(f"the index at {build} has no readable manifest: {error}") from error
    if manifest.get("schema") != layout.SCHEMA_VERSION:
        raise IndexUnavailable(
            f"the index at {index_dir} has schema version {manifest.get('schema')}, this version "
            f"of agreed reads {layout.SCHEMA_VERSION}: rebuild it with `agreed index DIR --index {index_dir}`"
        )
    engine = _engine(manifest.get("engine"), build)
    try:
        store = DocStore(build / FILENAME)
    except (OSError, FileNotFoundError) as error:
        engine.close()
        raise IndexUnavailable(str(error)) from error
    return build, engine, store, manifest


def _engine(name: str | None, build: Path) -> EngineSearcher:
    try:
        chosen = engine(str(name))
    except UnknownEngine:
        raise IndexUnavailable(f"the index at {build} names an unknown engine {name!r}") from None
    return chosen.searcher(build / chosen.name)
