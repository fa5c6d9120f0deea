"""Benchmark: every engine and the SQLite FTS5 baseline, on the shared corpus and on 1M paragraphs.

1. `agreed index` of the whole shared corpus with the default engine (parse, language tables,
   index: what a user waits for); its document store gives the parsed resolutions for the rest.
2. Corpora: the shared corpus, a 1,000,000-paragraph corpus resampled from its paragraphs
   (tests/bench/synthetic.py) and the first 100,000 paragraphs of that.
3. Per corpus: build each engine's index from the parsed resolutions (tests/bench/bulk.py) and the
   FTS5 baseline from the same paragraph rows; time every query type (tests/bench/queries.py)
   through Searcher.search; compare the FTS5 latencies as ratios FTS5/engine.

whoosh indexes about 650 paragraphs/s, so by default it runs on the shared corpus and the 100k
sample only; AGREED_BENCH_WHOOSH_1M=1 adds it at 1M (about half an hour more);
AGREED_BENCH_ENGINES=tantivy leaves whoosh out altogether.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from indexer.build import build_index
from indexer.model import Resolution
from search.api import Searcher
from search.searcher import open_searcher
from search.store.docstore import FILENAME, DocStore, keyed
from tests.bench import bulk, fts5, latency, queries, synthetic
from tests.bench.engine_targets import DEFAULT_ENGINE, growth, ratio, targets

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "var" / "bench" / "work"
SHARED_INDEX = WORK / "shared-tantivy"  # reused by tests/bench/web.py
SYNTHETIC_PARAGRAPHS = 1_000_000
SAMPLE_PARAGRAPHS = 100_000
WHOOSH_1M = os.environ.get("AGREED_BENCH_WHOOSH_1M") == "1"
# AGREED_BENCH_ENGINES=tantivy: time only the engines named (FTS5 always runs, for the ratios).
ONLY = tuple(filter(None, os.environ.get("AGREED_BENCH_ENGINES", "").split(",")))
# Seconds of timed runs per query type at most, for engines whose queries take 100s of ms.
BUDGETS = {"tantivy": None, "whoosh": 20.0, "fts5": 20.0}
BUILD_ROUNDS = 2  # the default engine's and FTS5's porter builds, alternated; best of each
LATENCY_ROUNDS = 2  # alternating blocks of FTS5 and the engines per query type


def run(shared: Path) -> dict:
    """Figures per corpus, per engine, per query type, and the targets met or missed."""
    WORK.mkdir(parents=True, exist_ok=True)
    figures: dict = {"cpus": os.cpu_count(), "query_types": queries.WHAT_EACH_RUNS}
    figures["host_speed_seconds"] = {"start": latency.host_speed()}  # lower is faster
    figures["host_memory_seconds"] = {"start": latency.host_memory()}
    figures["agreed_index_shared"], real = full_build(shared)
    vocabulary = queries.Vocabulary.of(real)
    compounds = queries.hyphenated_compounds(real)
    started = time.perf_counter()
    big = synthetic.generate(real, SYNTHETIC_PARAGRAPHS)
    figures["synthetic_generation_seconds"] = round(time.perf_counter() - started, 1)
    corpora = {
        "shared": (real, ["tantivy", "whoosh"]),
        "synthetic_100k": (synthetic.sample(big, SAMPLE_PARAGRAPHS), ["tantivy", "whoosh"]),
        "synthetic_1m": (big, ["tantivy", "whoosh"] if WHOOSH_1M else ["tantivy"]),
    }
    figures["whoosh_1m"] = WHOOSH_1M
    figures["corpora"] = {}
    for name, (documents, engines) in corpora.items():
        engines = [engine for engine in engines if not ONLY or engine in ONLY]
        print(f"-- {name}: {synthetic.paragraph_count(documents)} paragraphs", flush=True)
        sets = queries.query_sets(vocabulary, compounds, documents)
        figures["corpora"][name] = measure_corpus(name, documents, engines, sets)
    figures["host_speed_seconds"]["end"] = latency.host_speed()
    figures["host_memory_seconds"]["end"] = latency.host_memory()
    figures["targets"] = targets(figures["corpora"]["synthetic_1m"])
    figures["growth_100k_to_1m"] = growth(
        figures["corpora"]["synthetic_100k"], figures["corpora"]["synthetic_1m"]
    )
    return figures


def full_build(shared: Path) -> tuple[dict, list[Resolution]]:
    """`agreed index` of the shared corpus from scratch; returns its figures and the documents."""
    shutil.rmtree(SHARED_INDEX, ignore_errors=True)
    report = build_index(shared, SHARED_INDEX, engine=DEFAULT_ENGINE)
    build = report.build_dir
    assert build is not None  # a build that returns was published
    store = DocStore(build / FILENAME)
    documents = [resolution for _, resolution in store.items()]
    store.close()
    figures = {
        "engine": DEFAULT_ENGINE,
        "documents": report.documents,
        "paragraphs": report.paragraphs,
        "pages": report.pages,
        "failures": len(report.failures),
        "duplicates": len(report.duplicates),
        "seconds": round(report.seconds, 1),
        "build_mb": bulk.megabytes(bulk.disk_bytes(build)),
        "index_mb": bulk.megabytes(bulk.disk_bytes(build / DEFAULT_ENGINE)),
    }
    return figures, documents


def measure_corpus(
    name: str, documents: Sequence[Resolution], engines: list[str], sets: dict
) -> dict:
    """Build and time FTS5 and each engine over one corpus; ratios FTS5/engine per query type.

    The default engine's build alternates with FTS5's porter build (best of BUILD_ROUNDS each), and
    every query type is timed in alternating blocks of FTS5 and the engines: the host's speed moves
    within a run, and a ratio means something only when both sides met the same host."""
    documents_by_key = keyed(documents)
    result: dict = {
        "documents": len(documents_by_key),
        "paragraphs": synthetic.paragraph_count(documents),
    }
    database = WORK / f"{name}-fts5.sqlite"
    seconds = fts5.build(documents_by_key, database)
    result["fts5"] = {
        "index_seconds": round(seconds, 1),
        "paragraphs_per_second": round(result["paragraphs"] / seconds) if seconds else 0,
        "index_mb": bulk.megabytes(bulk.disk_bytes(database)),
    }
    porter: list[float] = []
    docstore = WORK / f"{name}-docs.sqlite"
    docstore.unlink(missing_ok=True)
    for engine in engines:
        rounds = BUILD_ROUNDS if engine == DEFAULT_ENGINE else 1
        result[engine] = build_engine(name, engine, documents_by_key, docstore, rounds, porter)
    if not porter:
        porter.append(porter_build(name, documents_by_key))
    result["fts5"]["porter_index_seconds"] = round(min(porter), 1)
    result["fts5"]["porter_index_seconds_rounds"] = [round(value, 1) for value in porter]
    baseline = fts5.Fts5Searcher(database)
    searchers = {engine: open_searcher(WORK / f"bulk-{name}-{engine}") for engine in engines}
    calls: dict[str, Callable[[queries.BenchQuery], int]] = {
        "fts5": lambda query: baseline.search(query.fts)["total"]
    }
    calls.update({engine: partial(_total, searcher) for engine, searcher in searchers.items()})
    totals: dict[str, dict[str, int]] = {side: {} for side in calls}
    latencies = time_alternating(sets, calls, totals)
    result["fts5"]["latency"] = latencies["fts5"]
    for engine, searcher in searchers.items():
        searcher.close()
        figures = result[engine]
        figures["latency"] = latencies[engine]
        figures["fts5_over_engine"] = ratios(latencies["fts5"], latencies[engine])
        figures["totals_agree_with_fts5"] = agreement(totals[engine], totals["fts5"])
        figures["facet_query_share"] = facet_share(sets, totals[engine], result["paragraphs"])
        shutil.rmtree(WORK / f"bulk-{name}-{engine}", ignore_errors=True)
    baseline.close()
    database.unlink()
    docstore.unlink(missing_ok=True)
    return result


def build_engine(
    name: str,
    engine: str,
    documents: Sequence[tuple[str, Resolution]],
    docstore: Path,
    rounds: int,
    porter: list[float],
) -> dict:
    """The engine's index, built `rounds` times, each after an FTS5 porter build when rounds > 1;
    figures of the fastest build, the document store's time from the first (later ones link it)."""
    index_dir = WORK / f"bulk-{name}-{engine}"
    reports = []
    for _ in range(rounds):
        if rounds > 1:
            porter.append(porter_build(name, documents))
        print(f"   {engine}", flush=True)
        shared = docstore if docstore.exists() else None
        reports.append(bulk.write_index(documents, index_dir, engine, shared))
        if shared is None:  # later builds and engines share this corpus's document store
            os.link(bulk.docstore_path(index_dir), docstore)
    fastest = min(reports, key=lambda report: report.index_seconds)
    return {
        **fastest.figures(),
        "docstore_seconds": reports[0].figures()["docstore_seconds"],
        "index_seconds_rounds": [round(report.index_seconds, 1) for report in reports],
    }


