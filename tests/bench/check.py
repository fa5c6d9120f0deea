"""Benchmark: precedent tables (build time, size) and `agreed check` of a 60-paragraph draft (target 2 s).

Also the verdicts of every 80th-session draft checked against an index of the 79th session's
resolutions: paragraphs per status, and a random sample of agreed and amended verdicts written to
var/bench/check_verdicts_sample.txt for reading by hand (docs/check-verdicts.md).
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from indexer.build import build_index
from indexer.draft import read_draft
from indexer.language import build_language, keyed_by_document_key
from indexer.lineage import is_draft
from indexer.precedent import build_precedent
from search.check import check
from search.check_report import report_json
from search.precedent import Precedents
from search.store.docstore import FILENAME as DOCS
from search.store.docstore import DocStore
from search.store.layout import current_build
from search.store.precedent_tables import FILENAME

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_OUT = ROOT / "var" / "bench" / "check_verdicts_sample.txt"
DRAFT = "unga-80/A_C.1_80_L.51.pdf"  # 60 paragraphs, footnotes aside
RUNS = 10
SAMPLE_SIZE = 20


def run(shared: Path, index_dir: Path | None = None) -> dict:
    """index_dir: an existing full index of `shared` (skips the 1-minute build)."""
    with tempfile.TemporaryDirectory() as scratch:
        if index_dir is None:
            index_dir = Path(scratch) / "all"
            build_index(shared, index_dir)
        build = current_build(index_dir)
        assert build is not None
        figures = {"tables": tables(build, Path(scratch)), "draft": speed(shared / DRAFT, build)}
        index79 = Path(scratch) / "79"
        build_index(shared / "unga-79", index79)
        figures["drafts_80_against_79"] = verdicts(shared / "unga-80", index79)
    return figures


def tables(build: Path, scratch: Path) -> dict:
    """The language tables with and without the precedent tables, over the index's documents."""
    store = DocStore(build / DOCS)
    documents = [resolution for _, resolution in store.items()]
    store.close()
    started = time.perf_counter()
    build_language(documents, scratch)  # families, lineage, citations, then precedent.sqlite
    with_precedent = time.perf_counter() - started
    started = time.perf_counter()
    counts = build_precedent(keyed_by_document_key(documents), scratch)
    alone = time.perf_counter() - started
    size = (scratch / FILENAME).stat().st_size
    return {
        "language_and_precedent_seconds": round(with_precedent, 1),
        "precedent_alone_seconds": round(alone, 1),
        "megabytes": round(size / 1e6, 1),
        **counts,
    }


def speed(path: Path, build: Path) -> dict:
    """Read + check of one real draft, timed RUNS times after a first (cold) run."""
    data = path.read_bytes()
    timings, check_only = [], []
    for _ in range(RUNS + 1):
        started = time.perf_counter()
        draft = read_draft(data, path.name)
        read = time.perf_counter()
        precedents = Precedents(build)
        report = check(draft, precedents)
        precedents.close()
        done = time.perf_counter()
        timings.append(done - started)
        check_only.append(done - read)
    warm = sorted(timings[1:])
    return {
        "draft": path.name,
        "paragraphs": report.summary.paragraphs,
        "statuses": report.summary.statuses,
        "first_seconds": round(timings[0], 3),
        "p50_seconds": round(statistics.median(warm), 3),
        "max_seconds": round(warm[-1], 3),
        "check_only_p50_seconds": round(statistics.median(sorted(check_only[1:])), 3),
        "target_seconds": 2.0,
    }


def verdicts(drafts_dir: Path, index_dir: Path) -> dict:
    """Every draft of the folder against the index: statuses, and a sample for the hand check."""
    build = current_build(index_dir)
    assert build is not None
    precedents = Precedents(build)
    statuses: Counter[str] = Counter()
    found: dict[str, list[tuple[str, dict]]] = {"agreed": [], "amended": []}
    documents = 0
    try:
        for path in sorted(drafts_dir.glob("*.pdf")):
            draft = read_draft(path.read_bytes(), path.name)
            if not (is_draft(draft) or "_L." in path.name):
                continue
            documents += 1
            for paragraph in report_json(check(draft, precedents))["paragraphs"]:
                statuses[paragraph["status"]] += 1
                if paragraph["status"] in found:
                    found[paragraph["status"]].append((draft.symbol or path.name, paragraph))
    finally:
        precedents.close()
    total = sum(statuses.values())
    write_sample(found, index_dir)
    return {
        "drafts": documents,
        "paragraphs": total,
        "statuses": dict(statuses),
        "shares": {status: round(n / total, 3) for status, n in statuses.items()},
    }


def write_sample(found: dict[str, list[tuple[str, dict]]], index_dir: Path) -> None:
    """SAMPLE_SIZE random verdicts per status with both texts, to be read by hand."""
    from search.searcher import open_searcher

    chooser = random.Random(15)
    searcher = open_searcher(index_dir)
    lines = []
    try:
        for status, items in found.items():
            for symbol, paragraph in chooser.sample(items, min(SAMPLE_SIZE, len(items))):
                best = paragraph["best"]
                document = searcher.document(best["symbol"])
                source = document.paragraph(best["paragraph_id"]) if document else None
                lines += [
                    f"== {status}: {symbol} {paragraph['id']} <- {best['symbol']} "
                    f"{best['paragraph_id']} ({best['similarity']})",
                    f"draft:  {paragraph['text']}",
                    f"source: {source.text if source else '?'}",
                    f"diff:   {paragraph['diff_html'] or '-'}",
                    "",
                ]
    finally:
        searcher.close()
    SAMPLE_OUT.parent.mkdir(parents=True, exist_ok=True)
    SAMPLE_OUT.write_text("\n".join(lines), encoding="utf-8")
