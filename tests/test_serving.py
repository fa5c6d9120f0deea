"""The serving model under hostile and unlucky clients: slow or idle connections, stalled and broken downloads."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.exceptions import ServiceUnavailable

from tests.web_support import free_port, running_server
from web import limits, streaming

ROOT = Path(__file__).resolve().parents[1]

# A tiny app served by the project's own Server and gunicorn options, so the shared streaming
# mechanism (web/streaming.py) is exercised over real sockets with failures we can provoke.
STREAM_APP = textwrap.dedent(
    """
    import sys, time
    from flask import Flask
    from web import streaming
    from web.cli import Server, gunicorn_options

    def factory():
        app = Flask("streams")
        app.config["STREAM_STALL_SECONDS"] = 1

        def rows(count, pause=0.0, fail=False):
            for number in range(count):
                if pause:
                    time.sleep(pause)
                yield f"{number}," + "x" * 200 + "\\n"
            if fail:
                raise RuntimeError("the index vanished mid-export")

        @app.get("/broken")
        def broken():
            return streaming.streamed(lambda: rows(2000, fail=True), "text/csv")

        @app.get("/slow")
        def slow():  # 4 s of steady output, past the 2 s worker timeout
            return streaming.streamed(lambda: rows(400, pause=0.01), "text/csv")

        @app.get("/endless")
        def endless():
            return streaming.streamed(lambda: rows(10**9), "text/csv")

        def busy_rows(count):
            for number in range(count):
                began = time.perf_counter()
                while time.perf_counter() - began < 0.001:
                    pass  # a millisecond of CPU per row, as an export's rows cost
                yield f"{number}\\n"

        @app.get("/busy")
        def busy():
            return streaming.streamed(lambda: busy_rows(1500), "text/csv")

        @app.get("/ping")
        def ping():
            return "pong"

        return app

    options = gunicorn_options(int(sys.argv[1]), 1) | {"timeout": 2, "graceful_timeout": 1}
    Server(options, None, factory=factory).run()
    """
)


@contextmanager
def stream_server() -> Iterator[int]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-c", STREAM_APP, str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        process.wait(timeout=15)


def _read_http11(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection.request("GET", path)
    response = connection.getresponse()
    assert response.status == 200 and response.getheader("Transfer-Encoding") == "chunked"
    try:
        return response.read()
    finally:
        connection.close()


def _read_http10(port: int, path: str) -> bytes:
    """HTTP/1.0 has no chunked framing: only a reset can tell the client the body is short."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as client:
        client.sendall(f"GET {path} HTTP/1.0\r\n\r\n".encode())
        received = b""
        while chunk := client.recv(65536):
            received += chunk
        return received


def test_a_failing_stream_is_an_error_for_every_client() -> None:
    with stream_server() as port:
        with pytest.raises((http.client.IncompleteRead, ConnectionResetError)):
            _read_http11(port, "/broken")
        with pytest.raises(ConnectionResetError):
            _read_http10(port, "/broken")


def test_a_healthy_stream_outlives_the_worker_timeout() -> None:
    with stream_server() as port:
        body = _read_http11(port, "/slow")
        assert body.count(b"\n") == 400 and body.startswith(b"0,") and b"\n399," in body


def test_a_reader_that_stalls_is_reset_and_frees_the_worker() -> None:
    with stream_server() as port:
        stalled = []
        for _ in range(2):
            client = socket.create_connection(("127.0.0.1", port))
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            client.sendall(b"GET /endless HTTP/1.1\r\nHost: t\r\n\r\n")
            stalled.append(client)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=5) as response:
            assert response.read() == b"pong"  # the only worker still answers
        time.sleep(3)  # past the 1 s stall allowance
        for client in stalled:
            client.settimeout(10)
            with pytest.raises(ConnectionResetError):
                while client.recv(1 << 20):
                    pass
            client.close()


def test_idle_and_slow_connections_do_not_hold_the_service(sample_index: Path) -> None:
    """Half-sent requests and non-reading downloads: /healthz and a search still answer."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("AGREED_")}
    arguments = ["--index", str(sample_index), "--port", str(port), "--workers", "1"]
    with running_server(arguments, env, port) as base:
        held = []
        for _ in range(40):
            client = socket.create_connection(("127.0.0.1", port))
            client.sendall(b"GET /healthz HTTP/1.1\r\n")  # and never the rest
            held.append(client)
        for _ in range(2):
            client = socket.create_connection(("127.0.0.1", port))
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            client.sendall(b"GET /export.csv HTTP/1.1\r\nHost: t\r\n\r\n")  # never read
            held.append(client)
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                assert json.load(response)["status"] == "ok"
            with urllib.request.urlopen(f"{base}/search.json?q=women", timeout=5) as response:
                assert json.load(response)["total"] > 0
            # a half-sent request is dropped once the header allowance (keepalive) has passed
            held[0].settimeout(15)
            assert held[0].recv(1024) == b""
        finally:
            for client in held:
                client.close()


def _turn_taken() -> bool:
    """Whether some stream of this process is computing now (its turn cannot be had)."""
    try:
        release = limits.take("TURNS_PER_WORKER", streaming.TURNS_PER_WORKER)
    except ServiceUnavailable:
        return True
    release()
    return False


def test_streams_compute_in_short_turns_and_send_outside_them() -> None:
    """Rows are computed holding the worker's one turn, a few ms at a time, and sent without it."""
    app = Flask("turns")
    app.config["SLOT_WAIT_SECONDS"] = 0.01
    taken_while_computing = []

    def rows() -> Iterator[str]:
        for number in range(40):
            taken_while_computing.append(_turn_taken())
            time.sleep(0.001)  # 40 ms of work in all: several turns of TURN_SECONDS
            yield f"{number}\n"

    sent = []
    with app.app_context():
        for chunk in streaming._in_turns(rows()):
            sent.append((chunk, _turn_taken()))
    assert [chunk for chunk, _ in sent] == [f"{number}\n" for number in range(40)]
    assert all(taken_while_computing)
    assert not any(taken for _, taken in sent)


def test_concurrent_streams_take_turns_instead_of_running_one_after_the_other() -> None:
    """A second download starts sending while the first is still running (one worker, CPU-bound rows)."""
    with stream_server() as port:
        first = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        first.request("GET", "/busy")
        response = first.getresponse()
        response.read(10)  # the first stream is under way
        finished: list[float] = []

        def read_the_rest() -> None:
            response.read()
            finished.append(time.monotonic())

        reader = threading.Thread(target=read_the_rest)
        reader.start()
        second = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        second.request("GET", "/busy")
        assert second.getresponse().read(2) == b"0\n"
        second_started = time.monotonic()
        reader.join()
        first.close()
        second.close()
        assert second_started < finished[0]
