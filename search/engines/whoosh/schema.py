"""The whoosh paragraph schema: the same pre-analysed values the tantivy schema indexes."""

from __future__ import annotations

from whoosh import analysis, fields

from search.api import FACET_FIELDS
from search.ast import KEYWORD_FIELDS
from search.engines.rows import RANK_FIELDS, SEPARATOR, facet_key


def schema() -> fields.Schema:
    """Space-split text (already analysed), separator-split keyword values, sortable ranks."""
    words = analysis.SpaceSeparatedTokenizer()
    values = analysis.RegexTokenizer(rf"[^{SEPARATOR}]+")
    spec: dict[str, fields.FieldType] = {
        "stems": fields.TEXT(analyzer=words, phrase=True),
        "exact": fields.TEXT(analyzer=words, phrase=True),
        "session": fields.NUMERIC(int, bits=32),
        "year": fields.NUMERIC(int, bits=32),
        "doc_ord": fields.NUMERIC(int, bits=64, sortable=True),
        "meta": fields.STORED(),
    }
    for name in KEYWORD_FIELDS:
        spec[name] = fields.TEXT(analyzer=values, phrase=False)
    for name in FACET_FIELDS:
        spec[facet_key(name)] = fields.TEXT(analyzer=values, phrase=False)
    for name in RANK_FIELDS.values():
        spec[name] = fields.NUMERIC(int, bits=64, sortable=True)
    return fields.Schema(**spec)
