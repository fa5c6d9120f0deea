"""The README's commands are the Makefile's: every `make X` exists, and the first-run variants do what it says."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from tests.make_support import make

README = (ROOT / "README.md").read_text(encoding="utf-8")


def dry_run(*arguments: str) -> str:
    """What `make -n ARGS` would run."""
    result = make("-n", *arguments)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("target", sorted(set(re.findall(r"`(?:[A-Z]+=\S* )?make (\w+)", README))))
def test_every_make_target_the_readme_names_exists(target: str) -> None:
    dry_run(target)


def test_port_variable_reaches_agreed_serve() -> None:
    assert "PORT=18801 make run" in README
    assert "--port 18801" in dry_run("run", "PORT=18801")


def test_make_test_installs_debs_and_debs_empty_installs_nothing() -> None:
    assert "root or sudo" in README and "python3-venv" in README and "`make test DEBS=`" in README
    assert '"chromium: ' in dry_run("test")
    assert "chromium" not in dry_run("test", "DEBS=")
