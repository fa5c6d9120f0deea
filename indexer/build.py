"""`agreed index`: parse a folder into a new build beside the serving one, then swap it in atomically.

Only files whose content (with their sidecars) changed since the serving build are parsed again;
the others are taken from that build's document store. A failed or interrupted build is deleted and
the pointer still names the old build. One build at a time per index directory (a file lock).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from indexer import language
from indexer.build_report import BuildError, BuildReport, NothingRead, locked, manifest_figures
from indexer.coverage import write_coverage
from indexer.ingest import Outcome, ingest_tree, source_files
from indexer.lineage import LineageRecord
from indexer.metadata import MetadataReport
from indexer.metadata import join as join_metadata
from indexer.metadata import load as load_metadata
from indexer.model import Resolution
from indexer.reuse import (
    beside_digest,
    build_inputs,
    builder_fingerprint,
    parser_fingerprint,
    previous_sources,
    reuse_key,
    unchanged_build,
)
from search.engines import DEFAULT_ENGINE, engine
from search.engines.rows import document_orders, rows
from search.store import layout
from search.store.docstore import FILENAME, ORDINAL_GAP, DocStore, keyed

Progress = Callable[[int, int], None]  # (files done, files in all)
Sourced = tuple[Resolution, str | None]  # a document and its source's reuse key (None: no source)


def build_index(
    source_dir: Path,
    index_dir: Path,
    engine: str = DEFAULT_ENGINE,
    progress: Progress | None = None,
    workers: int = 2,
    options: dict | None = None,
    full: bool = False,
) -> BuildReport:
    """Build source_dir into index_dir/builds/<id>, point `current` at it, prune older builds.

    Few changed sources update a copy of the serving build (indexer/update.py) unless `full`.
    """
    source_dir, index_dir = Path(source_dir), Path(index_dir)
    if not source_dir.exists():
        raise BuildError(f"{source_dir} does not exist")
    with locked(index_dir, engine):
        started = time.perf_counter()
        report = BuildReport(engine=engine)
        keys = _reuse_keys(source_files(source_dir, report.failures), report)
        inputs = build_inputs(_engine_inputs(engine, options), source_dir, keys)
        kept = unchanged_build(index_dir, inputs)
        if kept is not None:
            return _unchanged(report, *kept, files=len(keys), started=started)
        stamps = build_stamps(engine, options, source_dir, keys)
        if full:
            report.full_reason = "asked for (--full)"
        else:
            from indexer import update  # it builds on this module's writers

            try:
                return update.from_sources(
                    source_dir, index_dir, keys, report, stamps, inputs, started, workers
                )
            except update.FullBuild as reason:
                report.full_reason = str(reason)
        documents, duplicates = _gather(source_dir, index_dir, keys, report, progress, workers)
        if not documents:
            report.seconds = time.perf_counter() - started
            raise NothingRead(report)
        return _publish(index_dir, documents, duplicates, report, started, inputs, options, stamps)


def index_resolutions(
    resolutions: list[Resolution],
    index_dir: Path,
    engine: str = DEFAULT_ENGINE,
    options: dict | None = None,
) -> BuildReport:
    """Index already-structured resolutions (tests, benchmarks), with the same atomic swap."""
    index_dir = Path(index_dir)
    with locked(index_dir, engine):
        report = BuildReport(engine=engine)
        documents, duplicates = _distinct([(r, None) for r in resolutions], report)
        return _publish(
            index_dir, documents, duplicates, report, time.perf_counter(), options=options
        )


def _publish(
    index_dir: Path,
    documents: list[Sourced],
    duplicates: list[Sourced],
    report: BuildReport,
    started: float,
    inputs: str | None = None,
    options: dict | None = None,
    stamps: dict | None = None,
) -> BuildReport:
    """Write a complete build beside the serving one, then switch the pointer; on failure delete it."""
    with layout.publishing(index_dir) as build:
        _write(build, documents, duplicates, report.engine, options or {})
        report.seconds = time.perf_counter() - started
        manifest = {**_manifest(build.name, documents, report, inputs), **(stamps or {})}
        layout.write_manifest(build, manifest)
        report.build_dir = build
    return report


def _unchanged(
    report: BuildReport, build: Path, manifest: dict, files: int, started: float
) -> BuildReport:
    """The report of a build that kept the serving one: its figures, failures and duplicates."""
    report.documents, report.pages = manifest["documents"], manifest["pages"]
    report.paragraphs, report.reused = manifest["paragraphs"], files
    report.failures = [(path, reason) for path, reason in manifest["failed"]]
    report.duplicates = [(path, reason) for path, reason in manifest["duplicates"]]
    metadata = manifest["metadata"]
    problems = [(path, reason) for path, reason in metadata.get("problems", [])]
    report.metadata = MetadataReport(**{**metadata, "problems": problems})
    report.build_dir, report.unchanged, report.path = build, True, "unchanged"
    report.seconds = time.perf_counter() - started
    return report


def _gather(
    source_dir: Path,
    index_dir: Path,
    keys: dict[Path, str],
    report: BuildReport,
    progress: Progress | None,
    workers: int,
) -> tuple[list[Sourced], list[Sourced]]:
    """(resolution, reuse key) per distinct document: reused where unchanged, else parsed."""
    files = list(keys)
    previous = previous_sources(index_dir)
    found: list[Sourced] = []
    todo = []
    for path in files:
        stored = previous.get(_relative(path, source_dir))
        if stored is not None and stored.reuse_key == keys[path]:
            found.append((Resolution.from_json(stored.record), keys[path]))
            report.reused += 1
            _tick(progress, len(found), len(files))
        else:
            todo.append(path)
    for outcome in ingest_tree(source_dir, workers, paths=todo):
        if outcome.resolution is None:
            report.add(outcome)
        else:
            found.append((outcome.resolution, keys[outcome.path]))
        _tick(progress, len(found) + len(report.failures), len(files))
    report.metadata = join_metadata([r for r, _ in found], load_metadata(source_dir))
    return _distinct(sorted(found, key=lambda item: item[0].source or ""), report)


def _reuse_keys(files: list[Path], report: BuildReport) -> dict[Path, str]:
    """Each file's reuse key; a file that cannot be read (permissions, gone) is reported, not fatal."""
    keys = {}
    for path in files:
        try:
            keys[path] = reuse_key(path)
        except OSError as error:
            report.failures.append((str(path), f"cannot read: {error.strerror or error}"))
    return keys


