"""The tantivy paragraph schema, built the same way by the writer and the searcher."""

from __future__ import annotations

import tantivy

from search.api import FACET_FIELDS
from search.ast import KEYWORD_FIELDS, NUMERIC_FIELDS
from search.engines.rows import RANK_FIELDS, facet_key
from search.engines.tantivy import analysis

# A keyword field that is also a facet is matched in the facet's field, whose printed values the
# searcher maps to their folded forms: a row indexes such a value once, not twice.
TWINNED = tuple(name for name in KEYWORD_FIELDS if name in FACET_FIELDS)
KEYWORD_ONLY = tuple(name for name in KEYWORD_FIELDS if name not in FACET_FIELDS)
# A numeric facet (session, year) is counted on its integer column, which filters use too: a row
# indexes its value once, not again as text (two values fewer a paragraph for the build).
TEXT_FACETS = tuple(name for name in FACET_FIELDS if name not in NUMERIC_FIELDS)
# A paragraph's hit row is in the engine directory's row files (rowfile.py); this fast field
# locates it. tantivy stores nothing.
ROW = "row"


def schema() -> tantivy.Schema:
    """The paragraph schema; the engine module builds its queries against the same one."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("stems", tokenizer_name=analysis.STEMS, index_option="position")
    builder.add_text_field("exact", tokenizer_name=analysis.WORDS, index_option="position")
    for name in KEYWORD_ONLY:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in TEXT_FACETS:
        builder.add_text_field(
            facet_key(name), tokenizer_name="raw", fast=True, index_option="basic"
        )
    for name in NUMERIC_FIELDS:
        builder.add_integer_field(name, indexed=True, fast=True)
    builder.add_integer_field("doc_ord", indexed=True, fast=True)  # one document's rows by term
    for name in RANK_FIELDS.values():
        builder.add_integer_field(name, fast=True)
    builder.add_unsigned_field(ROW, fast=True)
    return builder.build()


def facet_column(name: str) -> str:
    """The fast column a facet is counted on: its integers, or its printed values."""
    return name if name in NUMERIC_FIELDS else facet_key(name)


def register(index: tantivy.Index) -> None:
    """Analyzers must be registered on every Index object, writer and reader alike."""
    analysis.register(index)
