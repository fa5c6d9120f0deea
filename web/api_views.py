"""Machine interfaces: CSV export of every match, an Atom feed per query, OpenAPI, health."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import islice

from flask import Blueprint, Response, jsonify, request, stream_with_context

from search.api import Hit, IndexUnavailable, QueryError, Searcher
from search.describe import describe
from search.request import ParsedRequest
from web import feed, openapi, urls
from web.present import paragraph_label
from web.resources import get_searcher
from web.state import BadParameter, SearchState, parse_state

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
    "text",
    "url",
)


@bp.get("/export.csv")
def export_csv() -> Response:
    """Every matching paragraph with its full text, streamed row by row in the requested order."""
    _, parsed, searcher = _checked_state()
    base = request.host_url.rstrip("/")
    rows = _csv_rows(searcher.scan(parsed), base)
    response = Response(stream_with_context(rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="agreed-export.csv"'
    return response


@bp.get("/feed.atom")
def atom_feed() -> Response:
    """The newest matching paragraphs, so a saved search can be followed in a feed reader."""
    state, parsed, searcher = _checked_state()
    state = SearchState(query=state.query, filters=state.filters, sort="newest")
    base = request.host_url.rstrip("/")
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


def _checked_state() -> tuple[SearchState, ParsedRequest, Searcher]:
    """A bad query must fail with 400 before a streamed response has started."""
    state = parse_state(request.args)
    searcher = get_searcher()
    try:
        parsed = state.parsed(facets=False)
    except QueryError as error:
        where = f" (at character {error.position + 1})" if error.position is not None else ""
        raise BadParameter(f"{error.message}{where}") from error
    return state, parsed, searcher


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

    yield line(list(CSV_COLUMNS))
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
                    hit.text,
                    base + urls.doc_url(hit.symbol, paragraph_id=hit.paragraph_id),
                )
            ]
        )