def porter_build(name: str, documents: Sequence[tuple[str, Resolution]]) -> float:
    """The build-time baseline: FTS5 tokenising the printed text itself, as Datasette users set it up."""
    database = WORK / f"{name}-fts5-porter.sqlite"
    seconds = fts5.build_porter(documents, database)
    database.unlink()
    return seconds


def time_alternating(
    sets: dict[str, list[queries.BenchQuery]],
    calls: dict[str, Callable[[queries.BenchQuery], int]],
    totals: dict[str, dict[str, int]],
) -> dict[str, dict]:
    """Latency per side and query type, the sides alternating (latency.interleaved); every query's
    total is kept per side to check they agree."""

    def recorded(side: str) -> Callable[[queries.BenchQuery], int]:
        def call(query: queries.BenchQuery) -> int:
            totals[side][f"{query.kind}|{query.text}"] = total = calls[side](query)
            return total

        return call

    figures: dict[str, dict] = {side: {} for side in calls}
    recorders = {side: recorded(side) for side in calls}
    with latency.frozen_heap():
        for kind, items in sets.items():
            timed = latency.interleaved(recorders, items, LATENCY_ROUNDS, BUDGETS)
            for side, measured in timed.items():
                figures[side][kind] = measured.figures()
    return figures


def _total(searcher: Searcher, query: queries.BenchQuery) -> int:
    return searcher.search(query.request).total


