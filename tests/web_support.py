"""Shared by the web tests that run `agreed serve` as a real process."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(
    arguments: list[str], env: dict[str, str], port: int, log: IO[bytes] | None = None
) -> Iterator[str]:
    """`agreed serve ARGS` as a child process; yields its base URL once /healthz answers, then stops it.

    log: a file that receives everything the server prints (access and error logs).
    """
    agreed = shutil.which("agreed", path=str(Path(sys.executable).parent)) or "agreed"
    process = subprocess.Popen(
        [agreed, "serve", *arguments],
        env=env,
        stdout=log if log is not None else subprocess.DEVNULL,
        stderr=log if log is not None else subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_serving(base: str, process: subprocess.Popen) -> None:
    for _ in range(150):
        if process.poll() is not None:
            error = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"agreed serve exited: {error}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("agreed serve did not answer /healthz within 15 s")
