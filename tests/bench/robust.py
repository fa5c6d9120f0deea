"""Stays up under hostile and heavy use: idle connections, abusive queries, fuzzing, a long soak.

Over the whole shared corpus served by `agreed serve --workers 2`:
- idle: N half-sent requests and non-reading downloads held open while /healthz and a search are timed;
- abuse: clients cycling expensive pages (concordances, timelines, exports) while a search is timed;
- fuzz: N fuzzed requests to every route (no 5xx, none over 5 s);
- soak: C connections of real page traffic for S seconds (no error; worker memory before and after).
Sizes come from the environment so a short run is possible (defaults are the full run):
AGREED_BENCH_IDLE=100 AGREED_BENCH_FUZZ=100000 AGREED_BENCH_SOAK_SECONDS=600 AGREED_BENCH_SOAK_CONNECTIONS=16
(AGREED_BENCH_INDEX: an index already built from the shared corpus; AGREED_BENCH_PARTS=idle,abuse: some.)
"""

from __future__ import annotations

import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

from indexer.build import build_index
from search.store import layout
from tests.bench.engines import SHARED_INDEX
from tests.bench.web import fetch, percentiles, request_mix
from tests.test_web_fuzz import NAMES, TRICKY
from tests.web_support import free_port

IDLE = int(os.environ.get("AGREED_BENCH_IDLE", 100))
FUZZ = int(os.environ.get("AGREED_BENCH_FUZZ", 100_000))
SOAK_SECONDS = float(os.environ.get("AGREED_BENCH_SOAK_SECONDS", 600))
SOAK_CONNECTIONS = int(os.environ.get("AGREED_BENCH_SOAK_CONNECTIONS", 16))
INDEX = Path(os.environ.get("AGREED_BENCH_INDEX", SHARED_INDEX))  # the engines bench builds it
PARTIAL = Path(__file__).resolve().parents[2] / "var" / "bench" / "parts"
WORKERS = 2
PROBE_SECONDS = 15.0
SLOW_MS = 5000.0
ABUSIVE = [
    "/concordance.json?" + urlencode({"q": word, "width": 120})
    for word in ("the", "of", "and", "United", "Nations", "States", "development", "resolution")
] + [
    "/timeline.json?q=the",
    "/concordance.json?q=-disarmament",
    "/concordance.json?" + urlencode({"q": "year:1900.."}),
    "/export.csv?q=the",
    "/compare.json?a=A/RES/79/1&b=A/RES/80/1",
]


def run(shared: Path) -> dict:
    if layout.current_build(INDEX) is None:
        build_index(shared, INDEX)
    figures: dict = {"index": str(INDEX), "workers": WORKERS}
    with served(INDEX) as (port, server):
        for _ in range(4):  # both workers open the index and the per-build tables
            fetch(port, "/compare.json?a=A/RES/79/1&b=A/RES/80/1")
        parts = {
            "quiet": lambda: probe(port, PROBE_SECONDS / 3),
            "idle": lambda: idle_connections(port, IDLE),
            "abuse": lambda: abusive_clients(port, 2),
            "fuzz": lambda: fuzz(port, FUZZ),
            "soak": lambda: soak(port, server, SOAK_CONNECTIONS, SOAK_SECONDS),
        }
        for name in os.environ.get("AGREED_BENCH_PARTS", ",".join(parts)).split(","):
            figures[name] = parts[name]()
            _keep(name, figures[name])  # an hour-long run must not lose its finished parts
    return figures


def _keep(part: str, figures: dict) -> None:
    """Print a finished part and write it to var/bench/robust-<part>.json at once."""
    PARTIAL.mkdir(parents=True, exist_ok=True)
    (PARTIAL / f"robust-{part}.json").write_text(json.dumps(figures, indent=2, default=str))
    print(f"-- robust {part}: {json.dumps(figures, default=str)}", flush=True)


