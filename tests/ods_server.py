"""A local stand-in for UN ODS and iGov: serves PDFs by symbol and misbehaves on request.

`/api/symbol/access?s=SYMBOL&l=en&t=pdf` redirects to `/files/NAME.pdf` like ODS does. Each symbol can be
given a script of misbehaviours consumed one per request: "404", "html" (an HTML error page with status
200), "429:N" / "503:N" (with Retry-After N), "500", "truncate" (fewer bytes than Content-Length), "stall"
(answer nothing for `stall_seconds`), "loop" (redirect to itself), "partial-then-stall" (half the body,
then nothing), "trickle" (the whole body, slowly). It records every request and the most connections open at once.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def pdf_bytes(symbol: str, size: int = 2000) -> bytes:
    """A small well-formed-looking PDF whose body names the symbol."""
    body = f"%PDF-1.7\n% {symbol}\n".encode()
    filler = b"0" * max(0, size - len(body) - 7)
    return body + filler + b"\n%%EOF\n"


@dataclass
class Recorded:
    path: str
    agent: str
    at: float


@dataclass
class FakeUN:
    """The server's state: documents, scripts, agendas, and what it saw."""

    documents: dict[str, bytes] = field(default_factory=dict)
    scripts: dict[str, list[str]] = field(default_factory=dict)
    agendas: dict[int, bytes] = field(default_factory=dict)
    missing_as_html: bool = False  # unknown symbols answer an HTML page (200) instead of a 404
    delay: float = 0.0  # seconds before each answer
    stall_seconds: float = 3.0
    requests: list[Recorded] = field(default_factory=list)
    open_connections: int = 0
    max_connections: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, *symbols: str, size: int = 2000) -> None:
        for symbol in symbols:
            self.documents[symbol] = pdf_bytes(symbol, size)

    def next_step(self, symbol: str) -> str | None:
        with self.lock:
            script = self.scripts.get(symbol)
            return script.pop(0) if script else None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def setup(self) -> None:
        super().setup()
        state = self.server.state
        with state.lock:
            state.open_connections += 1
            state.max_connections = max(state.max_connections, state.open_connections)

    def finish(self) -> None:
        state = self.server.state
        with state.lock:
            state.open_connections -= 1
        super().finish()

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        state = self.server.state
        with state.lock:
            state.requests.append(
                Recorded(self.path, self.headers.get("User-Agent", ""), time.monotonic())
            )
        if state.delay:
            time.sleep(state.delay)
        url = urlsplit(self.path)
        if url.path == "/api/symbol/access":
            self._access(parse_qs(url.query).get("s", [""])[0])
        elif url.path.startswith("/files/"):
            self._file(url.path[len("/files/") :])
        elif url.path.startswith("/igov/api/getlookups/getAgendas/"):
            session = url.path.rsplit("/", 1)[-1]
            body = state.agendas.get(int(session)) if session.isdigit() else None
            self._send(200, body, "application/json") if body else self._send(404, b"[]")
        else:
            self._send(404, b"not found")

    def _access(self, symbol: str) -> None:
        state = self.server.state
        step = state.next_step(symbol)
        if step == "loop":
            return self._redirect(self.path)
        if step and self._misbehave(step):
            return None
        if symbol not in state.documents:
            if state.missing_as_html:
                return self._send(200, b"<!DOCTYPE html><html><body>Not found</body></html>")
            return self._send(404, b"<html>no such document</html>", "text/html")
        return self._redirect("/files/" + symbol.replace("/", "_") + ".pdf")

    def _file(self, name: str) -> None:
        state = self.server.state
        symbol = next((s for s in state.documents if s.replace("/", "_") + ".pdf" == name), None)
        if symbol is None:
            return self._send(404, b"gone")
        step = state.next_step("file:" + symbol)
        if step and self._misbehave(step, state.documents[symbol]):
            return None
        return self._send(200, state.documents[symbol], "application/pdf")

    def _misbehave(self, step: str, body: bytes = b"") -> bool:
        state = self.server.state
        kind, _, argument = step.partition(":")
        if kind in ("429", "503", "500"):
            headers = {"Retry-After": argument} if argument else {}
            self._send(int(kind), b"busy", headers=headers)
        elif kind == "404":
            self._send(404, b"no")
        elif kind == "html":
            self._send(200, b"<!DOCTYPE html><html><body>Error</body></html>", "text/html")
        elif kind == "truncate":
            self._head(200, len(body) or 1000, "application/pdf", close=True)
            self.wfile.write((body or b"%PDF-1.7\n" * 100)[: len(body) // 2 or 100])
            self.close_connection = True
        elif kind == "stall":
            time.sleep(state.stall_seconds)
            self.close_connection = True
        elif kind == "trickle":  # every byte eventually, 100 at a time, 20 times a second
            self._head(200, len(body), "application/pdf")
            for start in range(0, len(body), 100):
                self.wfile.write(body[start : start + 100])
                self.wfile.flush()
                time.sleep(0.05)
        elif kind == "partial-then-stall":
            self._head(200, len(body), "application/pdf")
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            time.sleep(state.stall_seconds)
            self.close_connection = True
        else:
            return False
        return True

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _head(self, status: int, length: int, kind: str, close: bool = False, headers=None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
        self.end_headers()

    def _send(self, status: int, body: bytes, kind: str = "text/html", headers=None) -> None:
        self._head(status, len(body), kind, headers=headers)
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: FakeUN):
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = state

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def serve(state: FakeUN) -> Server:
    """Start the server on a free loopback port in a daemon thread; call .shutdown() when done."""
    server = Server(state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
