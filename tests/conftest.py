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


def _built(tmp_path_factory: pytest.TempPathFactory, engine: str) -> Path:
    from indexer.build import build_index

    index_dir = tmp_path_factory.mktemp(f"sample-index-{engine}")
    build_index(SAMPLE, index_dir, engine=engine)
    return index_dir


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample corpus indexed with tantivy; pass it to search.searcher.open_searcher."""
    return _built(tmp_path_factory, "tantivy")


@pytest.fixture(scope="session")
def sample_index_whoosh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same sample corpus indexed with whoosh."""
    return _built(tmp_path_factory, "whoosh")
