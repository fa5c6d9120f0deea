"""/compare, /timeline, /concordance (+ .csv) and /cited, each with a .json twin."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request
from werkzeug.datastructures import MultiDict

from search.api import QueryError
from search.compare import compare as compare_documents
from search.compare import pair_json
from search.concordance import SORTS as CONCORDANCE_SORTS
from search.concordance import ConcordanceSort
from search.concordance import concordance as build_concordance
from search.language import Lineage
from search.timeline import timeline as build_timeline
from web import language_present as present
from web import urls
from web.chart import spans
from web.coverage_views import get_coverage
from web.errors import wants_json, wants_json_error
from web.limits import heavy_slot
from web.resources import get_language, get_searcher
from web.state import BadParameter, SearchState, integer_param, parse_state

bp = Blueprint("language", __name__)
MAX_SYMBOL_CHARS = 100
MAX_CITED = 500
WIDTHS = (40, 60, 80, 120)


def _query_state() -> SearchState:
    """q and f= filters, validated like the search page's; sort and paging do not apply here."""
    args = MultiDict([(k, v) for k, v in request.args.items(multi=True) if k in ("q", "f")])
    state = parse_state(args)
    return SearchState(query=state.query, filters=state.filters, clauses=state.clauses)


def _bad_query(template: str, state: SearchState, error: QueryError, **context):
    if wants_json_error():
        payload = {"error": "Bad query", "message": error.message, "position": error.position}
        return jsonify(payload), 400
    caret = urls.caret(state.query, error.position)
    return render_template(
        template, state=state, query_error=error.message, caret=caret, **context
    ), 400


def _symbol(name: str) -> str:
    value = (request.args.get(name) or "").strip()
    if len(value) > MAX_SYMBOL_CHARS:
        raise BadParameter(f"{name} is too long to be a document symbol.")
    return value


@bp.get("/compare")
@bp.get("/compare.json")
def compare() -> Response | str | tuple:
    """Without both symbols: the form, with comparisons the first document's lineage suggests."""
    symbol_a, symbol_b = _symbol("a"), _symbol("b")
    searcher = get_searcher()
    language = get_language(searcher)
    if not (symbol_a and symbol_b):
        if wants_json():
            raise BadParameter("compare needs two document symbols: ?a=SYMBOL&b=SYMBOL.")
        lineage = language.lineage(symbol_a) if language and symbol_a else None
        hints = present.suggestions(lineage) if lineage else []
        return render_template(
            "language/compare.html", a=symbol_a, b=symbol_b, pairs=None, hints=hints
        )
    documents = []
    for symbol in (symbol_a, symbol_b):
        document = searcher.document(symbol)
        if document is None:
            abort(404, f"No document with the symbol {symbol!r} is in the corpus.")
        documents.append(document)
    with heavy_slot():
        pairs = compare_documents(*documents)
    if wants_json():
        return jsonify(a=symbol_a, b=symbol_b, pairs=[pair_json(p) for p in pairs])
    counts = {
        status: sum(1 for p in pairs if p.status == status) for status in present.STATUS_LABELS
    }
    lineage = language.lineage(symbol_a) if language else Lineage(symbol_a)
    return render_template(
        "language/compare.html",
        a=symbol_a,
        b=symbol_b,
        docs=documents,
        pairs=present.pair_views(pairs, symbol_a, symbol_b),
        counts=counts,
        hints=present.suggestions(lineage),
        a_href=urls.doc_url(symbol_a),
        b_href=urls.doc_url(symbol_b),
        swap_href=present.page_url("/compare", a=symbol_b, b=symbol_a),
        json_url=present.page_url("/compare.json", a=symbol_a, b=symbol_b),
    )


