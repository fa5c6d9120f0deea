"""The tantivy paragraph schema, built the same way by the writer and the searcher."""

from __future__ import annotations

import json
from typing import Any

import tantivy

from search.api import FACET_FIELDS
from search.ast import KEYWORD_FIELDS
from search.engines.rows import RANK_FIELDS, facet_key
from search.engines.tantivy import analysis

# A keyword field that is also a facet is matched in the facet's field, whose printed values the
# searcher maps to their folded forms: a row indexes such a value once, not twice.
TWINNED = tuple(name for name in KEYWORD_FIELDS if name in FACET_FIELDS)
KEYWORD_ONLY = tuple(name for name in KEYWORD_FIELDS if name not in FACET_FIELDS)
# The stored row: JSON [paragraph id, kind, number, verb], the text, JSON of the document's fields.
META_SEPARATOR = "\0"
# json.loads's C scanner, without the wrappers; typeshed leaves the attribute out
_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def schema() -> tantivy.Schema:
    """The paragraph schema; the engine module builds its queries against the same one."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("stems", tokenizer_name=analysis.STEMS, index_option="position")
    builder.add_text_field("exact", tokenizer_name=analysis.WORDS, index_option="position")
    for name in KEYWORD_ONLY:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in FACET_FIELDS:
        builder.add_text_field(
            facet_key(name), tokenizer_name="raw", fast=True, index_option="basic"
        )
    for name in ("session", "year"):
        builder.add_integer_field(name, indexed=True, fast=True)
    builder.add_integer_field("doc_ord", indexed=True, fast=True)  # one document's rows by term
    for name in RANK_FIELDS.values():
        builder.add_integer_field(name, fast=True)
    builder.add_bytes_field("meta", stored=True)
    return builder.build()


def stored_row(meta: bytes) -> dict:
    """The hit fields of a stored row (see META_SEPARATOR); decoded on every hit of every page."""
    text = meta.decode()
    head_end, tail_start = text.index(META_SEPARATOR), text.rindex(META_SEPARATOR) + 1
    paragraph_id, kind, number, verb = _json_value(text, 0, head_end)
    row = _json_value(text, tail_start, len(text))
    row["paragraph_id"], row["kind"], row["number"], row["verb"] = paragraph_id, kind, number, verb
    row["text"] = text[head_end + 1 : tail_start - 1]
    return row


def _json_value(text: str, start: int, end: int) -> Any:
    """json.loads(text[start:end]) without its wrappers or the copy, for json.dumps's output."""
    try:
        value, stop = _SCAN(text, start)
        if stop == end:
            return value
    except StopIteration:
        pass
    return json.loads(text[start:end])  # anything else: as json reads it, or its error


def register(index: tantivy.Index) -> None:
    """Analyzers must be registered on every Index object, writer and reader alike."""
    analysis.register(index)
