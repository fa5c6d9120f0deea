"""`agreed index` when few sources changed: a copy of the serving build, changed documents only.

The serving build's files are carried into a new build directory without copying what does not
change (the engine's immutable segment files and the table files' bases hard-linked, only their
small tops copied: search/store/layered.py); there the changed documents' paragraphs are deleted
from the engine index by their symbol term and their new rows added, and the document store, language and precedent tables,
coverage and vocabulary are updated for those documents; then `current` is switched, as after a
full build. A failure or a kill leaves the pointer on the old build (the half-made directory is
deleted, or pruned by the next build). What an update cannot reproduce as a full build would
raises FullBuild with the reason, and `agreed index` makes a full build instead.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from indexer.build_report import BuildReport, locked
from indexer.ingest import ingest_tree
from indexer.metadata import join as join_metadata
from indexer.metadata import load as load_metadata
from indexer.model import Resolution
from indexer.reuse import parser_fingerprint
from indexer.update_lineage import Unsettled
from indexer.update_orders import NoRoom, place_ordinal, place_slots
from indexer.update_outputs import coverage_from, manifest_after, update_vocabulary
from indexer.update_tables import update_tables
from search.engines import Engine, engine
from search.engines.rows import rows
from search.store import layered, layout
from search.store.docstore import FILENAME, DocStore, Outline, document_key

# More changed files than this share of the indexed documents (and at least MIN_CHANGES): a full
# build, which parses nothing again either and writes every table in one pass.
MAX_SHARE = 0.05
MIN_CHANGES = 20
_SQLITE = ("docs.sqlite", "language.sqlite", "precedent.sqlite")


class FullBuild(Exception):
    """Why this change needs a full build; printed in the build report."""


@dataclass
class Change:
    """Documents to index (with their source's reuse key) and document keys to drop."""

    added: list[tuple[Resolution, str | None]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reused: int = 0
    metadata_matched: list[str] = field(default_factory=list)  # symbols the new metadata join found


def from_sources(
    source_dir: Path,
    index_dir: Path,
    keys: dict[Path, str],
    report: BuildReport,
    stamps: dict,
    inputs: str,
    started: float,
    workers: int = 2,
) -> BuildReport:
    """Update the serving build for the files whose reuse key changed, appeared or went away."""
    serving = layout.current_build(index_dir)
    if serving is None:
        raise FullBuild("no serving build to update")
    manifest = _compatible(serving, stamps)
    if engine(manifest["engine"]).updater is None:
        raise FullBuild(f"the {manifest['engine']} engine is always rebuilt in full")
    store = DocStore(serving / FILENAME)
    try:
        stored = store.source_keys()
        spares = store.spare_symbols()
    finally:
        store.close()
    current = {_relative(path, source_dir): path for path in keys}
    todo = [p for n, p in current.items() if n not in stored or stored[n][1] != keys[p]]
    gone = [name for name in stored if name not in current]
    touched = {_relative(path, source_dir) for path in todo} | set(gone)
    if any(stored[name][0] is None for name in touched if name in stored):
        raise FullBuild("a file holding an already indexed symbol changed")
    documents = sum(1 for key, _ in stored.values() if key is not None)
    if len(touched) > max(MIN_CHANGES, MAX_SHARE * documents):
        raise FullBuild(f"{len(touched)} files changed, more than an update is for")
    change = Change(reused=len(keys) - len(todo))
    change.removed = [stored[name][0] or "" for name in sorted(touched) if name in stored]
    if spares & set(change.removed):
        raise FullBuild("another file holds a copy of a changed document, to index in its place")
    for outcome in sorted(ingest_tree(source_dir, workers, paths=todo), key=lambda o: str(o.path)):
        if outcome.resolution is None:
            report.add(outcome)
        else:
            change.added.append((outcome.resolution, keys[outcome.path]))
    joined = join_metadata([r for r, _ in change.added], load_metadata(source_dir))
    if joined.matched:
        change.metadata_matched = [r.symbol or "" for r, _ in change.added]
    return apply(
        index_dir, serving, manifest, change, report, started, {**stamps, "inputs": inputs}
    )


def update_resolutions(
    index_dir: Path, added: list[Resolution], removed: tuple[str, ...] = ()
) -> BuildReport:
    """Add already-structured documents to the serving build and drop others by key (tests,
    benchmarks); FullBuild when that cannot be done in place."""
    started = time.perf_counter()
    serving = layout.current_build(index_dir)
    if serving is None:
        raise FullBuild("no serving build to update")
    with locked(index_dir, layout.read_manifest(serving)["engine"]):
        serving = layout.current_build(index_dir) or serving
        manifest = layout.read_manifest(serving)
        report = BuildReport(engine=manifest["engine"])
        change = Change(added=[(r, None) for r in added], removed=list(removed))
        return apply(index_dir, serving, manifest, change, report, started, {})


def _compatible(serving: Path, stamps: dict) -> dict:
    """The serving build's manifest, if it was made by this code, schema, engine and side files."""
    try:
        manifest = layout.read_manifest(serving)
    except (OSError, ValueError) as error:
        raise FullBuild(f"the serving build's manifest is unreadable ({error})") from error
    if manifest.get("schema") != layout.SCHEMA_VERSION:
        raise FullBuild("the serving build has another schema version")
    if manifest.get("parser") != parser_fingerprint() or "builder" not in manifest:
        raise FullBuild("the serving build was made by other indexing code")
    for name, what in (
        ("builder", "the indexing code changed"),
        ("engine_inputs", "the engine or its options changed"),
        ("beside", "files beside the sources changed (metadata, agendas)"),
    ):
        if manifest.get(name) != stamps[name]:
            raise FullBuild(what)
    return manifest


def apply(
    index_dir: Path,
    serving: Path,
    manifest: dict,
    change: Change,
    report: BuildReport,
    started: float,
    stamps: dict,
) -> BuildReport:
    """Make the new build from the serving one and switch the pointer; on failure delete it."""
    chosen = engine(manifest["engine"])
    if chosen.updater is None or chosen.copy is None:
        raise FullBuild(f"the {chosen.name} engine is always rebuilt in full")
    worn = chosen.worn(serving / chosen.name) if chosen.worn else None
    if worn:
        raise FullBuild(worn)
    with layout.publishing(index_dir) as build:
        _copy(serving, build, chosen)
        store = DocStore(build / FILENAME, writable=True)
        try:
            dropped, added, outlines = _update_store(build, store, change)
            store.commit()
        finally:
            store.close()
        words = _update_engine(build / chosen.name, chosen, dropped, added)
        update_vocabulary(serving, build, words)
        coverage_from(build, outlines)
        report.seconds = time.perf_counter() - started
        report.path, report.reused = "update", change.reused
        report.changed = {
            "added": len([k for k, *_ in added if k not in dropped]),
            "replaced": len([k for k, *_ in added if k in dropped]),
            "removed": len([k for k in dropped if k not in {a[0] for a in added}]),
        }
        fresh = manifest_after(manifest, build.name, outlines, report, change.metadata_matched)
        layout.write_manifest(build, {**fresh, **stamps})
        report.build_dir = build
    return report


Placed = tuple[str, int, Resolution, dict[str, int]]  # (key, ordinal, document, slots)


def _update_store(
    build: Path, store: DocStore, change: Change
) -> tuple[dict[str, Resolution], list[Placed], list[Outline]]:
    """Drop the removed documents and put the added ones (keys, ordinals, slots); the tables follow."""
    outlines = {outline.key: outline for outline in store.outlines()}
    if not outlines:
        raise FullBuild("the serving build predates updates (it keeps no document outlines)")
    dropped: dict[str, Resolution] = {}
    for key in change.removed:
        old = store.get(key)
        if old is not None:
            dropped[key] = old
        store.remove(key)
        outlines.pop(key, None)
    added: list[Placed] = []
    taken = set(outlines)
    for resolution, _ in change.added:
        key = document_key(resolution, taken)
        if resolution.symbol and key in outlines:
            raise FullBuild(f"{key} is already indexed from another file")
        if not resolution.symbol and key != Path(resolution.source or "").stem:
            raise FullBuild(f"{resolution.source} has no symbol and its name is taken")
        taken.add(key)
        try:
            slots = place_slots(key, resolution, outlines)
            ordinal = place_ordinal(store, resolution.source or key)
        except NoRoom as error:
            raise FullBuild(
                "no room left between two documents' ranks: spacing them again"
            ) from error
        store.put_outline(key, resolution, slots)
        outlines[key] = store.outline(key)
        added.append((key, ordinal, resolution, slots))
    try:
        update_tables(build, store, outlines, dropped, added)
    except Unsettled as error:
        raise FullBuild(f"the change reaches documents already indexed: {error}") from error
    for (key, ordinal, resolution, slots), (_, reuse) in zip(added, change.added, strict=True):
        store.put(key, ordinal, resolution, reuse)
        store.put_outline(key, resolution, slots)
    return dropped, added, list(outlines.values())


def _copy(serving: Path, build: Path, chosen: Engine) -> None:
    """The serving build's files into the new one: each table file as its immutable base
    (hard-linked) and a copy of its small top, which the update writes; the engine's index by the
    engine's own copy (hard links where its files are immutable)."""
    for name in _SQLITE:
        if (serving / name).is_file():
            layered.branch(serving / name, build / name)
    assert chosen.copy is not None
    chosen.copy(serving / chosen.name, build / chosen.name)


def _update_engine(
    directory: Path,
    chosen: Engine,
    dropped: dict[str, Resolution],
    added: list[Placed],
) -> Counter[str]:
    """Delete the old paragraphs, add the new rows, commit; returns the vocabulary's change."""
    assert chosen.updater is not None
    writer = chosen.updater(directory)
    words: Counter[str] = Counter()
    try:
        for key in dropped:
            writer.delete_document(key)
        for key, resolution in dropped.items():
            for row in rows(key, 0, resolution, {}):
                words.subtract(set(row.exact.split()))
        for key, ordinal, resolution, slots in added:
            for row in rows(key, ordinal, resolution, slots):
                writer.add(row)
                words.update(set(row.exact.split()))
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return words


def _relative(path: Path, source_dir: Path) -> str:
    return str(path.relative_to(source_dir)) if source_dir.is_dir() else str(path)
