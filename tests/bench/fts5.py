"""The peer baseline: the same paragraph rows in SQLite FTS5 (what Datasette serves), queried alike.

Text goes in pre-analysed by indexer.analysis (stems and folded words, as the engines index them),
so FTS5 matches exactly the paragraphs the engines match. Metadata sits in an ordinary table keyed
by the FTS rowid; sponsors and agenda items in per-document tables. A query answers what a search
page needs: the total, the ten best by bm25 with their metadata and highlighted snippets (by the
project's highlighter, as the engines do), and for facet queries counts per field by GROUP BY over
the matching rowids.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from indexer.model import Resolution
from search.engines.rows import document_orders, rows
from search.parser import parse_query
from search.snippets import highlight
from search.terms import query_terms

# Inner apostrophes and dots are part of a word in indexer.analysis: keep them inside FTS5 tokens.
TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '''.'"
FILTER_COLUMNS = ("session", "committee", "kind", "verb", "body", "type")
PLAIN_FACETS = ("session", "committee", "body", "type", "kind", "verb")
LINKED_FACETS = {"sponsor": "doc_sponsor", "agenda": "doc_agenda"}
_SCHEMA = f"""
CREATE VIRTUAL TABLE para USING fts5(stems, exact, tokenize="{TOKENIZER}");
CREATE TABLE meta (
    id INTEGER PRIMARY KEY, doc INTEGER, symbol TEXT, paragraph_id TEXT, number TEXT, text TEXT,
    title TEXT, date TEXT, session INTEGER, committee TEXT, body TEXT, type TEXT, kind TEXT, verb TEXT
);
CREATE TABLE doc_sponsor (doc INTEGER, value TEXT);
CREATE TABLE doc_agenda (doc INTEGER, value TEXT);
"""
_PORTER_SCHEMA = _SCHEMA.replace(
    f'para USING fts5(stems, exact, tokenize="{TOKENIZER}")',
    "para USING fts5(text, tokenize='porter unicode61 remove_diacritics 2')",
)
_INDEXES = """
CREATE INDEX doc_sponsor_doc ON doc_sponsor (doc);
CREATE INDEX doc_agenda_doc ON doc_agenda (doc);
"""


@dataclass(frozen=True)
class FtsQuery:
    """One query in FTS5 terms: a MATCH expression and an optional metadata filter."""

    match: str
    filter: tuple[str, object] | None = None
    facets: bool = False
    snippet_chars: int = 400
    text: str = ""  # the engine query, for the highlighter's terms


def phrase(column: str, words: Sequence[str]) -> str:
    """An FTS5 phrase restricted to a column, every word quoted (so no word is read as syntax)."""
    quoted = " ".join(word.replace('"', '""') for word in words)
    return f'{column} : "{quoted}"'


def build(documents: Sequence[tuple[str, Resolution]], path: Path) -> float:
    """Write the baseline database; returns the seconds taken (analysis included, like the engines)."""
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.executescript(_SCHEMA)
    orders = document_orders(list(documents))
    rowid = 0
    for ordinal, (key, resolution) in enumerate(documents):
        db.executemany(
            "INSERT INTO doc_sponsor VALUES (?, ?)", _pairs(ordinal, resolution.sponsors)
        )
        db.executemany(
            "INSERT INTO doc_agenda VALUES (?, ?)", _pairs(ordinal, resolution.agenda_items)
        )
        for row in rows(key, ordinal, resolution, orders[key]):
            rowid += 1
            meta = row.meta
            db.execute(
                "INSERT INTO para (rowid, stems, exact) VALUES (?, ?, ?)",
                (rowid, row.stems, row.exact),
            )
            db.execute(
                "INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rowid, ordinal, meta["symbol"], meta["paragraph_id"], meta["number"],
                    meta["text"], meta["title"], meta["date"], meta["session"], meta["committee"],
                    meta["body"], meta["doc_type"], meta["kind"], meta["verb"],
                ),
            )  # fmt: skip
    db.executescript(_INDEXES)
    db.execute("INSERT INTO para (para) VALUES ('optimize')")
    db.commit()
    db.close()
    return time.perf_counter() - started


def build_porter(documents: Sequence[tuple[str, Resolution]], path: Path) -> float:
    """The build a Datasette user would set up: FTS5's porter tokenizer over the printed text.

    No project analysis at all (so its matches differ slightly and it is never queried): the
    build-time baseline of the issue, seconds from parsed documents to a committed database.
    """
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.executescript(_PORTER_SCHEMA)
    rowid = 0
    for ordinal, (key, resolution) in enumerate(documents):
        db.executemany(
            "INSERT INTO doc_sponsor VALUES (?, ?)", _pairs(ordinal, resolution.sponsors)
        )
        db.executemany(
            "INSERT INTO doc_agenda VALUES (?, ?)", _pairs(ordinal, resolution.agenda_items)
        )
        for paragraph in resolution.paragraphs:
            rowid += 1
            db.execute("INSERT INTO para (rowid, text) VALUES (?, ?)", (rowid, paragraph.text))
            db.execute(
                "INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rowid, ordinal, key, paragraph.id, paragraph.number, paragraph.text,
                    resolution.title, resolution.date, resolution.session, resolution.committee,
                    resolution.body, resolution.doc_type, paragraph.kind, paragraph.verb,
                ),
            )  # fmt: skip
    db.executescript(_INDEXES)
    db.execute("INSERT INTO para (para) VALUES ('optimize')")
    db.commit()
    db.close()
    return time.perf_counter() - started


def _pairs(ordinal: int, values: Sequence[str]) -> list[tuple[int, str]]:
    return [(ordinal, value) for value in dict.fromkeys(values)]


class Fts5Searcher:
    """Read-only connection answering FtsQuery the way a search page would need."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self.db.execute("PRAGMA temp_store = MEMORY")

    def search(self, query: FtsQuery) -> dict:
        """{total, hits: [(symbol, paragraph_id, snippet_html)], facets: {field: [(value, n)]}}."""
        where, parameters = self._where(query)
        joined = "para JOIN meta ON meta.id = para.rowid"
        counted = joined if query.filter else "para"
        total = self.db.execute(
            f"SELECT count(*) FROM {counted} WHERE {where}", parameters
        ).fetchone()[0]
        top = self.db.execute(
            f"SELECT meta.symbol, meta.paragraph_id, meta.text FROM {joined} "
            f"WHERE {where} ORDER BY para.rank LIMIT 10",
            parameters,
        ).fetchall()
        terms = query_terms(parse_query(query.text))
        hits = [
            (symbol, pid, highlight(text, terms, query.snippet_chars)) for symbol, pid, text in top
        ]
        facets = self._facets(where, parameters) if query.facets else {}
        return {"total": total, "hits": hits, "facets": facets}

    def _where(self, query: FtsQuery) -> tuple[str, list]:
        where = "para MATCH ?"
        parameters: list[object] = [query.match]
        if query.filter is not None:
            column, value = query.filter
            if column not in FILTER_COLUMNS:
                raise ValueError(f"cannot filter on {column!r}")
            where += f" AND meta.{column} = ?"
            parameters.append(value)
        return where, parameters

    def _facets(self, where: str, parameters: list) -> dict[str, list[tuple[str, int]]]:
        """Matching rowids once into a temporary table, then one GROUP BY per facet field."""
        self.db.execute("DROP TABLE IF EXISTS temp.hits")
        self.db.execute(
            "CREATE TEMP TABLE hits AS SELECT meta.id AS id, meta.doc AS doc FROM para "
            f"JOIN meta ON meta.id = para.rowid WHERE {where}",
            parameters,
        )
        facets = {}
        for column in PLAIN_FACETS:
            facets[column] = self.db.execute(
                f"SELECT meta.{column}, count(*) AS n FROM temp.hits JOIN meta ON meta.id = hits.id "
                f"WHERE meta.{column} IS NOT NULL GROUP BY meta.{column} ORDER BY n DESC, 1 LIMIT 10"
            ).fetchall()
        for name, table in LINKED_FACETS.items():
            facets[name] = self.db.execute(
                f"SELECT linked.value, count(*) AS n FROM temp.hits JOIN {table} AS linked "
                "ON linked.doc = hits.doc GROUP BY linked.value ORDER BY n DESC, 1 LIMIT 10"
            ).fetchall()
        return facets

    def close(self) -> None:
        self.db.close()
