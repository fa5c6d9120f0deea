"""Served pages under load: gunicorn (2 workers) over the whole shared corpus, 16 connections, loopback."""

from __future__ import annotations

import http.client
import json
import os
import random
import statistics
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

from indexer.build import build_index
from search.store import layout
from tests.bench.engines import SHARED_INDEX
from tests.web_support import free_port, running_server

INDEX = SHARED_INDEX  # the whole shared corpus, built by the engines benchmark when it ran first
CONNECTIONS = 16
WORKERS = 2
SECONDS = 30.0
# Real analyst queries; each is served as the full search page (facets, snippets, chart).
QUERIES = [
    "capacity-building",
    '"rule of law"',
    "human rights defenders",
    "climate change",
    "sustainable development",
    "women NEAR/5 peace",
    "develop*",
    "terrorism",
    '"nuclear weapons"',
    "migration",
    "Palestine refugees",
    "cybercrime",
    "sanctions",
    '"humanitarian assistance"',
    "Iraq Kuwait",
    "decides",
]
# Malformed queries and parameters: each must be answered 400 with a message, never 5xx.
BAD_REQUESTS = [
    {"q": '"rule of law'},
    {"q": "(peace AND security"},
    {"q": "colour:blue"},
    {"q": "session:80..x"},
    {"q": "peace", "page": "abc"},
    {"q": "peace", "f": "planet:mars"},
]
EXPECTED = {"error": 400}  # any other status than this (200 for other kinds) counts as an error
FILTERS = [
    [],
    ["session:74"],
    ["committee:Third Committee"],
    ["kind:operative"],
    ["type:resolution", "verb:request"],
]


def run(shared: Path) -> dict:
    """Serve the shared corpus's index (built here if the engines benchmark did not), under load."""
    started = time.perf_counter()
    if layout.current_build(INDEX) is None:
        build_index(shared, INDEX)
    figures: dict = {
        "index": str(INDEX),
        "index_seconds": round(time.perf_counter() - started, 1),
        "workers": WORKERS,
        "connections": CONNECTIONS,
        "seconds": SECONDS,
    }
    port = free_port()
    env = {**os.environ, "AGREED_INDEX": str(INDEX)}
    with running_server(["--port", str(port), "--workers", str(WORKERS)], env, port):
        _, health = fetch(port, "/healthz")
        figures |= {key: json.loads(health)[key] for key in ("documents", "paragraphs", "engine")}
        urls = request_mix(port)
        for _, path in urls * 2:  # warm both workers the way a running service would be
            fetch(port, path)
        figures["one_connection"] = sequential(port, urls)
        figures |= load(port, urls)
    return figures


def request_mix(port: int) -> list[tuple[str, str]]:
    """(kind, path): search pages with filters and sorts, JSON twins, and documents from the results."""
    random.seed(7)
    mix = []
    for query in QUERIES:
        for filters in FILTERS:
            params = [("q", query), *[("f", f) for f in filters]]
            if random.random() < 0.3:
                params.append(("sort", random.choice(["newest", "oldest"])))
            mix.append(("search", "/search?" + urlencode(params)))
        mix.append(("json", "/search.json?" + urlencode({"q": query, "page": 2})))
        mix.append(("grouped", "/search?" + urlencode({"q": query, "group": "1"})))
    mix += [("error", "/search?" + urlencode(params)) for params in BAD_REQUESTS]
    status, body = fetch(port, "/search.json?" + urlencode({"q": "decides", "size": 40}))
    assert status == 200
    for hit in json.loads(body)["hits"][:16]:
        mix.append(("document", f"/doc/{quote(hit['symbol'], safe='/')}?q=decides"))
    return mix


def fetch(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def sequential(port: int, urls: list[tuple[str, str]]) -> dict:
    """Service time without queueing: every request of the mix once, one at a time."""
    timings: dict[str, list[float]] = defaultdict(list)
    for kind, path in urls:
        began = time.perf_counter()
        fetch(port, path)
        timings[kind].append((time.perf_counter() - began) * 1000)
    return {kind: percentiles(values) for kind, values in sorted(timings.items())}


def load(port: int, urls: list[tuple[str, str]]) -> dict:
    """CONNECTIONS closed-loop clients for SECONDS; latency per request kind, errors counted."""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    deadline = time.perf_counter() + SECONDS
    lock = threading.Lock()

    def client(seed: int) -> None:
        chooser = random.Random(seed)
        while time.perf_counter() < deadline:
            kind, path = chooser.choice(urls)
            began = time.perf_counter()
            try:
                status, _ = fetch(port, path)
            except OSError as error:
                status, _ = 0, str(error)
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                latencies[kind].append(elapsed)
                if status != EXPECTED.get(kind, 200):
                    errors.append(f"{status} {path}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CONNECTIONS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    every = [value for values in latencies.values() for value in values]
    return {
        "requests": len(every),
        "errors": len(errors),
        "error_samples": errors[:5],
        "requests_per_second": round(len(every) / wall, 1),
        "all": percentiles(every),
        **{kind: percentiles(values) for kind, values in sorted(latencies.items())},
    }


def percentiles(values: list[float]) -> dict[str, float]:
    if len(values) < 2:
        return {"count": len(values)}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "count": len(values),
        "p50_ms": round(cuts[49], 1),
        "p95_ms": round(cuts[94], 1),
        "p99_ms": round(cuts[98], 1),
    }
