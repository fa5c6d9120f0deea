"""The distributed engine: AST nodes compiled to one MATCH() expression, sent to a fan-out index.

NEAR/n is Sphinx's proximity operator over both sides' words (`"a b"~n`: within n positions, either
order), with a multi-word side also required as its phrase. A shard whose every replica failed is
named in `missing_shards` of the results (partial), never hidden; a shard with replicas is asked
again until a live replica answers (Sphinx marks the dead mirror within ha_ping_interval).
"""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search.api import FACET_FIELDS, IndexUnavailable, QueryError, SearchRequest, SearchResults
from search.engines.base import EngineSearcher
from search.engines.compiler import Slot
from search.engines.sphinx.client import (
    Answer,
    EngineQueryError,
    NodeDown,
    connect,
    execute,
)
from search.engines.sphinx.schema import EVERY, Cluster, keyword_token, session_token, year_token
from search.engines.sphinx.topology import Topology, distributed_index, shard_index
from search.request import ParsedRequest

MATCH_ALL = f"(@kw {EVERY})"
NOTHING = "(@kw knone)"  # a token no row has: a keyword value absent from the build
MIN_MATCHES = 1000
ATTEMPTS = 6  # with replicas: ask again while Sphinx has not yet marked the dead mirror
RETRY_PAUSE = 0.05
RANKING = "ranker=proximity_bm25, field_weights=(stems=100, exact=100, kw=1)"
UNRANKED = "ranker=none"  # counts, facets and attribute sorts: no weight to compute
_SPECIAL = set('\\()|-!@~"&/^$=<*')


@dataclass(frozen=True)
class Ref:
    ident: int
    doc_ord: int
    meta: str | None = None


