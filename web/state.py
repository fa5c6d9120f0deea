"""The URL is the state: GET parameters in, a validated SearchState out, and back to parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from werkzeug.datastructures import MultiDict

from search.api import FACET_FIELDS, SORTS, SearchRequest, Sort
from search.ast import Node
from search.request import FilterError, ParsedRequest, filter_clauses, parse_request

MAX_URL_QUERY_CHARS = 500  # q= on every page; the query language itself allows MAX_QUERY_CHARS
MAX_PAGE_SIZE = 100
MAX_PAGE = 50
MAX_FILTERS = 20
MAX_FILTER_CHARS = 200
DEFAULT_PAGE_SIZE = 20
FACETS_SHOWN = 10  # values per facet in the sidebar until "more" is asked for
FACETS_MORE = 100  # values per facet fetched, so "more" and the session chart need no second query


class BadParameter(ValueError):
    """A URL parameter the service refuses; the message is shown to the user with status 400."""


@dataclass(frozen=True)
class SearchState:
    """Everything a search URL can say; the single source for requests, links and JSON echoes."""

    query: str = ""
    filters: tuple[tuple[str, str], ...] = ()
    sort: Sort = "relevance"
    page: int = 1
    size: int = DEFAULT_PAGE_SIZE
    group: bool = False
    more: str | None = None  # the facet field whose full list is shown
    # the filters as query clauses, made once by parse_state (None: made when first needed)
    clauses: Mapping[str, Node] | None = field(default=None, compare=False, repr=False)

    def to_request(self, facets: bool = True) -> SearchRequest:
        """The engine request; facets are always fetched deep enough for "more" and the chart."""
        return SearchRequest(
            query=self.query,
            filters=self.filters,
            sort=self.sort,
            page=self.page,
            page_size=self.size,
            facets=facets,
            facet_limit=FACETS_MORE,
            group_by_document=self.group,
        )

    def parsed(self, facets: bool = True) -> ParsedRequest:
        """The engine request with its query parsed, once per request; QueryError if malformed."""
        return parse_request(self.to_request(facets), self.clauses)

    def params(self) -> list[tuple[str, str]]:
        """Canonical URL parameters: defaults left out so equal states give equal URLs."""
        pairs: list[tuple[str, str]] = []
        if self.query:
            pairs.append(("q", self.query))
        pairs += [("f", f"{field}:{value}") for field, value in self.filters]
        if self.sort != "relevance":
            pairs.append(("sort", self.sort))
        if self.size != DEFAULT_PAGE_SIZE:
            pairs.append(("size", str(self.size)))
        if self.group:
            pairs.append(("group", "1"))
        if self.more:
            pairs.append(("more", self.more))
        if self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def with_(self, **changes: object) -> SearchState:
        """A changed copy; any change but the page itself goes back to page 1."""
        if "page" not in changes:
            changes["page"] = 1
        if "filters" in changes:
            changes["clauses"] = None
        return replace(self, **changes)  # type: ignore[arg-type]


def parse_state(args: MultiDict[str, str]) -> SearchState:
    """Read request.args; raise BadParameter with a reason the user can act on."""
    get = args.get
    query = (get("q") or "").strip()
    if len(query) > MAX_URL_QUERY_CHARS:
        raise BadParameter(
            f"The query is {len(query)} characters long; the limit is {MAX_URL_QUERY_CHARS}."
        )
    filters = parse_filters(args.getlist("f"))
    return SearchState(
        query=query,
        filters=filters,
        clauses=_clauses(filters),
        sort=_sort(get("sort")),
        page=_integer(get("page"), "page", 1, 1, MAX_PAGE),
        size=_integer(get("size"), "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
        group=_flag(get("group"), "group"),
        more=_facet_field(more, "more") if (more := get("more")) else None,
    )


def parse_filters(values: list[str]) -> tuple[tuple[str, str], ...]:
    """f=field:value pairs, in order, without duplicates."""
    if len(values) > MAX_FILTERS:
        raise BadParameter(f"At most {MAX_FILTERS} filters can be combined.")
    filters: list[tuple[str, str]] = []
    for raw in values:
        field, sep, value = raw.partition(":")
        field, value = field.strip(), value.strip()
        if not sep or not value:
            raise BadParameter(f"The filter {raw!r} should look like field:value, e.g. session:74.")
        if len(value) > MAX_FILTER_CHARS:
            raise BadParameter(f"The value of the filter on {field} is too long.")
        if (field, value) not in filters:
            filters.append((field, value))
    return tuple(filters)


def _clauses(filters: tuple[tuple[str, str], ...]) -> Mapping[str, Node]:
    """The engine's own reading of the filters, made here once and carried by the state."""
    try:
        return filter_clauses(filters)
    except FilterError as error:
        if error.unknown_field:
            raise BadParameter(f"f: {error.message}.") from error
        raise BadParameter(
            f"The filter {error.field}:{error.value} cannot be used: {error.message}."
        ) from error


def _facet_field(field: str, name: str) -> str:
    if field not in FACET_FIELDS:
        known = ", ".join(FACET_FIELDS)
        raise BadParameter(f"{name}: unknown facet field {field!r}; known fields are {known}.")
    return field


def _sort(value: str | None) -> Sort:
    if not value:
        return "relevance"
    if value not in SORTS:
        raise BadParameter(f"sort must be one of {', '.join(SORTS)}, not {value!r}.")
    return value


def _integer(value: str | None, name: str, default: int, low: int, high: int) -> int:
    if value is None or value == "":
        return default
    if not value.strip().isdigit():
        raise BadParameter(f"{name} must be a whole number, not {value!r}.")
    number = int(value)
    if not low <= number <= high:
        raise BadParameter(f"{name} must be between {low} and {high}; {number} is out of range.")
    return number


def _flag(value: str | None, name: str) -> bool:
    if value in (None, "", "0"):
        return False
    if value == "1":
        return True
    raise BadParameter(f"{name} takes 1 or 0, not {value!r}.")
