"""Fixtures shared by every test module."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE = ROOT / "corpus" / "sample"
SHARED = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The real corpus beside the checkout; whole-corpus checks need it and say so when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"whole-corpus check: {SHARED} is not beside this checkout")
    return SHARED
