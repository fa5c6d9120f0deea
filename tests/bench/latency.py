"""Latency of a query function over varied inputs: warm-up, then timed runs, then percentiles."""

from __future__ import annotations

import gc
import math
import random
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

RUNS = 200
WARMUP = 20


@dataclass(frozen=True)
class Latency:
    """Milliseconds per call; runs may be fewer than asked when a time budget ran out."""

    runs: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float

    def figures(self) -> dict:
        return {
            "runs": self.runs,
            "p50_ms": self.p50_ms,
            "p95_ms": self.p95_ms,
            "p99_ms": self.p99_ms,
            "mean_ms": self.mean_ms,
            "max_ms": self.max_ms,
        }


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least `fraction` of samples at or below."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summarise(seconds: Sequence[float]) -> Latency:
    milliseconds = [s * 1000 for s in seconds]
    return Latency(
        runs=len(milliseconds),
        p50_ms=round(percentile(milliseconds, 0.50), 2),
        p95_ms=round(percentile(milliseconds, 0.95), 2),
        p99_ms=round(percentile(milliseconds, 0.99), 2),
        mean_ms=round(sum(milliseconds) / len(milliseconds), 2),
        max_ms=round(max(milliseconds), 2),
    )


def measure(
    call: Callable[[T], object],
    inputs: Sequence[T],
    runs: int = RUNS,
    warmup: int = WARMUP,
    budget_seconds: float | None = None,
) -> Latency:
    """Call once per input in turn (cycling), `warmup` untimed calls first, then `runs` timed ones.

    Warm-up uses inputs from the end of the list so timed runs start on inputs not yet seen; a
    budget stops the timed runs early (at least 5 are kept) for slow engines.
    """
    return summarise(samples(call, inputs, runs, warmup, budget_seconds))


def samples(
    call: Callable[[T], object],
    inputs: Sequence[T],
    runs: int = RUNS,
    warmup: int = WARMUP,
    budget_seconds: float | None = None,
) -> list[float]:
    """The seconds of each timed call of measure(), for callers that pool several blocks."""
    if not inputs:
        raise ValueError("no inputs to measure")
    for item in list(inputs)[-warmup:] if warmup else []:
        call(item)
    seconds: list[float] = []
    deadline = None if budget_seconds is None else time.perf_counter() + budget_seconds
    for run in range(runs):
        item = inputs[run % len(inputs)]
        started = time.perf_counter()
        call(item)
        seconds.append(time.perf_counter() - started)
        if deadline is not None and len(seconds) >= 5 and time.perf_counter() > deadline:
            break
    return seconds


def host_speed(rounds: int = 3) -> float:
    """Seconds (best of rounds) of a fixed pure-Python loop: this machine shares its host, whose
    load moves every timing here (the same 1M facet queries took 4.6 ms at p50 one hour and 20 ms
    the next); taken at a run's start and end, it shows what the CPU itself did meanwhile."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        total = 0
        for number in range(5_000_000):
            total += number & 7
        best = min(best, time.perf_counter() - started)
    return round(best, 3)


def host_memory(megabytes: int = 256, rounds: int = 3) -> float:
    """Seconds (best of rounds) of reading one byte of every 4 KB of a buffer in a fixed shuffled
    order: memory latency, which the host's other tenants move while host_speed's loop, held in the
    CPU's caches, hardly notices (within an hour here: 0.015 s with facet counts at 5.5 ms p50,
    0.032 s with the same counts at 17 ms)."""
    buffer = bytearray(b"\x01") * (megabytes << 20)  # written, so every page is its own
    view = memoryview(buffer)
    order = list(range(0, len(buffer), 4099))
    random.Random(0).shuffle(order)
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        total = 0
        for at in order:
            total += view[at]
        best = min(best, time.perf_counter() - started)
    return round(best, 4)


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Time queries as a server runs them: the bench's corpora, millions of objects no server holds,
    are kept out of the garbage collector's full passes (which at 1M put two-word p95 at 4.8 ms, 1.2 without)."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def interleaved(
    calls: Mapping[str, Callable[[T], object]],
    inputs: Sequence[T],
    rounds: int,
    budgets: Mapping[str, float | None],
) -> dict[str, Latency]:
    """Each call timed in `rounds` alternating blocks over the same inputs, so that every one of
    them sees the host in the same states (its speed moved 2x within a run here); each round
    starts further into the inputs, and runs, warm-up and budget are shared out over the rounds."""
    pooled: dict[str, list[float]] = {name: [] for name in calls}
    for number in range(rounds):
        shift = number * len(inputs) // rounds
        shifted = [*inputs[shift:], *inputs[:shift]]
        for name, call in calls.items():
            budget = budgets.get(name)
            pooled[name] += samples(
                call,
                shifted,
                runs=max(RUNS // rounds, 1),
                warmup=WARMUP // rounds,
                budget_seconds=None if budget is None else budget / rounds,
            )
    return {name: summarise(seconds) for name, seconds in pooled.items()}
