"""Paragraph rows into the RT indexes of the slot not serving, sharded by document key.

Every replica of a shard receives the same rows. The build directory keeps `cluster.json`: the
nodes, the slot, and the tables that turn keyword values into tokens and facet ids back into values.
A node that is down fails the build at once with its name; the serving slot is never written.
"""

from __future__ import annotations

import contextlib
import json
import zlib
from pathlib import Path
from typing import Any

from search.api import FACET_FIELDS
from search.engines import EngineWriteError
from search.engines.rows import RANK_FIELDS, Row
from search.engines.sphinx.client import EngineQueryError, NodeDown, connect, execute
from search.engines.sphinx.schema import CLUSTER_FILE, Cluster, keyword_token, year_token
from search.engines.sphinx.topology import SLOTS, NodesError, Topology, shard_index
from search.store import layout

BATCH = 500
COLUMNS = ("id", "stems", "exact", "kw", "doc_ord", *RANK_FIELDS.values(), "meta")


class SphinxWriter:
    """Writes one build's rows; commit() flushes every shard and records the cluster file."""

    def __init__(self, directory: Path, nodes: str | None = None):
        self.directory = Path(directory)
        previous = _previous_cluster(self.directory)
        nodes = nodes or (previous.nodes if previous is not None else None)
        if not nodes:
            raise EngineWriteError(
                "the sphinx engine needs --nodes HOST:PORT,... (see `agreed cluster up`)"
            )
        try:
            topology = Topology.parse(nodes)
        except NodesError as error:
            raise EngineWriteError(str(error)) from error
        slot = SLOTS[0] if previous is None or previous.slot != SLOTS[0] else SLOTS[1]
        self.cluster = Cluster(topology.value, slot)
        self.topology = topology
        self._connections = {node: self._connect(node) for node in topology.nodes}
        self._pending: list[list[Row]] = [[] for _ in topology.shards]
        self._next_id = 1
        for shard in range(len(topology.shards)):
            self._on_replicas(shard, f"TRUNCATE RTINDEX {shard_index(slot, shard)}")

    def add(self, row: Row) -> None:
        shard = zlib.crc32(str(row.meta["symbol"]).encode()) % len(self.topology.shards)
        row.meta["_id"] = self._next_id
        self._next_id += 1
        self._pending[shard].append(row)
        if len(self._pending[shard]) >= BATCH:
            self._flush(shard)

    def commit(self) -> None:
        for shard in range(len(self.topology.shards)):
            self._flush(shard)
            self._on_replicas(shard, f"FLUSH RTINDEX {shard_index(self.cluster.slot, shard)}")
        self.cluster.rows = self._next_id - 1
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / CLUSTER_FILE).write_text(json.dumps(self.cluster.to_json()), "utf-8")
        self._close()

    def abort(self) -> None:
        """The slot written is not serving: leaving it half-written harms nothing."""
        self._close()

    def _flush(self, shard: int) -> None:
        rows, self._pending[shard] = self._pending[shard], []
        if not rows:
            return
        values, args = [], []
        for row in rows:
            mva = ",".join(
                f"({','.join(str(self.cluster.facet_id(name, v)) for v in row.facets.get(name, ()))})"
                for name in FACET_FIELDS
            )
            values.append(f"({','.join(['%s'] * len(COLUMNS))},{mva})")
            args += self._values(row)
        facets = ",".join(f"f_{name}" for name in FACET_FIELDS)
        table = shard_index(self.cluster.slot, shard)
        sql = f"INSERT INTO {table} ({','.join(COLUMNS)},{facets}) VALUES {','.join(values)}"
        self._on_replicas(shard, sql, args)

    def _values(self, row: Row) -> list[Any]:
        meta = dict(row.meta)
        ident = meta.pop("_id")
        tokens = ["every"]
        for name, values in row.keywords.items():
            tokens += [keyword_token(self.cluster.keyword_id(name, value)) for value in values]
        if row.session is not None:
            tokens.append(self.cluster.session_token(row.session))
        if row.year is not None:
            self.cluster.years.add(row.year)
            tokens.append(year_token(row.year))
        ranks = [row.ranks[name] for name in RANK_FIELDS.values()]
        return [ident, row.stems, row.exact, " ".join(tokens), row.doc_ord, *ranks, _dump(meta)]

    def _on_replicas(self, shard: int, sql: str, args: Any = None) -> None:
        for node in self.topology.shards[shard]:
            try:
                execute(self._connections[node], sql, args)
            except NodeDown as error:
                raise EngineWriteError(
                    f"cannot write {self.topology.label(shard)}: node {node} went down ({error}); "
                    "the serving index is untouched"
                ) from error
            except EngineQueryError as error:
                raise EngineWriteError(f"node {node} refused the write: {error}") from error

    def _connect(self, node: str) -> Any:
        try:
            return connect(node)
        except NodeDown as error:
            raise EngineWriteError(
                f"cannot build: {error}; the serving index is untouched"
            ) from error

    def _close(self) -> None:
        for connection in self._connections.values():
            with contextlib.suppress(Exception):  # a connection to a dead node is gone already
                connection.close()


def _dump(meta: dict) -> str:
    return json.dumps(meta, ensure_ascii=False, separators=(",", ":"))


def _previous_cluster(directory: Path) -> Cluster | None:
    """The serving build's cluster file (directory is index_dir/builds/<id>/sphinx)."""
    current = layout.current_build(directory.parents[2])
    if current is None:
        return None
    try:
        return Cluster.read(current / directory.name)
    except (OSError, ValueError, KeyError):
        return None