def time_types(
    sets: dict[str, list[queries.BenchQuery]],
    call: Callable[[queries.BenchQuery], int],
    totals: dict[str, int],
    budget: float | None,
) -> dict:
    """Latency per query type; every query's total is kept to check the engines agree."""

    def recorded(query: queries.BenchQuery) -> int:
        totals[f"{query.kind}|{query.text}"] = total = call(query)
        return total

    return {
        kind: latency.measure(recorded, items, budget_seconds=budget).figures()
        for kind, items in sets.items()
    }


def ratios(baseline: dict, engine: dict) -> dict:
    """FTS5 latency divided by the engine's, at p50 and p95, per query type."""
    return {
        kind: {
            "p50": ratio(baseline[kind]["p50_ms"], engine[kind]["p50_ms"]),
            "p95": ratio(baseline[kind]["p95_ms"], engine[kind]["p95_ms"]),
        }
        for kind in engine
    }


def agreement(totals: dict[str, int], baseline: dict[str, int]) -> str:
    """'n/m': queries run on both sides whose match counts are equal."""
    common = [key for key in totals if key in baseline]
    same = sum(totals[key] == baseline[key] for key in common)
    return f"{same}/{len(common)}"


def facet_share(sets: dict, totals: dict[str, int], paragraphs: int) -> dict[str, float]:
    """What share of paragraphs each facet query matched (aimed at about 10%)."""
    return {
        query.text: round(totals[f"{query.kind}|{query.text}"] / paragraphs, 3)
        for query in sets["facets_10pct"]
        if f"{query.kind}|{query.text}" in totals
    }


if __name__ == "__main__":  # python -m tests.bench.engines [../shared/corpus]
    import json
    import sys

    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    print(json.dumps(run(corpus), indent=2))
