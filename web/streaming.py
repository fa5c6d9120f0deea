"""Streamed downloads that complete or visibly fail, and never hold a worker for a client that stopped reading.

A stream that breaks off (an error while producing rows, a reader stalled past STREAM_STALL_SECONDS) ends
with a TCP reset: an HTTP/1.1 client sees an unterminated chunked body, an HTTP/1.0 client a reset
connection, never a clean end of a short file. A stream that completes is closed normally.
"""

from __future__ import annotations

import contextlib
import socket
import struct
from collections.abc import Callable, Iterable, Iterator

from flask import Response, current_app, request, stream_with_context

from search.budget import Budget
from web import limits

STALL_SECONDS = 30  # a download whose reader takes nothing for this long is reset
STREAMS_PER_WORKER = 8  # downloads running at once per worker process; more wait, then 503
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
    fair = Budget(None)  # no deadline: a healthy stream runs on, but lets other requests in
    try:
        for chunk in chunks:
            yield chunk
            fair.spent()
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


def _set_option(connection: socket.socket | None, option: int, value: bytes | int) -> None:
    if connection is None:
        return
    with contextlib.suppress(OSError):  # not TCP (a unix socket): chunked framing still tells
        connection.setsockopt(socket.SOL_SOCKET, option, value)