def _distinct(found: list[Sourced], report: BuildReport) -> tuple[list[Sourced], list[Sourced]]:
    """One document per symbol: the first source in path order wins, the others are set aside."""
    seen: dict[str, str] = {}
    kept: list[Sourced] = []
    duplicates: list[Sourced] = []
    for resolution, source_key in found:
        symbol = resolution.symbol
        if symbol and symbol in seen:
            report.duplicates.append(
                (resolution.source or "?", f"{symbol} already read from {seen[symbol]}")
            )
            duplicates.append((resolution, source_key))
            continue
        if symbol:
            seen[symbol] = resolution.source or "?"
        report.add(Outcome(Path(resolution.source or "?"), resolution, pages=resolution.pages))
        kept.append((resolution, source_key))
    return kept, duplicates


def _write(
    build: Path,
    documents: list[Sourced],
    duplicates: list[Sourced],
    engine_name: str,
    options: dict,
) -> None:
    """Document store, language tables, then the paragraph index, all inside the new build."""
    documents_by_key = keyed(resolution for resolution, _ in documents)
    lineage = language.build_language([resolution for _, resolution in documents_by_key], build)
    credit_drafts(dict(documents_by_key), lineage)
    store = DocStore(build / FILENAME, writable=True)
    orders = document_orders(documents_by_key)
    for ordinal, ((key, resolution), (_, source_key)) in enumerate(
        zip(documents_by_key, documents, strict=True)
    ):
        store.put(key, ordinal * ORDINAL_GAP, resolution, source_key)
        store.put_outline(key, resolution, orders[key])
    for resolution, source_key in duplicates:
        store.put_spare(resolution, source_key)
    store.commit()
    store.close()
    write_coverage(build, documents_by_key)
    writer = engine(engine_name).writer(build / engine_name, **options)
    words: Counter[str] = Counter()
    counts_words = hasattr(writer, "vocabulary")  # an engine that counts them from its own terms
    try:
        for ordinal, (key, resolution) in enumerate(documents_by_key):
            for row in rows(key, ordinal * ORDINAL_GAP, resolution, orders[key]):
                writer.add(row)
                if not counts_words:
                    words.update(set(row.words))
        writer.commit()
        write_vocabulary(build, writer.vocabulary() if counts_words else words)  # type: ignore[attr-defined]
    except BaseException:
        writer.abort()
        raise


def write_vocabulary(build: Path, words: Counter[str]) -> None:
    """words.tsv: every indexed word and its paragraph count, for "did you mean" (alphabetic words)."""
    lines = [f"{word}\t{count}\n" for word, count in sorted(words.items()) if word.isalpha()]
    (build / layout.VOCABULARY).write_text("".join(lines), encoding="utf-8")


def credit_drafts(documents: dict[str, Resolution], lineage: dict[str, LineageRecord]) -> None:
    """An adopted resolution prints no sponsors: it carries its draft's, labelled as the draft's."""
    for key, resolution in documents.items():
        record = lineage.get(resolution.symbol or key)
        draft = documents.get(record.draft_of) if record and record.draft_of else None
        resolution.draft_sponsors = list(draft.sponsors) if draft else []


def _manifest(
    build_id: str, documents: list[Sourced], report: BuildReport, inputs: str | None
) -> dict:
    sessions: dict[str, int] = {}
    for resolution, _ in documents:
        if resolution.session is not None:
            key = str(resolution.session)
            sessions[key] = sessions.get(key, 0) + len(resolution.paragraphs)
    return {
        "schema": layout.SCHEMA_VERSION,
        "engine": report.engine,
        **manifest_figures(report, build_id, sessions),
        "inputs": inputs,  # what `agreed index` compares to keep this build when nothing changed
        "parser": parser_fingerprint(),
        "duplicates": report.duplicates,
        "metadata": {
            "files": report.metadata.files,
            "records": report.metadata.records,
            "matched": report.metadata.matched,
            "without_text": report.metadata.without_text,
            "agenda_sessions": report.metadata.agenda_sessions,
            "problems": report.metadata.problems,
        },
    }


def _relative(path: Path, source_dir: Path) -> str:
    return str(path.relative_to(source_dir)) if source_dir.is_dir() else str(path)


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def build_stamps(
    engine: str, options: dict | None, source_dir: Path, keys: dict[Path, str]
) -> dict:
    """What a later update must find unchanged (manifest keys): the code, engine, files beside."""
    return {
        "builder": builder_fingerprint(),
        "engine_inputs": _engine_inputs(engine, options),
        "beside": beside_digest(source_dir, keys),
    }


def _engine_inputs(engine: str, options: dict | None) -> str:
    """The engine and its options, so a build for other nodes is not taken as unchanged."""
    return engine if not options else f"{engine} {sorted(options.items())}"
