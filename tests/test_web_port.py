"""`agreed serve` on a taken port: one line naming the holder and the option to change, no gunicorn retries."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.web_support import free_port
from web.port import Holder, PortUnavailable, check_port, port_holder

LISTENER = """
import socket, sys, time
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen()
print(server.getsockname()[1], flush=True)
time.sleep(60)
"""


def test_serve_says_who_holds_the_port_and_exits(sample_index: Path) -> None:
    listener = subprocess.Popen([sys.executable, "-c", LISTENER], stdout=subprocess.PIPE, text=True)
    try:
        port = int(listener.stdout.readline()) if listener.stdout else 0
        agreed = Path(sys.executable).parent / "agreed"
        started = time.monotonic()
        result = subprocess.run(
            [str(agreed), "serve", "--index", str(sample_index), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        seconds = time.monotonic() - started
    finally:
        listener.kill()
        listener.wait()
    assert result.returncode == 1
    error = result.stderr
    assert f"port {port} on 127.0.0.1 is already in use by process {listener.pid} (" in error
    assert "choose another port with --port N (or AGREED_PORT=N, or PORT=N make run)" in error
    assert "gunicorn" not in error and "Traceback" not in error
    assert seconds < 10  # gunicorn alone would retry for 5 s before giving up


def test_a_free_port_passes_and_has_no_holder() -> None:
    port = free_port()
    check_port("127.0.0.1", port)
    assert port_holder(port) is None


def test_the_holder_may_be_this_very_process() -> None:
    import socket

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        with pytest.raises(PortUnavailable, match=f"in use by process {os.getpid()} "):
            check_port("127.0.0.1", port)


TCP_HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"


def fake_proc(tmp_path: Path, table: str, local: str, state: str) -> Path:
    """A /proc with one socket in net/<table> (inode 777) held by process 4242 (`gunicorn: master`)."""
    (tmp_path / "net").mkdir()
    line = f"   0: {local} 00000000:0000 {state} 00000000:00000000 00:00000000 00000000     0        0 777 1\n"
    (tmp_path / "net" / table).write_text(TCP_HEADER + line)
    (tmp_path / "4242" / "fd").mkdir(parents=True)
    (tmp_path / "4242" / "fd" / "3").symlink_to("socket:[777]")
    (tmp_path / "4242" / "cmdline").write_bytes(b"gunicorn: master [agreed]\0")
    (tmp_path / "99" / "fd").mkdir(parents=True)  # a process holding nothing
    return tmp_path


@pytest.mark.parametrize(
    ("table", "local", "state", "expected"),
    [
        ("tcp", "0100007F:4962", "0A", Holder(4242, "gunicorn: master [agreed]")),
        (
            "tcp6",
            "00000000000000000000000000000000:4962",
            "0A",
            Holder(4242, "gunicorn: master [agreed]"),
        ),
        ("tcp", "0100007F:4962", "01", None),  # an established connection, not a listener
        ("tcp", "0100007F:4963", "0A", None),  # another port
    ],
)
def test_port_holder_reads_proc(
    tmp_path: Path, table: str, local: str, state: str, expected: Holder | None
) -> None:
    assert port_holder(0x4962, fake_proc(tmp_path, table, local, state)) == expected
