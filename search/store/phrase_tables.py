"""The phrase tables of language.sqlite, written by indexer.phrase_tables, read by search.phrases.

phrase_doc_meta: each document's filterable values; phrase: each phrase with its first use;
phrase_doc: paragraphs of a document using a phrase; phrase_session: the same per session;
phrase_group: per committee (else body), for a document's distinctive phrases.
"""

from __future__ import annotations

import json

from indexer.model import Resolution

DDL = """
CREATE TABLE phrase_doc_meta (
    doc INTEGER PRIMARY KEY, symbol TEXT NOT NULL UNIQUE, session INTEGER, committee TEXT,
    body TEXT, type TEXT, agenda TEXT NOT NULL, sponsor TEXT NOT NULL, paragraphs INTEGER NOT NULL,
    oldest INTEGER NOT NULL
);
CREATE TABLE phrase (
    id INTEGER PRIMARY KEY, words TEXT NOT NULL UNIQUE, display TEXT NOT NULL, score REAL NOT NULL,
    paragraphs INTEGER NOT NULL, documents INTEGER NOT NULL, committees INTEGER NOT NULL,
    texts INTEGER NOT NULL, first_session INTEGER, first_symbol TEXT NOT NULL, first_paragraph TEXT NOT NULL
);
CREATE INDEX phrase_first ON phrase (first_session);
CREATE TABLE phrase_doc (
    doc INTEGER NOT NULL, phrase INTEGER NOT NULL, paragraphs INTEGER NOT NULL,
    PRIMARY KEY (doc, phrase)
) WITHOUT ROWID;
CREATE INDEX phrase_doc_phrase ON phrase_doc (phrase, doc, paragraphs);
CREATE TABLE phrase_session (
    session INTEGER NOT NULL, phrase INTEGER NOT NULL, paragraphs INTEGER NOT NULL,
    documents INTEGER NOT NULL, committees INTEGER NOT NULL, first INTEGER NOT NULL,
    PRIMARY KEY (session, phrase)
) WITHOUT ROWID;
CREATE INDEX phrase_session_first ON phrase_session (session, first, documents DESC);
CREATE TABLE phrase_group (
    grp TEXT NOT NULL, phrase INTEGER NOT NULL, paragraphs INTEGER NOT NULL,
    PRIMARY KEY (grp, phrase)
) WITHOUT ROWID;
"""

INSERT_DOC_META = "INSERT INTO phrase_doc_meta VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


def doc_meta_row(doc: int, resolution: Resolution, oldest: int) -> tuple:
    """A document's row of phrase_doc_meta (the values the phrases page filters on); oldest: its rank."""
    r = resolution
    return (
        doc,
        r.symbol,
        r.session,
        r.committee,
        r.body,
        r.doc_type,
        json.dumps(r.agenda_items),
        json.dumps(r.sponsors),
        len(r.paragraphs),
        oldest,
    )
