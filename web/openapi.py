"""OpenAPI 3.1 description of the JSON, CSV and Atom endpoints, built from the same limits the code enforces."""

from __future__ import annotations

from typing import Any

from indexer.vocab import KINDS
from search.api import FACET_FIELDS, SORTS
from search.concordance import SORTS as CONCORDANCE_SORTS
from web import check_openapi
from web.language_views import MAX_CITED, MAX_SYMBOL_CHARS, WIDTHS
from web.state import (
    DEFAULT_PAGE_SIZE,
    MAX_FILTER_CHARS,
    MAX_FILTERS,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_URL_QUERY_CHARS,
)


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


def _or_empty(schema: dict[str, Any]) -> dict[str, Any]:
    """An empty parameter (`sort=`, `page=`) means its default, as a left-out one does."""
    either: dict[str, Any] = {"anyOf": [schema, {"type": "string", "const": ""}]}
    return either | ({"default": schema["default"]} if "default" in schema else {})


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


def _ok(description: str, schema: dict[str, Any], media: str = "application/json") -> dict:
    return {"description": description, "content": {media: {"schema": schema}}}


def _get(summary: str, parameters: list, ok: dict, **errors: dict) -> dict[str, Any]:
    """One GET operation; every one may answer 400 (bad parameter) and 503 (no index yet)."""
    responses = {
        "200": ok,
        "400": _error("Bad parameter or malformed query, with the reason (and position)."),
        **errors,
        "503": _error("The index is not available yet."),
    }
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


def _obj(required: tuple[str, ...] = (), **properties: Any) -> dict[str, Any]:
    return {"type": "object", "required": list(required), "properties": properties}


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


