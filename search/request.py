"""A SearchRequest checked and parsed once: every step of one request reads the ParsedRequest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from search.api import FACET_FIELDS, SORTS, QueryError, SearchRequest
from search.ast import Node, Or
from search.parser import parse_query
from search.query_values import field_clause
from search.terms import HighlightTerms, query_terms

MAX_PAGE_SIZE = 1000  # rows per engine call (the web pages allow fewer)


class FilterError(QueryError):
    """A facet selection that cannot be used: an unknown field, or a value the field cannot take."""

    def __init__(self, message: str, field: str, value: str, unknown_field: bool = False):
        super().__init__(message)
        self.field, self.value, self.unknown_field = field, value, unknown_field


@dataclass(frozen=True, eq=False)
class ParsedRequest:
    """The request with its query as AST and its facet selections as one clause per field."""

    request: SearchRequest
    node: Node
    filters: Mapping[str, Node]

    @cached_property
    def terms(self) -> HighlightTerms:
        """The words snippets and concordances mark."""
        return query_terms(self.node)

    def with_(self, **changes: Any) -> ParsedRequest:
        """Another page, sort or facet option of the same query: checked, not parsed again."""
        request = replace(self.request, **changes)
        check(request)
        return ParsedRequest(request, self.node, self.filters)


def parse_request(
    request: SearchRequest | ParsedRequest, filters: Mapping[str, Node] | None = None
) -> ParsedRequest:
    """Check and parse once (a ParsedRequest passes through); filters: clauses already made."""
    if isinstance(request, ParsedRequest):
        return request
    check(request)
    clauses = filter_clauses(request.filters) if filters is None else filters
    return ParsedRequest(request, parse_query(request.query), clauses)


def filter_clauses(filters: Sequence[tuple[str, str]]) -> dict[str, Node]:
    """Facet selections as AST: values of one field OR'd, one clause per field."""
    by_field: dict[str, list[Node]] = {}
    for name, value in filters:
        if name not in FACET_FIELDS:
            known = ", ".join(FACET_FIELDS)
            message = f"unknown facet field {name!r}; known fields are {known}"
            raise FilterError(message, name, value, unknown_field=True)
        try:
            clause = field_clause(name, str(value), 0)
        except QueryError as error:
            raise FilterError(error.message, name, value) from error
        by_field.setdefault(name, []).append(clause)
    return {
        name: clauses[0] if len(clauses) == 1 else Or(tuple(clauses))
        for name, clauses in by_field.items()
    }


def check(request: SearchRequest) -> None:
    """The paging and sort options an engine accepts."""
    if request.sort not in SORTS:
        raise QueryError(f"unknown sort {request.sort!r}: use one of {', '.join(SORTS)}")
    if not isinstance(request.page, int) or request.page < 1:
        raise QueryError("page must be a whole number from 1")
    if not isinstance(request.page_size, int) or not 1 <= request.page_size <= MAX_PAGE_SIZE:
        raise QueryError(f"page size must be between 1 and {MAX_PAGE_SIZE}")
    if request.facet_limit < 1:
        raise QueryError("facet limit must be 1 or more")
