"""Read the phrase tables of a build: a session's new and changing phrases, a document's own ones."""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nltk.metrics import BigramAssocMeasures

from search.api import IndexUnavailable, QueryError
from search.ast import FieldMatch
from search.engines.rows import keyword
from search.query_values import field_clause
from search.store.language_tables import FILENAME
from search.tables import open_read_only

# Document-level filters the phrase pages take (paragraph kind and verb are not per document).
FILTER_FIELDS = ("committee", "type", "body", "agenda", "sponsor")
MIN_CHANGE = 5  # paragraphs in one of the two sessions before a phrase's rise or fall is shown
Filters = Sequence[tuple[str, str]]


class BadFilter(ValueError):
    """A filter the phrase tables cannot apply; the message says which fields they take."""


@dataclass(frozen=True)
class PhraseUse:
    """A phrase in a selection: paragraphs and documents using it there, and its first use anywhere."""

    phrase: str  # as most often printed: "capacity-building", "Human Rights Council"
    words: str  # folded words: the quoted-phrase query that finds it
    count: int
    documents: int
    first_session: int | None
    first_symbol: str
    first_paragraph: str
    score: float  # likelihood ratio of the phrase (corpus), or keyness in a document listing
    new_here: bool = False  # document listing: in none of the documents it is compared with
    absent_from: tuple[str, ...] = ()  # document listing: those of them that do not use it


@dataclass(frozen=True)
class PhraseChange:
    """Paragraphs per 1,000 of the selection using a phrase, in a session and the previous one."""

    phrase: str
    words: str
    count: int
    previous_count: int
    rate: float
    previous_rate: float

    @property
    def change(self) -> float:
        return self.rate - self.previous_rate


@dataclass(frozen=True)
class SessionPhrases:
    session: int
    previous_session: int | None
    documents: int
    paragraphs: int
    new: list[PhraseUse]
    rising: list[PhraseChange]
    falling: list[PhraseChange]


@dataclass(frozen=True)
class DocumentPhrases:
    symbol: str
    group: str  # the committee (else body) whose texts it is set against
    compared_with: list[str]  # its draft and previous-session version, where the index has them
    phrases: list[PhraseUse]


@dataclass(frozen=True)
class _Doc:
    doc: int
    symbol: str
    session: int | None
    values: dict[str, frozenset[str]]
    paragraphs: int
    group: str


