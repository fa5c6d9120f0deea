"""Benchmark: one new resolution into the whole shared index and into a 1M-paragraph index (issue 13).

Shared corpus: the newest resolution is held out of a hard-linked copy of the corpus, the rest is
indexed (reusing the engines benchmark's parses when its index is there), then the resolution is
put back and `agreed index` runs again: an update. Timed in-process (build_index: reuse keys of every
file, parse, update, swap) and as the command a user runs (interpreter start included); removing it
again is timed too. 1M: a resampled corpus (tests/bench/synthetic.py) written as tests/bench/bulk.py
writes it, then one new synthetic resolution added through indexer.update.update_resolutions.
Targets: under 3 s (shared) and under 5 s (1M). added_megabytes: what each update's new build
takes on disk beyond the files it hard-links from the build before it.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from indexer.build import build_index
from indexer.update import update_resolutions
from search.store import layout
from search.store.docstore import FILENAME, DocStore, keyed
from tests.bench import bulk, synthetic
from tests.bench.engines import SHARED_INDEX, WORK

ROOT = Path(__file__).resolve().parents[2]
RUNS = 3
PARAGRAPHS_1M = int(os.environ.get("AGREED_BENCH_UPDATE_PARAGRAPHS", "1000000"))
TARGETS = {"shared": 3.0, "synthetic_1m": 5.0}


def run(shared: Path) -> dict:
    WORK.mkdir(parents=True, exist_ok=True)
    figures = {"shared": shared_update(shared), "synthetic_1m": bulk_update(PARAGRAPHS_1M)}
    figures["targets"] = {
        name: {
            "seconds": target,
            "measured": figures[name]["add_seconds_median"],
            "met": figures[name]["add_seconds_median"] < target,
        }
        for name, target in TARGETS.items()
    }
    return figures


def shared_update(shared: Path) -> dict:
    """Add, then remove, the newest resolution of the shared corpus, RUNS times each."""
    index_dir, corpus = WORK / "update-shared", WORK / "update-corpus"
    shutil.rmtree(index_dir, ignore_errors=True)
    if layout.current_build(SHARED_INDEX) is not None:
        shutil.copytree(SHARED_INDEX, index_dir)  # its parses are reused: no file is read again
    else:
        build_index(shared, index_dir)
    source = newest_resolution(index_dir)
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.copytree(shared, corpus, copy_function=os.link)
    for folder in [corpus, *(p for p in corpus.rglob("*") if p.is_dir())]:
        folder.chmod(0o755)  # the copy takes the source folders' modes: files are added and removed
    held = WORK / "update-held" / source.name
    held.parent.mkdir(parents=True, exist_ok=True)
    held.unlink(missing_ok=True)
    os.link(corpus / source, held)
    (corpus / source).unlink()
    started = time.perf_counter()
    base = build_index(corpus, index_dir)
    figures: dict = {
        "document": str(source),
        "base_build_seconds": round(time.perf_counter() - started, 1),
        "base_path": base.path,
    }
    adds, removes, paths, added = [], [], [], []
    for _ in range(RUNS):
        os.link(held, corpus / source)
        before = inodes(index_dir)
        report = build_index(corpus, index_dir)
        added.append(new_bytes(index_dir, before))
        adds.append(report.seconds)
        paths.append(report.full_reason or report.path)
        (corpus / source).unlink()
        report = build_index(corpus, index_dir)
        removes.append(report.seconds)
        paths.append(report.full_reason or report.path)
    os.link(held, corpus / source)
    started = time.perf_counter()
    command = [str(Path(sys.executable).parent / "agreed"), "index", str(corpus)]
    command += ["--index", str(index_dir), "--json"]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    figures["command_seconds"] = round(time.perf_counter() - started, 2)
    said = json.loads(output.stdout.splitlines()[-1])
    figures["command_said"] = {k: said[k] for k in ("path", "full_reason", "changed", "seconds")}
    manifest = layout.read_manifest(layout.current_build(index_dir) or index_dir)
    figures.update(
        paths=paths,
        documents=manifest["documents"],
        paragraphs=manifest["paragraphs"],
        add_seconds=[round(s, 2) for s in adds],
        add_seconds_median=round(statistics.median(adds), 2),
        remove_seconds=[round(s, 2) for s in removes],
        remove_seconds_median=round(statistics.median(removes), 2),
        added_megabytes=[bulk.megabytes(b) for b in added],
    )
    return figures


def inodes(index_dir: Path) -> set[int]:
    """The serving build's files, by inode: what the next build hard-links costs no space."""
    build = layout.current_build(index_dir)
    return {p.stat().st_ino for p in build.rglob("*") if p.is_file()} if build else set()


def new_bytes(index_dir: Path, before: set[int]) -> int:
    """Bytes of the serving build's files that the build before it did not share (hard links)."""
    build = layout.current_build(index_dir)
    assert build is not None
    files = [p.stat() for p in build.rglob("*") if p.is_file()]
    return sum(stat.st_size for stat in files if stat.st_ino not in before)


def newest_resolution(index_dir: Path) -> Path:
    """The source of the adopted resolution last in date then symbol order (no later text reuses it)."""
    build = layout.current_build(index_dir)
    assert build is not None
    store = DocStore(build / FILENAME)
    try:
        dated = [
            (r.date or "", key, r.source)
            for key, r in store.items()
            if r.doc_type == "resolution" and r.source
        ]
    finally:
        store.close()
    return Path(max(dated)[2])


def bulk_update(paragraphs: int) -> dict:
    """A 1M-paragraph tantivy index (bulk-written), then one new synthetic resolution, RUNS times."""
    source = DocStore(layout.current_build(WORK / "update-shared") / FILENAME)  # type: ignore[operator]
    real = [resolution for _, resolution in source.items()]
    source.close()
    documents = synthetic.generate(real, paragraphs)
    extra = synthetic.generate(real, 40 * RUNS, seed=synthetic.SEED + 1)
    index_dir = WORK / "update-1m"
    started = time.perf_counter()
    written = bulk.write_index(keyed(documents), index_dir, "tantivy")
    figures: dict = {
        "paragraphs": written.paragraphs,
        "documents": len(documents),
        "bulk_write_seconds": round(time.perf_counter() - started, 1),
    }
    # `agreed index` holds no corpus in memory: nor do the updates timed here (the garbage
    # collector would walk the 1M paragraphs' objects during each of them)
    del documents, real
    gc.collect()
    adds, added = [], []
    for number, resolution in enumerate(extra[:RUNS]):
        resolution.symbol = f"A/RES/81/{number + 1}"
        resolution.source = f"synthetic/new-{number}"
        resolution.session, resolution.date = 81, f"2026-12-{number + 1:02d}"
        resolution.doc_type = "resolution"
        before = inodes(index_dir)
        report = update_resolutions(index_dir, [resolution])
        added.append(new_bytes(index_dir, before))
        adds.append(report.seconds)
    figures.update(
        added_paragraphs=[len(r.paragraphs) for r in extra[:RUNS]],
        add_seconds=[round(s, 2) for s in adds],
        add_seconds_median=round(statistics.median(adds), 2),
        build_mb=bulk.megabytes(bulk.disk_bytes(layout.current_build(index_dir) or index_dir)),
        added_megabytes=[bulk.megabytes(b) for b in added],
    )
    shutil.rmtree(index_dir, ignore_errors=True)
    return figures
