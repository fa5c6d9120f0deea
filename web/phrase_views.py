"""/phrases: the phrases a session introduced and those that rose or fell, with .json and .csv twins."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask import Blueprint, Response, jsonify, render_template, request

from search.api import Searcher
from search.phrases import (
    FILTER_FIELDS,
    BadFilter,
    DocumentPhrases,
    PhraseChange,
    PhraseTables,
    PhraseUse,
    SessionPhrases,
)
from search.phrases_json import quoted, session_json
from web import urls
from web.errors import wants_json
from web.resources import get_language, get_phrases, get_searcher
from web.state import BadFilter as FilterRefused
from web.state import BadParameter, integer_param, parse_filters

bp = Blueprint("phrases", __name__)
MAX_LIMIT = 500
MAX_SESSION = 9999
DEFAULT_LIMIT = 50  # per list: new, rising, falling
CSV_COLUMNS = (
    "list",
    "phrase",
    "query",
    "count",
    "documents",
    "first_session",
    "first_symbol",
    "score",
    "previous_count",
    "rate",
    "previous_rate",
)


@dataclass(frozen=True)
class PhraseRow:
    """A listed phrase with the links the page prints."""

    item: PhraseUse | PhraseChange
    links: urls.PhraseLinks


def phrase_rows(items: list, session: int, filters: tuple[tuple[str, str], ...]) -> list[PhraseRow]:
    """Links for each phrase of a session listing, keeping the listing's selection."""
    rows = []
    for item in items:
        first = (item.first_symbol, item.first_paragraph) if isinstance(item, PhraseUse) else None
        rows.append(PhraseRow(item, urls.phrase_links(quoted(item.words), filters, session, first)))
    return rows


DOCUMENT_PHRASES = 25  # phrases shown on a document page


def document_phrases(searcher: Searcher, key: str) -> DocumentPhrases | None:
    """A document's most distinctive phrases, marking those its draft and previous version lack."""
    tables = get_phrases(searcher)
    if tables is None:
        return None
    language = get_language(searcher)
    lineage = language.lineage(key) if language else None
    predecessors = [s for s in (lineage.draft_of, lineage.previous_session) if s] if lineage else []
    return tables.document(key, predecessors, DOCUMENT_PHRASES)


def document_phrase_rows(result: DocumentPhrases) -> list[PhraseRow]:
    """Links over the whole corpus: a document's phrase is followed everywhere it is used."""
    return [
        PhraseRow(
            use,
            urls.phrase_links(quoted(use.words), first=(use.first_symbol, use.first_paragraph)),
        )
        for use in result.phrases
    ]


def _options(tables: PhraseTables | None) -> tuple[int | None, tuple[tuple[str, str], ...], int]:
    """session (default: the latest), f= filters (document fields only) and limit, validated."""
    filters = parse_filters(request.args.getlist("f"))
    for field, _ in filters:
        if field not in FILTER_FIELDS:
            raise BadParameter(
                f"Phrases can be filtered by {', '.join(FILTER_FIELDS)}; {field} is a paragraph field."
            )
    asked = integer_param(request.args, "session", 0, 1, MAX_SESSION)  # 0: not given
    sessions = tables.sessions() if tables else []
    session = asked or (sessions[-1] if sessions else None)
    limit = integer_param(request.args, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    return session, filters, limit


@bp.get("/phrases")
@bp.get("/phrases.json")
@bp.get("/phrases.csv")
def phrases() -> Response | str | tuple:
    tables = get_phrases(get_searcher())
    session, filters, limit = _options(tables)
    if tables is None or session is None:
        if wants_json() or request.path.endswith(".csv"):
            return jsonify(error="Unavailable", message=_UNBUILT), 503
        return render_template("phrases.html", result=None, unbuilt=tables is None), 503
    try:
        result = tables.session(session, filters, limit)
    except (
        BadFilter
    ) as error:  # a filter value the field cannot take: said as the search page says it
        raise FilterRefused(str(error)) from error
    if request.path.endswith(".csv"):
        response = Response(_csv(result), mimetype="text/csv")
        response.headers["Content-Disposition"] = (
            f'attachment; filename="phrases-session-{session}.csv"'
        )
        return response
    if wants_json():
        return jsonify(session_json(result, filters))
    return render_template(
        "phrases.html",
        result=result,
        filters=filters,
        sessions=[(s, urls.phrases_url(s, filters), s == session) for s in tables.sessions()],
        remove_links=[
            (
                f"{field}:{value}",
                urls.phrases_url(session, tuple(f for f in filters if f != (field, value))),
            )
            for field, value in filters
        ],
        new=phrase_rows(result.new, session, filters),
        rising=phrase_rows(result.rising, session, filters),
        falling=phrase_rows(result.falling, session, filters),
        json_url=urls.phrases_url(session, filters, ".json"),
        csv_url=urls.phrases_url(session, filters, ".csv"),
    )


_UNBUILT = "This index has no phrase tables: rebuild it with `agreed index`."


def _csv(result: SessionPhrases) -> str:
    """Every listed phrase, new ones then risers then fallers, one row each."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for use in result.new:
        first = (use.first_session, use.first_symbol, use.score)
        writer.writerow(("new", use.phrase, quoted(use.words), use.count, use.documents, *first))
    for name, changes in (("rising", result.rising), ("falling", result.falling)):
        for c in changes:
            rates = (round(c.change, 2), c.previous_count, c.rate, c.previous_rate)
            writer.writerow((name, c.phrase, quoted(c.words), c.count, "", "", "", *rates))
    return out.getvalue()
