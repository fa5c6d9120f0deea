"""Shared by the web tests: the sample index (the engines helper's fixture, or one local build)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest

_LOCAL: list[Path] = []


def sample_index_for(request: pytest.FixtureRequest) -> Path:
    """The conftest's sample_index when present; otherwise the same corpus built here once per run."""
    try:
        return request.getfixturevalue("sample_index")
    except pytest.FixtureLookupError:
        pass
    if not _LOCAL:
        from indexer.build import build_index
        from tests.conftest import SAMPLE

        index_dir = Path(tempfile.mkdtemp(prefix="agreed-web-index-"))
        atexit.register(shutil.rmtree, index_dir, True)
        build_index(SAMPLE, index_dir)
        _LOCAL.append(index_dir)
    return _LOCAL[0]
