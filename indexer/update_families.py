"""Provenance of an added document's paragraphs, decided as indexer/families.py decides it in a full
build, with the precedent tables as the index of every other paragraph's wording.

The precedent tables hold each wording's MinHash bands (the families' own signatures) and every
paragraph with its date and text: a paragraph's candidate families are the wordings sharing a band
with it, confirmed by Jaccard on their words. A full build walks paragraphs in date order, so an
added document changes nothing before it; a document already indexed *after* it that shares one of
its wordings could take it as its source, and that is a change an update does not make (Unsettled).
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left
from dataclasses import dataclass, field

from indexer.families import (
    _UNDATED,
    MIN_WORDS,
    THRESHOLD,
    Aligned,
    ParagraphProvenance,
    _aligned,
    _Group,
    _Occurrence,
    _provenance,
)
from indexer.minhash import jaccard, paragraph_words, shingles
from indexer.model import Resolution
from indexer.update_lineage import Unsettled
from search.store.precedent_tables import band_keys, short_shingles, unpack_shingles, unpack_text

Ref = tuple[str, str]


@dataclass
class Wordings:
    """The families known so far: precedent groups read on demand, as families.py's _Group."""

    precedent: sqlite3.Connection
    language: sqlite3.Connection
    groups: dict[int, _Group] = field(default_factory=dict)
    done: dict[Ref, ParagraphProvenance] = field(default_factory=dict)

    def group(self, grp: int) -> _Group:
        if grp not in self.groups:
            rows = self.precedent.execute(
                "SELECT pid, symbol, paragraph_id, kind, date, text FROM paragraphs WHERE grp = ?",
                (grp,),
            ).fetchall()
            occurrences = []
            hashes: frozenset[int] = frozenset()
            for pid, symbol, paragraph_id, kind, date, packed in rows:
                text = unpack_text(packed)
                words = paragraph_words(text)
                if kind in ("footnote", "table") or len(words) < MIN_WORDS:
                    continue
                hashes = shingles(words)
                order = (date or _UNDATED, symbol, pid)
                occurrences.append(_Occurrence(order, symbol, paragraph_id, text, grp))
            occurrences.sort(key=lambda o: o.order)
            group = _Group(hashes, occurrences, [o.order for o in occurrences])
            for occurrence in occurrences:
                group.by_symbol.setdefault(occurrence.symbol, occurrence)
            self.groups[grp] = group
        return self.groups[grp]

    def candidates(self, words: tuple[str, ...]) -> list[tuple[int, float]]:
        """(group, similarity) of the wordings sharing a band with these words, at the threshold."""
        hashes = shingles(words)
        keys = band_keys(hashes)
        marks = ",".join("?" * len(keys))
        found = self.precedent.execute(
            f"SELECT DISTINCT grp FROM bands WHERE key IN ({marks})", keys
        ).fetchall()
        short = short_shingles(hashes)
        result = []
        for (grp,) in found:
            stored = self.precedent.execute(
                "SELECT shingles FROM wordings WHERE grp = ?", (grp,)
            ).fetchone()
            if stored is None or jaccard(short, unpack_shingles(stored[0])) < THRESHOLD - 0.01:
                continue
            group = self.group(grp)
            if group.occurrences:
                result.append((grp, jaccard(hashes, group.shingles)))
        return [(grp, score) for grp, score in result if score >= THRESHOLD]

    def provenance(self, ref: Ref) -> ParagraphProvenance | None:
        if ref in self.done:
            return self.done[ref]
        row = self.language.execute(
            "SELECT status, source_symbol, source_paragraph, previous_symbol, previous_paragraph,"
            " similarity, root_symbol, root_paragraph FROM paragraphs"
            " WHERE symbol = ? AND paragraph_id = ?",
            ref,
        ).fetchone()
        if row is None:
            return None
        status, s1, s2, p1, p2, similarity, r1, r2 = row
        source = (s1, s2) if s1 else None
        previous = (p1, p2) if p1 else None
        found = ParagraphProvenance(*ref, status, source, previous, similarity, (r1, r2), None)
        self.done[ref] = found
        return found


