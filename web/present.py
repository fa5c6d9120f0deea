"""Turn search results into what pages and JSON twins show, so both say exactly the same thing."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from search.api import SORTS, DocumentGroup, Hit, SearchResults
from web import urls
from web.state import FACETS_SHOWN, MAX_PAGE, SearchState

KIND_LABELS = {
    "preambular": "PP",
    "operative": "OP",
    "subparagraph": "OP",
    "footnote": "FN",
    "heading": "Heading",
    "table": "Table",
}
FACET_TITLES = {
    "session": "Session",
    "committee": "Committee",
    "body": "Body",
    "type": "Document type",
    "agenda": "Agenda item",
    "sponsor": "Sponsor",
    "subject": "Subject (UNBIS)",
    "kind": "Paragraph kind",
    "verb": "Verb",
}
SIDEBAR_FACETS = ("session", "committee", "type", "agenda", "sponsor", "subject", "kind", "verb")
HIT_FIELDS = tuple(f.name for f in fields(Hit))  # a flat copy; asdict's deep copy costs per row
SORT_TITLES = {"relevance": "Relevance", "newest": "Newest", "oldest": "Oldest", "symbol": "Symbol"}


def label_for_id(paragraph_id: str) -> str:
    """A paragraph of another document, known only by its anchor: op5a-i -> OP 5 (a) (i)."""
    match = re.fullmatch(r"(pp|op|fn)(\d+)([a-z])?(?:-([ivxlc]+))?", paragraph_id)
    if not match:
        return paragraph_id
    prefix, number, letter, roman = match.groups()
    return " ".join([prefix.upper(), number, *(f"({part})" for part in (letter, roman) if part)])


def paragraph_label(kind: str, number: str | None, paragraph_id: str = "") -> str:
    """OP 5, PP 3, OP 5 (a), PP 3 (a), FN 1: how delegates cite a paragraph."""
    prefix = KIND_LABELS.get(kind, kind.upper()[:2])
    if kind == "subparagraph" and re.match(r"^(?:annex\w*-)?pp\d", paragraph_id):
        prefix = "PP"  # an item of a preambular paragraph's list
    return f"{prefix} {number}" if number else prefix


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool
    href: str
    label: str | None = None  # an agenda item's title


@dataclass(frozen=True)
class Facet:
    field: str
    title: str
    values: tuple[FacetValue, ...]
    more_href: str | None  # shown when the list was cut to FACETS_SHOWN
    less_href: str | None  # shown when the full list is open


def facets(
    state: SearchState, results: SearchResults, labels: dict[str, dict[str, str]] | None = None
) -> list[Facet]:
    """Sidebar facets with toggle links; active values always stay visible, even beyond the cut.

    labels: field -> value -> title shown beside the value (agenda items' titles)."""
    labels = labels or {}
    shown = []
    for field in SIDEBAR_FACETS:
        counts = results.facets.get(field, [])
        expanded = state.more == field
        visible = counts if expanded else counts[:FACETS_SHOWN]
        active = {value for name, value in state.filters if name == field}
        missing = [(v, c) for v, c in counts[len(visible) :] if v in active]
        titles = labels.get(field, {})
        values = tuple(
            FacetValue(v, c, v in active, urls.toggle_filter_url(state, field, v), titles.get(v))
            for v, c in [*visible, *missing]
        )
        if not values:
            continue
        cut = not expanded and len(counts) > FACETS_SHOWN
        shown.append(
            Facet(
                field=field,
                title=FACET_TITLES[field],
                values=values,
                more_href=urls.more_url(state, field) if cut else None,
                less_href=urls.more_url(state, None) if expanded else None,
            )
        )
    return shown


def hit_view(hit: Hit, query: str) -> dict[str, Any]:
    """A result row: the hit's fields plus its label and its link into the document."""
    return {
        **{name: getattr(hit, name) for name in HIT_FIELDS},
        "label": paragraph_label(hit.kind, hit.number, hit.paragraph_id),
        "url": urls.doc_url(hit.symbol, query, hit.paragraph_id),
    }


def group_view(group: DocumentGroup, query: str) -> dict[str, Any]:
    return {
        "symbol": group.symbol,
        "title": group.title,
        "session": group.session,
        "committee": group.committee,
        "date": group.date,
        "score": group.score,
        "hit_count": group.hit_count,
        "url": urls.doc_url(group.symbol, query),
        "hits": [hit_view(hit, query) for hit in group.hits],
    }


def results_json(
    state: SearchState, results: SearchResults, sentence: str, facet_list: list[Facet]
) -> dict[str, Any]:
    """The search page's JSON twin: same state, same rows, same facet values, plus the links."""
    return {
        "query": state.query,
        "description": sentence,
        "filters": [{"field": f, "value": v} for f, v in state.filters],
        "sort": state.sort,
        "page": state.page,
        "size": state.size,
        "group": state.group,
        "total": results.total,
        "total_documents": results.total_documents,
        "hits": [hit_view(hit, state.query) for hit in results.hits],
        "groups": [group_view(g, state.query) for g in results.groups]
        if results.groups is not None
        else None,
        "facets": {
            facet.field: [
                {"value": v.value, "count": v.count, "selected": v.selected} for v in facet.values
            ]
            for facet in facet_list
        },
        "links": {
            "html": urls.search_url(state),
            "csv": urls.export_url(state),
            "atom": urls.feed_url(state),
        },
        "elapsed_ms": round(results.elapsed_ms, 2),
    }


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    current: bool = False


@dataclass(frozen=True)
class Navigation:
    """Every control around the result list, as ready-made links."""

    first: int  # 1-based rank of the first row shown
    last: int
    unit: str  # "paragraphs" or "documents"
    unit_total: int
    sorts: tuple[Link, ...]
    group: Link
    pages: tuple[Link | None, ...]  # None: a gap in the pager
    previous: str | None
    next: str | None
    chips: tuple[Link, ...]  # active filters; href removes one
    clear_all: str | None
    past_the_end: str | None  # the last page, when the URL asks for one beyond it
    json: str
    csv: str
    atom: str


def navigation(
    state: SearchState, results: SearchResults, labels: dict[str, dict[str, str]] | None = None
) -> Navigation:
    grouped = results.groups is not None
    unit_total = (results.total_documents or 0) if grouped else results.total
    shown = len(results.groups) if grouped else len(results.hits)  # type: ignore[arg-type]
    last_page = max(1, min(MAX_PAGE, -(-unit_total // state.size)))
    first = (state.page - 1) * state.size + 1
    pages = tuple(
        Link(str(n), urls.page_url(state, n), n == state.page) if n is not None else None
        for n in urls.page_numbers(state.page, last_page)
    )
    return Navigation(
        first=first if shown else 0,
        last=first + shown - 1 if shown else 0,
        unit="documents" if grouped else "paragraphs",
        unit_total=unit_total,
        sorts=tuple(Link(SORT_TITLES[s], urls.sort_url(state, s), s == state.sort) for s in SORTS),
        group=Link(
            "Show every paragraph" if state.group else "Group by document",
            urls.group_url(state, not state.group),
            state.group,
        ),
        pages=pages if last_page > 1 else (),
        previous=urls.page_url(state, state.page - 1) if state.page > 1 else None,
        next=urls.page_url(state, state.page + 1) if state.page < last_page else None,
        chips=tuple(
            Link(_chip_text(f, v, labels), urls.remove_filter_url(state, f, v))
            for f, v in state.filters
        ),
        clear_all=urls.clear_filters_url(state) if state.filters else None,
        past_the_end=urls.page_url(state, last_page) if unit_total and not shown else None,
        json=urls.json_url(state),
        csv=urls.export_url(state),
        atom=urls.feed_url(state),
    )


def _chip_text(field: str, value: str, labels: dict[str, dict[str, str]] | None) -> str:
    title = (labels or {}).get(field, {}).get(value)
    return f"{FACET_TITLES[field]}: {value}" + (f" {title}" if title else "")


def suggestions(state: SearchState) -> list[Link]:
    """Ways to loosen a search that found nothing: drop one filter, unquote, drop every filter."""
    links = [
        Link(f"without {FACET_TITLES[f].lower()} {v}", urls.remove_filter_url(state, f, v))
        for f, v in state.filters
    ]
    if (loose := urls.unquoted(state.query)) is not None:
        links.append(Link(f"{loose} (without quotes)", urls.query_url(state, loose)))
    if len(state.filters) > 1:
        links.append(Link("without any filter", urls.clear_filters_url(state)))
    return links
