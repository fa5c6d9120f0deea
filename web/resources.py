"""One Searcher per process, opened on first use and reloaded per request so a swapped index shows."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app, g

from indexer.citations import cite_key
from search.api import IndexUnavailable, Searcher
from search.budget import pause
from search.language import Language
from search.phrases import PhraseTables
from search.searcher import open_searcher
from search.suggest import Vocabulary

_SEARCHER = "agreed.searcher"
_PER_BUILD = "agreed.per_build"
_LOCK = threading.Lock()


def init_app(app: Flask) -> None:
    app.extensions[_SEARCHER] = None
    app.extensions[_PER_BUILD] = None
    app.teardown_appcontext(_forget_reload)


def get_searcher() -> Searcher:
    """The process's Searcher, checked once per request for a newer build; IndexUnavailable if none."""
    if "searcher" in g:
        return g.searcher
    extensions = current_app.extensions
    with _LOCK:
        searcher = extensions[_SEARCHER]
        if searcher is None:
            searcher = open_searcher(Path(current_app.config["INDEX"]))
            extensions[_SEARCHER] = searcher
        else:
            searcher.reload()
    g.searcher = searcher
    return searcher


def close_searcher(app: Flask) -> None:
    """For tests and shutdown: release the index files."""
    searcher = app.extensions.get(_SEARCHER)
    if searcher is not None:
        searcher.close()
        app.extensions[_SEARCHER] = None
    built = app.extensions.get(_PER_BUILD)
    if built is not None:
        built.close()
    app.extensions[_PER_BUILD] = None


def _forget_reload(_error: BaseException | None) -> None:
    g.pop("searcher", None)


def get_language(searcher: Searcher) -> Language | None:
    """The language tables (provenance, lineage, cited-by) of the build the searcher reads, if built."""
    return _per_build(searcher).language


def get_phrases(searcher: Searcher) -> PhraseTables | None:
    """The phrase tables of the build the searcher reads, if built."""
    return _per_build(searcher).phrases


def resolve_cite(searcher: Searcher, cite: str) -> str | None:
    """'65/230' -> 'A/RES/65/230', 'S/RES/242' -> 'S/RES/242 (1967)' when the corpus holds it."""
    return _per_build(searcher).cites.get(cite)


@dataclass(frozen=True)
class _Build:
    """What is derived once per index build and shared by the requests of this process."""

    build_dir: Path
    language: Language | None
    cites: dict[str, str]
    keys: dict[str, str]  # lookup form -> document key, for forgiving /doc/ URLs
    vocabulary: Vocabulary | None  # the index's words, for "did you mean"
    phrases: PhraseTables | None = None

    def close(self) -> None:
        for tables in (self.language, self.phrases):
            if tables is not None:
                tables.close()


def lookup_form(symbol: str) -> str:
    """How a typed symbol is matched: case, spaces and a trailing slash do not count."""
    return "".join(symbol.split()).rstrip("/").upper()


def get_vocabulary(searcher: Searcher) -> Vocabulary | None:
    """The words of the build the searcher reads; None for a build made before words.tsv."""
    return _per_build(searcher).vocabulary


def canonical_key(searcher: Searcher, asked: str) -> str | None:
    """a/res/80/224, A/RES/80/224/ -> A/RES/80/224; S/RES/242 -> S/RES/242 (1967); else None."""
    return _per_build(searcher).keys.get(lookup_form(asked))


def _per_build(searcher: Searcher) -> _Build:
    build_dir = searcher.build_dir
    current = current_app.extensions[_PER_BUILD]
    if current is not None and current.build_dir == build_dir:
        return current
    with _LOCK:
        language = _open_language(build_dir)
        built = _Build(
            build_dir,
            language,
            _cites(searcher, language),
            _lookup_keys(searcher),
            Vocabulary.load(build_dir),
            _open_phrases(build_dir),
        )
        if current is not None:
            current.close()
        current_app.extensions[_PER_BUILD] = built
    return built


def _cites(searcher: Searcher, language: Language | None) -> dict[str, str]:
    """Cite form -> symbol: the build's table when it has one (updates make builds often, and
    reading every document again after each costs seconds per worker), else from the documents."""
    if language is not None:
        return language.cite_keys()
    cites: dict[str, str] = {}
    for resolution in searcher.documents():
        pause()  # once per build and process, but a second of work: others go on meanwhile
        if (key := cite_key(resolution)) and resolution.symbol:
            cites.setdefault(key, resolution.symbol)
    return cites


def _lookup_keys(searcher: Searcher) -> dict[str, str]:
    """Every document key by its lookup form, a Security Council key also without its year."""
    keys: dict[str, str] = {}
    for key in searcher.document_keys():  # type: ignore[attr-defined]
        keys.setdefault(lookup_form(key), key)
        keys.setdefault(lookup_form(re.sub(r"\s*\(\d{4}\)$", "", key)), key)
    return keys


def _open_language(build_dir: Path) -> Language | None:
    """A build without language tables still serves search and documents, without badges."""
    try:
        return Language(build_dir)
    except IndexUnavailable as error:
        current_app.logger.warning("document pages without provenance: %s", error)
        return None


def _open_phrases(build_dir: Path) -> PhraseTables | None:
    """A build from before the phrase tables serves everything else; /phrases says to rebuild."""
    try:
        return PhraseTables(build_dir)
    except IndexUnavailable as error:
        current_app.logger.warning("no phrase pages: %s", error)
        return None
