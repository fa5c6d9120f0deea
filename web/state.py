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
FACETS_ALL = 20_000  # values fetched when the "more" list is searched: every one
MAX_MORE_FILTER_CHARS = 100


class BadParameter(ValueError):
    """A URL parameter the service refuses; the message is shown to the user with status 400."""

    title = "Bad request"
    parameter: str | None = None


class BadQuery(BadParameter):
    """A query the parser refuses, raised where a page cannot show it in its form (CSV, Atom)."""

    title = "Bad query"


class BadFilter(BadParameter):
    """A filter value the query language cannot read (session:abc): a grammar error, like a query's."""

    parameter = "f"  # said in the JSON error, so a client knows which part to fix


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
    more_filter: str | None = None  # words typed to search that list (fq=), over every value
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
            facet_limit=FACETS_ALL if self.more_filter else FACETS_MORE,
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
        if self.more and self.more_filter:
            pairs.append(("fq", self.more_filter))
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
    raw = get("q") or ""
    if len(raw) > MAX_URL_QUERY_CHARS:  # counted before stripping: the limit is on what is sent
        raise BadParameter(
            f"The query is {len(raw)} characters long; the limit is {MAX_URL_QUERY_CHARS}."
        )
    query = raw.strip()
    filters = parse_filters(args.getlist("f"))
    return SearchState(
        query=query,
        filters=filters,
        clauses=_clauses(filters),
        sort=_sort(get("sort")),
        page=integer_param(args, "page", 1, 1, MAX_PAGE),
        size=integer_param(args, "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
        group=_flag(get("group"), "group"),
        more=_facet_field(more, "more") if (more := get("more")) else None,
        more_filter=(" ".join((get("fq") or "").split())[:MAX_MORE_FILTER_CHARS] or None)
        if get("more")
        else None,
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
            raise BadFilter(f"The filter {raw!r} should look like field:value, e.g. session:74.")
        if len(value) > MAX_FILTER_CHARS:
            raise BadFilter(f"The value of the filter on {field} is too long.")
        if (field, value) not in filters:
            filters.append((field, value))
    return tuple(filters)


def _clauses(filters: tuple[tuple[str, str], ...]) -> Mapping[str, Node]:
    """The engine's own reading of the filters, made here once and carried by the state."""
    try:
        return filter_clauses(filters)
    except FilterError as error:
        if error.unknown_field:
            raise BadFilter(f"f: {error.message}.") from error
        raise BadFilter(
            f"The filter {error.field}:{error.value} cannot be used: {error.message}."
        ) from error


def _facet_field(field: str, name: str) -> str:
    if field not in FACET_FIELDS:
        known = ", ".join(FACET_FIELDS)
        raise BadParameter(f"{name}: unknown facet field {field!r}; known fields are {known}.")
    return field


def _sort(value: str | None) -> Sort:
    if not value:  # an empty parameter is the default, as web/openapi.py says
        return "relevance"
    if value not in SORTS:
        raise BadParameter(f"sort must be one of {', '.join(SORTS)}, not {value!r}.")
    return value


def integer_param(args: MultiDict[str, str], name: str, default: int, low: int, high: int) -> int:
    """The one reader of numbers in URLs: ASCII digits within [low, high], else BadParameter (400)."""
    value = args.get(name)
    if value is None or value == "":  # an empty parameter is the default
        return default
    # str.isdigit() accepts '²' and '٣', which int() refuses or misreads: only 0-9 are numbers here
    if not (value.isascii() and value.isdigit()):
        raise BadParameter(
            f"{name} must be a whole number from {low} to {high}, not {value[:20]!r}."
        )
    if len(value.lstrip("0")) > len(str(high)):  # and no 5,000-digit number reaches int()
        raise BadParameter(
            f"{name} must be between {low} and {high}; {value[:12]} is out of range."
        )
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