class PhraseTables:
    """One build's phrase tables (in language.sqlite), read-only; safe to share between threads."""

    def __init__(self, build_dir: Path):
        path = Path(build_dir) / FILENAME
        self._connection = open_read_only(path, "agreed-language tables")
        self._lock = threading.Lock()
        try:
            rows = self._rows(
                "SELECT doc, symbol, session, committee, body, type, agenda, sponsor, paragraphs"
                " FROM phrase_doc_meta"
            )
        except sqlite3.OperationalError as error:
            raise IndexUnavailable(f"no phrase tables in {path}: rebuild the index") from error
        self._docs = [_document(row) for row in rows]
        self._by_symbol = {d.symbol: d for d in self._docs}
        self._session_sizes = Counter(d.session for d in self._docs if d.session is not None)

    def _rows(self, sql: str, parameters: Sequence = ()) -> list[tuple]:
        with self._lock:
            return self._connection.execute(sql, tuple(parameters)).fetchall()

    def sessions(self) -> list[int]:
        return sorted({d.session for d in self._docs if d.session is not None})

    def session(self, session: int, filters: Filters = (), limit: int = 100) -> SessionPhrases:
        """Phrases first used in the session, and those that rose or fell most since the previous."""
        selected = self._select(filters)
        here = [d for d in selected if d.session == session]
        earlier = [d.session for d in selected if d.session is not None and d.session < session]
        previous_session = max(earlier) if earlier else None
        before = [d for d in selected if d.session == previous_session]
        # Filters that keep whole sessions read the per-session table, not every document's rows.
        whole = len(here) == self._session_sizes[session]
        both = whole and len(before) == self._session_sizes[previous_session or 0]
        new = self._new(session, here, limit, whole)
        rising, falling = self._changes(here, before, limit, both)
        return SessionPhrases(
            session,
            previous_session,
            len(here),
            sum(d.paragraphs for d in here),
            new,
            rising,
            falling,
        )

    def _new(self, session: int, docs: list[_Doc], limit: int, whole: bool) -> list[PhraseUse]:
        if not docs:
            return []
        if whole:
            sql = (
                "SELECT p.display, p.words, s.paragraphs, s.documents, p.first_session,"
                " p.first_symbol, p.first_paragraph, p.score FROM phrase_session s"
                " JOIN phrase p ON p.id = s.phrase WHERE s.session = ? AND s.first = 1"
                " ORDER BY s.documents DESC, s.paragraphs DESC, p.score DESC, p.words LIMIT ?"
            )
            return [PhraseUse(*row) for row in self._rows(sql, (session, limit))]
        rows = self._rows(  # CROSS JOIN: the selected documents' rows first, then their phrases
            "SELECT p.display, p.words, SUM(d.paragraphs) AS n, COUNT(*) AS m, p.first_session,"
            " p.first_symbol, p.first_paragraph, p.score FROM phrase_doc d"
            " CROSS JOIN phrase p ON p.id = d.phrase"
            f" WHERE d.doc IN ({_marks(docs)}) AND p.first_session = ?"
            " GROUP BY p.id ORDER BY m DESC, n DESC, p.score DESC, p.words LIMIT ?",
            [*(d.doc for d in docs), session, limit],
        )
        return [PhraseUse(*row) for row in rows]

    def _changes(
        self, here: list[_Doc], before: list[_Doc], limit: int, whole: bool
    ) -> tuple[list[PhraseChange], list[PhraseChange]]:
        """Counted, compared and ranked in SQL: only the listed phrases reach Python."""
        if not here or not before:
            return [], []
        size, previous_size = (sum(d.paragraphs for d in docs) or 1 for docs in (here, before))
        if whole:
            counts = (
                "SELECT phrase, SUM(CASE WHEN session = ? THEN paragraphs ELSE 0 END) AS n,"
                " SUM(CASE WHEN session = ? THEN 0 ELSE paragraphs END) AS m"
                " FROM phrase_session WHERE session IN (?, ?) GROUP BY phrase"
            )
            session, previous = here[0].session, before[0].session
            parameters: list = [session, session, session, previous]
        else:
            counts = (
                "SELECT phrase, SUM(n) AS n, SUM(m) AS m FROM ("
                " SELECT phrase, paragraphs AS n, 0 AS m FROM phrase_doc"
                f" WHERE doc IN ({_marks(here)})"
                " UNION ALL SELECT phrase, 0, paragraphs FROM phrase_doc"
                f" WHERE doc IN ({_marks(before)})) GROUP BY phrase"
            )
            parameters = [*(d.doc for d in here), *(d.doc for d in before)]
        ranked = (  # counted once (MATERIALIZED), then the top of each direction
            f"WITH x AS MATERIALIZED ({counts}),"
            " y AS (SELECT phrase, n, m, (1000.0 * n / ?) - (1000.0 * m / ?) AS c FROM x"
            " WHERE MAX(n, m) >= ?)"
            " SELECT 1, p.display, p.words, y.n, y.m FROM"
            " (SELECT * FROM y WHERE c > 0 ORDER BY c DESC LIMIT ?) y"
            " CROSS JOIN phrase p ON p.id = y.phrase"
            " UNION ALL SELECT 0, p.display, p.words, y.n, y.m FROM"
            " (SELECT * FROM y WHERE c < 0 ORDER BY c ASC LIMIT ?) y"
            " CROSS JOIN phrase p ON p.id = y.phrase"
        )
        rows = self._rows(ranked, [*parameters, size, previous_size, MIN_CHANGE, limit, limit])
        lists: tuple[list[PhraseChange], list[PhraseChange]] = ([], [])
        for rising, display, words, n, m in rows:
            rate, previous_rate = round(1000 * n / size, 2), round(1000 * m / previous_size, 2)
            lists[0 if rising else 1].append(
                PhraseChange(display, words, n, m, rate, previous_rate)
            )
        for changes in lists:  # ties in SQL order by rowid; the page orders them by words
            changes.sort(key=lambda c: (-abs(c.change), c.words))
        return lists

    def document(
        self, symbol: str, predecessors: Sequence[str] = (), limit: int = 100
    ) -> DocumentPhrases | None:
        """The document's phrases by keyness against its committee's texts, each saying which of its
        predecessors (draft, previous-session version) did not use it."""
        doc = self._by_symbol.get(symbol)
        if doc is None:
            return None
        group_size = sum(d.paragraphs for d in self._docs if d.group == doc.group) or 1
        compared = [s for s in predecessors if s in self._by_symbol and s != symbol]
        used = {
            other: {row[0] for row in self._rows(_WORDS_OF_DOC, (self._by_symbol[other].doc,))}
            for other in compared
        }
        rows = self._rows(
            "SELECT p.display, p.words, d.paragraphs, p.documents, p.first_session,"
            " p.first_symbol, p.first_paragraph, g.paragraphs FROM phrase_doc d"
            " JOIN phrase p ON p.id = d.phrase"
            " JOIN phrase_group g ON g.phrase = p.id AND g.grp = ? WHERE d.doc = ?",
            (doc.group, doc.doc),
        )
        phrases = []
        for display, words, count, documents, first_session, first_symbol, first, in_group in rows:
            absent = tuple(other for other in compared if words not in used[other])
            phrases.append(
                PhraseUse(
                    display,
                    words,
                    count,
                    documents,
                    first_session,
                    first_symbol,
                    first,
                    _keyness(count, doc.paragraphs, in_group, group_size),
                    bool(compared) and len(absent) == len(compared),
                    absent,
                )
            )
        phrases.sort(key=lambda p: (-p.score, p.words))
        return DocumentPhrases(symbol, doc.group, compared, phrases[:limit])

    def _select(self, filters: Filters) -> list[_Doc]:
        """Documents matching every field's filters (values of one field OR'd), as search does."""
        wanted: dict[str, set[str]] = {}
        for field, value in filters:
            if field not in FILTER_FIELDS:
                raise BadFilter(
                    f"phrases can be filtered by {', '.join(FILTER_FIELDS)}; not by {field}"
                )
            try:
                clause = field_clause(field, value, 0)
            except QueryError as error:
                raise BadFilter(
                    f"the filter {field}:{value} cannot be used: {error.message}"
                ) from error
            assert isinstance(clause, FieldMatch)
            wanted.setdefault(field, set()).add(keyword(clause.value))
        return [d for d in self._docs if all(d.values[f] & v for f, v in wanted.items())]

    def close(self) -> None:
        self._connection.close()


_WORDS_OF_DOC = "SELECT p.words FROM phrase_doc d JOIN phrase p ON p.id = d.phrase WHERE d.doc = ?"


def _document(row: tuple) -> _Doc:
    doc, symbol, session, committee, body, doc_type, agenda, sponsor, paragraphs = row
    values = {
        "committee": [committee] if committee else [],
        "body": [body] if body else [],
        "type": [doc_type] if doc_type else [],
        "agenda": json.loads(agenda),
        "sponsor": json.loads(sponsor),
    }
    folded = {name: frozenset(keyword(v) for v in vals) for name, vals in values.items()}
    return _Doc(doc, symbol, session, folded, paragraphs, committee or body or "other")


def _marks(items: Sequence) -> str:
    return ", ".join("?" * len(items))


def _keyness(count: int, size: int, in_group: int, group_size: int) -> float:
    """Dunning's log-likelihood of the document's use against its group's; negative when it uses
    the phrase less often than the group does."""
    score = BigramAssocMeasures.likelihood_ratio(count, (size, in_group), group_size)
    expected = size * in_group / group_size
    return round(score if count >= expected else -score, 2) if math.isfinite(score) else 0.0