def document_provenance(
    wordings: Wordings,
    document: Resolution,
    preferred: set[str],
    aligned: dict[Ref, Aligned],
) -> list[ParagraphProvenance]:
    """Each eligible paragraph's provenance; Unsettled if a later document shares its wording."""
    symbol = document.symbol or ""
    date = document.date or _UNDATED
    results = []
    for paragraph in document.paragraphs:
        words = paragraph_words(paragraph.text)
        if paragraph.kind in ("footnote", "table") or len(words) < MIN_WORDS:
            continue
        candidates = wordings.candidates(words)
        own = next(
            (g for g, score in candidates if score == 1.0 and _same(wordings, g, words)), None
        )
        for grp, _ in candidates:
            later = [o for o in wordings.group(grp).occurrences if o.order[:2] > (date, symbol)]
            if later:
                raise Unsettled(f"{later[0].symbol}, indexed after {symbol}, shares its wording")
        occurrence = _Occurrence((date, symbol, -1), symbol, paragraph.id, paragraph.text, -1)
        result = _decide(wordings, occurrence, words, own, candidates, preferred, aligned)
        wordings.done[(symbol, paragraph.id)] = result
        results.append(result)
    return results


def _same(wordings: Wordings, grp: int, words: tuple[str, ...]) -> bool:
    group = wordings.group(grp)
    return bool(group.occurrences) and paragraph_words(group.occurrences[0].text) == words


def _decide(
    wordings: Wordings,
    occurrence: _Occurrence,
    words: tuple[str, ...],
    own: int | None,
    candidates: list[tuple[int, float]],
    preferred: set[str],
    aligned: dict[Ref, Aligned],
) -> ParagraphProvenance:
    """families.build_families for one paragraph, the others' provenance read from the tables."""
    ref = (occurrence.symbol, occurrence.paragraph_id)
    decided = aligned.get(ref)
    if decided and decided.previous:
        done = wordings.provenance(decided.previous)
        earlier = _paragraph_occurrence(wordings, decided.previous)
        if done is not None and earlier is not None:
            score = jaccard(shingles(paragraph_words(earlier.text)), shingles(words))
            return _aligned(occurrence, earlier, score, decided.same, wordings.done)
    excluded = decided.excluded if decided else frozenset()
    wanted = preferred - excluded
    best_key, best = None, None
    for grp, score in candidates:
        earlier = _latest_earlier(wordings.group(grp), occurrence, wanted, excluded)
        if earlier is None:
            continue
        key = (score, earlier.symbol in wanted, earlier.order)
        if best_key is None or key > best_key:
            best_key, best = key, (earlier, score)
    if best is not None and wordings.provenance((best[0].symbol, best[0].paragraph_id)) is None:
        raise Unsettled(f"{best[0].symbol} {best[0].paragraph_id} has no provenance record")
    occurrence.group = own if own is not None else -1
    groups = _GroupView(wordings)
    return _provenance(occurrence, best, groups, wordings.done)  # type: ignore[arg-type]


class _GroupView:
    """families._provenance indexes groups by number: the precedent groups, read on demand."""

    def __init__(self, wordings: Wordings):
        self._wordings = wordings

    def __getitem__(self, grp: int) -> _Group:
        return self._wordings.group(grp)


def _latest_earlier(
    group: _Group, occurrence: _Occurrence, preferred: set[str], excluded: frozenset[str]
) -> _Occurrence | None:
    """families._latest_earlier: a predecessor's first use, else the latest earlier use elsewhere."""
    for symbol in preferred:
        candidate = group.by_symbol.get(symbol)
        if candidate is not None and candidate.order[:2] < occurrence.order[:2]:
            return candidate
    position = bisect_left(group.orders, occurrence.order) - 1
    skipped = {occurrence.symbol, *excluded}
    while position >= 0 and group.occurrences[position].symbol in skipped:
        position -= 1
    return group.occurrences[position] if position >= 0 else None


def _paragraph_occurrence(wordings: Wordings, ref: Ref) -> _Occurrence | None:
    row = wordings.precedent.execute(
        "SELECT pid, grp, kind, date, text FROM paragraphs WHERE symbol = ? AND paragraph_id = ?",
        ref,
    ).fetchone()
    if row is None:
        return None
    pid, grp, kind, date, packed = row
    text = unpack_text(packed)
    if kind in ("footnote", "table") or len(paragraph_words(text)) < MIN_WORDS:
        return None
    return _Occurrence((date or _UNDATED, ref[0], pid), ref[0], ref[1], text, grp)
