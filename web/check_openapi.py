"""The OpenAPI fragment of POST /check.json, kept beside the check surface and merged into web.openapi."""

from __future__ import annotations

from typing import Any

from search.check import MAX_PARAGRAPHS
from web.check_views import MAX_DRAFT_BYTES

_SOURCE = {
    "type": "object",
    "properties": {
        "symbol": {"type": "string"},
        "paragraph_id": {"type": "string"},
        "similarity": {"type": "number", "description": "Shingle Jaccard similarity, 0 to 1."},
        "adopted": {"type": "boolean"},
        "date": {"type": "string"},
    },
}
_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}

PATH: dict[str, Any] = {
    "post": {
        "summary": "Precedent check of a draft: each paragraph agreed, amended or new, with sources.",
        "description": "The draft is read in memory and dropped with the response; it is never "
        "stored or logged. No side effects, so no CSRF token. Post a form (field `file`: .docx, "
        "PDF or text; or field `text`: pasted text) or the file itself as the request body.",
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "text": {"type": "string", "maxLength": MAX_DRAFT_BYTES},
                        },
                    }
                },
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                    "schema": {"type": "string", "format": "binary"}
                },
                "text/plain": {"schema": {"type": "string"}},
            },
        },
        "responses": {
            "200": {
                "description": "The report",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Check"}}},
            },
            "400": {"description": "No draft, or a file that cannot be read.", "content": _ERROR},
            "413": {
                "description": f"The draft is larger than {MAX_DRAFT_BYTES} bytes, or has more"
                f" than {MAX_PARAGRAPHS} paragraphs.",
                "content": _ERROR,
            },
            "503": {"description": "The index is not available.", "content": _ERROR},
        },
    }
}

SCHEMAS: dict[str, Any] = {
    "Check": {
        "type": "object",
        "properties": {
            "symbol": {"type": ["string", "null"]},
            "title": {"type": ["string", "null"]},
            "paragraphs": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "kind": {"type": "string"},
                        "number": {"type": ["string", "null"]},
                        "text": {"type": "string"},
                        "status": {"type": "string", "enum": ["agreed", "amended", "new"]},
                        "best": {"oneOf": [_SOURCE, {"type": "null"}]},
                        "diff_html": {
                            "type": ["string", "null"],
                            "description": "Escaped text; only <ins> and <del> are markup.",
                        },
                        "agreed_spans": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "start": {"type": "integer"},
                                    "end": {"type": "integer"},
                                    "symbol": {"type": "string"},
                                    "paragraph_id": {"type": "string"},
                                },
                            },
                        },
                        "adopted": {"type": "array", "items": _SOURCE},
                        "drafts": {"type": "array", "items": _SOURCE},
                        "words": {"type": "integer"},
                        "agreed_words": {"type": "integer"},
                    },
                },
            },
            "summary": {
                "type": "object",
                "properties": {
                    "paragraphs": {"type": "integer"},
                    "statuses": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "words": {"type": "integer"},
                    "agreed_words": {"type": "integer"},
                    "agreed_share": {"type": "number"},
                    "drawn_on": {"type": "array", "items": {"type": "object"}},
                },
            },
        },
    }
}
