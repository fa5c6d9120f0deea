"""How a paragraph's values become Sphinx tokens and attributes, and the build's cluster file.

Everything a query can test is a token of one full-text field, so any boolean mix of words and
metadata (`women OR session:74`, `NOT committee:third`) is one MATCH() expression:
`kw` holds `every` (match-all), `k<id>` per keyword value, `s<n>` per session, `y<n>` per year.
Facet values are integer ids in multi-valued attributes, counted with FACET; the cluster file maps
keyword values to ids and ids back to facet values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

CLUSTER_FILE = "cluster.json"
EVERY = "every"


def keyword_token(ident: int) -> str:
    return f"k{ident}"


def session_token(session: int) -> str:
    return f"s{session}"


def year_token(year: int) -> str:
    return f"y{year}"


@dataclass
class Cluster:
    """Where one build lives (nodes, slot) and its value tables."""

    nodes: str
    slot: str
    rows: int = 0
    keywords: dict[str, dict[str, int]] = field(default_factory=dict)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    sessions: set[int] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    _next: int = 1

    def keyword_id(self, name: str, value: str) -> int:
        table = self.keywords.setdefault(name, {})
        if value not in table:
            table[value] = self._next
            self._next += 1
        return table[value]

    def facet_id(self, name: str, value: str) -> int:
        table = self.facets.setdefault(name, {})
        if value not in table:
            table[value] = len(table) + 1
        return table[value]

    def session_token(self, session: int) -> str:
        self.sessions.add(session)
        return session_token(session)

    def facet_values(self, name: str) -> dict[int, str]:
        return {ident: value for value, ident in self.facets.get(name, {}).items()}

    def to_json(self) -> dict:
        return {
            "nodes": self.nodes,
            "slot": self.slot,
            "rows": self.rows,
            "keywords": self.keywords,
            "facets": self.facets,
            "sessions": sorted(self.sessions),
            "years": sorted(self.years),
        }

    @classmethod
    def read(cls, directory: Path) -> Cluster:
        data = json.loads((Path(directory) / CLUSTER_FILE).read_text("utf-8"))
        return cls(
            nodes=data["nodes"],
            slot=data["slot"],
            rows=data["rows"],
            keywords=data["keywords"],
            facets=data["facets"],
            sessions=set(data["sessions"]),
            years=set(data["years"]),
        )
