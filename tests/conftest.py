"""Fixtures shared by every test module."""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from flask.testing import FlaskClient

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


def _built(tmp_path_factory: pytest.TempPathFactory, engine: str, **options: str) -> Path:
    from indexer.build import build_index

    index_dir = tmp_path_factory.mktemp(f"sample-index-{engine}")
    build_index(SAMPLE, index_dir, engine=engine, options=options)
    return index_dir


@pytest.fixture(scope="session")
def sphinx_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """cluster(name, nodes=2, replicas=1) -> the --nodes value of local searchd nodes on free ports.

    One cluster holds one index (two slots), so each index gets its own cluster; all stop at the end.
    """
    from search.engines.sphinx import cluster

    if shutil.which("searchd") is None:
        # `make test` installs it where apt exists; CI (.ci/run) sets AGREED_REQUIRE_SEARCHD so it cannot skip
        reason = "searchd is missing: `make debs` installs Debian's sphinxsearch (root or sudo)"
        if os.environ.get("AGREED_REQUIRE_SEARCHD"):
            pytest.fail(reason)
        pytest.skip(reason)
    started: dict[str, tuple[Path, str]] = {}

    def start(name: str, nodes: int = 2, replicas: int = 1) -> str:
        if name not in started:
            directory = tmp_path_factory.mktemp(f"cluster-{name}")
            started[name] = (directory, cluster.up(directory, nodes, replicas).value)
        return started[name][1]

    start.directories = started  # type: ignore[attr-defined]
    yield start
    for directory, _ in started.values():
        cluster.down(directory)


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample corpus indexed with tantivy; pass it to search.searcher.open_searcher."""
    return _built(tmp_path_factory, "tantivy")


@pytest.fixture(scope="session")
def sample_index_whoosh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same sample corpus indexed with whoosh."""
    return _built(tmp_path_factory, "whoosh")


@pytest.fixture(scope="session")
def sample_index_sphinx(tmp_path_factory: pytest.TempPathFactory, sphinx_cluster) -> Path:
    """The same sample corpus sharded over two local Sphinx nodes."""
    return _built(tmp_path_factory, "sphinx", nodes=sphinx_cluster("sample"))


@pytest.fixture(scope="module")
def client(sample_index: Path) -> Iterator["FlaskClient"]:
    """A test client of the app over the sample index; a module's own `client` fixture overrides it."""
    from web import create_app
    from web.resources import close_searcher

    app = create_app({"INDEX": str(sample_index), "TESTING": True})
    yield app.test_client()
    close_searcher(app)
