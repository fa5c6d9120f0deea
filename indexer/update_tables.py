"""The language and precedent tables of an update, changed for the changed documents only.

Lineage (indexer/update_lineage.py), paragraph provenance (indexer/update_families.py), citations
and the precedent tables are brought to what a full build of the same sources writes. Phrase
statistics are corpus-wide (which word runs count as phrases, their counts per session): an
update only records which known phrases the added documents use (their Phrases section); the
rest waits for a full build (`agreed index --full`).
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections import Counter
from pathlib import Path

from indexer.analysis import WORD_PATTERN, fold
from indexer.citations import cite_key, symbol_for_key
from indexer.language import alignments
from indexer.lineage import is_draft, predecessors
from indexer.model import Resolution
from indexer.update_families import Wordings, document_provenance
from indexer.update_lineage import Lineage, Unsettled
from indexer.update_precedent import add_precedent, forget_precedent
from search.store import layered
from search.store.docstore import DocStore, Outline
from search.store.language_tables import FILENAME as LANGUAGE
from search.store.language_tables import INSERT_LINEAGE, LineageRecord
from search.store.phrase_tables import INSERT_DOC_META, doc_meta_row
from search.store.precedent_tables import FILENAME as PRECEDENT

Placed = tuple[str, int, Resolution, dict[str, int]]


def update_tables(
    build: Path,
    store: DocStore,
    outlines: dict[str, Outline],
    dropped: dict[str, Resolution],
    added: list[Placed],
) -> None:
    """Update language.sqlite and precedent.sqlite in the new build; Unsettled when the change
    reaches documents already indexed (no other document's draft or sponsors change otherwise).
    An added resolution is credited its draft's sponsors, in place, before it is stored."""
    if not (build / LANGUAGE).is_file() or not (build / PRECEDENT).is_file():
        return  # a build without them (benchmarks): nothing to keep up to date
    language = layered.connect(build / LANGUAGE, writable=True)
    precedent = layered.connect(build / PRECEDENT, writable=True)
    try:
        new = {key: _as_symbol(key, resolution) for key, _, resolution, _ in added}
        lineage = _lineage(language, store, outlines, dropped, new)
        for key in dropped:
            _forget(language, precedent, key)
        wordings = Wordings(precedent, language)
        first = language.execute("SELECT coalesce(max(position), 0) + 1 FROM paragraphs")
        position = first.fetchone()[0]
        for key, resolution in sorted(new.items(), key=lambda kv: (kv[1].date or "", kv[0])):
            record = lineage.records[key]
            _credit(resolution, record, store, new)
            for placed_key, _, original, _ in added:  # the document indexed carries the credit
                if placed_key == key:
                    original.draft_sponsors = resolution.draft_sponsors
            documents = [resolution, *_earlier(record, store, new)]
            aligned = alignments(documents, {key: record})
            preferred = predecessors({key: record}).get(key, set())
            rows = document_provenance(wordings, resolution, preferred, aligned)
            language.executemany(
                "INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        p.symbol,
                        p.paragraph_id,
                        position + i,
                        p.status,
                        *(p.source or (None, None)),
                        *(p.previous or (None, None)),
                        p.similarity,
                        *p.root,
                        p.diff_html,
                    )
                    for i, p in enumerate(rows)
                ],
            )
            position += len(rows)
            add_precedent(precedent, resolution)
            _add_citations(language, resolution, record)
            _add_phrase_uses(language, resolution, outlines[key])
        _write_lineage(language, lineage)
        _count(language, precedent)
        language.commit()
        precedent.commit()
    finally:
        language.close()
        precedent.close()


def _as_symbol(key: str, resolution: Resolution) -> Resolution:
    """The language tables name a document without a symbol by its key."""
    return resolution if resolution.symbol else dataclasses.replace(resolution, symbol=key)


def _lineage(
    language: sqlite3.Connection,
    store: DocStore,
    outlines: dict[str, Outline],
    dropped: dict[str, Resolution],
    new: dict[str, Resolution],
) -> Lineage:
    records = {}
    for row in language.execute("SELECT * FROM lineage"):
        symbol, adopted_as, draft_of, revisions, previous, following, evidence = row
        records[symbol] = LineageRecord(
            symbol,
            adopted_as,
            draft_of,
            json.loads(revisions),
            previous,
            following,
            json.loads(evidence),
        )
    known = {
        key: _as_symbol(key, outline.resolution)
        for key, outline in outlines.items()
        if key not in new
    }
    for key, resolution in dropped.items():
        known.setdefault(key, _as_symbol(key, resolution))

    def load(key: str) -> Resolution:
        if key in new:
            return new[key]
        if key in dropped:
            return _as_symbol(key, dropped[key])
        found = store.get(key)
        if found is None:
            raise Unsettled(f"{key} is not in the document store")
        return _as_symbol(key, found)

    lineage = Lineage(records, known, load)
    for key in dropped:
        lineage.remove(key)
    order = sorted(new.values(), key=lambda r: (not is_draft(r), r.session or 0, r.symbol or ""))
    for resolution in order:
        lineage.add(resolution)
    return lineage


