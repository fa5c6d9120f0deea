"""The search page and its JSON twin, plus the query-language help."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, jsonify, render_template, request

from search import suggest
from search.api import QueryError, Searcher, SearchResults
from search.coverage import sessions_not_indexed
from search.describe import describe
from web import coverage_views, helpdoc, present, urls
from web.chart import Chart, build_chart, session_counts
from web.errors import wants_json
from web.lookup import lookup
from web.resources import get_searcher, get_vocabulary
from web.state import BadParameter, SearchState, parse_state

bp = Blueprint("search", __name__)
HELP_SOURCE = Path(__file__).resolve().parents[1] / "docs" / "query-language.md"


@bp.get("/")
@bp.get("/search")
@bp.get("/search.json")
def search() -> Response | tuple[Response | str, int] | str:
    """One state from the URL, one engine call, the same rows for HTML and JSON."""
    if request.args.get("format", "html") not in ("html", "json"):
        raise BadParameter("format must be html or json.")
    state = parse_state(request.args)
    searcher = get_searcher()
    if not (state.query or state.filters or state.more) and not wants_json():
        return coverage_views.home(state)
    try:
        parsed = state.parsed()
        results = searcher.search(parsed)
    except QueryError as error:
        return _query_error(state, error)
    sentence = describe(parsed.node, state.filters)
    labels = {"agenda": coverage_views.get_coverage(searcher).agenda_titles}
    facet_list = present.facets(state, results, labels)
    named = lookup(searcher, state.query) if state.query else None
    respellings, language_note = _spelling(searcher, state)
    if wants_json():
        return jsonify(
            present.results_json(state, results, sentence, facet_list)
            | {"document": named, "suggestions": respellings, "language_note": language_note}
        )
    return render_template(
        "search.html",
        state=state,
        results=results,
        sentence=sentence,
        facets=facet_list,
        hits=[present.hit_view(hit, state.query) for hit in results.hits],
        groups=[present.group_view(g, state.query) for g in results.groups or []],
        chart=_chart(state, results),
        council=_council(state, results),
        nav=present.navigation(state, results, labels),
        suggestions=present.suggestions(state) if results.total == 0 else [],
        not_indexed=sessions_not_indexed(
            coverage_views.get_coverage(searcher), parsed.node, state.filters
        )
        if results.total == 0
        else "",
        hidden=urls.hidden_fields(state),
        more_fields=urls.more_filter_fields(state),
        named=named,
        respellings=respellings,
        language_note=language_note,
    )


@bp.get("/help")
@bp.get("/help.json")
def help_page() -> Response | str:
    """The query-language reference, rendered from the same Markdown file the README links to."""
    markdown = HELP_SOURCE.read_text(encoding="utf-8")
    if wants_json():
        return jsonify(source="docs/query-language.md", markdown=markdown)
    return render_template("help.html", blocks=helpdoc.render(markdown), state=SearchState())


def _spelling(searcher: Searcher, state: SearchState) -> tuple[list[dict[str, str]], str | None]:
    """Did you mean (the index's nearest words to those it lacks), and a note for a French or
    Spanish query: the index holds the English texts."""
    vocabulary = get_vocabulary(searcher) if state.query else None
    if vocabulary is None:
        return [], None
    language = suggest.foreign_language(state.query, vocabulary)
    respellings = [
        {"query": query, "url": urls.query_url(state, query)}
        for query in ([] if language else suggest.suggestions(state.query, vocabulary))
    ]
    note = (
        f"This looks like {language}: the index holds the English texts of the resolutions, "
        "so search in English."
        if language
        else None
    )
    return respellings, note


def _council(state: SearchState, results: SearchResults) -> dict[str, object] | None:
    """Security Council matches have no session, so no bar: say how many, and where they are by year."""
    count = dict(results.facets.get("body", [])).get("Security Council", 0)
    if not count:
        return None
    href = urls.search_url(SearchState(query=state.query, filters=state.filters), "/timeline")
    return {"count": count, "href": href + "#years"}


def _chart(state: SearchState, results: SearchResults) -> Chart | None:
    selected = {int(v) for f, v in state.filters if f == "session" and v.isascii() and v.isdigit()}
    counts = session_counts(results.facets.get("session", []))
    indexed = coverage_views.get_coverage(get_searcher()).sessions or None
    return build_chart(
        counts, selected, lambda s: urls.toggle_filter_url(state, "session", str(s)), indexed
    )


def _query_error(state: SearchState, error: QueryError) -> tuple[Response | str, int]:
    """400 with the message and a caret under the offending character of the query."""
    caret = urls.caret(state.query, error.position)
    if wants_json():
        payload = {"error": "Bad query", "message": error.message, "position": error.position}
        return jsonify(payload), 400
    return render_template(
        "search.html",
        state=state,
        query_error=error.message,
        caret=caret,
        results=None,
        facets=[],
        hits=[],
        groups=[],
        chart=None,
        nav=None,
        suggestions=[],
        hidden=urls.hidden_fields(state),
    ), 400
