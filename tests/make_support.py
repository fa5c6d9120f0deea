"""Run `make` from a test as a user's shell would, whatever the outer `make test` was given."""

from __future__ import annotations

import os
import subprocess

from tests.conftest import ROOT

# Variables an outer `make test VAR=...` exports to the tests, which the Makefile would read again.
OUTER = {
    "MAKEFLAGS",
    "MFLAGS",
    "MAKELEVEL",
    "DEBS",
    "DEBS_FORCE",
    "APT_GET",
    "APT_WAIT",
    "PORT",
    "INDEX",
}


def make(*arguments: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in OUTER}
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
