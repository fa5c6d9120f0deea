"""One index row per paragraph, computed once so every engine indexes exactly the same values."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from indexer.analysis import WORD_PATTERN, fold, stem
from indexer.model import Paragraph, Resolution
from search.api import FACET_FIELDS

# Keyword fields (search.ast.KEYWORD_FIELDS) are matched case- and accent-insensitively (folded);
# the query side folds the same way. Facet fields (search.api.FACET_FIELDS) keep their printed values.
# Sort orders precomputed at build time as integer ranks, ascending (ties impossible): a document's
# slot in each order times PARAGRAPH_SLOTS plus the paragraph's index. Slots are spread over
# SLOT_SPACE with even gaps, so an update gives a new document a slot between its neighbours' and no
# other document's rank moves (indexer/update.py); ranks stay under 2**63 (tantivy, sphinx bigint).
RANK_FIELDS = {"oldest": "rank_oldest", "newest": "rank_newest", "symbol": "rank_symbol"}
SLOT_SPACE = 2**46
# Multi-valued keyword values are joined with this separator for engines that take one string.
SEPARATOR = "\x1f"
PARAGRAPH_SLOTS = 100_000


def keyword(value: str) -> str:
    """The matching form of a keyword value: folded, inner whitespace collapsed."""
    return " ".join(fold(value).split())


def facet_key(field_name: str) -> str:
    return f"{field_name}_value"


@dataclass
class DocumentValues:
    """What every paragraph of one document shares, computed once per document, not per paragraph."""

    key: str
    doc_ord: int
    keywords: dict[str, list[str]]  # folded, document-level keyword fields
    facets: dict[str, list[str]]  # printed, document-level facet fields
    session: int | None
    year: int | None
    orders: dict[str, int]  # rank field -> position of the document in that sort
    meta: dict  # the stored hit fields every paragraph of the document repeats


class Row:
    """Everything an engine stores or indexes for one paragraph; each value computed once, when asked.

    Plain attributes cached by hand: functools.cached_property takes a lock per access (Python
    3.11), a cost that showed at a million paragraphs.
    """

    __slots__ = ("_cache", "document", "index", "paragraph")

    def __init__(self, paragraph: Paragraph, index: int, document: DocumentValues):
        self.paragraph = paragraph
        self.index = index  # the paragraph's place in its document
        self.document = document
        self._cache: dict[str, Any] = {}

    @property
    def text(self) -> str:
        return self.paragraph.text

    @property
    def doc_ord(self) -> int:
        return self.document.doc_ord

    @property
    def session(self) -> int | None:
        return self.document.session

    @property
    def year(self) -> int | None:
        return self.document.year

    @property
    def keywords(self) -> dict[str, list[str]]:
        if "keywords" not in self._cache:
            self._cache["keywords"] = {
                **self.document.keywords,
                **paragraph_keywords(self.paragraph),
            }
        return self._cache["keywords"]

    @property
    def facets(self) -> dict[str, list[str]]:
        if "facets" not in self._cache:
            merged = {**self.document.facets, **paragraph_facets(self.paragraph)}
            self._cache["facets"] = {name: merged[name] for name in FACET_FIELDS}
        return self._cache["facets"]

    @property
    def ranks(self) -> dict[str, int]:
        return {
            name: rank * PARAGRAPH_SLOTS + self.index for name, rank in self.document.orders.items()
        }

    @property
    def meta(self) -> dict:
        """The stored hit fields (a writer may add to them: the same dict each time)."""
        if "meta" not in self._cache:
            self._cache["meta"] = {
                "symbol": self.document.key,
                **paragraph_meta(self.paragraph),
                **self.document.meta,
            }
        return self._cache["meta"]

    @property
    def words(self) -> list[str]:
        """The folded words, as indexer.analysis.exact_words gives them."""
        if "words" not in self._cache:
            self._cache["words"] = fast_exact_words(self.paragraph.text)
        return self._cache["words"]

    @property
    def exact(self) -> str:
        if "exact" not in self._cache:
            self._cache["exact"] = " ".join(self.words)
        return self._cache["exact"]

    @property
    def stems(self) -> str:
        if "stems" not in self._cache:
            self._cache["stems"] = " ".join(map(_STEMS.__getitem__, self.words))
        return self._cache["stems"]


def paragraph_keywords(paragraph: Paragraph) -> dict[str, list[str]]:
    """The paragraph-level keyword fields (kind, verb, cites), folded."""
    return {
        "kind": [keyword(paragraph.kind)],
        "verb": [keyword(paragraph.verb)] if paragraph.verb else [],
        "cites": [keyword(v) for v in dict.fromkeys(paragraph.cites)],
    }


def paragraph_facets(paragraph: Paragraph) -> dict[str, list[str]]:
    """The paragraph-level facet fields (kind, verb), as printed."""
    return {"kind": [paragraph.kind], "verb": [paragraph.verb] if paragraph.verb else []}


def paragraph_meta(paragraph: Paragraph) -> dict:
    """The stored hit fields of one paragraph alone."""
    return {
        "paragraph_id": paragraph.id,
        "kind": paragraph.kind,
        "number": paragraph.number,
        "verb": paragraph.verb,
        "text": paragraph.text,
    }


class _StemCache(dict):
    """word -> stem, looked up at C speed; a missing word is stemmed once."""

    def __missing__(self, word: str) -> str:
        self[word] = value = stem(word)
        return value


_STEMS = _StemCache()
_WORDS = WORD_PATTERN.findall
# WORD_PATTERN on lower-case ASCII text: twice as fast as the Unicode classes on the same text
_ASCII_WORDS = re.compile(r"[a-z0-9]+(?:['.][a-z0-9]+)*").findall
# An ASCII byte: a letter lowered, a digit kept, anything else a space.
_WORD_BYTES = bytes(ord(chr(c).lower()) if chr(c).isalnum() else 32 for c in range(128)) + bytes(
    [32] * 128
)


def joinerless(text: str) -> bool:
    """An ASCII text none of whose apostrophes or dots can join two words, so that its words are
    its runs of letters and digits: 83% of the shared corpus's paragraphs. The test is cheap and
    errs one way: dots closing a sentence pass, a ".)" sends the text the slower way."""
    return (
        text.isascii()
        and "'" not in text
        and text.count(".") == text.count(". ") + text.endswith(".")
    )


def folded_ascii(text: str) -> str:
    """A joinerless text's folded words, separated by runs of spaces: one byte translation."""
    return text.encode("ascii").translate(_WORD_BYTES).decode("ascii")


