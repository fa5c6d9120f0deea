"""Read the agreed-language tables of a build: lineage, paragraph provenance, families, cited-by."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

from search.api import IndexUnavailable
from search.store.language_tables import FILENAME
from search.store.language_tables import LineageRecord as Lineage
from search.store.layout import SCHEMA_VERSION
from search.tables import open_read_only


@dataclass(frozen=True)
class Provenance:
    """A paragraph's wording history: "new", "unchanged" (since source) or "amended" (from previous).

    source: unchanged -> the first paragraph with this exact wording; amended -> the family's first
    version; new -> None. diff_html (amended only): the words changed since previous, escaped,
    with <ins>/<del>. family: every version of the wording in date order, this one included.
    """

    status: str
    source_symbol: str | None
    source_paragraph: str | None
    previous_symbol: str | None
    previous_paragraph: str | None
    diff_html: str | None
    family: list[tuple[str, str]]
    similarity: float | None = None


class Language:
    """One build's language.sqlite, opened read-only; safe to share between threads."""

    def __init__(self, build_dir: Path):
        path = Path(build_dir) / FILENAME
        self._connection = open_read_only(path, "agreed-language tables")
        self._lock = threading.Lock()
        version = self._rows("SELECT value FROM meta WHERE name = 'schema_version'")
        if not version or int(version[0][0]) != SCHEMA_VERSION:
            raise IndexUnavailable(f"{path} is of another schema version: rebuild the index")

    def _rows(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._connection.execute(sql, parameters).fetchall()

    def lineage(self, symbol: str) -> Lineage:
        rows = self._rows(
            "SELECT adopted_as, draft_of, revisions, previous_session, next_session, evidence"
            " FROM lineage WHERE symbol = ?",
            (symbol,),
        )
        if not rows:
            return Lineage(symbol)
        adopted_as, draft_of, revisions, previous_session, next_session, evidence = rows[0]
        return Lineage(
            symbol,
            adopted_as,
            draft_of,
            json.loads(revisions),
            previous_session,
            next_session,
            json.loads(evidence),
        )

    def provenance(self, symbol: str) -> dict[str, Provenance]:
        """Every paragraph of the document that has a family (footnotes and short ones have none)."""
        rows = self._rows(
            "SELECT paragraph_id, status, source_symbol, source_paragraph, previous_symbol,"
            " previous_paragraph, diff_html, similarity, root_symbol, root_paragraph"
            " FROM paragraphs WHERE symbol = ? ORDER BY position",
            (symbol,),
        )
        members = self._members({(row[8], row[9]) for row in rows})
        result: dict[str, Provenance] = {}
        for paragraph_id, status, s1, s2, p1, p2, diff_html, similarity, *root in rows:
            family = members.get((root[0], root[1]), [])
            if paragraph_id not in result:
                result[paragraph_id] = Provenance(
                    status, s1, s2, p1, p2, diff_html=diff_html, family=[], similarity=similarity
                )
            result[paragraph_id].family.extend(family)
        return result

    def family(self, symbol: str, paragraph_id: str) -> list[tuple[str, str]]:
        """Every version of the paragraph's wording in date order; [] when it has no family."""
        rows = self._rows(
            "SELECT root_symbol, root_paragraph FROM paragraphs"
            " WHERE symbol = ? AND paragraph_id = ?",
            (symbol, paragraph_id),
        )
        members = self._members(set(rows))
        return [member for root in rows for member in members.get(root, [])]

    def _members(self, roots: set[tuple[str, str]]) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """Root -> its family's paragraphs in date order: one lookup per root, never a self-join
        (a join over a layered store's views would read the whole table)."""
        found: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for root in sorted(roots):
            rows = self._rows(
                "SELECT symbol, paragraph_id FROM paragraphs"
                " WHERE root_symbol = ? AND root_paragraph = ? ORDER BY position",
                root,
            )
            found[root] = [(s, p) for s, p in rows]
        return found

    def cited_by(self, symbol: str) -> list[str]:
        """Documents citing this one, in symbol order."""
        rows = self._rows(
            "SELECT DISTINCT citing_symbol FROM citations WHERE cited_symbol = ?"
            " ORDER BY citing_symbol",
            (symbol,),
        )
        return [row[0] for row in rows]

    def most_cited(self, limit: int = 50) -> list[tuple[str, int]]:
        """Most cited resolutions (in the corpus or not), a draft and its adopted text counted once."""
        rows = self._rows(
            "SELECT cited_symbol, COUNT(DISTINCT citing_symbol) AS n FROM citations"
            " WHERE counted = 1 GROUP BY cited_symbol ORDER BY n DESC, cited_symbol LIMIT ?",
            (max(0, int(limit)),),
        )
        return [(symbol, count) for symbol, count in rows]

    def cite_keys(self) -> dict[str, str]:
        """Cite form -> the symbol of the document it names ("65/230" -> "A/RES/65/230")."""
        return {key: symbol for key, symbol in self._rows("SELECT key, symbol FROM cite_keys")}

    def in_corpus(self, symbol: str) -> bool:
        """Whether a cited symbol is a document of this index (for links)."""
        return bool(self._rows("SELECT 1 FROM lineage WHERE symbol = ?", (symbol,)))

    def close(self) -> None:
        self._connection.close()