STRING = {"type": "string"}
TEXT_OR_NULL = {"type": ["string", "null"]}
INTEGER = {"type": "integer"}
INT_OR_NULL = {"type": ["integer", "null"]}


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
            "items": {
                "type": "string",
                "pattern": f"^({'|'.join(FACET_FIELDS)}):.*\\S",
                "maxLength": MAX_FILTER_CHARS,
            },
        },
        explode=True,
    ),
    _param(
        "sort",
        "Result order.",
        _or_empty({"type": "string", "enum": list(SORTS), "default": "relevance"}),
    ),
]
QUERY = SELECTION[:2]  # q and f: pages about a wording, whatever the order
PAGING = [
    _param(
        "page",
        "Page number.",
        _or_empty({"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}),
    ),
    _param(
        "size",
        "Rows per page.",
        _or_empty(
            {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PAGE_SIZE,
                "default": DEFAULT_PAGE_SIZE,
            }
        ),
    ),
    _param(
        "group",
        "1: one row per document with its best paragraphs.",
        _or_empty({"type": "integer", "enum": [0, 1]}),
    ),
    _param(
        "more",
        "Facet field whose full value list is returned.",
        _or_empty({"type": "string", "enum": list(FACET_FIELDS)}),
    ),
    _param(
        "fq",
        "With more: only the values of that facet containing these words, searched over every value.",
        {"type": "string", "maxLength": 100},
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

REQUIRED_Q = {
    **SELECTION[0],
    "required": True,
    "schema": {**SELECTION[0]["schema"], "minLength": 1, "pattern": "\\S"},
}
SYMBOL = {"type": "string", "minLength": 1, "maxLength": MAX_SYMBOL_CHARS}
CONCORDANCE = [
    *QUERY,
    _param(
        "sort",
        "Row order.",
        _or_empty({"type": "string", "enum": list(CONCORDANCE_SORTS), "default": "left"}),
    ),
    _param(
        "width",
        "Characters of context either side.",
        _or_empty({"type": "integer", "enum": list(WIDTHS), "default": 60}),
    ),
]
USE = {"type": ["object", "null"], "properties": {"symbol": STRING, "paragraph_id": STRING}}
CONCORDANCE_ROW = _obj(
    ("left", "match", "right", "symbol", "paragraph_id"),
    left=STRING,
    match=STRING,
    right=STRING,
    symbol=STRING,
    paragraph_id=STRING,
    session=INT_OR_NULL,
)

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "agreed",
        "version": "1",
        "description": "Full-text search over United Nations resolutions, paragraph by paragraph. "
        "Every HTML page has a JSON twin with the same parameters and results. Errors of every "
        "machine format (JSON, CSV, Atom) are JSON objects {error, message}. Numbers in URLs are "
        "ASCII digits (5, not 5.0 or ５); an empty parameter means its default. A concordance reads "
        "for a bounded time and says `partial` when the time ran out.",
    },
    "paths": {
        "/search.json": _get(
            "Matching paragraphs with facet counts (the search page as JSON).",
            SELECTION + PAGING,
            _ok("Results", _ref("Results")),
        ),
        "/doc/{symbol}.json": _get(
            "One document with its paragraphs, metadata provenance, citations and lineage.",
            [
                {
                    "name": "symbol",
                    "in": "path",
                    "required": True,
                    "description": "Document symbol; slashes are kept, e.g. A/C.3/74/L.11/Rev.1.",
                    "schema": {"type": "string"},
                }
            ],
            _ok("The document", _ref("Document")),
            **{"404": _error("No document with this symbol.")},
        ),
        "/compare.json": _get(
            "Two documents aligned paragraph by paragraph, with word insertions and deletions.",
            [
                {**_param("a", "The older document's symbol.", SYMBOL), "required": True},
                {**_param("b", "The newer document's symbol.", SYMBOL), "required": True},
            ],
            _ok(
                "Aligned pairs",
                _obj(
                    ("a", "b", "pairs"),
                    a=STRING,
                    b=STRING,
                    pairs=_array(
                        _obj(
                            ("a", "b", "status", "diff_html"),
                            a=TEXT_OR_NULL,
                            b=TEXT_OR_NULL,
                            status={"enum": ["same", "changed", "added", "removed"]},
                            diff_html=STRING,
                        )
                    ),
                ),
            ),
            **{"404": _error("No document with one of the symbols.")},
        ),
        "/timeline.json": _get(
            "Matching paragraphs per session (with the session's size) and per committee.",
            [REQUIRED_Q, *QUERY[1:]],
            _ok(
                "Timeline",
                _obj(
                    ("query", "total", "sessions", "committees"),
                    query=STRING,
                    total=INTEGER,
                    without_session=INTEGER,
                    sessions=_array(
                        _obj(
                            ("session", "matches", "paragraphs"),
                            session=INTEGER,
                            matches=INTEGER,
                            paragraphs=INTEGER,
                            per_thousand={"type": "number"},
                        )
                    ),
                    committees=_array(
                        _obj(("committee", "matches"), committee=STRING, matches=INTEGER)
                    ),
                    first=USE,
                    last=USE,
                ),
            ),
        ),
        "/concordance.json": _get(
            "Every occurrence of the query's words with the text either side.",
            [REQUIRED_Q, *CONCORDANCE[1:]],
            _ok(
                "Rows",
                _obj(
                    ("query", "sort", "truncated", "partial", "rows"),
                    query=STRING,
                    sort=STRING,
                    truncated={"type": "boolean", "description": "More rows than are returned."},
                    partial={"type": "boolean", "description": "The time budget ran out first."},
                    rows=_array(CONCORDANCE_ROW),
                ),
            ),
        ),
        "/concordance.csv": _get(
            "The concordance as CSV (header X-Agreed-Complete: 0 when truncated or partial).",
            [REQUIRED_Q, *CONCORDANCE[1:]],
            _ok("CSV", STRING, "text/csv"),
        ),
        "/cited.json": _get(
            "The most cited resolutions of the corpus.",
            [
                _param(
                    "limit",
                    "How many.",
                    _or_empty(
                        {"type": "integer", "minimum": 1, "maximum": MAX_CITED, "default": 100}
                    ),
                )
            ],
            _ok(
                "Ranking",
                _obj(
                    ("cited",),
                    cited=_array(_obj(("symbol", "count"), symbol=STRING, count=INTEGER)),
                ),
            ),
        ),
        "/export.csv": _get(
            "Every matching paragraph with its full text, streamed as CSV. A stream that fails "
            "ends without its final chunk (or with a connection reset), never as a short file.",
            SELECTION,
            _ok("CSV", STRING, "text/csv"),
        ),
        "/feed.atom": _get(
            "Atom feed of the newest matching paragraphs.",
            QUERY,
            _ok("Atom feed", STRING, "application/atom+xml"),
        ),
        "/help.json": _get(
            "The query-language reference as Markdown.",
            [],
            _ok("Reference", _obj(("source", "markdown"), source=STRING, markdown=STRING)),
        ),
        "/openapi.json": {
            "get": {
                "summary": "This description.",
                "responses": {"200": _ok("OpenAPI 3.1", {"type": "object"})},
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
                    "200": _ok("Serving", _ref("Health")),
                    "503": _ok("No index", _ref("Health")),
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Hit": HIT,
            "Results": {
                "type": "object",
                "required": ["query", "total", "hits", "facets"],
                "properties": {
                    "query": {"type": "string"},
                    "description": {"type": "string", "description": "The query as a sentence."},
                    "filters": _array(_obj(("field", "value"), field=STRING, value=STRING)),
                    "sort": {"type": "string", "enum": list(SORTS)},
                    "page": INTEGER,
                    "size": INTEGER,
                    "group": {"type": "boolean"},
                    "total": {"type": "integer", "description": "Matching paragraphs."},
                    "total_documents": INT_OR_NULL,
                    "partial": {
                        "type": "boolean",
                        "description": "True when a shard of a distributed index did not answer.",
                    },
                    "missing_shards": _array(STRING),
                    "hits": _array(_ref("Hit")),
                    "groups": {"type": ["array", "null"], "items": {"type": "object"}},
                    "facets": {
                        "type": "object",
                        "additionalProperties": _array(
                            _obj(
                                ("value", "count"),
                                value={},
                                count=INTEGER,
                                selected={"type": "boolean"},
                            )
                        ),
                    },
                    "links": {"type": "object", "additionalProperties": STRING},
                    "elapsed_ms": {"type": "number"},
                    "document": {
                        "type": ["object", "null"],
                        "description": "The document a query that is a symbol names (A/RES/80/224, "
                        "80/224, S/RES/242, res 2250): symbol, in_index, url, title, official.",
                    },
                    "suggestions": {
                        "type": "array",
                        "description": "Did you mean: the query with unknown words respelt.",
                        "items": {
                            "type": "object",
                            "properties": {"query": {"type": "string"}, "url": {"type": "string"}},
                        },
                    },
                    "language_note": {
                        "type": ["string", "null"],
                        "description": "Set when the query reads as French or Spanish.",
                    },
                },
            },
            "Document": _obj(
                ("document", "url", "cites", "provenance"),
                document=_obj(
                    ("paragraphs",), symbol=TEXT_OR_NULL, paragraphs=_array({"type": "object"})
                ),
                url=STRING,
                cites=_array(_obj(("cite",), cite=STRING, url=TEXT_OR_NULL)),
                relations={"type": "object"},
                provenance={"type": "object"},
            ),
            "Health": {
                "type": "object",
                "required": ["status"],
                "properties": {
                    "status": {"type": "string", "enum": ["ok", "unavailable"]},
                    "message": {"type": "string"},
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
                "required": ["error", "message"],
                "properties": {
                    "error": {"type": "string"},
                    "message": {"type": "string"},
                    "status": {"type": "integer"},
                    "position": {"type": ["integer", "null"]},
                },
            },
        }
    },
}

# /phrases (web/phrase_views.py): a session's new phrases and those that rose or fell most.
_PHRASE_PARAMETERS = [
    _param(
        "session",
        "Session number; default the latest.",
        {"type": "integer", "minimum": 1, "maximum": 9999},
    ),
    _param(
        "f",
        "Document filter field:value, repeatable (committee, type, body, agenda, sponsor).",
        {
            "type": "array",
            "maxItems": MAX_FILTERS,
            "items": {"type": "string", "pattern": "^(committee|type|body|agenda|sponsor):.+$"},
        },
        explode=True,
    ),
    _param("limit", "Phrases per list.", {"type": "integer", "minimum": 1, "maximum": 500}),
]
_PHRASE = {
    "type": "object",
    "properties": {
        "phrase": {"type": "string", "description": "As most often printed."},
        "count": {"type": "integer", "description": "Paragraphs of the selection using it."},
        "documents": {"type": "integer"},
        "first_session": {"type": ["integer", "null"]},
        "first_symbol": {"type": "string"},
        "first_paragraph": {"type": "string"},
        "score": {"type": "number", "description": "Likelihood ratio of its weakest split."},
        "query": {"type": "string", "description": "The quoted-phrase query that finds it."},
    },
}
SPEC["components"]["schemas"]["Phrase"] = _PHRASE
SPEC["paths"]["/phrases.json"] = {
    "get": {
        "summary": "Phrases first used in a session, and those that rose or fell most since the "
        "previous session (per 1,000 paragraphs).",
        "parameters": _PHRASE_PARAMETERS,
        "responses": {
            "200": {
                "description": "Phrases",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "session": {"type": "integer"},
                                "previous_session": {"type": ["integer", "null"]},
                                "phrases": {"type": "array", "items": _ref("Phrase")},
                                "rising": {"type": "array", "items": {"type": "object"}},
                                "falling": {"type": "array", "items": {"type": "object"}},
                            },
                        }
                    }
                },
            },
            "400": _error("Bad parameter or filter."),
            "503": _error("The index has no phrase tables."),
        },
    }
}
SPEC["paths"]["/phrases.csv"] = {
    "get": {
        "summary": "The same lists as CSV, one row per phrase (list: new, rising, falling).",
        "parameters": _PHRASE_PARAMETERS,
        "responses": {
            "200": {"description": "CSV", "content": {"text/csv": {}}},
            "400": _error("Bad parameter or filter."),
            "503": _error("The index has no phrase tables."),
        },
    }
}
# POST /check.json (issue 15): its fragment lives beside the check surface.
SPEC["paths"]["/check.json"] = check_openapi.PATH
SPEC["components"]["schemas"].update(check_openapi.SCHEMAS)
