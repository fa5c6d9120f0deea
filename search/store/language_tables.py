"""language.sqlite: the agreed-language tables of a build, written by indexer.language, read by search.language."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

# Its meta table records the build format version, search.store.layout.SCHEMA_VERSION.
FILENAME = "language.sqlite"

DDL = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE paragraphs (
    symbol TEXT NOT NULL, paragraph_id TEXT NOT NULL, position INTEGER NOT NULL,
    status TEXT NOT NULL, source_symbol TEXT, source_paragraph TEXT,
    previous_symbol TEXT, previous_paragraph TEXT, similarity REAL,
    root_symbol TEXT NOT NULL, root_paragraph TEXT NOT NULL, diff_html TEXT,
    PRIMARY KEY (symbol, paragraph_id)
);
CREATE INDEX paragraphs_root ON paragraphs (root_symbol, root_paragraph);
CREATE TABLE lineage (
    symbol TEXT PRIMARY KEY, adopted_as TEXT, draft_of TEXT, revisions TEXT NOT NULL,
    previous_session TEXT, next_session TEXT, evidence TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE cite_keys (key TEXT PRIMARY KEY, symbol TEXT NOT NULL);
CREATE TABLE citations (
    key TEXT NOT NULL, cited_symbol TEXT NOT NULL, citing_symbol TEXT NOT NULL,
    counted INTEGER NOT NULL
);
CREATE INDEX citations_cited ON citations (cited_symbol);
"""


INSERT_LINEAGE = "INSERT INTO lineage VALUES (?, ?, ?, ?, ?, ?, ?)"


@dataclass
class LineageRecord:
    """What a document became or came from; symbols, or None / [] when the corpus holds none."""

    symbol: str
    adopted_as: str | None = None
    draft_of: str | None = None
    revisions: list[str] = field(default_factory=list)
    previous_session: str | None = None
    next_session: str | None = None
    # link -> {"method", "evidence", "score"}: how each link above was established.
    # method: "cites" (the resolution's header names the draft), "library" (the UN Digital Library
    # records the link, MARC 993), "match" (inferred: title, agenda item and wording; score = the
    # wording similarity), "symbol" (revisions share the draft's symbol)
    evidence: dict[str, dict] = field(default_factory=dict)

    def row(self) -> tuple:
        """Its row of the lineage table (INSERT_LINEAGE), written by full builds and updates alike."""
        return (
            self.symbol,
            self.adopted_as,
            self.draft_of,
            json.dumps(self.revisions),
            self.previous_session,
            self.next_session,
            json.dumps(self.evidence),
        )
