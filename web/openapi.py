"""OpenAPI 3.1 description of the JSON, CSV and Atom endpoints, built from the same limits the code enforces."""

from __future__ import annotations

from typing import Any

from indexer.vocab import KINDS
from search.api import FACET_FIELDS, SORTS
from web import check_openapi
from web.state import DEFAULT_PAGE_SIZE, MAX_FILTERS, MAX_PAGE, MAX_PAGE_SIZE, MAX_URL_QUERY_CHARS


def _param(
    name: str, description: str, schema: dict[str, Any], explode: bool = False
) -> dict[str, Any]:
    param = {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }
    if explode:
        param |= {"style": "form", "explode": True}
    return param


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


SELECTION = [
    _param(
        "q",
        "Query in the agreed query language (see /help).",
        {"type": "string", "maxLength": MAX_URL_QUERY_CHARS},
    ),
    _param(
        "f",
        f"Facet filter field:value, repeatable; values of one field are OR'd. Fields: {', '.join(FACET_FIELDS)}.",
        {
            "type": "array",
            "maxItems": MAX_FILTERS,
            "items": {"type": "string", "pattern": "^[a-z]+:.+$"},
        },
        explode=True,
    ),
    _param(
        "sort", "Result order.", {"type": "string", "enum": list(SORTS), "default": "relevance"}
    ),
]
PAGING = [
    _param(
        "page", "Page number.", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}
    ),
    _param(
        "size",
        "Rows per page.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
    ),
    _param(
        "group",
        "1: one row per document with its best paragraphs.",
        {"type": "integer", "enum": [0, 1]},
    ),
    _param(
        "more",
        "Facet field whose full value list is returned.",
        {"type": "string", "enum": list(FACET_FIELDS)},
    ),
]

HIT = {
    "type": "object",
    "properties": {
        "symbol": {"type": "string"},
        "paragraph_id": {"type": "string", "examples": ["op5", "pp3", "op5a", "fn1"]},
        "label": {"type": "string", "examples": ["OP 5"]},
        "kind": {"type": "string", "enum": list(KINDS)},
        "number": {"type": ["string", "null"]},
        "session": {"type": ["integer", "null"]},
        "committee": {"type": ["string", "null"]},
        "title": {"type": ["string", "null"]},
        "date": {"type": ["string", "null"], "format": "date"},
        "body": {"type": ["string", "null"]},
        "doc_type": {"type": ["string", "null"]},
        "verb": {"type": ["string", "null"]},
        "snippet_html": {
            "type": "string",
            "description": "Escaped text; only <mark> tags are markup.",
        },
        "score": {"type": "number"},
        "url": {"type": "string", "description": "The paragraph inside its document page."},
    },
}

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "agreed",
        "version": "1",
        "description": "Full-text search over United Nations resolutions, paragraph by paragraph. "
        "Every HTML page has a JSON twin with the same parameters and results.",
    },
    "paths": {
        "/search.json": {
            "get": {
                "summary": "Matching paragraphs with facet counts (the search page as JSON).",
                "parameters": SELECTION + PAGING,
                "responses": {
                    "200": {
                        "description": "Results",
                        "content": {"application/json": {"schema": _ref("Results")}},
                    },
                    "400": _error(
                        "Bad parameter or malformed query (with the position of the problem)."
                    ),
                    "503": _error("The index is not available."),
                },
            }
        },
        "/doc/{symbol}.json": {
            "get": {
                "summary": "One document with its paragraphs, metadata provenance, citations and lineage.",
                "parameters": [
                    {
                        "name": "symbol",
                        "in": "path",
                        "required": True,
                        "description": "Document symbol; slashes are kept, e.g. A/C.3/74/L.11/Rev.1.",
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "The document",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    "404": _error("No document with this symbol."),
                },
            }
        },
        "/export.csv": {
            "get": {
                "summary": "Every matching paragraph with its full text, streamed as CSV.",
                "parameters": SELECTION,
                "responses": {
                    "200": {"description": "CSV", "content": {"text/csv": {}}},
                    "400": _error("Bad query."),
                },
            }
        },
        "/feed.atom": {
            "get": {
                "summary": "Atom feed of the newest matching paragraphs.",
                "parameters": SELECTION[:2],
                "responses": {
                    "200": {"description": "Atom feed", "content": {"application/atom+xml": {}}},
                    "400": _error("Bad query."),
                },
            }
        },
        "/coverage.json": {
            "get": {
                "summary": "What the index holds: documents and paragraphs per body, per session "
                "(General Assembly) or year (other bodies), per type, with symbol ranges; every "
                "time claim (first use, charts) is scoped by it.",
                "responses": {
                    "200": {
                        "description": "Coverage",
                        "content": {"application/json": {"schema": _ref("Coverage")}},
                    },
                    "503": _error("The index is not available."),
                },
            }
        },
        "/healthz": {
            "get": {
                "summary": "Index status.",
                "responses": {
                    "200": {
                        "description": "Serving",
                        "content": {"application/json": {"schema": _ref("Health")}},
                    },
                    "503": {
                        "description": "No index",
                        "content": {"application/json": {"schema": _ref("Health")}},
                    },
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Hit": HIT,
            "Results": {
                "type": "object",
                "properties": {
                    "query": {"type": "string"},
                    "description": {"type": "string", "description": "The query as a sentence."},
                    "filters": {"type": "array", "items": {"type": "object"}},
                    "total": {"type": "integer", "description": "Matching paragraphs."},
                    "total_documents": {"type": ["integer", "null"]},
                    "hits": {"type": "array", "items": _ref("Hit")},
                    "groups": {"type": ["array", "null"], "items": {"type": "object"}},
                    "facets": {"type": "object", "additionalProperties": {"type": "array"}},
                    "links": {"type": "object"},
                },
            },
            "Health": {
                "type": "object",
                "properties": {
                    "status": {"type": "string", "enum": ["ok", "unavailable"]},
                    "engine": {"type": "string"},
                    "documents": {"type": "integer"},
                    "paragraphs": {"type": "integer"},
                    "build": {"type": ["string", "null"]},
                },
            },
            "Coverage": {
                "type": "object",
                "properties": {
                    "documents": {"type": "integer"},
                    "paragraphs": {"type": "integer"},
                    "scope": {
                        "type": "string",
                        "description": "'General Assembly sessions 79 to 80; Security Council 1946 to 1994'",
                    },
                    "bodies": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "body": {"type": "string"},
                                "unit": {"type": "string", "enum": ["session", "year"]},
                                "documents": {"type": "integer"},
                                "paragraphs": {"type": "integer"},
                                "first": {"type": ["integer", "null"]},
                                "last": {"type": ["integer", "null"]},
                                "missing": {"type": "array", "items": {"type": "integer"}},
                                "types": {"type": "object"},
                                "symbols": {"type": "array", "items": {"type": "object"}},
                                "periods": {"type": "array", "items": {"type": "object"}},
                            },
                        },
                    },
                    "built": {"type": ["string", "null"]},
                    "metadata": {"type": ["object", "null"]},
                },
            },
            "Error": {
                "type": "object",
                "properties": {
                    "error": {"type": "string"},
                    "message": {"type": "string"},
                    "position": {"type": "integer"},
                },
            },
        }
    },
}

# POST /check.json (issue 15): its fragment lives beside the check surface.
SPEC["paths"]["/check.json"] = check_openapi.PATH
SPEC["components"]["schemas"].update(check_openapi.SCHEMAS)