@contextmanager
def served(index: Path) -> Iterator[tuple[int, subprocess.Popen]]:
    port = free_port()
    agreed = Path(sys.executable).parent / "agreed"
    arguments = ["serve", "--index", str(index), "--port", str(port), "--workers", str(WORKERS)]
    process = subprocess.Popen(
        [str(agreed), *arguments], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(300):
            try:
                if fetch(port, "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def probe(port: int, seconds: float) -> dict:
    """One client alternating /healthz and a search: what another user sees meanwhile."""
    health: list[float] = []
    search: list[float] = []
    failures = 0
    words = ["capacity-building", '"rule of law"', "climate change", "women NEAR/5 peace"]
    deadline = time.perf_counter() + seconds
    turn = 0
    while time.perf_counter() < deadline:
        turn += 1
        path = "/healthz" if turn % 2 else "/search.json?" + urlencode({"q": words[turn % 4]})
        began = time.perf_counter()
        try:
            status, _ = fetch(port, path)
        except OSError:
            status = 0
        elapsed = (time.perf_counter() - began) * 1000
        failures += status != 200
        (health if turn % 2 else search).append(elapsed)
    return {
        "healthz": percentiles(health) | {"max_ms": round(max(health), 1)},
        "search": percentiles(search) | {"max_ms": round(max(search), 1)},
        "failures": failures,
    }


def idle_connections(port: int, count: int) -> dict:
    """Half the connections send half a request and stop; the others start a download, never read."""
    held = []
    for number in range(count):
        client = socket.create_connection(("127.0.0.1", port))
        if number % 2:
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            client.sendall(b"GET /export.csv?q=the HTTP/1.1\r\nHost: bench\r\n\r\n")
        else:
            client.sendall(b"GET /healthz HTTP/1.1\r\n")
        held.append(client)
    try:
        figures = probe(port, PROBE_SECONDS)
    finally:
        for client in held:
            client.close()
    return {"connections": count, **figures}


def abusive_clients(port: int, count: int) -> dict:
    """`count` clients cycle expensive requests (varied, so nothing is cached) during the probe."""
    stop = threading.Event()
    statuses: Counter[int] = Counter()

    def abuse(seed: int) -> None:
        chooser = random.Random(seed)
        while not stop.is_set():
            path = chooser.choice(ABUSIVE)
            if "concordance.json?q=" in path and chooser.random() < 0.5:
                path += "&" + urlencode({"f": f"session:{chooser.randint(40, 80)}"})
            try:
                statuses[fetch(port, path)[0]] += 1
            except OSError:
                statuses[0] += 1

    threads = [threading.Thread(target=abuse, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    try:
        figures = probe(port, PROBE_SECONDS)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return {"abusive_clients": count, "abusive_statuses": dict(statuses), **figures}


def fuzz(port: int, count: int, connections: int = 8) -> dict:
    """`count` fuzzed GETs spread over every route; statuses counted, 5xx and slow ones kept."""
    from web import create_app

    routes = sorted(
        {r.rule for r in create_app().url_map.iter_rules() if not r.rule.startswith("/static")}
    )
    statuses: Counter[int] = Counter()
    bad: list[str] = []
    slowest = [0.0]
    lock = threading.Lock()
    per_client = count // connections

    def client(seed: int) -> None:
        chooser = random.Random(seed)
        for _ in range(per_client):
            path = _fuzzed_path(chooser, routes)
            try:
                status, elapsed = timed_fetch(port, path)
            except (OSError, http.client.HTTPException) as error:
                status, elapsed = 0, 0.0
                path += f" ({error})"
            with lock:
                statuses[status] += 1
                slowest[0] = max(slowest[0], elapsed)
                if status >= 500 or status == 0 or elapsed > SLOW_MS:
                    bad.append(f"{status} {elapsed:.0f}ms {path[:200]}")

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "requests": per_client * connections,
        "seconds": round(time.perf_counter() - began, 1),
        "statuses": dict(sorted(statuses.items())),
        "server_errors": sum(n for status, n in statuses.items() if status >= 500),
        "over_5s": sum(1 for line in bad if float(line.split()[1][:-2]) > SLOW_MS),
        "max_ms": round(slowest[0], 1),
        "bad_by_route": dict(Counter(line.split()[2].split("?")[0] for line in bad).most_common()),
        "samples": bad[:10],
    }


def timed_fetch(port: int, path: str) -> tuple[int, float]:
    """(status, ms to the answer): the whole body, or the headers of a streamed download.

    A streamed export of the whole corpus (33 MB) takes as long as the client reads; what the
    service owes is to start answering at once and keep going.
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        began = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        answered = time.perf_counter()
        response.read()
        if response.getheader("Transfer-Encoding") != "chunked":
            answered = time.perf_counter()
        return response.status, (answered - began) * 1000
    finally:
        connection.close()


def _fuzzed_path(chooser: random.Random, routes: list[str]) -> str:
    rule = chooser.choice(routes)
    symbol = chooser.choice(["A/RES/80/224", "A/C.3/74/L.11/Rev.1", "x", "../etc", "²"])
    path = quote(rule.replace("<path:symbol>", symbol), safe="/:")
    params = []
    for _ in range(chooser.randint(0, 5)):
        value = chooser.choice(TRICKY) if chooser.random() < 0.7 else _noise(chooser)
        params.append((chooser.choice(NAMES), value))
    return path + ("?" + urlencode(params) if params else "")


def _noise(chooser: random.Random) -> str:
    return "".join(
        chr(chooser.choice([chooser.randint(32, 126), chooser.randint(160, 0x2FFF)]))
        for _ in range(chooser.randint(1, 30))
    )


def soak(port: int, server: subprocess.Popen, connections: int, seconds: float) -> dict:
    """Real page traffic for `seconds`; every request must succeed; worker memory before and after."""
    urls = request_mix(port)
    urls += [("language", "/concordance?" + urlencode({"q": "capacity-building"}))]
    urls += [("language", "/timeline?q=climate+change"), ("export", "/export.csv?q=cybercrime")]
    before = worker_memory(server.pid)
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(seed: int) -> None:
        chooser = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            kind, path = chooser.choice(urls)
            began = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            expected = 400 if kind == "error" else 200
            with lock:
                statuses[status if status != expected else 1] += 1
                latencies.append((time.perf_counter() - began) * 1000)
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after = worker_memory(server.pid)
    return {
        "connections": connections,
        "seconds": seconds,
        "requests": len(latencies),
        "errors": sum(n for status, n in statuses.items() if status != 1),
        "unexpected_statuses": {s: n for s, n in statuses.items() if s != 1},
        "latency": percentiles(latencies),
        "worker_rss_mb_before": before,
        "worker_rss_mb_after": after,
    }


def worker_memory(arbiter: int) -> list[float]:
    """Resident memory (MB) of each worker: `agreed serve` is gunicorn's arbiter, workers its children."""
    sizes = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields.get("PPid", "0").strip()) == arbiter:
            sizes.append(round(int(fields["VmRSS"].split()[0]) / 1024, 1))
    return sorted(sizes)


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")), indent=2))
