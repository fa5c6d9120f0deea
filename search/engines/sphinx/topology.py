"""Which nodes hold which shard: the --nodes value, the index names, and each node's searchd config.

`--nodes A:1,B:2` is two shards, one node each; `--nodes A:1|B:2,B:2|A:1` is two shards, each held
by both nodes (replicas, Sphinx's agent mirrors). Addresses are SphinxQL (MySQL protocol) listeners.
Every node declares the RT indexes of the shards it holds in two slots, `a` and `b`, and one
distributed index per slot that fans out to every shard: a build writes the slot not serving and
the build manifest switches to it only when complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from search.api import FACET_FIELDS
from search.engines.rows import RANK_FIELDS

PREFIX = "agreed"
SLOTS = ("a", "b")
FIELDS = ("stems", "exact", "kw")
# Text arrives analysed (space-joined folded words and stems): every letter, digit and the inner
# apostrophe and dot are word characters; Sphinx 2.2 clamps the table at U+2FFFF.
CHARSET = "0..9, a..z, ', ., U+80..U+2FFFF"


class NodesError(ValueError):
    """A --nodes value that names no shard or a malformed address."""


@dataclass(frozen=True)
class Topology:
    """shards[k] = the SphinxQL addresses holding shard k (its replicas)."""

    shards: tuple[tuple[str, ...], ...]

    @classmethod
    def parse(cls, value: str) -> Topology:
        shards = []
        for item in value.split(","):
            replicas = tuple(part.strip() for part in item.split("|") if part.strip())
            for address in replicas:
                _split(address)
            if replicas:
                shards.append(replicas)
        if not shards:
            raise NodesError(f"--nodes {value!r} names no node: give HOST:PORT,HOST:PORT")
        return cls(tuple(shards))

    @property
    def value(self) -> str:
        return ",".join("|".join(replicas) for replicas in self.shards)

    @property
    def nodes(self) -> list[str]:
        """Every distinct node, in the order first named."""
        return list(dict.fromkeys(address for replicas in self.shards for address in replicas))

    def label(self, shard: int) -> str:
        return f"shard {shard} ({'|'.join(self.shards[shard])})"


def shard_index(slot: str, shard: int) -> str:
    return f"{PREFIX}_{slot}_{shard}"


def distributed_index(slot: str) -> str:
    return f"{PREFIX}_{slot}"


def address(value: str) -> tuple[str, int]:
    return _split(value)


def _split(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise NodesError(f"{value!r} is not HOST:PORT")
    return host, int(port)


def rt_index(name: str, path: Path) -> str:
    """One shard in one slot: analysed text, keyword tokens, facet ids, ranks and the stored row."""
    lines = [f"index {name}", "{", "  type = rt", f"  path = {path}"]
    lines += [f"  rt_field = {field}" for field in FIELDS]
    lines += ["  rt_attr_bigint = doc_ord"]
    lines += [f"  rt_attr_bigint = {rank}" for rank in RANK_FIELDS.values()]
    lines += [f"  rt_attr_multi = f_{field}" for field in FACET_FIELDS]
    lines += [
        "  rt_attr_string = meta",
        "  dict = keywords",
        "  min_prefix_len = 1",
        f"  charset_table = {CHARSET}",
        "  rt_mem_limit = 256M",
        "}",
    ]
    return "\n".join(lines)


def distributed(slot: str, shards: list[list[str]]) -> str:
    """The fan-out index: one agent line per shard, its replicas as mirrors (API addresses)."""
    lines = [f"index {distributed_index(slot)}", "{", "  type = distributed"]
    for number, mirrors in enumerate(shards):
        lines.append(f"  agent = {'|'.join(mirrors)}:{shard_index(slot, number)}")
    lines += [
        "  agent_connect_timeout = 500",
        "  agent_query_timeout = 20000",
        "  ha_strategy = nodeads",
        "}",
    ]
    return "\n".join(lines)


def node_config(
    directory: Path, sql_port: int, api_port: int, held: list[int], agents: list[list[str]]
) -> str:
    """A local searchd's whole config: the shards it holds (both slots) and both fan-out indexes."""
    data = directory / "data"
    parts = [
        rt_index(shard_index(slot, shard), data / shard_index(slot, shard))
        for slot in SLOTS
        for shard in held
    ]
    parts += [distributed(slot, agents) for slot in SLOTS]
    parts.append(
        "\n".join(
            [
                "searchd",
                "{",
                f"  listen = 127.0.0.1:{sql_port}:mysql41",
                f"  listen = 127.0.0.1:{api_port}",
                f"  log = {directory / 'searchd.log'}",
                f"  query_log = {directory / 'query.log'}",
                f"  pid_file = {directory / 'searchd.pid'}",
                f"  binlog_path = {data}",
                "  workers = threads",
                "  max_packet_size = 32M",
                "  agent_retry_count = 1",
                "  ha_ping_interval = 100",
                "  ha_period_karma = 5",
                "}",
            ]
        )
    )
    return "\n\n".join(parts) + "\n"
