"""Streamed downloads that complete or visibly fail, and never hold a worker for a client that stopped reading.

A stream that breaks off (an error while producing rows, a reader stalled past STREAM_STALL_SECONDS) ends
with a TCP reset: an HTTP/1.1 client sees an unterminated chunked body, an HTTP/1.0 client a reset
connection, never a clean end of a short file. A stream that completes is closed normally.

Streams compute in turns: one at a time per worker, a few milliseconds each, with the sockets polled
before every turn. Eight downloads starting together would otherwise all be ready to run at once,
and a /healthz or a search arriving then would wait for every one of their steps.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from flask import Response, current_app, request, stream_with_context

from search.budget import PAUSE_SECONDS
from web import limits

STALL_SECONDS = 30  # a download whose reader takes nothing for this long is reset
STREAMS_PER_WORKER = 8  # downloads running at once per worker process; more wait, then 503
TURNS_PER_WORKER = 1  # streams computing at once per worker process; the others wait their turn
TURN_SECONDS = 0.005  # of computing rows in one turn
SEND_BUFFER = 128 * 1024  # bytes a stream may run ahead of its reader: bounds work and memory
_RESET = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 s: close() sends RST, unsent data is dropped
_GRACEFUL = struct.pack("ii", 0, 0)


def streamed(
    chunks: Callable[[], Iterable[str]], mimetype: str, filename: str | None = None
) -> Response:
    """A response for a long download (export.csv): chunks are produced while the client reads.

    `chunks` is called only once a slot is taken, so a refused download costs no search; it is called
    before the response starts, so what it refuses (a partial index) is answered as an error, not a cut.
    """
    release = limits.take("STREAMS_PER_WORKER", STREAMS_PER_WORKER)
    try:
        with _turn():  # the first search (every match at once) is the longest step
            produced = chunks()
    except BaseException:
        release()
        raise
    connection = request.environ.get("gunicorn.socket")
    stall = float(current_app.config.get("STREAM_STALL_SECONDS", STALL_SECONDS))
    body = stream_with_context(_guarded(produced, connection, stall, release))
    response = Response(body, mimetype=mimetype)
    response.call_on_close(release)  # also when the body never started (client gone at once)
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _guarded(
    chunks: Iterable[str],
    connection: socket.socket | None,
    stall: float,
    release: Callable[[], None],
) -> Iterator[str]:
    """While the stream runs, any close of the connection is a reset; it becomes graceful once done."""
    _set_option(connection, socket.SO_LINGER, _RESET)
    _set_option(connection, socket.SO_SNDBUF, SEND_BUFFER)
    if connection is not None:
        # each chunk is one row, so the send timeout is a stall timeout: a reader that takes no
        # bytes for `stall` seconds gets a reset and frees the worker (the server closes on timeout)
        connection.settimeout(stall)
    try:
        yield from _in_turns(iter(chunks))
    except GeneratorExit:  # the server stopped reading us (client gone): nothing more to say
        raise
    except Exception:
        current_app.logger.exception("stream %s broke off; resetting the connection", request.path)
        if connection is not None:
            connection.close()  # RST now, before the server's own shutdown could send a clean FIN
        raise
    finally:
        release()
    _set_option(connection, socket.SO_LINGER, _GRACEFUL)


@contextmanager
def _turn() -> Iterator[None]:
    """This worker's one computing stream; the others wait (a greenlet each), then 503 mid-stream.

    The pause comes before the turn is asked for: a timer, so the event loop polls the sockets and
    wakes the stream that waited longest first (asked at once, a stream took its turn straight back).
    """
    time.sleep(PAUSE_SECONDS)
    release = limits.take("TURNS_PER_WORKER", TURNS_PER_WORKER)
    try:
        yield
    finally:
        release()


def _in_turns(chunks: Iterator[str]) -> Iterator[str]:
    """The chunks, computed TURN_SECONDS at a time inside a turn and sent outside it."""
    while True:
        with _turn():
            produced = list(_for_a_while(chunks, TURN_SECONDS))
        if not produced:
            return
        yield from produced


def _for_a_while(chunks: Iterator[str], seconds: float) -> Iterator[str]:
    ends = time.monotonic() + seconds
    for chunk in chunks:
        yield chunk
        if time.monotonic() >= ends:
            return


def _set_option(connection: socket.socket | None, option: int, value: bytes | int) -> None:
    if connection is None:
        return
    with contextlib.suppress(OSError):  # not TCP (a unix socket): chunked framing still tells
        connection.setsockopt(socket.SOL_SOCKET, option, value)
