"""`agreed index`: parse a folder into a new build beside the serving one, then swap it in atomically.

Only files whose content (with their sidecars) changed since the serving build are parsed again;
the others are taken from that build's document store. A failed or interrupted build is deleted and
the pointer still names the old build. One build at a time per index directory (a file lock).
"""

from __future__ import annotations

import json
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import click

from indexer import language
from indexer.coverage import write_coverage
from indexer.ingest import IngestReport, Outcome, ingest_tree, source_files
from indexer.lineage import LineageRecord
from indexer.metadata import MetadataReport
from indexer.metadata import join as join_metadata
from indexer.metadata import load as load_metadata
from indexer.model import Resolution
from indexer.progress import progress_for
from indexer.reuse import (
    beside_digest,
    build_inputs,
    builder_fingerprint,
    parser_fingerprint,
    previous_sources,
    reuse_key,
    unchanged_build,
)
from search.engines import DEFAULT_ENGINE, ENGINES, EngineWriteError, UnknownEngine, engine
from search.engines.rows import document_orders, rows
from search.store import layout
from search.store.docstore import FILENAME, ORDINAL_GAP, DocStore, keyed

Progress = Callable[[int, int], None]  # (files done, files in all)
Sourced = tuple[Resolution, str | None]  # a document and its source's reuse key (None: no source)


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
    with _lock(index_dir, engine):
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
    with _lock(index_dir, engine):
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
    build = layout.new_build(index_dir)
    build_id = build.name
    try:
        _write(build, documents, duplicates, report.engine, options or {})
        report.seconds = time.perf_counter() - started
        manifest = {**_manifest(build_id, documents, report, inputs), **(stamps or {})}
        layout.write_manifest(build, manifest)
        layout.point_to(index_dir, build_id)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    report.build_dir = build
    layout.prune_builds(index_dir, keep=build)
    return report


class NothingRead(BuildError):
    """No file could be read: nothing is swapped in; the report says why each file failed."""

    def __init__(self, report: BuildReport):
        super().__init__(f"nothing could be read ({len(report.failures)} files failed)")
        self.report = report


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
        "build": build_id,
        "inputs": inputs,  # what `agreed index` compares to keep this build when nothing changed
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "parser": parser_fingerprint(),
        "documents": report.documents,
        "pages": report.pages,
        "paragraphs": report.paragraphs,
        "reused": report.reused,
        "failures": len(report.failures),
        "failed": report.failures,
        "duplicates": report.duplicates,
        "paragraphs_per_session": dict(sorted(sessions.items(), key=lambda kv: int(kv[0]))),
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


@contextmanager
def _lock(index_dir: Path, engine_name: str) -> Iterator[None]:
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


@click.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@layout.index_option
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True)
@click.option(
    "--nodes",
    envvar="AGREED_NODES",
    help="sphinx engine: HOST:PORT per shard, comma-separated; A|B for replicas (env AGREED_NODES).",
)
@click.option(
    "--full", is_flag=True, help="Rebuild everything rather than update changed documents."
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def index_command(
    source: Path, index_dir: Path, engine: str, nodes: str | None, full: bool, as_json: bool
) -> None:
    """Index the documents under SOURCE (only changed files are read again; a few changed ones
    update a copy of the serving build, unless --full)."""
    progress = progress_for()
    try:
        options = _options(engine, nodes)
        report = build_index(source, index_dir, engine, progress, options=options, full=full)
    except NothingRead as error:
        progress.close()
        click.echo("\n".join(error.report.summary_lines()))
        raise click.ClickException(f"{error} under {source}") from error
    except (BuildError, EngineWriteError) as error:
        progress.close()
        raise click.ClickException(str(error)) from error
    progress.close()
    click.echo(json.dumps(report_json(report)) if as_json else "\n".join(report.summary_lines()))


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


def _options(engine: str, nodes: str | None) -> dict:
    """Engine options from the command line: only a server engine takes --nodes."""
    if nodes and engine != "sphinx":
        raise click.UsageError("--nodes applies to --engine sphinx")
    return {"nodes": nodes} if nodes else {}


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
