"""Benchmark: the sphinx engine on two local nodes next to tantivy on one, and a node failing over.

1. The 1M-paragraph synthetic corpus (tests/bench/synthetic.py; AGREED_BENCH_DISTRIBUTED_PARAGRAPHS
   sets another size) from the shared corpus's parsed documents.
2. tantivy, one process: index throughput and p50/p95 per query type (tests/bench/queries.py).
3. sphinx, 2 nodes, one shard each: the same figures, and whether totals agree with tantivy's.
4. sphinx, 2 nodes, each shard on both (replicas): index throughput (every row written twice),
   latency healthy, then with one node stopped: the first query's cost (Sphinx has not yet marked
   the node dead; the engine asks again) and the steady state.
Both nodes share this machine's 2 cores with the client, so the figures are what a second
*process* costs, not what a second machine buys; the README draws that line.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from functools import partial
from pathlib import Path

from search.searcher import open_searcher
from search.store import layout
from search.store.docstore import FILENAME, DocStore, keyed
from tests.bench import bulk, engines, latency, queries, synthetic
from tests.bench.engines import WORK, agreement, time_types

PARAGRAPHS = int(os.environ.get("AGREED_BENCH_DISTRIBUTED_PARAGRAPHS", "1000000"))
FAILOVER_PROBES = 20
BUDGET_SECONDS = 20.0  # timed runs per query type at most, for queries that take 100s of ms


def run(shared: Path) -> dict:
    from search.engines.sphinx import cluster

    WORK.mkdir(parents=True, exist_ok=True)
    real = _real_documents(shared)
    vocabulary = queries.Vocabulary.of(real)
    big = synthetic.generate(real, PARAGRAPHS)
    documents = keyed(big)
    sets = queries.query_sets(vocabulary, queries.hyphenated_compounds(real), big)
    figures: dict = {"paragraphs": synthetic.paragraph_count(big), "documents": len(documents)}
    print(f"-- {figures['paragraphs']} paragraphs", flush=True)

    tantivy_totals: dict[str, int] = {}
    figures["tantivy_1_node"] = _engine(documents, "tantivy", sets, tantivy_totals)
    docstore = WORK / "distributed-docs.sqlite"
    docstore.unlink(missing_ok=True)
    os.link(bulk.docstore_path(WORK / "distributed-tantivy"), docstore)
    shutil.rmtree(WORK / "distributed-tantivy", ignore_errors=True)
    for name, replicas in (("sphinx_2_nodes", 1), ("sphinx_2_nodes_replicated", 2)):
        directory = Path(tempfile.mkdtemp(prefix=f"agreed-{name}-", dir=WORK))
        nodes = cluster.up(directory, 2, replicas).value
        try:
            totals: dict[str, int] = {}
            result = _engine(documents, "sphinx", sets, totals, docstore, {"nodes": nodes})
            result["nodes"] = nodes
            result["index_mb"] = bulk.megabytes(bulk.disk_bytes(directory))  # every node's data
            result["totals_agree_with_tantivy"] = agreement(totals, tantivy_totals)
            if replicas > 1:
                result["node_down"] = _failover(directory, sets)
            figures[name] = result
        finally:
            cluster.down(directory)
            shutil.rmtree(directory, ignore_errors=True)
            shutil.rmtree(WORK / "distributed-sphinx", ignore_errors=True)
    docstore.unlink(missing_ok=True)
    return figures


def _real_documents(shared: Path) -> list:
    """The shared corpus's parsed documents: from the engines bench's index, else parsed now."""
    build = layout.current_build(engines.SHARED_INDEX)
    if build is None:
        return engines.full_build(shared)[1]
    store = DocStore(build / FILENAME)
    documents = [resolution for _, resolution in store.items()]
    store.close()
    return documents


def _engine(documents, engine, sets, totals, docstore=None, options=None) -> dict:
    index_dir = WORK / f"distributed-{engine}"
    print(f"   {engine} {options or ''}", flush=True)
    report = bulk.write_index(documents, index_dir, engine, docstore, options)
    searcher = open_searcher(index_dir)
    figures = report.figures()
    budget = None if engine == "tantivy" else BUDGET_SECONDS
    figures["latency"] = time_types(sets, partial(_total, searcher), totals, budget)
    searcher.close()
    return figures


def _total(searcher, query: queries.BenchQuery) -> int:
    results = searcher.search(query.request)
    assert not results.missing_shards, results.missing_shards
    return results.total


def _failover(directory: Path, sets: dict) -> dict:
    """Stop node 1 under a replicated index: first queries' latency, then every type's."""
    from search.engines.sphinx import cluster

    index_dir = WORK / "distributed-sphinx"
    searcher = open_searcher(index_dir)
    words = sets["single_word"]
    healthy = latency.measure(partial(_total, searcher), words, runs=100).figures()
    cluster.stop_node(directory, 1)
    try:
        first, partial_answers = [], 0
        for query in words[:FAILOVER_PROBES]:
            started = time.perf_counter()
            partial_answers += bool(searcher.search(query.request).missing_shards)
            first.append(time.perf_counter() - started)
        steady = time_types(sets, partial(_total, searcher), {}, BUDGET_SECONDS)
    finally:
        cluster.start_node(directory, 1)
        searcher.close()
    return {
        "single_word_healthy": healthy,
        "first_queries_after_failure_ms": [round(s * 1000, 1) for s in first],
        "partial_answers_among_first": partial_answers,
        "latency_one_node_down": steady,
    }
