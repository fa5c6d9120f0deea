"""Paragraph families: where each paragraph's wording first appears, its nearest earlier version, its reuses."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from indexer.minhash import jaccard, paragraph_words, shingles, similar_pairs
from indexer.model import Resolution
from indexer.worddiff import diff_html

MIN_WORDS = 6  # shorter paragraphs ("Decides to remain seized", headings) are formulae, not wording
# Shingle Jaccard at or above which two paragraphs are versions of one text. Chosen from the
# best-match distribution of 80th- against 79th-session paragraphs: by hand, most best matches
# from 0.30 up are edited versions of one paragraph, most below 0.25 share only a phrase.
THRESHOLD = 0.3
_UNDATED = "9999-99-99"  # undated documents sort after dated ones

Ref = tuple[str, str]  # (symbol, paragraph id)


@dataclass
class ParagraphProvenance:
    """One paragraph's place in its family; source and previous are None for new wording."""

    symbol: str
    paragraph_id: str
    status: str  # "new" | "unchanged" | "amended"
    source: Ref | None  # unchanged: first identical wording; amended: the family's first version
    previous: Ref | None  # the nearest earlier version (most similar, then from a predecessor)
    similarity: float | None
    root: Ref  # the family's first version: the family is every paragraph with the same root
    diff_html: str | None  # amended: the words changed since `previous`


@dataclass
class _Occurrence:
    order: tuple[str, str, int]
    symbol: str
    paragraph_id: str
    text: str
    group: int


@dataclass
class _Group:
    """Paragraphs with identical stemmed words, in date order."""

    shingles: frozenset[int]
    occurrences: list[_Occurrence] = field(default_factory=list)
    orders: list[tuple[str, str, int]] = field(default_factory=list)
    by_symbol: dict[str, _Occurrence] = field(default_factory=dict)


def build_families(
    resolutions: Iterable[Resolution],
    predecessors: Mapping[str, set[str]] | None = None,
    threshold: float = THRESHOLD,
) -> list[ParagraphProvenance]:
    """Provenance of every long enough paragraph, ordered by date then symbol.

    predecessors maps a symbol to the documents it most likely copies from (its draft, its
    previous-session version): among equally similar earlier paragraphs, theirs are preferred.
    """
    groups, occurrences = _group(resolutions)
    neighbours: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for first, second, score in similar_pairs([g.shingles for g in groups], threshold):
        neighbours[first].append((second, score))
        neighbours[second].append((first, score))
    predecessors = predecessors or {}
    results: dict[Ref, ParagraphProvenance] = {}
    for occurrence in occurrences:
        ref = (occurrence.symbol, occurrence.paragraph_id)
        candidates = [(occurrence.group, 1.0), *neighbours[occurrence.group]]
        best = _nearest_earlier(occurrence, candidates, groups, predecessors.get(ref[0], set()))
        results[ref] = _provenance(occurrence, best, groups, results)
    return list(results.values())


def _group(resolutions: Iterable[Resolution]) -> tuple[list[_Group], list[_Occurrence]]:
    """Eligible paragraphs, grouped by identical stemmed words, each list in date order."""
    occurrences: list[_Occurrence] = []
    keys: dict[tuple[str, ...], int] = {}
    groups: list[_Group] = []
    seen: set[str] = set()
    for resolution in resolutions:
        if not resolution.symbol or resolution.symbol in seen:
            continue  # a second copy of a document (PDF and web page) is not a reuse
        seen.add(resolution.symbol)
        date = resolution.date or _UNDATED
        for index, paragraph in enumerate(resolution.paragraphs):
            words = paragraph_words(paragraph.text)
            if paragraph.kind in ("footnote", "table") or len(words) < MIN_WORDS:
                continue
            if words not in keys:
                keys[words] = len(groups)
                groups.append(_Group(shingles(words)))
            order = (date, resolution.symbol, index)
            occurrences.append(
                _Occurrence(order, resolution.symbol, paragraph.id, paragraph.text, keys[words])
            )
    occurrences.sort(key=lambda o: o.order)
    for occurrence in occurrences:
        group = groups[occurrence.group]
        group.occurrences.append(occurrence)
        group.orders.append(occurrence.order)
        group.by_symbol.setdefault(occurrence.symbol, occurrence)
    return groups, occurrences


def _nearest_earlier(
    occurrence: _Occurrence,
    candidates: list[tuple[int, float]],
    groups: list[_Group],
    preferred: set[str],
) -> tuple[_Occurrence, float] | None:
    """The most similar earlier paragraph of another document; ties go to a predecessor, then the latest."""
    best_key, best = None, None
    for group_index, score in candidates:
        earlier = _latest_earlier(groups[group_index], occurrence, preferred)
        if earlier is None:
            continue
        key = (score, earlier.symbol in preferred, earlier.order)
        if best_key is None or key > best_key:
            best_key, best = key, (earlier, score)
    return best


def _latest_earlier(
    group: _Group, occurrence: _Occurrence, preferred: set[str]
) -> _Occurrence | None:
    for symbol in preferred:
        candidate = group.by_symbol.get(symbol)
        if candidate is not None and candidate.order < occurrence.order:
            return candidate
    position = bisect_left(group.orders, occurrence.order) - 1
    while position >= 0 and group.occurrences[position].symbol == occurrence.symbol:
        position -= 1
    return group.occurrences[position] if position >= 0 else None


def _provenance(
    occurrence: _Occurrence,
    best: tuple[_Occurrence, float] | None,
    groups: list[_Group],
    done: dict[Ref, ParagraphProvenance],
) -> ParagraphProvenance:
    ref = (occurrence.symbol, occurrence.paragraph_id)
    if best is None:
        return ParagraphProvenance(*ref, "new", None, None, None, ref, None)
    previous, score = best
    previous_ref = (previous.symbol, previous.paragraph_id)
    root = done[previous_ref].root
    if previous.group == occurrence.group:
        first = groups[occurrence.group].occurrences[0]
        source = (first.symbol, first.paragraph_id)
        return ParagraphProvenance(*ref, "unchanged", source, previous_ref, 1.0, root, None)
    changes = diff_html(previous.text, occurrence.text)
    return ParagraphProvenance(*ref, "amended", root, previous_ref, score, root, changes)


def best_match_similarity(
    later: Iterable[Resolution], earlier: Iterable[Resolution]
) -> list[float]:
    """For each eligible paragraph of `later`, its highest Jaccard against any of `earlier` (exhaustive).

    Slow but exact: used to measure the similarity distribution the threshold is chosen from.
    """
    earlier_sets: list[frozenset[int]] = []
    postings: dict[int, list[int]] = defaultdict(list)
    for words in _eligible_words(earlier):
        for shingle in (hashes := shingles(words)):
            postings[shingle].append(len(earlier_sets))
        earlier_sets.append(hashes)
    scores = []
    for words in _eligible_words(later):
        hashes = shingles(words)
        candidates = {index for shingle in hashes for index in postings.get(shingle, ())}
        scores.append(max((jaccard(hashes, earlier_sets[i]) for i in candidates), default=0.0))
    return scores


def _eligible_words(resolutions: Iterable[Resolution]) -> Iterable[tuple[str, ...]]:
    for resolution in resolutions:
        for paragraph in resolution.paragraphs:
            words = paragraph_words(paragraph.text)
            if paragraph.kind not in ("footnote", "table") and len(words) >= MIN_WORDS:
                yield words
