"""The distributed engine's own promises: local clusters, sharding, atomic rebuilds, and node faults.

Search behaviour itself is the contract suite's (test_engines_contract, test_engines_agreement);
here a node is stopped and started under a built index to check what users are told.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from agreed import main
from search.api import SearchRequest
from search.engines.sphinx import cluster
from search.engines.sphinx.client import connect
from search.engines.sphinx.schema import Cluster
from search.engines.sphinx.topology import Topology
from search.searcher import open_searcher
from search.store import layout
from tests.conftest import SAMPLE
from web import create_app

QUERY = "human rights"


def _index(index_dir: Path, nodes: str | None = None, source: Path = SAMPLE) -> Result:
    arguments = ["index", str(source), "--index", str(index_dir), "--engine", "sphinx"]
    return CliRunner().invoke(main, [*arguments, *(["--nodes", nodes] if nodes else [])])


def _cluster_dir(sphinx_cluster, name: str) -> Path:
    return sphinx_cluster.directories[name][0]


def _total(index_dir: Path, query: str = QUERY) -> tuple[int, list[str]]:
    searcher = open_searcher(index_dir)
    try:
        results = searcher.search(SearchRequest(query, facets=True))
        return results.total, results.missing_shards
    finally:
        searcher.close()


def _changed(source: Path) -> Path:
    """The source with one more file (a duplicate, set aside): a rebuild that is not skipped as unchanged."""
    extra = source / "extra"
    extra.mkdir(exist_ok=True)
    shutil.copy(
        SAMPLE / "web" / "A_RES_80_1.html", extra / f"copy{len(list(extra.iterdir()))}.html"
    )
    return source


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("source") / "sample"
    shutil.copytree(SAMPLE, copy)
    return copy


@pytest.fixture(scope="module")
def sharded(sphinx_cluster, tmp_path_factory, source) -> Iterator[tuple[Path, Path, int]]:
    """The sample corpus on two nodes, one shard each (no replicas): (index, cluster dir, total)."""
    nodes = sphinx_cluster("faults")
    index_dir = tmp_path_factory.mktemp("sharded")
    ran = _index(index_dir, nodes, source)
    assert ran.exit_code == 0, ran.output
    yield index_dir, _cluster_dir(sphinx_cluster, "faults"), _total(index_dir)[0]


@pytest.fixture(scope="module")
def replicated(sphinx_cluster, tmp_path_factory) -> Iterator[tuple[Path, Path, int]]:
    """The sample corpus on two nodes, each shard on both (agent mirrors)."""
    nodes = sphinx_cluster("replicas", nodes=2, replicas=2)
    assert nodes.count("|") == 2
    index_dir = tmp_path_factory.mktemp("replicated")
    assert _index(index_dir, nodes).exit_code == 0
    yield index_dir, _cluster_dir(sphinx_cluster, "replicas"), _total(index_dir)[0]


def test_cluster_up_prints_the_nodes_and_down_stops_them(tmp_path):
    runner = CliRunner()
    up = runner.invoke(main, ["cluster", "up", "--nodes", "2", "--dir", str(tmp_path), "--json"])
    assert up.exit_code == 0, up.output
    nodes = json.loads(up.output)["nodes"]
    try:
        assert len(nodes) == 2 and all(node.startswith("127.0.0.1:") for node in nodes)
        for node in nodes:
            connect(node).close()
        assert (tmp_path / "node0" / "sphinx.conf").is_file()
        again = runner.invoke(main, ["cluster", "up", "--nodes", "2", "--dir", str(tmp_path)])
        assert again.exit_code != 0 and "already holds a cluster" in again.output
    finally:
        assert runner.invoke(main, ["cluster", "down", "--dir", str(tmp_path)]).exit_code == 0
    with pytest.raises(ConnectionError):
        connect(nodes[0])


def test_documents_are_sharded_by_key_and_the_build_names_the_nodes(sharded):
    index_dir, _, total = sharded
    build = layout.current_build(index_dir)
    assert build is not None and layout.read_manifest(build)["engine"] == "sphinx"
    recorded = Cluster.read(build / "sphinx")
    topology = Topology.parse(recorded.nodes)
    assert len(topology.shards) == 2
    per_shard = []
    for shard, (node,) in enumerate(topology.shards):
        connection = connect(node)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT doc_ord FROM agreed_{recorded.slot}_{shard} LIMIT 1000")
            per_shard.append({row[0] for row in cursor.fetchall()})
        connection.close()
    assert per_shard[0] and per_shard[1] and not per_shard[0] & per_shard[1]
    assert total > 0


def test_a_node_down_without_replicas_gives_partial_results_everywhere(sharded, sphinx_cluster):
    index_dir, directory, total = sharded
    cluster.stop_node(directory, 1)
    try:
        partial, missing = _total(index_dir)
        assert 0 < partial < total
        assert len(missing) == 1 and missing[0].startswith("shard 1 (127.0.0.1:")
        app = create_app({"INDEX": str(index_dir), "TESTING": True})
        answer = app.test_client().get("/search.json", query_string={"q": QUERY}).get_json()
        assert answer["partial"] is True and answer["missing_shards"] == missing
        assert answer["total"] == partial
        page = app.test_client().get("/search", query_string={"q": QUERY}).get_data(as_text=True)
        assert "Partial results" in page and "shard 1" in page
        ran = CliRunner().invoke(main, ["search", QUERY, "--json", "--index", str(index_dir)])
        assert ran.exit_code == 3
        assert json.loads(ran.stdout)["missing_shards"] == missing
        export = app.test_client().get("/export.csv", query_string={"q": QUERY})
        assert export.status_code == 503
    finally:
        cluster.start_node(directory, 1)
    assert _total(index_dir) == (total, [])  # the node that came back is used again


def test_a_build_with_a_node_down_fails_and_leaves_the_serving_build(sharded, source):
    index_dir, directory, total = sharded
    serving = layout.current_build(index_dir)
    cluster.stop_node(directory, 1)
    try:
        ran = _index(index_dir, source=_changed(source))  # nodes from the serving build
        assert ran.exit_code != 0
        assert "127.0.0.1:" in ran.output and "serving index is untouched" in ran.output
        assert layout.current_build(index_dir) == serving
    finally:
        cluster.start_node(directory, 1)
    assert _total(index_dir) == (total, [])


def _slot(index_dir: Path) -> str:
    build = layout.current_build(index_dir)
    assert build is not None
    return Cluster.read(build / "sphinx").slot


def test_a_rebuild_writes_the_other_slot_and_switches_when_complete(sharded, source):
    index_dir, _, total = sharded
    before = _slot(index_dir)
    assert _index(index_dir, source=_changed(source)).exit_code == 0
    after = _slot(index_dir)
    assert {before, after} == {"a", "b"}
    assert _total(index_dir) == (total, [])


def test_replicas_fail_over_when_a_node_is_down(replicated):
    index_dir, directory, total = replicated
    for node in (1, 0):  # a shard's replica, then the node queried first
        cluster.stop_node(directory, node)
        try:
            for _ in range(5):
                assert _total(index_dir) == (total, [])
        finally:
            cluster.start_node(directory, node)


def test_the_engine_option_needs_nodes_and_only_sphinx_takes_them(tmp_path):
    ran = _index(tmp_path / "fresh")
    assert ran.exit_code != 0 and "--nodes" in ran.output
    tantivy = CliRunner().invoke(
        main, ["index", str(SAMPLE), "--index", str(tmp_path / "t"), "--nodes", "127.0.0.1:1"]
    )
    assert tantivy.exit_code != 0 and "--engine sphinx" in tantivy.output
    assert not layout.current_build(tmp_path / "fresh")
