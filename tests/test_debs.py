"""`make debs`: the Debian step of `make test` says what it installs, waits for apt's lock, skips without apt."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.make_support import make

FRONTEND_LOCK = Path("/var/lib/dpkg/lock-frontend")
# Holds the lock as apt and dpkg do (an fcntl record lock), reports when held, keeps it for argv[2] s.
HOLDER = """
import fcntl, sys, time
handle = open(sys.argv[1], "a")
deadline = time.monotonic() + 120
while True:
    try:
        fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit("a real apt kept the lock for 120 s")
        time.sleep(0.5)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""
real_apt = pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("apt-get") or not FRONTEND_LOCK.exists(),
    reason="needs root on a Debian machine with apt-get, to hold dpkg's own lock",
)


def make_debs(*arguments: str) -> subprocess.CompletedProcess:
    return make("debs", *arguments)


@contextmanager
def dpkg_lock_held(seconds: float) -> Iterator[int]:
    """Another process holds dpkg's frontend lock for `seconds`; yields its pid."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(FRONTEND_LOCK), str(seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = holder.stdout.readline() if holder.stdout else ""
        if line.strip() != "held":
            pytest.fail(
                f"could not take the dpkg lock: {holder.stderr.read() if holder.stderr else ''}"
            )
        yield holder.pid
    finally:
        holder.kill()
        holder.wait(timeout=10)


@real_apt
def test_waits_for_another_apt_then_succeeds() -> None:
    # dpkg is always installed: DEBS_FORCE runs apt-get anyway, and --no-upgrade leaves it as it is.
    with dpkg_lock_held(4):
        started = time.monotonic()
        result = make_debs("DEBS=dpkg", "DEBS_FORCE=1", "APT_WAIT=60")
        waited = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    assert waited > 3
    assert result.stdout.index("make debs: installing dpkg") < result.stdout.index("Waiting for")
    assert "make debs: installed dpkg" in result.stdout


@real_apt
def test_gives_up_after_apt_wait_and_says_what_to_do() -> None:
    with dpkg_lock_held(20) as pid:
        started = time.monotonic()
        result = make_debs("DEBS=dpkg", "DEBS_FORCE=1", "APT_WAIT=1")
        assert time.monotonic() - started < 15
    assert result.returncode != 0
    assert "apt stayed busy for 1s" in result.stdout
    assert f"held by process {pid}" in result.stdout
    assert "run `make test` again" in result.stdout


def test_without_apt_it_skips_with_the_reason() -> None:
    result = make_debs("APT_GET=/nonexistent/apt-get", "DEBS_FORCE=1")
    assert result.returncode == 0, result.stderr
    assert "skipped: no apt-get on this machine to install chromium" in result.stdout
    assert "chromium: the browser tests drive Debian's Chromium" in result.stdout


def test_says_nothing_when_everything_is_installed() -> None:
    if not shutil.which("dpkg-query"):
        pytest.skip("no dpkg-query: not a Debian machine")
    result = make_debs("DEBS=dpkg", "APT_GET=/nonexistent/apt-get")
    assert result.returncode == 0 and result.stdout == ""


FAKE_APT = """#!/bin/sh
# Stands in for apt-get: `update` finds the lists locked the first time, `install` does what $2 says.
case "$*" in
*update*)
    if [ ! -e "$0.updated" ]; then
        touch "$0.updated"
        echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)"
        exit 100
    fi
    echo "fake update done" ;;
*install*) echo "fake install: $*"; [ "$FAKE_INSTALL" = ok ] || { echo "E: broken"; exit 100; } ;;
esac
"""


@pytest.mark.parametrize(
    ("install", "code", "last_line"),
    [
        ("ok", 0, "make debs: installed agreed-no-such-package"),
        ("fail", 2, "`make test DEBS=` to skip the tests that need them"),
    ],
)
def test_retries_update_while_the_lists_are_locked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, install: str, code: int, last_line: str
) -> None:
    if os.geteuid() != 0:
        pytest.skip("the fake apt-get would run under sudo")
    fake = tmp_path / "apt-get"
    fake.write_text(FAKE_APT)
    fake.chmod(0o755)
    monkeypatch.setenv("FAKE_INSTALL", install)
    result = make_debs("DEBS=agreed-no-such-package", f"APT_GET={fake}", "APT_WAIT=30")
    assert result.returncode == code, result.stdout + result.stderr
    output = result.stdout
    assert (
        output.index("Could not get lock") < output.index("retrying") < output.index("fake update")
    )
    assert "fake install:" in output and "--no-upgrade agreed-no-such-package" in output
    assert output.rstrip().endswith(last_line)
