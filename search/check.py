"""Precedent check: each paragraph of a draft against adopted resolutions (drafts as a second tier).

A paragraph is *agreed* when an adopted paragraph has the same text up to spacing, hyphen, quote
forms and letter case; *amended* when the closest adopted paragraph is a version of it (shingle Jaccard at or above
the paragraph families' threshold), with the words that changed; *new* otherwise. Candidates come
from the families' MinHash bands, never from a scan. Spans of 5+ words found verbatim in adopted
paragraphs are marked with a source. The draft's text is analysed without the process-wide caches,
so nothing of it outlives the call.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from indexer.analysis import WORD_PATTERN, exact_words, fold, stem
from indexer.families import THRESHOLD
from indexer.minhash import jaccard, shingles
from indexer.model import Paragraph, Resolution
from indexer.worddiff import diff_html
from search.check_report import CheckedParagraph, CheckReport, Source, Span, summary
from search.precedent import Precedents, Stored
from search.store.precedent_tables import GRAM, band_keys, gram_hashes, short_shingles

TIER_SIZE = 3  # closest paragraphs listed per tier
MAX_PARAGRAPHS = 600  # the longest General Assembly resolutions have about 350
LOCAL_SOURCES = 5  # closest adopted paragraphs whose runs are matched directly, besides the index
_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "″": '"'}
)
_DASHES = re.compile(r"[\-‐‑‒–—―−]+")
_SPACE_BEFORE = re.compile(r"\s+([,.;:)\]])")
_SPACE_AFTER = re.compile(r"([(\[])\s+")
_SUPERSCRIPTS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_TRAILING = re.compile(r"[\s,.;:]+$")


@dataclass
class _Draft:
    """One draft paragraph's analysis: stems, shingles, bands, folded words with their offsets."""

    paragraph: Paragraph
    shingles: frozenset[int]
    bands: list[int]
    offsets: list[tuple[int, int]]
    folded: list[str]
    grams: list[int]
    comparable: str


def comparable(text: str) -> str:
    """The text as `agreed` compares it: case, spacing, hyphens, dashes, quote forms, end punctuation."""
    text = fold(text.translate(_QUOTES))
    text = _DASHES.sub(" ", _SUPERSCRIPTS.sub("", text))
    text = " ".join(text.split())
    text = _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))
    return _TRAILING.sub("", text)


class TooLong(ValueError):
    """More paragraphs than one check takes (a bound on the cost of a request)."""


def check(
    draft: Resolution, precedents: Precedents, max_paragraphs: int | None = MAX_PARAGRAPHS
) -> CheckReport:
    """Status, sources, differences and verbatim spans for every paragraph but footnotes."""
    paragraphs = [p for p in draft.paragraphs if p.kind != "footnote"]
    if max_paragraphs is not None and len(paragraphs) > max_paragraphs:
        raise TooLong(
            f"the draft has {len(paragraphs)} paragraphs; a check takes at most {max_paragraphs}"
        )
    stems: dict[str, str] = {}  # this draft's words only, dropped with the call
    items = [_analyse(p, stems) for p in paragraphs]
    groups = precedents.groups_for_bands(key for item in items for key in item.bands)
    wordings = precedents.shingles_of_groups(g for members in groups.values() for g in members)
    similar = [_similar(item, groups, wordings) for item in items]
    stored = precedents.paragraphs_of_groups(g for found in similar for g in found)
    scored = [_scored(found, stored, draft.symbol) for found in similar]
    favourites = _favourites(scored)
    grams = precedents.adopted_with_grams(key for item in items for key in item.grams)
    sources = precedents.paragraphs(pid for pids in grams.values() for pid in pids)
    checked = [
        _verdict(item, matches, favourites, grams, sources)
        for item, matches in zip(items, scored, strict=True)
    ]
    return CheckReport(draft.symbol, draft.title, checked, summary(checked))


def _analyse(paragraph: Paragraph, known: dict[str, str]) -> _Draft:
    """Analysis outside the process-wide caches (the draft's words stay out of process memory)."""
    matches = list(WORD_PATTERN.finditer(paragraph.text))
    folded = [fold(m.group()) for m in matches]
    for word in folded:
        if word not in known:
            known[word] = stem.__wrapped__(word)
    stems = [known[word] for word in folded]
    hashes = shingles(stems, remember=False) if stems else frozenset()
    short = short_shingles(hashes)
    return _Draft(
        paragraph,
        short,
        band_keys(hashes) if hashes else [],
        [m.span() for m in matches],
        folded,
        gram_hashes(folded),
        comparable(paragraph.text),
    )


def _similar(
    item: _Draft, groups: dict[int, list[int]], wordings: dict[int, frozenset[int]]
) -> dict[int, float]:
    """Wording -> similarity, for the candidate wordings whose shingle Jaccard passes the threshold."""
    candidates = {group for key in item.bands for group in groups.get(key, ())}
    found = {}
    for group in candidates:
        score = jaccard(item.shingles, wordings.get(group, frozenset()))
        if score >= THRESHOLD:
            found[group] = score
    return found