def _write_lineage(language: sqlite3.Connection, lineage: Lineage) -> None:
    for symbol in lineage.changed:
        language.execute("DELETE FROM lineage WHERE symbol = ?", (symbol,))
        r = lineage.records.get(symbol)
        if r is None:
            continue
        ordered = dataclasses.replace(r, evidence=_in_build_order(r.evidence))
        language.execute(INSERT_LINEAGE, ordered.row())
        counted = int(not (is_draft(lineage.outlines.get(symbol) or _EMPTY) and r.adopted_as))
        language.execute(
            "UPDATE citations SET counted = ? WHERE citing_symbol = ?", (counted, symbol)
        )


_LINKS = ("revisions", "draft_of", "adopted_as", "previous_session", "next_session")


def _in_build_order(evidence: dict) -> dict:
    """Links in the order a full build finds them (revisions, adoptions, then sessions)."""
    return {link: evidence[link] for link in sorted(evidence, key=_LINKS.index)}


def _credit(
    resolution: Resolution, record: LineageRecord, store: DocStore, new: dict[str, Resolution]
) -> None:
    """build.credit_drafts for one document: a resolution carries its draft's sponsors."""
    draft = None
    if record.draft_of:
        draft = new.get(record.draft_of) or store.get(record.draft_of)
    resolution.draft_sponsors = list(draft.sponsors) if draft else []


def _earlier(
    record: LineageRecord, store: DocStore, new: dict[str, Resolution]
) -> list[Resolution]:
    """The documents an added one is aligned with: its draft and its previous session's version."""
    found = []
    for symbol in (record.draft_of, record.previous_session):
        document = (new.get(symbol) or store.get(symbol)) if symbol else None
        if document is not None:
            found.append(_as_symbol(symbol or "", document))
    return found


def _forget(language: sqlite3.Connection, precedent: sqlite3.Connection, key: str) -> None:
    """A removed document's rows; refused while another paragraph's provenance names it."""
    named = language.execute(
        "SELECT symbol FROM paragraphs WHERE symbol != ?"
        " AND (source_symbol = ? OR previous_symbol = ? OR root_symbol = ?) LIMIT 1",
        (key, key, key, key),
    ).fetchone()
    if named is not None:
        raise Unsettled(f"{named[0]} has wording from {key}")
    language.execute("DELETE FROM paragraphs WHERE symbol = ?", (key,))
    language.execute("DELETE FROM citations WHERE citing_symbol = ?", (key,))
    language.execute("DELETE FROM cite_keys WHERE symbol = ?", (key,))
    doc = language.execute("SELECT doc FROM phrase_doc_meta WHERE symbol = ?", (key,)).fetchone()
    if doc is not None:
        language.execute("DELETE FROM phrase_doc WHERE doc = ?", doc)
        language.execute("DELETE FROM phrase_doc_meta WHERE doc = ?", doc)
    forget_precedent(precedent, key)


def _add_citations(
    language: sqlite3.Connection, resolution: Resolution, record: LineageRecord
) -> None:
    """indexer.citations for one document: its cite key, and an edge per resolution it cites."""
    symbol = resolution.symbol or ""
    own = cite_key(resolution)
    if own:
        language.execute("INSERT OR IGNORE INTO cite_keys VALUES (?, ?)", (own, symbol))
    counted = int(not (is_draft(resolution) and record.adopted_as))
    for cited in dict.fromkeys(resolution.cites):
        if cited and cited != own:
            found = language.execute(
                "SELECT symbol FROM cite_keys WHERE key = ?", (cited,)
            ).fetchone()
            target = found[0] if found else symbol_for_key(cited)
            language.execute(
                "INSERT INTO citations VALUES (?, ?, ?, ?)", (cited, target, symbol, counted)
            )


def _add_phrase_uses(
    language: sqlite3.Connection, resolution: Resolution, outline: Outline
) -> None:
    """The known phrases an added document uses, for its Phrases section (counts wait for a full build)."""
    phrases = {
        tuple(words.split()): phrase_id
        for phrase_id, words in language.execute("SELECT id, words FROM phrase")
    }
    if not phrases:
        return
    longest = max(len(words) for words in phrases)
    starts = {words[0] for words in phrases}
    uses: Counter[int] = Counter()
    for paragraph in resolution.paragraphs:
        words = [fold(m.group()) for m in WORD_PATTERN.finditer(paragraph.text)]
        found = {
            phrases[tuple(words[i : i + n])]
            for i, word in enumerate(words)
            if word in starts
            for n in range(2, longest + 1)
            if tuple(words[i : i + n]) in phrases
        }
        uses.update(found)
    doc = layered.next_key(language, "phrase_doc_meta", "doc")
    oldest = outline.slots.get("rank_oldest", 0)
    language.execute(INSERT_DOC_META, doc_meta_row(doc, resolution, oldest))
    language.executemany(
        "INSERT INTO phrase_doc VALUES (?, ?, ?)", [(doc, p, n) for p, n in uses.items()]
    )


def _count(language: sqlite3.Connection, precedent: sqlite3.Connection) -> None:
    """The row counts each table's meta records."""
    for name, table in (("documents", "lineage"), ("paragraphs", "paragraphs")):
        value = layered.count(language, table)
        language.execute("UPDATE meta SET value = ? WHERE name = ?", (str(value), name))
    for name in ("paragraphs", "wordings", "bands", "grams"):
        value = layered.count(precedent, name)
        precedent.execute("UPDATE meta SET value = ? WHERE name = ?", (str(value), name))


_EMPTY = Resolution(None, None, None, None, None)
