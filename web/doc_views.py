"""/doc/<symbol>: one resolution, its paragraphs anchored, and how it relates to the rest of the corpus."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial
from typing import Any

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request
from werkzeug.wrappers import Response as WerkzeugResponse

from search.api import QueryError, Searcher
from search.language import Provenance
from search.parser import parse_query, query_terms
from search.phrases_json import document_json as phrases_json
from search.snippets import highlight_full
from web import document, language_present, urls
from web.errors import wants_json
from web.phrase_views import document_phrase_rows, document_phrases
from web.present import label_for_id
from web.resources import canonical_key, get_language, get_searcher, resolve_cite
from web.state import MAX_URL_QUERY_CHARS, SearchState

bp = Blueprint("doc", __name__)


@bp.get("/doc/<path:symbol>")
def show(symbol: str) -> Response | WerkzeugResponse | str:
    """Symbols are docstore keys, never paths: anything not stored is a 404."""
    searcher = get_searcher()
    as_json = wants_json()
    key = symbol
    resolution = searcher.document(key)
    if resolution is None and key.endswith(".json"):
        key, as_json = key.removesuffix(".json"), True
        resolution = searcher.document(key)
    if resolution is None:
        canonical = canonical_key(searcher, key)
        if canonical is None:
            abort(404, f"No document with the symbol {symbol!r} is in the corpus.")
        suffix = ".json" if symbol.endswith(".json") else ""
        target = urls.doc_url(canonical, suffix=suffix)
        query = request.query_string.decode("ascii", "replace")
        return redirect(f"{target}?{query}" if query else target, 301)
    query = (request.args.get("q") or "").strip()[:MAX_URL_QUERY_CHARS]
    highlight, query_problem = _highlighter(query)
    badges, relations = _language(searcher, key)
    links = _outside_links(resolution.symbol, _comparisons(searcher, key))
    cites = document.cite_links(resolution.cites, partial(resolve_cite, searcher))
    phrases = document_phrases(searcher, key)
    if as_json:
        payload = document.document_json(key, resolution, cites, _relations_json(relations), badges)
        phrases_payload = phrases_json(phrases) if phrases else None
        return jsonify({**payload, "phrases": phrases_payload, "links": links})
    paragraphs, footnotes = document.paragraph_views(resolution, highlight, badges)
    return render_template(
        "doc.html",
        state=SearchState(query=query),
        doc=resolution,
        metadata=document.metadata_rows(resolution),
        subject_links=[
            document.Link(subject, urls.toggle_filter_url(SearchState(), "subject", subject))
            for subject in resolution.subjects
        ],
        source=document.source_name(resolution),
        paragraphs=paragraphs,
        footnotes=footnotes,
        cites=cites,
        relations=relations,
        query=query,
        query_problem=query_problem,
        back=urls.search_url(SearchState(query=query)) if query else None,
        key=key,
        links=links,
        official=document.official_links(resolution.symbol) if resolution.symbol else [],
        json_url=urls.doc_url(key, suffix=".json"),
        phrases=phrases,
        phrase_rows=document_phrase_rows(phrases) if phrases else [],
    )


def _comparisons(searcher: Searcher, key: str) -> list[dict[str, str]]:
    """Compare with the draft, the adopted text, the previous or next session's, each revision."""
    language = get_language(searcher)
    if language is None:
        return []
    suggested = language_present.suggestions(language.lineage(key))
    return [
        {"text": f"Compare with {label}", "symbol": other, "url": url}
        for label, other, url in suggested
    ]


def _outside_links(symbol: str | None, comparisons: list[dict[str, str]]) -> dict[str, Any]:
    """Where else to read the document: the official PDFs, its library record, comparisons."""
    return {
        "official": {link.lang: link.href for link in document.official_links(symbol)}
        if symbol
        else {},
        "digital_library": document.library_url(symbol) if symbol else None,
        "compare": comparisons,
    }


def _highlighter(query: str) -> tuple[Callable[[str], str] | None, str | None]:
    """Marks the query's words in every paragraph; a bad query only loses the highlighting."""
    if not query:
        return None, None
    try:
        terms = query_terms(parse_query(query))
    except QueryError as error:
        return None, f"The words of this query could not be highlighted: {error.message}"
    return (lambda text: highlight_full(text, terms)), None


def _language(
    searcher: Searcher, symbol: str
) -> tuple[dict[str, document.Badge], dict[str, list[document.Link]]]:
    """Provenance badges and lineage / cited-by links from the language tables of this build."""
    language = get_language(searcher)
    if language is None:
        return {}, {}
    known = language.in_corpus
    lineage = language.lineage(symbol)
    relations: dict[str, list[document.Link]] = {}
    for key, label in (
        ("adopted_as", "Adopted as"),
        ("draft_of", "Adopted from draft"),
        ("previous_session", "Previous session's version"),
        ("next_session", "Next session's version"),
    ):
        if value := getattr(lineage, key):
            note = document.how_established(lineage.evidence.get(key))
            relations[label] = [
                dataclasses.replace(link, note=note)
                for link in document.symbol_links([value], known)
            ]
    if lineage.revisions:
        relations["Revisions"] = document.symbol_links(lineage.revisions, known)
    if cited_by := language.cited_by(symbol):
        relations["Cited by"] = document.symbol_links(cited_by, known)
    return _badges(language.provenance(symbol)), relations


def _badges(provenance: dict[str, Provenance]) -> dict[str, document.Badge]:
    """new / unchanged since X / amended from X, each linking to the paragraph it came from."""
    badges = {}
    for paragraph_id, entry in provenance.items():
        amended = entry.status == "amended"  # its diff is against the previous version
        source = entry.previous_symbol if amended else entry.source_symbol
        part = entry.previous_paragraph if amended else entry.source_paragraph
        href = urls.doc_url(source, paragraph_id=part) if source else None
        where = f"{source} {label_for_id(part or '')}".strip()
        text = {
            "new": "new in this index",
            "unchanged": f"unchanged since {where}",
            "amended": f"amended from {where}",
        }.get(entry.status, entry.status)
        badges[paragraph_id] = document.Badge(
            entry.status,
            text,
            href if entry.status != "new" else None,
            entry.diff_html if amended else None,
        )
    return badges


def _relations_json(relations: dict[str, list[document.Link]]) -> dict[str, Any]:
    return {
        "relations": {
            label: [
                {"symbol": link.text, "url": link.href, **({"how": link.note} if link.note else {})}
                for link in links
            ]
            for label, links in relations.items()
        }
    }
