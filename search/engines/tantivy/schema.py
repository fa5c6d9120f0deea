"""The tantivy paragraph schema, built the same way by the writer and the searcher."""

from __future__ import annotations

import tantivy

from search.api import FACET_FIELDS
from search.ast import KEYWORD_FIELDS
from search.engines.rows import RANK_FIELDS, facet_key
from search.engines.tantivy import analysis

# Builds before the analysers below indexed the project's tokens space-joined; their schema names it.
WHITESPACE = "agreed_ws"


def schema() -> tantivy.Schema:
    """The paragraph schema; the engine module builds its queries against the same one."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("stems", tokenizer_name=analysis.STEMS, index_option="position")
    builder.add_text_field("exact", tokenizer_name=analysis.EXACT, index_option="position")
    for name in KEYWORD_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in FACET_FIELDS:
        builder.add_text_field(facet_key(name), tokenizer_name="raw", fast=True)
    for name in ("session", "year"):
        builder.add_integer_field(name, indexed=True, fast=True)
    builder.add_integer_field("doc_ord", fast=True)
    for name in RANK_FIELDS.values():
        builder.add_integer_field(name, fast=True)
    builder.add_bytes_field("meta", stored=True)
    return builder.build()


def register(index: tantivy.Index) -> None:
    """Analyzers must be registered on every Index object, writer and reader alike."""
    index.register_tokenizer(
        WHITESPACE, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
    )
    analysis.register(index)
