"""Read the phrase tables of a build: a session's new and changing phrases, a document's own ones."""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nltk.metrics import BigramAssocMeasures

from search.api import IndexUnavailable, QueryError
from search.ast import FieldMatch
from search.engines.rows import keyword
from search.query_values import field_clause
from search.store.language_tables import FILENAME

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
        if not path.is_file():
            raise IndexUnavailable(f"no agreed-language tables in {build_dir}: rebuild the index")
        self._connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
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
        whole = not filters  # whole sessions: read the per-session table, not every document's rows
        new = self._new(session, here, limit, whole)
        rising, falling = self._changes(
            here, before, limit, (session, previous_session) if whole else None
        )
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
        rows = self._rows(
            "SELECT p.display, p.words, SUM(d.paragraphs) AS n, COUNT(*) AS m, p.first_session,"
            " p.first_symbol, p.first_paragraph, p.score FROM phrase p"
            " JOIN phrase_doc d ON d.phrase = p.id"
            f" WHERE p.first_session = ? AND d.doc IN ({_marks(docs)})"
            " GROUP BY p.id ORDER BY m DESC, n DESC, p.score DESC, p.words LIMIT ?",
            [session, *(d.doc for d in docs), limit],
        )
        return [PhraseUse(*row) for row in rows]

    def _changes(
        self,
        here: list[_Doc],
        before: list[_Doc],
        limit: int,
        sessions: tuple[int, int | None] | None,
    ) -> tuple[list[PhraseChange], list[PhraseChange]]:
        """Counted in SQL, so only phrases used often enough in one session reach Python."""
        if not here or not before:
            return [], []
        size, previous_size = (sum(d.paragraphs for d in docs) or 1 for docs in (here, before))
        if sessions is not None:
            source, where = "phrase_session", "session IN (?, ?)"
            unit, parameters = "session = ?", [sessions[0], sessions[0], *sessions]
        else:
            now, both = _marks(here), _marks(here + before)
            source, where = "phrase_doc", f"doc IN ({both})"
            unit = f"doc IN ({now})"
            parameters = [*(d.doc for d in here), *(d.doc for d in here)]
            parameters += [d.doc for d in here + before]
        rows = self._rows(
            "SELECT p.display, p.words, x.n, x.m FROM ("
            f" SELECT phrase, SUM(CASE WHEN {unit} THEN paragraphs ELSE 0 END) AS n,"
            f" SUM(CASE WHEN {unit} THEN 0 ELSE paragraphs END) AS m"
            f" FROM {source} WHERE {where} GROUP BY phrase HAVING MAX(n, m) >= ?"
            ") x JOIN phrase p ON p.id = x.phrase",
            [*parameters, MIN_CHANGE],
        )
        changes = [
            PhraseChange(
                display, words, n, m, round(1000 * n / size, 2), round(1000 * m / previous_size, 2)
            )
            for display, words, n, m in rows
        ]
        changes.sort(key=lambda c: (-c.change, c.words))
        rising = [c for c in changes if c.change > 0][:limit]
        falling = [c for c in reversed(changes) if c.change < 0][:limit]
        return rising, falling

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


def use_json(use: PhraseUse) -> dict:
    """The public shape: phrase, count, documents, first_session, first_symbol, score (and more)."""
    return {
        "phrase": use.phrase,
        "count": use.count,
        "documents": use.documents,
        "first_session": use.first_session,
        "first_symbol": use.first_symbol,
        "score": use.score,
        "first_paragraph": use.first_paragraph,
        "query": quoted(use.words),
        "new_here": use.new_here,
        "absent_from": list(use.absent_from),
    }


def change_json(change: PhraseChange) -> dict:
    return {
        "phrase": change.phrase,
        "count": change.count,
        "previous_count": change.previous_count,
        "rate": change.rate,
        "previous_rate": change.previous_rate,
        "change": round(change.change, 2),
        "query": quoted(change.words),
    }


def session_json(result: SessionPhrases, filters: Filters = ()) -> dict:
    return {
        "session": result.session,
        "previous_session": result.previous_session,
        "filters": [f"{field}:{value}" for field, value in filters],
        "documents": result.documents,
        "paragraphs": result.paragraphs,
        "phrases": [use_json(use) for use in result.new],
        "rising": [change_json(change) for change in result.rising],
        "falling": [change_json(change) for change in result.falling],
    }


def document_json(result: DocumentPhrases) -> dict:
    return {
        "symbol": result.symbol,
        "against": result.group,
        "compared_with": result.compared_with,
        "phrases": [use_json(use) for use in result.phrases],
    }


def quoted(words: str) -> str:
    """The quoted-phrase query that finds exactly the paragraphs a phrase was counted in."""
    return f'"{words}"'
