"""A polite HTTP client for UN services: rate-limited, at most N connections, retries with backoff.

Written on http.client so every behaviour a real network demands is explicit and testable: redirects
(with a limit), Retry-After on 429/503, timeouts, bodies shorter than their Content-Length. The clock
and the sleep are injectable so tests run the backoff and the rate limit without waiting.
"""

from __future__ import annotations

import contextlib
import email.utils
import http.client
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit

RETRIED_STATUSES = (429, 500, 502, 503, 504)
CHUNK = 1 << 16


def user_agent() -> str:
    """agreed/VERSION and where to read about it: a service operator can tell who is calling."""
    try:
        release = version("agreed")
    except PackageNotFoundError:  # running from a checkout without `make install`
        release = "0"
    return f"agreed/{release} (full-text search over UN resolutions; python http.client)"


@dataclass
class Policy:
    """How hard the client may press a service; the defaults are the polite ones."""

    rate: float = 1.0  # requests per second, over all connections
    connections: int = 2
    timeout: float = 30.0  # seconds for connecting and for each read
    retries: int = 4  # further attempts after a retried failure
    backoff: float = 2.0  # first wait; doubles with each retry
    max_wait: float = 300.0  # longest Retry-After honoured; longer is a failure
    max_redirects: int = 5
    max_bytes: int = 200_000_000
    max_seconds: float = 600.0  # one response, start to end: a server trickling bytes is cut off
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic


class FetchError(Exception):
    """A request that failed after its retries (or could not be retried)."""


@dataclass
class Response:
    status: int
    url: str  # after redirects
    headers: dict[str, str]
    body: bytes
    attempts: int = 1


class RateLimiter:
    """Start requests no closer than 1/rate seconds apart, whichever connection sends them."""

    def __init__(self, rate: float, clock: Callable[[], float], sleep: Callable[[float], None]):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._clock, self._sleep = clock, sleep
        self._next = float("-inf")
        self._lock = threading.Lock()

    def wait(self) -> float:
        """Block until this request may start; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.interval
        delay = start - now
        if delay > 0:
            self._sleep(delay)
        return delay


@dataclass
class Client:
    """GET with the policy's limits; one kept-alive connection per worker thread."""

    policy: Policy = field(default_factory=Policy)
    agent: str = field(default_factory=user_agent)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.policy.rate, self.policy.clock, self.policy.sleep)
        self._local = threading.local()
        self._connections: set[http.client.HTTPConnection] = set()
        self._lock = threading.Lock()
        self.requests = 0

    def get(self, url: str) -> Response:
        """The final response after redirects; retried statuses and network errors are retried."""
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._follow(url)
            except (OSError, http.client.HTTPException, TruncatedBody) as error:
                reason = describe(error)
                if attempt > self.policy.retries:
                    raise FetchError(f"{reason} (after {attempt} attempts)") from error
                self.policy.sleep(self._backoff(attempt))
                continue
            if response.status not in RETRIED_STATUSES:
                response.attempts = attempt
                return response
            if attempt > self.policy.retries:
                raise FetchError(f"HTTP {response.status} (after {attempt} attempts)")
            wait = retry_after(response.headers.get("retry-after"), self._backoff(attempt))
            if wait > self.policy.max_wait:
                raise FetchError(f"HTTP {response.status}: asked to wait {wait:.0f} s")
            self.policy.sleep(wait)

    def close(self) -> None:
        """Close every connection; a shutdown first wakes a worker blocked reading from it."""
        with self._lock:
            connections = list(self._connections)
            self._connections.clear()
        for connection in connections:
            if connection.sock is not None:
                with contextlib.suppress(OSError):
                    connection.sock.shutdown(socket.SHUT_RDWR)
            connection.close()

    def _backoff(self, attempt: int) -> float:
        return self.policy.backoff * 2 ** (attempt - 1)

    def _follow(self, url: str) -> Response:
        for _ in range(self.policy.max_redirects + 1):
            status, headers, body = self._request(url)
            location = headers.get("location")
            if status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            return Response(status, url, headers, body)
        raise FetchError(f"more than {self.policy.max_redirects} redirects")

    def _request(self, url: str) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) URL: {url}")
        connection = self._connection(parts.scheme, parts.hostname, parts.port)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        self.limiter.wait()
        self.requests += 1
        try:
            connection.request("GET", target, headers={"User-Agent": self.agent})
            response = connection.getresponse()
            headers = {key.lower(): value for key, value in response.getheaders()}
            deadline = self.policy.clock() + self.policy.max_seconds
            body = _read_body(response, headers, self.policy, deadline)
        except BaseException:
            self._drop(connection)
            raise
        if response.will_close:
            self._drop(connection)
        return response.status, headers, body

    def _connection(self, scheme: str, host: str, port: int | None) -> http.client.HTTPConnection:
        """This thread's connection, replaced when the host changes: never more than one per worker."""
        key = (scheme, host, port)
        current = getattr(self._local, "connection", None)
        if current is not None and self._local.key == key:
            return current
        if current is not None:
            self._drop(current)
        kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
        connection = kind(host, port, timeout=self.policy.timeout)
        self._local.connection, self._local.key = connection, key
        with self._lock:
            self._connections.add(connection)
        return connection

    def _drop(self, connection: http.client.HTTPConnection) -> None:
        connection.close()
        with self._lock:
            self._connections.discard(connection)
        if getattr(self._local, "connection", None) is connection:
            self._local.connection = None


class TruncatedBody(Exception):
    """The connection ended before Content-Length bytes arrived."""


def _read_body(
    response: http.client.HTTPResponse, headers: dict[str, str], policy: Policy, deadline: float
) -> bytes:
    """The whole body in chunks, within the size and time limits, as long as Content-Length says."""
    expected = headers.get("content-length")
    chunks: list[bytes] = []
    size = 0
    while True:
        try:
            chunk = response.read1(CHUNK) if size < policy.max_bytes else b""
        except http.client.IncompleteRead as error:
            size += len(error.partial)
            raise TruncatedBody(f"body cut short: {size} of {expected or '?'} bytes") from error
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(f"body larger than {policy.max_bytes} bytes")
        if policy.clock() > deadline:
            raise TimeoutError(f"body not complete after {policy.max_seconds:.0f} s")
    if expected and expected.isdigit() and size != int(expected):
        raise TruncatedBody(f"body cut short: {size} of {expected} bytes")
    response.close()  # read to the end: the kept-alive connection is free for the next request
    return b"".join(chunks)


def retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), else the default."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def describe(error: BaseException) -> str:
    """A short reason for a report: 'timed out', 'connection refused', 'body cut short: ...'."""
    if isinstance(error, TimeoutError | socket.timeout):
        return str(error) if str(error) not in ("", "timed out") else "timed out"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, TruncatedBody):
        return str(error)
    return f"{type(error).__name__}: {error}".rstrip(": ")