def fast_exact_words(text: str) -> list[str]:
    """indexer.analysis.exact_words, with no Python call per word for ASCII words."""
    if joinerless(text):  # one byte translation and a split: a third of the regex's cost
        return folded_ascii(text).split()
    if text.isascii():  # fold() of an ASCII word is its lower case, and lowering moves no boundary
        return _ASCII_WORDS(text.lower())
    words = _WORDS(text)  # curly quotes and dashes make a text non-ASCII, seldom its words
    joined = "\0".join(words)
    if joined.isascii():
        return joined.lower().split("\0") if words else []
    return [word.lower() if word.isascii() else fold(word) for word in words]


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
    document = document_values(key, doc_ord, resolution, orders)
    for index, paragraph in enumerate(resolution.paragraphs):
        yield Row(paragraph, index, document)


def document_values(
    key: str, doc_ord: int, resolution: Resolution, orders: dict[str, int]
) -> DocumentValues:
    """The values every paragraph of a document shares."""
    shared = _document_values(key, resolution)
    facets = dict(shared)
    facets["year"] = [str(resolution.year)] if resolution.year else []  # a facet, not a keyword
    return DocumentValues(
        key=key,
        doc_ord=doc_ord,
        keywords={name: [keyword(v) for v in vals] for name, vals in shared.items()},
        facets=facets,
        session=resolution.session,
        year=resolution.year,
        orders=orders,
        meta={
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
