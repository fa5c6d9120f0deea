"""Fetch UN documents by symbol from the Official Document System (ODS) into a folder `agreed index` reads.

ODS answers `/api/symbol/access?s=SYMBOL&l=en&t=pdf` with a redirect to the PDF. A symbol that does not
exist answers 404 or an HTML page instead of a PDF: both count as missing, never saved. Each file is
written under a hidden temporary name and renamed when complete, so an interrupted run leaves no partial
document; a sidecar NAME.meta.json records where and when it was fetched.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from corpus.client import Client, FetchError, Response

ODS = "https://documents.un.org"
STATE_FILE = ".agreed-fetch.json"
PARTIAL = ".partial"
_RANGE = re.compile(r"^(?P<stem>.*?)(?P<first>\d+)\.\.(?P<last>\d+)$")
_SYMBOL = re.compile(r"^[A-Za-z][A-Za-z0-9./()\- ]*$")
# After this many symbols in a row fail (not missing: failed), the service is in trouble: stop.
GIVE_UP_AFTER = 3

Progress = Callable[[int, int, str], None]  # (done, total, symbol)


class BadTarget(ValueError):
    """A symbol, range or discovery pattern that cannot be fetched as written."""


@dataclass
class FetchReport:
    """What a run did; `to_json` is the public `agreed fetch --json` record."""

    fetched: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    stopped: str | None = None
    requests: int = 0
    bytes: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {
            "fetched": self.fetched,
            "present": self.present,
            "missing": self.missing,
            "failed": self.failed,
            "stopped": self.stopped,
            "requests": self.requests,
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
        }

    def summary(self) -> str:
        line = (
            f"fetched {len(self.fetched)}, already present {len(self.present)}, "
            f"missing {len(self.missing)}, failed {len(self.failed)} "
            f"({self.requests} requests, {self.bytes:,} bytes, {self.seconds:.1f} s)"
        )
        return f"{line}; stopped: {self.stopped}" if self.stopped else line


def file_name(symbol: str) -> str:
    """A/RES/80/224 -> A_RES_80_224.pdf, A/C.3/74/L.11/Rev.1 -> A_C.3_74_L.11_Rev.1.pdf."""
    return re.sub(r"[^A-Za-z0-9.()\-]", "_", symbol.strip()).replace("/", "_") + ".pdf"


def expand(targets: Iterable[str]) -> list[str]:
    """Symbols and ranges ('A/RES/80/1..30', last part numeric) as symbols, each once, in order."""
    symbols: dict[str, None] = {}
    for target in targets:
        target = target.strip()
        match = _RANGE.match(target)
        if match:
            first, last = int(match["first"]), int(match["last"])
            if last < first or last - first > 10_000:
                raise BadTarget(f"{target}: a range runs upward, at most 10,000 symbols")
            for n in range(first, last + 1):
                symbols.setdefault(check_symbol(f"{match['stem']}{n}"), None)
        else:
            symbols.setdefault(check_symbol(target), None)
    return list(symbols)


def check_symbol(symbol: str) -> str:
    if not _SYMBOL.match(symbol) or "//" in symbol or ".." in symbol:
        raise BadTarget(f"{symbol!r} is not a UN document symbol (such as A/RES/80/224)")
    return symbol


def pattern_symbol(pattern: str, n: int) -> str:
    if pattern.count("{n}") != 1:
        raise BadTarget(f"{pattern!r}: a discovery pattern has one {{n}}, as in 'A/C.3/80/L.{{n}}'")
    return check_symbol(pattern.replace("{n}", str(n)))


def ods_url(base: str, symbol: str, language: str) -> str:
    query = urlencode({"s": symbol, "l": language, "t": "pdf"})
    return f"{base.rstrip('/')}/api/symbol/access?{query}"


def is_pdf(body: bytes) -> bool:
    return body[:1024].lstrip().startswith(b"%PDF-")


def is_complete_pdf(body: bytes) -> bool:
    """A PDF that ends: its end-of-file marker is in the last kilobyte."""
    return is_pdf(body) and b"%%EOF" in body[-1024:]


def present(path: Path) -> bool:
    """A file already fetched and whole: not fetched again."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
            handle.seek(max(0, path.stat().st_size - 1024))
            tail = handle.read()
    except OSError:
        return False
    return is_pdf(head) and b"%%EOF" in tail


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target under a hidden name, then rename: readers never see a partial file."""
    partial = path.with_name(f".{path.name}{PARTIAL}")
    try:
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def remove_partials(folder: Path) -> list[Path]:
    """Temporary files a killed run left behind."""
    stale = [p for p in folder.glob(f".*{PARTIAL}") if p.is_file()]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


class Fetcher:
    """Fetches symbols into one folder through one polite client."""

    def __init__(self, folder: Path, client: Client, base: str = ODS, language: str = "en"):
        self.folder = Path(folder)
        self.client, self.base, self.language = client, base, language
        self.folder.mkdir(parents=True, exist_ok=True)
        remove_partials(self.folder)
        self._stop = threading.Event()
        self._failures_in_a_row = 0
        self._stopped: str | None = None
        self._bytes = 0
        self._lock = threading.Lock()

    def fetch(self, symbols: list[str], progress: Progress | None = None) -> FetchReport:
        """Every symbol once; stops early (and says why) after GIVE_UP_AFTER failures in a row."""
        report = FetchReport()
        started, self._bytes = self.client.policy.clock(), 0
        outcomes = dict(self._run(symbols, progress))
        for symbol in symbols:
            if symbol in outcomes:
                _record(report, symbol, outcomes[symbol])
        return self._finish(report, started)

    def discover(
        self, pattern: str, start: int | None, max_misses: int, progress: Progress | None = None
    ) -> FetchReport:
        """Walk n upward until max_misses symbols in a row do not exist; remember the highest found."""
        report = FetchReport()
        started, self._bytes = self.client.policy.clock(), 0
        n = start if start is not None else self.highest(pattern) + 1
        misses = 0
        width = max(1, self.client.policy.connections)
        while misses < max_misses and not self._stop.is_set():
            window = [pattern_symbol(pattern, k) for k in range(n, n + width)]
            outcomes = dict(self._run(window, progress))
            for offset, symbol in enumerate(window):
                if symbol not in outcomes or misses >= max_misses:
                    continue
                outcome = outcomes[symbol]
                _record(report, symbol, outcome)
                if outcome == "missing":
                    misses += 1
                elif outcome in ("fetched", "present"):
                    misses = 0
                    self._remember(pattern, n + offset)
            n += width
        return self._finish(report, started)

    def highest(self, pattern: str) -> int:
        """The highest n fetched for this pattern: from the state file or the folder's file names."""
        state = self._state().get("discover", {}).get(pattern, 0)
        pattern_symbol(pattern, 0)  # checks the pattern
        left, right = pattern.split("{n}")
        prefix = file_name(left + "0")[: -len("0.pdf")]
        suffix = file_name("0" + right)[1:]
        expression = re.compile(f"^{re.escape(prefix)}(\\d+){re.escape(suffix)}$")
        on_disk = [
            int(m.group(1)) for p in self.folder.iterdir() if (m := expression.match(p.name))
        ]
        return max([state, *on_disk])

    def target(self, symbol: str) -> Path:
        """A_RES_80_224.pdf; another language than English gets its code: A_RES_80_224-FR.pdf."""
        name = file_name(symbol)
        if self.language.lower() != "en":
            name = f"{name[: -len('.pdf')]}-{self.language.upper()}.pdf"
        return self.folder / name

    def fetch_one(self, symbol: str) -> str | FetchError:
        """'fetched', 'present', 'missing', or the error that made it fail."""
        target = self.target(symbol)
        if present(target):
            return "present"
        url = ods_url(self.base, symbol, self.language)
        retries = self.client.policy.retries
        for attempt in range(retries + 1):
            try:
                response = self.client.get(url)
            except FetchError as error:
                return error
            if response.status in (404, 410):
                return "missing"
            if response.status != 200:
                return FetchError(f"HTTP {response.status}")
            if not is_pdf(response.body):
                return "missing"  # ODS answers an unknown symbol with an HTML page
            if is_complete_pdf(response.body):
                self._save(target, symbol, url, response)
                return "fetched"
            if attempt < retries:
                self.client.policy.sleep(self.client.policy.backoff * 2**attempt)
        return FetchError("PDF incomplete (no end-of-file marker)")

    def _run(self, symbols: list[str], progress: Progress | None) -> Iterator[tuple[str, object]]:
        """(symbol, outcome) for each symbol, on up to `connections` threads."""
        queue = list(reversed(symbols))
        results: list[tuple[str, object]] = []
        done = [0]

        def work() -> None:
            while not self._stop.is_set():
                with self._lock:
                    if not queue:
                        return
                    symbol = queue.pop()
                try:
                    outcome: object = self.fetch_one(symbol)
                except Exception as error:  # a bad redirect target, a full disk: this symbol fails
                    outcome = FetchError(f"{type(error).__name__}: {error}")
                with self._lock:
                    results.append((symbol, outcome))
                    done[0] += 1
                    self._count_failure(outcome)
                    if progress is not None:
                        progress(done[0], len(symbols), symbol)

        workers = [
            threading.Thread(target=work, daemon=True)
            for _ in range(min(self.client.policy.connections, len(symbols)))
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        yield from results

    def _count_failure(self, outcome: object) -> None:
        if isinstance(outcome, FetchError):
            self._failures_in_a_row += 1
            if self._failures_in_a_row >= GIVE_UP_AFTER and not self._stop.is_set():
                self._stopped = (
                    f"{self._failures_in_a_row} documents in a row failed (last: {outcome}); "
                    "the service may be down or refusing us: try again later"
                )
                self._stop.set()
        else:
            self._failures_in_a_row = 0

    def _finish(self, report: FetchReport, started: float) -> FetchReport:
        report.stopped = self._stopped
        report.requests = self.client.requests
        report.bytes = self._bytes
        report.seconds = self.client.policy.clock() - started
        return report

    def _save(self, target: Path, symbol: str, url: str, response: Response) -> None:
        write_atomically(target, response.body)
        sidecar = target.with_name(target.name[: -len(".pdf")] + ".meta.json")
        record = _read_json(sidecar)
        record["fetched"] = {
            "symbol": symbol,
            "source_url": response.url,
            "requested_url": url,
            "language": self.language,
            "retrieved": datetime.now(UTC).isoformat(timespec="seconds"),
            "bytes": len(response.body),
            "sha256": hashlib.sha256(response.body).hexdigest(),
        }
        write_atomically(sidecar, json.dumps(record, indent=2).encode())
        with self._lock:
            self._bytes += len(response.body)

    def _state(self) -> dict:
        return _read_json(self.folder / STATE_FILE)

    def _remember(self, pattern: str, n: int) -> None:
        with self._lock:
            state = self._state()
            found = state.setdefault("discover", {})
            if n > found.get(pattern, 0):
                found[pattern] = n
                write_atomically(self.folder / STATE_FILE, json.dumps(state, indent=2).encode())


def _record(report: FetchReport, symbol: str, outcome: object) -> None:
    if isinstance(outcome, FetchError):
        report.failed.append({"symbol": symbol, "error": str(outcome)})
    else:
        getattr(report, str(outcome)).append(symbol)


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