def _scored(
    similar: dict[int, float], stored: dict[int, list[Stored]], exclude: str | None
) -> list[tuple[float, Stored]]:
    """(similarity, paragraph) for every indexed paragraph of the similar wordings but the draft's own."""
    return [
        (score, member)
        for group, score in similar.items()
        for member in stored.get(group, ())
        if member.symbol != exclude
    ]


def _favourites(scored: list[list[tuple[float, Stored]]]) -> Counter[str]:
    """Adopted documents by how many draft paragraphs they match best: ties go to the predecessor."""
    counts: Counter[str] = Counter()
    for matches in scored:
        adopted = [(score, s) for score, s in matches if s.adopted]
        if adopted:
            top = max(score for score, _ in adopted)
            counts.update({s.symbol for score, s in adopted if score == top})
    return counts


def _verdict(
    item: _Draft,
    matches: list[tuple[float, Stored]],
    favourites: Counter[str],
    grams: dict[int, list[int]],
    sources: dict[int, Stored],
) -> CheckedParagraph:
    def rank(match: tuple[float, Stored]) -> tuple:
        score, s = match
        return (
            comparable(s.text) == item.comparable,
            score,
            favourites[s.symbol],
            s.date,
            s.symbol,
        )

    ordered = sorted(matches, key=rank, reverse=True)
    adopted = _tier([m for m in ordered if m[1].adopted])
    drafts = _tier([m for m in ordered if not m[1].adopted])
    paragraph = item.paragraph
    best_match = next((m for m in ordered if m[1].adopted), None)
    status, best, changes = "new", None, None
    if best_match is not None:
        best = adopted[0]
        if comparable(best_match[1].text) == item.comparable:
            status = "agreed"
        else:
            status, changes = "amended", diff_html(best_match[1].text, paragraph.text)
    preferred = (best.symbol, best.paragraph_id) if best else None
    local = [s for _, s in ordered if s.adopted][:LOCAL_SOURCES]
    spans = _spans(item, grams, sources, local, preferred, favourites)
    words = len(item.offsets)
    covered = words if status == "agreed" else _covered(item, spans)
    return CheckedParagraph(
        paragraph.id,
        paragraph.kind,
        paragraph.number,
        paragraph.text,
        status,
        best,
        changes,
        spans,
        adopted,
        drafts,
        words,
        covered,
    )


def _tier(ordered: list[tuple[float, Stored]]) -> list[Source]:
    """The closest paragraphs, one per document."""
    seen: set[str] = set()
    tier = []
    for score, s in ordered:
        if s.symbol in seen:
            continue
        seen.add(s.symbol)
        tier.append(Source(s.symbol, s.paragraph_id, round(score, 3), s.adopted, s.date))
        if len(tier) == TIER_SIZE:
            break
    return tier


def _spans(
    item: _Draft,
    grams: dict[int, list[int]],
    sources: dict[int, Stored],
    local: list[Stored],
    preferred: tuple[str, str] | None,
    favourites: Counter[str],
) -> list[Span]:
    """Maximal runs of 5-word windows shared with one adopted paragraph, each 5+ words (they may overlap).

    The index keeps the latest few holders of each run; the paragraph's own closest adopted
    paragraphs (local) are searched too, so a run common to many resolutions keeps its best source.
    """
    postings = [set(grams.get(key, ())) for key in item.grams]
    for stored in local:
        held = set(gram_hashes(exact_words(stored.text)))
        sources.setdefault(stored.pid, stored)
        for position, key in enumerate(item.grams):
            if key in held:
                postings[position].add(stored.pid)
    texts: dict[int, str] = {}

    def holds(pid: int, first: int, end: int) -> bool:
        """Whether the source has draft words [first, end) in a row (hashed windows can interleave)."""
        if pid not in texts:
            texts[pid] = f" {' '.join(exact_words(sources[pid].text))} "
        return f" {' '.join(item.folded[first:end])} " in texts[pid]

    spans: list[Span] = []
    i = 0
    while i < len(postings):
        current = {pid for pid in postings[i] if pid in sources and holds(pid, i, i + GRAM)}
        if not current:
            i += 1
            continue
        j = i
        while j + 1 < len(postings):
            longer = {pid for pid in current & postings[j + 1] if holds(pid, i, j + 1 + GRAM)}
            if not longer:
                break
            current, j = longer, j + 1
        source = _pick(current, sources, preferred, favourites)
        start, end = item.offsets[i][0], item.offsets[j + GRAM - 1][1]
        spans.append(Span(start, end, source.symbol, source.paragraph_id))
        i = j + 1
    return spans


def _pick(
    pids: Iterable[int],
    sources: dict[int, Stored],
    preferred: tuple[str, str] | None,
    favourites: Counter[str],
) -> Stored:
    """The span's source: the paragraph's best match if it holds it, else the most drawn-on, latest."""
    candidates = [sources[pid] for pid in pids if pid in sources]
    return max(
        candidates,
        key=lambda s: (
            (s.symbol, s.paragraph_id) == preferred,
            favourites[s.symbol],
            s.date,
            s.symbol,
        ),
    )


def _covered(item: _Draft, spans: list[Span]) -> int:
    """Words of the paragraph inside an agreed span."""
    return sum(
        1 for start, end in item.offsets if any(s.start <= start and end <= s.end for s in spans)
    )
