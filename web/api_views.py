"""Machine interfaces: CSV export of every match, an Atom feed per query, OpenAPI, health."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from itertools import islice

from flask import Blueprint, Response, current_app, jsonify, request

from indexer.analysis import fold
from search.api import Hit, IndexUnavailable, QueryError, Searcher
from search.describe import describe
from search.request import ParsedRequest
from web import feed, openapi, streaming, urls
from web.present import paragraph_label
from web.resources import get_searcher
from web.state import BadQuery, SearchState, parse_state

bp = Blueprint("api", __name__)
FEED_ENTRIES = 50
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "symbol",
    "paragraph_id",
    "label",
    "kind",
    "session",
    "committee",
    "body",
    "doc_type",
    "date",
    "title",
    "verb",
    "agenda_items",
    "sponsors",
    "draft_sponsors",
    "text",
    "url",
)
FILENAME_CHARS = 80  # of the query and filters, in the export's file name


@bp.get("/export.csv")
def export_csv() -> Response:
    """Every matching paragraph with its full text, streamed row by row in the requested order."""
    state, parsed, searcher = _checked_state()
    base = public_base_url()

    def rows() -> Iterator[str]:  # the search runs once a download slot is free
        return _csv_rows(searcher.scan(parsed.with_(snippet_chars=0)), base)

    return streaming.streamed(rows, "text/csv", export_filename(state.query, state.filters))


@bp.get("/feed.atom")
def atom_feed() -> Response:
    """The newest matching paragraphs, so a saved search can be followed in a feed reader."""
    state, parsed, searcher = _checked_state()
    state = SearchState(query=state.query, filters=state.filters, sort="newest")
    base = public_base_url()
    hits = islice(searcher.scan(parsed.with_(sort="newest", page=1)), FEED_ENTRIES)
    title = "agreed: " + describe(parsed.node, state.filters)
    body = feed.build_feed(
        title,
        self_url=base + urls.feed_url(state),
        html_url=base + urls.search_url(state),
        hits=(
            (hit, base + urls.doc_url(hit.symbol, state.query, hit.paragraph_id)) for hit in hits
        ),
    )
    return Response(body, mimetype="application/atom+xml")


@bp.get("/openapi.json")
def openapi_json() -> Response:
    return jsonify(openapi.SPEC)


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """For monitors: 200 with index figures when serving, 503 with the reason when not."""
    try:
        searcher = get_searcher()
        stats = searcher.stats()
    except IndexUnavailable as error:
        return jsonify(status="unavailable", message=str(error)), 503
    build = getattr(searcher, "build_dir", None)
    return jsonify(
        status="ok",
        engine=searcher.engine_name,
        documents=stats.get("documents", 0),
        paragraphs=stats.get("paragraphs", 0),
        build=build.name if build else None,
    ), 200


def public_base_url() -> str:
    """Absolute links come from configuration (AGREED_BASE_URL), never from the client's Host header."""
    return str(current_app.config["BASE_URL"]).rstrip("/")


def _checked_state() -> tuple[SearchState, ParsedRequest, Searcher]:
    """A bad query must fail with 400 before a streamed response has started."""
    state = parse_state(request.args)
    searcher = get_searcher()
    try:
        parsed = state.parsed(facets=False)
    except QueryError as error:
        where = f" (at character {error.position + 1})" if error.position is not None else ""
        raise BadQuery(f"{error.message}{where}") from error
    return state, parsed, searcher


def export_filename(query: str, filters: Sequence[tuple[str, str]]) -> str:
    """agreed-climate-change-session-74.csv: the query's and filters' words, ASCII, hyphenated."""
    text = fold(" ".join([query, *(f"{field} {value}" for field, value in filters)]))
    words = re.findall(r"[a-z0-9]+", text)
    slug = "-".join(words)[:FILENAME_CHARS].strip("-") or "all"
    return f"agreed-{slug}.csv"


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def _csv_rows(hits: Iterator[Hit], base: str) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values: list[object]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield "\ufeff" + line(list(CSV_COLUMNS))  # the byte order mark tells Excel it is UTF-8
    for hit in hits:
        yield line(
            [
                spreadsheet_safe(value)
                for value in (
                    hit.symbol,
                    hit.paragraph_id,
                    paragraph_label(hit.kind, hit.number, hit.paragraph_id),
                    hit.kind,
                    hit.session,
                    hit.committee,
                    hit.body,
                    hit.doc_type,
                    hit.date,
                    hit.title,
                    hit.verb,
                    "; ".join(hit.agenda_items),
                    "; ".join(hit.sponsors),
                    "; ".join(hit.draft_sponsors),
                    hit.text,
                    base + urls.doc_url(hit.symbol, paragraph_id=hit.paragraph_id),
                )
            ]
        )
