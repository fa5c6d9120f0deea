"""What callers of search/ see: a request in, results out, and the Searcher every engine provides."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from indexer.model import Resolution

if TYPE_CHECKING:
    from search.request import ParsedRequest

Sort = Literal["relevance", "newest", "oldest", "symbol"]
SORTS: tuple[Sort, ...] = ("relevance", "newest", "oldest", "symbol")
# year: the axis of documents without a session (Security Council texts), for timelines
FACET_FIELDS = (
    "session",
    "committee",
    "body",
    "type",
    "agenda",
    "sponsor",
    "subject",
    "kind",
    "verb",
    "year",
)


class QueryError(ValueError):
    """A query the language rejects; position is the 0-based character offset of the problem."""

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.message = message
        self.position = position


class IndexUnavailable(RuntimeError):
    """The index is missing, being built for the first time, or of another schema version."""


@dataclass(frozen=True)
class SearchRequest:
    """Everything that decides a result page; the web layer builds it from URL parameters."""

    query: str = ""
    # Facet selections, separate from the query so a facet's own filter does not shrink its counts:
    # values of one field are OR'd, fields are AND'd. e.g. (("session", "74"), ("committee", "Third Committee"))
    filters: tuple[tuple[str, str], ...] = ()
    sort: Sort = "relevance"
    page: int = 1
    page_size: int = 20
    facets: bool = False
    facet_limit: int = 10  # values per facet field; callers ask for more for a "more" link
    group_by_document: bool = False
    snippet_chars: int = 400  # 0: no snippet (exports and concordances show their own text)


@dataclass(frozen=True)
class Hit:
    """One matching paragraph, with the metadata a result row shows."""

    symbol: str
    paragraph_id: str
    kind: str
    number: str | None
    session: int | None
    committee: str | None
    title: str | None
    date: str | None
    body: str | None
    doc_type: str | None
    verb: str | None
    snippet_html: str  # escaped text, only <mark> tags are markup
    score: float
    text: str = ""  # the paragraph as stored, for exports and concordances (no document fetch)
    sponsors: tuple[str, ...] = ()
    draft_sponsors: tuple[str, ...] = ()  # an adopted resolution's: those of its draft
    agenda_items: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentGroup:
    """With group_by_document: one entry per resolution with its best paragraphs."""

    symbol: str
    title: str | None
    session: int | None
    committee: str | None
    date: str | None
    score: float
    hit_count: int
    hits: tuple[Hit, ...]


@dataclass
class SearchResults:
    request: SearchRequest
    total: int  # matching paragraphs
    hits: list[Hit]
    groups: list[DocumentGroup] | None = None  # set when request.group_by_document
    total_documents: int | None = None
    # field -> [(value, count)] most frequent first, over the whole result set
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    elapsed_ms: float = 0.0
    # a distributed engine's shards that did not answer: the results are partial when not empty
    missing_shards: list[str] = field(default_factory=list)


class Searcher(Protocol):
    """A read-only view of one index; one per worker process, reloaded when the index is swapped."""

    build_dir: Path  # the build being read; language.sqlite and docs.sqlite live there

    @property
    def engine_name(self) -> str: ...

    def search(self, request: SearchRequest | ParsedRequest) -> SearchResults:
        """Raises QueryError for a malformed query, never anything else for bad input.

        A ParsedRequest (search.request.parse_request) is used as parsed, not parsed again.
        """

    def scan(self, request: SearchRequest | ParsedRequest) -> Iterator[Hit]:
        """Every match in request.sort order, unpaged, for CSV export, feeds and concordances."""

    def document(self, symbol: str) -> Resolution | None:
        """By document key: the symbol, or the source file's stem for a document without one."""

    def documents(self) -> Iterator[Resolution]: ...

    def stats(self) -> dict[str, int]:
        """documents, paragraphs, and paragraphs per session, for normalising timelines.

        Keys: "documents", "paragraphs", and one "session:<n>" per session (e.g. "session:74").
        """

    def reload(self) -> None: ...

    def close(self) -> None: ...