@bp.get("/timeline")
@bp.get("/timeline.json")
def timeline() -> Response | str | tuple:
    state = _query_state()
    if not state.query:
        if wants_json():
            raise BadParameter("timeline needs a query: ?q=...")
        return render_template("language/timeline.html", state=state, result=None)
    try:
        result = build_timeline(get_searcher(), state.parsed(facets=False))
    except QueryError as error:
        return _bad_query("language/timeline.html", state, error, result=None)
    coverage = get_coverage(get_searcher())
    chart = present.rate_chart(result.sessions, state)
    not_indexed = spans([bar.session for bar in chart.bars if not bar.indexed]) if chart else ""
    if wants_json():
        scope = {"scope": coverage.scope, "indexed_sessions": sorted(coverage.sessions)}
        return jsonify({**present.timeline_json(result), **scope})
    return render_template(
        "language/timeline.html",
        state=state,
        result=result,
        chart=chart,
        scope=coverage.scope,
        not_indexed=not_indexed,
        session_links={
            s.session: present.session_search_url(state, s.session) for s in result.sessions
        },
        year_links={y.year: present.year_search_url(state, y.year) for y in result.years},
        committee_links=[
            (name, count, present.committee_search_url(state, name))
            for name, count in result.committees
        ],
        first_href=present.use_link(result.first.symbol, result.first.paragraph_id, state.query)
        if result.first
        else None,
        last_href=present.use_link(result.last.symbol, result.last.paragraph_id, state.query)
        if result.last
        else None,
        json_url=present.page_url("/timeline.json", q=state.query),
        concordance_url=present.page_url("/concordance", q=state.query),
    )


def _concordance_options() -> tuple[ConcordanceSort, int]:
    sort = request.args.get("sort") or "left"
    if sort not in CONCORDANCE_SORTS:
        raise BadParameter(f"sort must be one of {', '.join(CONCORDANCE_SORTS)}, not {sort!r}.")
    width = integer_param(request.args, "width", 60, min(WIDTHS), max(WIDTHS))
    if width not in WIDTHS:
        raise BadParameter(f"width must be one of {', '.join(map(str, WIDTHS))}.")
    return sort, width


@bp.get("/concordance")
@bp.get("/concordance.json")
@bp.get("/concordance.csv")
def concordance() -> Response | str | tuple:
    state = _query_state()
    sort, width = _concordance_options()
    as_csv = request.path.endswith(".csv")
    if not state.query:
        if wants_json() or as_csv:
            raise BadParameter("concordance needs a query: ?q=...")
        return render_template("language/concordance.html", state=state, result=None, sort=sort)
    try:
        with heavy_slot():
            result = build_concordance(
                get_searcher(),
                state.parsed(facets=False),
                sort,
                width,
                seconds=current_app.config["WORK_SECONDS"],
            )
    except QueryError as error:
        return _bad_query("language/concordance.html", state, error, result=None, sort=sort)
    if as_csv:
        response = Response(present.concordance_csv(result.rows), mimetype="text/csv")
        response.headers["Content-Disposition"] = 'attachment; filename="concordance.csv"'
        response.headers["X-Agreed-Complete"] = "0" if result.truncated or result.partial else "1"
        return response
    if wants_json():
        rows = [asdict(row) for row in result.rows]
        return jsonify(
            query=state.query,
            sort=sort,
            truncated=result.truncated,
            partial=result.partial,
            rows=rows,
        )
    params = {"q": state.query, "width": width if width != 60 else None}
    return render_template(
        "language/concordance.html",
        state=state,
        result=result,
        sort=sort,
        rows=[
            (row, urls.doc_url(row.symbol, state.query, row.paragraph_id)) for row in result.rows
        ],
        sort_links=[
            (s, present.page_url("/concordance", **params, sort=s)) for s in CONCORDANCE_SORTS
        ],
        csv_url=present.page_url("/concordance.csv", **params, sort=sort),
        json_url=present.page_url("/concordance.json", **params, sort=sort),
    )


@bp.get("/cited")
@bp.get("/cited.json")
def cited() -> Response | str:
    limit = integer_param(request.args, "limit", 100, 1, MAX_CITED)
    searcher = get_searcher()
    language = get_language(searcher)
    ranked = language.most_cited(limit) if language else []
    if wants_json():
        return jsonify(cited=[{"symbol": s, "count": n} for s, n in ranked])
    rows = [
        (symbol, count, urls.doc_url(symbol) if language and language.in_corpus(symbol) else None)
        for symbol, count in ranked
    ]
    return render_template(
        "language/cited.html", rows=rows, available=language is not None, json_url="/cited.json"
    )
