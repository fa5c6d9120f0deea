"""Every link a page shows, computed here from the state so templates only print them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlencode

from search.api import QueryError
from search.query_lexer import lex
from web.state import SearchState

SEARCH_PATH = "/search"


def search_url(state: SearchState, path: str = SEARCH_PATH) -> str:
    """The canonical URL of a state; an empty state is the bare path."""
    params = state.params()
    return f"{path}?{'&'.join(_encoded(name, value) for name, value in params)}" if params else path


@lru_cache(maxsize=4096)
def _encoded(name: str, value: str) -> str:
    """One name=value pair as urlencode writes it; a page prints the same pairs dozens of times."""
    return urlencode([(name, value)])


def hidden_fields(state: SearchState) -> list[tuple[str, str]]:
    """What the query form carries along when the query changes: filters, sort, size, grouping."""
    return [
        (name, value) for name, value in state.params() if name not in ("q", "page", "more", "fq")
    ]


def more_filter_fields(state: SearchState) -> list[tuple[str, str]]:
    """What the search box of a "more" list carries: everything but its own words and the page."""
    return [(name, value) for name, value in state.params() if name not in ("page", "fq")]


def json_url(state: SearchState) -> str:
    return search_url(state, f"{SEARCH_PATH}.json")


def toggle_filter_url(state: SearchState, field: str, value: str) -> str:
    """Select a facet value, or unselect it when it is already active (multi-select)."""
    pair = (field, value)
    if pair in state.filters:
        return remove_filter_url(state, field, value)
    return search_url(state.with_(filters=(*state.filters, pair)))


def remove_filter_url(state: SearchState, field: str, value: str) -> str:
    remaining = tuple(pair for pair in state.filters if pair != (field, value))
    return search_url(state.with_(filters=remaining))


def narrowed_url(state: SearchState, *pairs: tuple[str, str]) -> str:
    """The search for the state's query and filters, with these fields set to these values only.

    A timeline bar or row links to its session's matches within the filters the timeline had;
    a filter on the same field is replaced, since values of one field are OR'd.
    """
    fields = {field for field, _ in pairs}
    kept = tuple(pair for pair in state.filters if pair[0] not in fields)
    return search_url(state.with_(filters=(*kept, *pairs)))


def clear_filters_url(state: SearchState) -> str:
    return search_url(state.with_(filters=()))


def facet_anchor(field: str) -> str:
    """Facet links land back on their facet, so keyboard focus and a phone's open panel stay there."""
    return f"#facet-section-{field}"


def page_url(state: SearchState, page: int) -> str:
    return search_url(state.with_(page=page))


def sort_url(state: SearchState, sort: str) -> str:
    return search_url(state.with_(sort=sort))


def group_url(state: SearchState, group: bool) -> str:
    return search_url(state.with_(group=group))


def more_url(state: SearchState, field: str | None) -> str:
    """Show the full list of one facet (None folds it back); keeps the page the user is on."""
    return search_url(state.with_(more=field, more_filter=None, page=state.page))


def query_url(state: SearchState, query: str) -> str:
    """The same filters with another query, e.g. a loosened suggestion."""
    return search_url(state.with_(query=query))


def export_url(state: SearchState) -> str:
    """CSV of every match: only what selects and orders matches, not paging or display."""
    return search_url(
        SearchState(query=state.query, filters=state.filters, sort=state.sort), "/export.csv"
    )


def feed_url(state: SearchState) -> str:
    """The Atom feed is always newest first, so only the selection travels."""
    return search_url(SearchState(query=state.query, filters=state.filters), "/feed.atom")


def doc_url(symbol: str, query: str = "", paragraph_id: str | None = None, suffix: str = "") -> str:
    """/doc/A/C.3/74/L.11/Rev.1?q=...#op5: slashes stay readable, everything else is quoted."""
    url = f"/doc/{quote(symbol, safe='/')}{suffix}"
    if query:
        url += "?" + urlencode({"q": query})
    if paragraph_id:
        url += f"#{quote(paragraph_id)}"
    return url


def page_numbers(current: int, last: int, window: int = 2) -> list[int | None]:
    """Pager entries: first, last and a window around the current page; None marks a gap."""
    shown = sorted({1, last, *range(max(1, current - window), min(last, current + window) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def unquoted(query: str) -> str | None:
    """The query with its quoted phrases unquoted (words by stem), if it had any; field values keep theirs."""
    try:
        phrases = [token for token in lex(query) if token.kind == "phrase"]
    except QueryError:
        return None
    if not phrases:
        return None
    parts, at = [], 0
    for token in phrases:
        parts += [query[at : token.position], f" {token.text} "]
        at = token.position + len(token.text) + 2
    loosened = " ".join("".join([*parts, query[at:]]).split())
    return loosened or None


def caret(query: str, position: int | None) -> str | None:
    """A line of spaces and a ^ to print under the query, pointing at the error position."""
    if position is None:
        return None
    return " " * max(0, min(position, len(query))) + "^"


@dataclass(frozen=True)
class PhraseLinks:
    """Where a listed phrase leads: its paragraphs, its history, its contexts, its first use."""

    search: str
    timeline: str
    concordance: str
    first: str


def phrase_links(
    query: str,
    filters: tuple[tuple[str, str], ...] = (),
    session: int | None = None,
    first: tuple[str, str] | None = None,
) -> PhraseLinks:
    """Search and concordance keep the listing's selection, so the search finds the paragraphs the
    listing counted; the timeline keeps the filters but spans every session."""
    selection = ((("session", str(session)),) if session is not None else ()) + filters
    first_symbol, first_paragraph = first or ("", None)
    return PhraseLinks(
        search=search_url(SearchState(query=query, filters=selection)),
        timeline=search_url(SearchState(query=query, filters=filters), "/timeline"),
        concordance=search_url(SearchState(query=query, filters=selection), "/concordance"),
        first=doc_url(first_symbol, query, first_paragraph) if first_symbol else "",
    )


def phrases_url(
    session: int | None, filters: tuple[tuple[str, str], ...] = (), suffix: str = ""
) -> str:
    """/phrases?session=80&f=committee:Third Committee (suffix .json or .csv for the twins)."""
    pairs = [("session", str(session))] if session is not None else []
    pairs += [("f", f"{field}:{value}") for field, value in filters]
    path = f"/phrases{suffix}"
    return f"{path}?{'&'.join(_encoded(name, value) for name, value in pairs)}" if pairs else path
