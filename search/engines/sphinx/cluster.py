"""`agreed cluster up|down`: local searchd nodes on loopback, for development and tests.

DIR/node<i>/ holds each node's generated sphinx.conf, its data, log and pid file; DIR/nodes.json
the --nodes value. With --replicas R, shard k is held by nodes k..k+R-1 (mod the node count).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import click

from search.engines.sphinx.client import NodeDown, connect
from search.engines.sphinx.topology import Topology, node_config

STATE = "nodes.json"
HOST = "127.0.0.1"
START_SECONDS = 20


class ClusterError(RuntimeError):
    """searchd missing, a node that would not start, or a directory already running a cluster."""


def searchd() -> str:
    found = shutil.which("searchd") or shutil.which("searchd", path="/usr/sbin:/usr/bin")
    if found is None:
        raise ClusterError("searchd not found: install Debian's sphinxsearch (make test does)")
    return found


def up(directory: Path, count: int, replicas: int = 1, first_port: int | None = None) -> Topology:
    """Write every node's config, start them, and wait until each answers SphinxQL."""
    directory = Path(directory).resolve()
    if (directory / STATE).exists():
        raise ClusterError(
            f"{directory} already holds a cluster: `agreed cluster down --dir {directory}`"
        )
    if not 1 <= replicas <= count:
        raise ClusterError(f"--replicas must be between 1 and the node count ({count})")
    ports = _ports(2 * count, first_port)
    sql, api = ports[:count], ports[count:]
    holders = [[(shard + r) % count for r in range(replicas)] for shard in range(count)]
    agents = [[f"{HOST}:{api[node]}" for node in nodes] for nodes in holders]
    for node in range(count):
        home = directory / f"node{node}"
        (home / "data").mkdir(parents=True, exist_ok=True)
        held = [shard for shard, nodes in enumerate(holders) if node in nodes]
        (home / "sphinx.conf").write_text(node_config(home, sql[node], api[node], held, agents))
    topology = Topology(tuple(tuple(f"{HOST}:{sql[n]}" for n in nodes) for nodes in holders))
    state = {"nodes": topology.value, "sql": [f"{HOST}:{port}" for port in sql]}
    (directory / STATE).write_text(json.dumps(state, indent=2))
    try:
        for node in range(count):
            start_node(directory, node)
    except ClusterError:
        down(directory)
        raise
    return topology


def down(directory: Path) -> None:
    """Stop every node of the cluster in directory (its data stays)."""
    directory = Path(directory).resolve()
    for home in sorted(directory.glob("node[0-9]*")):
        stop_node(directory, int(home.name.removeprefix("node")))
    (directory / STATE).unlink(missing_ok=True)


def start_node(directory: Path, node: int) -> None:
    home = Path(directory).resolve() / f"node{node}"
    ran = subprocess.run(
        [searchd(), "--config", str(home / "sphinx.conf")], capture_output=True, text=True
    )
    if ran.returncode != 0 or "FATAL" in ran.stdout + ran.stderr:
        raise ClusterError(f"node {node} did not start: {(ran.stdout + ran.stderr).strip()[-500:]}")
    address = json.loads((Path(directory).resolve() / STATE).read_text())["sql"][node]
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            connect(address).close()
            return
        except NodeDown as error:
            if time.monotonic() > deadline:
                raise ClusterError(f"node {node} ({address}) did not answer: {error}") from error
            time.sleep(0.1)


def stop_node(directory: Path, node: int) -> None:
    home = Path(directory).resolve() / f"node{node}"
    if (home / "searchd.pid").exists():
        subprocess.run(
            [searchd(), "--config", str(home / "sphinx.conf"), "--stopwait"],
            capture_output=True,
            timeout=60,
        )


def _ports(count: int, first: int | None) -> list[int]:
    if first is not None:
        return list(range(first, first + count))
    sockets = [socket.socket() for _ in range(count)]
    try:
        for handle in sockets:
            handle.bind((HOST, 0))
        return [handle.getsockname()[1] for handle in sockets]
    finally:
        for handle in sockets:
            handle.close()


@click.group()
def cluster_command() -> None:
    """Local Sphinx nodes for the sphinx engine (development and tests)."""


@cluster_command.command("up")
@click.option("--nodes", "count", type=click.IntRange(1, 16), default=2, show_default=True)
@click.option("--replicas", type=click.IntRange(1, 16), default=1, show_default=True)
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--port", type=click.IntRange(1, 65000), help="First port (default: free ones).")
@click.option("--json", "as_json", is_flag=True, help='Print {"nodes": [...]}.')
def up_command(count: int, replicas: int, directory: Path, port: int | None, as_json: bool) -> None:
    """Start local searchd nodes on 127.0.0.1; print the value to pass as `agreed index --nodes`."""
    try:
        topology = up(directory, count, replicas, port)
    except ClusterError as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps({"nodes": topology.value.split(",")}))
    else:
        click.echo(topology.value)


@cluster_command.command("down")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), required=True)
def down_command(directory: Path) -> None:
    """Stop the nodes started in DIR."""
    try:
        down(directory)
    except ClusterError as error:
        raise click.ClickException(str(error)) from error
