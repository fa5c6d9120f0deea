"""One index row per paragraph, computed once so every engine indexes exactly the same values."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from indexer.analysis import exact_words, fold, stem
from indexer.model import Paragraph, Resolution
from search.api import FACET_FIELDS

# Keyword fields (search.ast.KEYWORD_FIELDS) are matched case- and accent-insensitively (folded);
# the query side folds the same way. Facet fields (search.api.FACET_FIELDS) keep their printed values.
# Sort orders precomputed at build time as integer ranks, ascending (ties impossible): a document's
# slot in each order times _PARAGRAPH_SLOTS plus the paragraph's index. Slots are spread over
# SLOT_SPACE with even gaps, so an update gives a new document a slot between its neighbours' and no
# other document's rank moves (indexer/update.py); ranks stay under 2**63 (tantivy, sphinx bigint).
RANK_FIELDS = {"oldest": "rank_oldest", "newest": "rank_newest", "symbol": "rank_symbol"}
SLOT_SPACE = 2**46
# Multi-valued keyword values are joined with this separator for engines that take one string.
SEPARATOR = "\x1f"
_PARAGRAPH_SLOTS = 100_000


def keyword(value: str) -> str:
    """The matching form of a keyword value: folded, inner whitespace collapsed."""
    return " ".join(fold(value).split())


def facet_key(field_name: str) -> str:
    return f"{field_name}_value"


@dataclass
class Row:
    """Everything an engine stores or indexes for one paragraph; analysed text only when asked for."""

    text: str
    keywords: dict[str, list[str]]
    facets: dict[str, list[str]]
    session: int | None
    year: int | None
    doc_ord: int
    ranks: dict[str, int]
    meta: dict = field(default_factory=dict)

    @cached_property
    def words(self) -> list[str]:
        """The folded words (engines that analyse the text themselves never ask)."""
        return exact_words(self.text)

    @cached_property
    def exact(self) -> str:
        return " ".join(self.words)

    @cached_property
    def stems(self) -> str:
        return " ".join(stem(word) for word in self.words)


@lru_cache(maxsize=200_000)
def natural_key(symbol: str) -> tuple:
    """A/RES/79/3 before A/RES/79/38: digit runs compare as numbers."""
    parts = re.split(r"(\d+)", symbol)
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts if p)


def sort_keys(key: str, date: str | None, has_symbol: bool) -> dict[str, tuple]:
    """rank field -> what orders a document in that sort; undated, unsymbolled ones last."""
    by_symbol = (not has_symbol, natural_key(key), key)
    newest = (0, _descending(date), *by_symbol) if date else (1, "", *by_symbol)
    return {
        RANK_FIELDS["oldest"]: (0, date, *by_symbol) if date else (1, "", *by_symbol),
        RANK_FIELDS["newest"]: newest,
        RANK_FIELDS["symbol"]: by_symbol,
    }


def _descending(date: str) -> tuple[int, ...]:
    """An ISO date's characters negated, so a plain ascending sort puts later dates first."""
    return (*(-ord(c) for c in date), 1)


def document_orders(documents: list[tuple[str, Resolution]]) -> dict[str, dict[str, int]]:
    """key -> {rank field: the document's slot in that sort}: evenly gapped over the middle half of
    SLOT_SPACE, so documents can be added before the first and after the last too."""
    keys = {key: sort_keys(key, r.date, bool(r.symbol)) for key, r in documents}
    gap = SLOT_SPACE // (2 * (len(documents) + 1))
    orders: dict[str, dict[str, int]] = {key: {} for key, _ in documents}
    for name in RANK_FIELDS.values():
        for position, key in enumerate(sorted(keys, key=lambda k: keys[k][name])):
            orders[key][name] = SLOT_SPACE // 4 + (position + 1) * gap
    return orders


def rows(key: str, doc_ord: int, resolution: Resolution, orders: dict[str, int]) -> Iterator[Row]:
    """The rows of one document, in paragraph order."""
    shared = _document_values(key, resolution)
    shared_keywords = {name: [keyword(v) for v in vals] for name, vals in shared.items()}
    shared["year"] = [str(resolution.year)] if resolution.year else []  # a facet, not a keyword
    for index, paragraph in enumerate(resolution.paragraphs):
        values = _paragraph_values(shared, paragraph)
        own = {name: values[name] for name in ("kind", "verb", "cites")}
        yield Row(
            text=paragraph.text,
            keywords={
                **shared_keywords,
                **{name: [keyword(v) for v in vals] for name, vals in own.items()},
            },
            facets={name: values[name] for name in FACET_FIELDS},
            session=resolution.session,
            year=resolution.year,
            doc_ord=doc_ord,
            ranks={name: rank * _PARAGRAPH_SLOTS + index for name, rank in orders.items()},
            meta={
                "symbol": key,
                "paragraph_id": paragraph.id,
                "kind": paragraph.kind,
                "number": paragraph.number,
                "verb": paragraph.verb,
                "text": paragraph.text,
                "session": resolution.session,
                "committee": resolution.committee,
                "title": resolution.title,
                "date": resolution.date,
                "body": resolution.body,
                "doc_type": resolution.doc_type,
                "sponsors": resolution.sponsors,
                "draft_sponsors": resolution.draft_sponsors,
                "agenda_items": resolution.agenda_items,
            },
        )


def _document_values(key: str, resolution: Resolution) -> dict[str, list[str]]:
    def some(value: str | None) -> list[str]:
        return [value] if value else []

    return {
        # "S/RES/242 (1967)" is also found as S/RES/242, the form the query language normalises to
        "symbol": list(dict.fromkeys([key, re.sub(r"\s*\(\d{4}\)$", "", key)])),
        "session": some(str(resolution.session) if resolution.session is not None else None),
        "body": some(resolution.body),
        "committee": some(resolution.committee),
        "type": some(resolution.doc_type),
        "agenda": list(dict.fromkeys(resolution.agenda_items)),
        # additional sponsors (UN Digital Library, 515) sponsor the text as much as the first ones;
        # a resolution is found by its draft's sponsors too (it prints none of its own)
        "sponsor": list(
            dict.fromkeys(
                [*resolution.sponsors, *resolution.additional_sponsors, *resolution.draft_sponsors]
            )
        ),
        "subject": list(dict.fromkeys(resolution.subjects)),  # UNBIS Thesaurus terms
    }


def _paragraph_values(shared: dict[str, list[str]], paragraph: Paragraph) -> dict[str, list[str]]:
    values = dict(shared)
    values["kind"] = [paragraph.kind]
    values["verb"] = [paragraph.verb] if paragraph.verb else []
    values["cites"] = list(dict.fromkeys(paragraph.cites))
    return values
