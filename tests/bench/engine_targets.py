"""Issue 13's targets for the default engine at 1M paragraphs, and growth from 100k: reported, not asserted."""

from __future__ import annotations

DEFAULT_ENGINE = "tantivy"
ENGINE_NAMES = ("tantivy", "whoosh")
TARGET_P95_MS = 10.0
TARGET_RATIO = 10.0  # FTS5 p50 over the engine's, on every query type


def targets(corpus: dict) -> dict:
    """The issue's targets for the default engine at 1M paragraphs, reported, not asserted."""
    engine = corpus[DEFAULT_ENGINE]
    slow = {
        kind: figures["p95_ms"]
        for kind, figures in engine["latency"].items()
        if figures["p95_ms"] >= TARGET_P95_MS
    }
    short = {
        kind: ratio["p50"]
        for kind, ratio in engine["fts5_over_engine"].items()
        if ratio["p50"] < TARGET_RATIO
    }
    return {
        "engine": DEFAULT_ENGINE,
        "paragraphs": corpus["paragraphs"],
        "p95_under_10ms_every_type": not slow,
        "p95_at_or_over_10ms": slow,
        "fts5_10x_slower_at_p50_every_type": not short,
        "p50_ratios_under_10x": short,
        "build_no_slower_than_fts5_porter": (
            engine["index_seconds"] <= corpus["fts5"]["porter_index_seconds"]
        ),
        "build_seconds_engine_fts5_fts5_porter": [
            engine["index_seconds"],
            corpus["fts5"]["index_seconds"],
            corpus["fts5"]["porter_index_seconds"],
        ],
    }


def growth(small: dict, large: dict) -> dict:
    """How each figure grows from the small corpus to the large one (large / small), per engine."""
    grown: dict = {"paragraphs": [small["paragraphs"], large["paragraphs"]]}
    for engine in ("fts5", *ENGINE_NAMES):
        if engine not in small or engine not in large:
            continue
        before, after = small[engine], large[engine]
        grown[engine] = {
            "index_seconds": ratio(after["index_seconds"], before["index_seconds"]),
            **{
                kind: {
                    "p50": ratio(after["latency"][kind]["p50_ms"], figures["p50_ms"]),
                    "p95": ratio(after["latency"][kind]["p95_ms"], figures["p95_ms"]),
                }
                for kind, figures in before["latency"].items()
            },
        }
    return grown


def ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 1) if denominator else float("inf")