class SphinxSearcher(EngineSearcher[str]):
    engine_name = "sphinx"

    def __init__(self, directory: Path):
        super().__init__(directory)
        try:
            self.cluster = Cluster.read(directory)
        except (OSError, ValueError, KeyError) as error:
            raise IndexUnavailable(
                f"cannot read the sphinx build at {directory}: {error}"
            ) from error
        self.topology = Topology.parse(self.cluster.nodes)
        self.index = distributed_index(self.cluster.slot)
        self._connection: Any = None
        self._agents: dict[str, set[int]] | None = None  # API address -> shards it serves
        self._missing: set[int] = set()
        self._facet_values = {name: self.cluster.facet_values(name) for name in FACET_FIELDS}

    # --- the Searcher protocol, with completeness ----------------------------------------
    def search(self, request: SearchRequest | ParsedRequest) -> SearchResults:
        self._missing = set()
        results = super().search(request)
        results.missing_shards = [self.topology.label(shard) for shard in sorted(self._missing)]
        return results

    def scan(self, request: SearchRequest | ParsedRequest):
        """A partial stream is refused before its first row (an export must be whole)."""
        self._missing = set()
        hits = super().scan(request)
        if self._missing:
            raise IndexUnavailable(self._partial_message())
        return hits

    def stats(self) -> dict[str, int]:
        self._missing = set()
        stats = super().stats()
        if self._missing:
            self._stats = None  # not cached: a partial count would outlive the outage
        return stats

    # --- compiling: one hook per query-node type ----------------------------------------
    def term(self, field: str, word: str) -> str:
        return f"(@{field} {_word(word)})"

    def phrase(self, field: str, words: list[str]) -> str:
        if len(words) == 1:
            return self.term(field, words[0])
        return f'(@{field} "{" ".join(_word(w) for w in words)}")'

    def prefix(self, field: str, prefix: str) -> str:
        return f"(@{field} {_word(prefix)}*)"

    def near(self, field: str, left: list[Slot], right: list[Slot], distance: int) -> str:
        words = [_slot(slot) for slot in left + right]
        parts = [f'(@{field} "{" ".join(words)}"~{max(distance, 1)})']
        parts += [
            f'(@{field} "{" ".join(_slot(s) for s in side)}")'
            for side in (left, right)
            if len(side) > 1
        ]
        return f"({' '.join(parts)})"

    def keyword(self, field: str, value: str) -> str:
        ident = self.cluster.keywords.get(field, {}).get(value)
        return NOTHING if ident is None else f"(@kw {keyword_token(ident)})"

    def range(self, field: str, low: int | None, high: int | None) -> str:
        present, token = (
            (self.cluster.sessions, session_token)
            if field == "session"
            else (self.cluster.years, year_token)
        )
        chosen = [
            token(value)
            for value in sorted(present)
            if (low is None or value >= low) and (high is None or value <= high)
        ]
        return f"(@kw {' | '.join(chosen)})" if chosen else NOTHING

    def conjunction(self, positive: Sequence[str], negative: Sequence[str]) -> str:
        parts = list(positive) or [MATCH_ALL]
        parts += [f"-{clause}" for clause in negative]
        return parts[0] if len(parts) == 1 else f"({' '.join(parts)})"

    def disjunction(self, clauses: Sequence[str]) -> str:
        return clauses[0] if len(clauses) == 1 else f"({' | '.join(clauses)})"

    def match_all(self) -> str:
        return MATCH_ALL

    # --- primitives -----------------------------------------------------------------------
    def top(self, query, sort_field, offset, limit):
        count = max(limit, 1)
        answer = self._select(
            "id, WEIGHT() AS w, doc_ord, meta",
            query,
            f"ORDER BY {_order(sort_field)} LIMIT {offset}, {count}",
            offset + count,
            ranked=sort_field is None,
        )
        scored = [
            (float(w) if sort_field is None else 0.0, Ref(i, d, m)) for i, w, d, m in answer.rows
        ]
        return answer.total, scored[:limit]

    def every(self, query, sort_field):
        total = self._select("id", query, "LIMIT 0, 1", MIN_MATCHES, ranked=False).total
        if total == 0:
            return []
        answer = self._select(
            "id, WEIGHT() AS w, doc_ord",
            query,
            f"ORDER BY {_order(sort_field)} LIMIT 0, {total}",
            total,
            ranked=sort_field is None,
        )
        return [(float(w) if sort_field is None else 0.0, Ref(i, d)) for i, w, d in answer.rows]

    def rows(self, refs):
        wanted = [ref.ident for ref in refs if ref.meta is None]
        fetched: dict[int, str] = {}
        if wanted:
            answer = self._query(
                f"SELECT id, meta FROM {self.index} WHERE id IN ({','.join(map(str, wanted))}) "
                f"LIMIT 0, {len(wanted)} OPTION max_matches={max(len(wanted), MIN_MATCHES)}"
            )
            fetched = dict(answer.rows)
        return [
            json.loads(ref.meta if ref.meta is not None else fetched[ref.ident]) for ref in refs
        ]

    def document_ordinals(self, refs):
        return [ref.doc_ord for ref in refs]

    def facet_counts(
        self, query: Any, fields: Sequence[str], limit: int | None = None
    ) -> dict[str, Counter]:
        """One GROUP BY per field, sent as one batch: Sphinx matches the query once for all of them
        (measured 5 times faster than FACET on Sphinx 2.2)."""
        if not fields:
            return {}
        where = "" if query == MATCH_ALL else " WHERE MATCH(%s)"
        statements = []
        for name in fields:
            size = max(MIN_MATCHES, len(self._facet_values[name]))
            statements.append(
                f"SELECT GROUPBY() AS value, COUNT(*) AS n FROM {self.index}{where} "
                f"GROUP BY f_{name} LIMIT {size} OPTION max_matches={size}, {UNRANKED}"
            )
        args = None if query == MATCH_ALL else (query,) * len(fields)
        answer = self._query("; ".join(statements), args)
        counts: dict[str, Counter] = {}
        for name, found in zip(fields, answer.sets, strict=False):
            values = self._facet_values[name]
            counts[name] = Counter({values[ident]: n for ident, n in found if ident in values})
        return {name: counts.get(name, Counter()) for name in fields}

    def paragraph_count(self) -> int:
        return self.cluster.rows

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):  # the node may have gone away already
                self._connection.close()
            self._connection = None

    # --- talking to the cluster -------------------------------------------------------------
    def _select(
        self,
        columns: str,
        query: str,
        tail: str,
        matches: int,
        ranked: bool = True,
    ) -> Answer:
        where = "" if query == MATCH_ALL else " WHERE MATCH(%s)"
        sql = (
            f"SELECT {columns} FROM {self.index}{where} {tail} "
            f"OPTION max_matches={max(matches, MIN_MATCHES)}, {RANKING if ranked else UNRANKED}"
        )
        return self._query(sql, None if query == MATCH_ALL else (query,))

    def _query(self, sql: str, args: Any = None) -> Answer:
        """Ask until every shard answered, or no replica is left to fail over to."""
        for attempt in range(ATTEMPTS):
            answer = self._execute(sql, args)
            missing = self._shards_missing(answer.failed)
            if not missing:
                return answer
            if (
                not any(len(self.topology.shards[s]) > 1 for s in missing)
                or attempt == ATTEMPTS - 1
            ):
                break
            time.sleep(RETRY_PAUSE * (attempt + 1))
        self._missing |= missing
        if len(missing) == len(self.topology.shards):
            raise IndexUnavailable(self._partial_message())
        return answer

    def _execute(self, sql: str, args: Any) -> Answer:
        """On the head node in use, else the next node that answers (each holds the fan-out index)."""
        for _ in range(2):
            connection = self._connect()
            try:
                return execute(connection, sql, args, meta=True)
            except NodeDown:
                self.close()
            except EngineQueryError as error:
                raise QueryError(f"the search engine rejected the query: {error}") from error
        raise IndexUnavailable(f"no node of {self.topology.value} answers")

    def _connect(self) -> Any:
        if self._connection is not None:
            return self._connection
        problems = []
        for node in self.topology.nodes:
            try:
                self._connection = connect(node)
                self._agents = None
                return self._connection
            except NodeDown as error:
                problems.append(str(error))
        raise IndexUnavailable("; ".join(problems))

    def _shards_missing(self, failed: set[str]) -> set[int]:
        """Shards with a failed mirror: SHOW META does not say whether another mirror answered."""
        if not failed:
            return set()
        mirrors: dict[int, set[str]] = {}
        for agent, shards in self._agent_map().items():
            for shard in shards:
                mirrors.setdefault(shard, set()).add(agent)
        return {shard for shard, agents in mirrors.items() if agents & failed}

    def _agent_map(self) -> dict[str, set[int]]:
        """API address -> shards, from DESCRIBE of the fan-out index on the head node."""
        if self._agents is None:
            described = execute(self._connect(), f"DESCRIBE {self.index}").rows
            names = {shard_index(self.cluster.slot, k): k for k in range(len(self.topology.shards))}
            agents: dict[str, set[int]] = {}
            for target, _kind in described:
                host_port, _, name = str(target).rpartition(":")
                if name in names:
                    agents.setdefault(host_port, set()).add(names[name])
            self._agents = agents
        return self._agents

    def _partial_message(self) -> str:
        missing = ", ".join(self.topology.label(shard) for shard in sorted(self._missing))
        return f"the index is incomplete: {missing} did not answer"


def _word(word: str) -> str:
    return "".join(f"\\{c}" if c in _SPECIAL else c for c in word)


def _slot(slot: Slot) -> str:
    kind, text = slot
    return _word(text) + ("*" if kind == "prefix" else "")


def _order(sort_field: str | None) -> str:
    return "WEIGHT() DESC, id ASC" if sort_field is None else f"{sort_field} ASC"
