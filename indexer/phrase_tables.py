"""Phrase tables of a build: where each phrase is used, when first, and per session and committee.

Counts are paragraphs, as a quoted-phrase search counts them: every paragraph (footnotes included)
whose words hold the phrase's words in order, across punctuation too. First use is the earliest
session's earliest document (date, then symbol: the search's "oldest" order), a document without a
session (Security Council) taking the General Assembly session of its date, and its first
paragraph holding the phrase.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from indexer.analysis import WORD_PATTERN, fold
from indexer.model import Resolution
from indexer.phrase_words import DETERMINERS, is_edge
from indexer.phrases import (
    FRAGMENT_SHARE,
    MAX_WORDS,
    MIN_PARAGRAPHS,
    MIN_SCORE,
    MIN_TEXTS,
    NESTED_SHARE,
    Words,
    find_phrases,
)
from search.engines.rows import document_orders
from search.store.phrase_tables import DDL, INSERT_DOC_META, doc_meta_row

_DISPLAY_SAMPLES = 40  # printed forms looked at per phrase to choose how it is shown
_PUNCTUATION = re.compile(r"[^\w\s\-\u2010\u2011'’.]")


Ref = tuple[str, str]  # (symbol, paragraph id)


@dataclass
class _Use:
    """Where one phrase is used: paragraphs per document, wordings, neighbours, printed forms."""

    per_doc: Counter = field(default_factory=Counter)
    first: tuple[tuple[int, int], int, str] | None = None  # (order, doc, paragraph id)
    forms: Counter = field(default_factory=Counter)
    texts: set[Ref] = field(default_factory=set)  # paragraph families (one text and its versions)
    # the one and two words before and after each use
    left: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)

    @property
    def paragraphs(self) -> int:
        return sum(self.per_doc.values())

    def is_fragment(self) -> bool:
        """Nearly always beside the same word or two: part of longer wording ("forth a renewed global
        framework", "persons and migrant smuggling" after "trafficking in"); function words alone
        beside it do not count ("the Sevilla Commitment", "of the Sevilla Commitment")."""
        beside = [
            n
            for side in (self.left, self.right)
            for words, n in side.items()
            if any(is_edge(w) for w in words)
        ]
        return max(beside, default=0) >= FRAGMENT_SHARE * self.paragraphs


def _first_copies(resolutions: list[Resolution]) -> list[Resolution]:
    """One document per symbol, the first copy winning (as the lineage does)."""
    seen: set[str | None] = set()
    first = []
    for resolution in resolutions:
        if resolution.symbol not in seen:
            seen.add(resolution.symbol)
            first.append(resolution)
    return first


def era(resolution: Resolution) -> int:
    """Its session, else the General Assembly session its date falls in (they open in September)."""
    if resolution.session is not None:
        return resolution.session
    if resolution.date:
        year, month = int(resolution.date[:4]), int(resolution.date[5:7] or 1)
        return year - 1945 if month >= 9 else year - 1946
    return 10**6  # neither: after everything


def group_of(resolution: Resolution) -> str:
    """The texts a document is told apart from: its committee's, else its body's."""
    return resolution.committee or resolution.body or "other"


def write_phrase_tables(
    connection: sqlite3.Connection, resolutions: list[Resolution], roots: dict[Ref, Ref]
) -> int:
    """Find the corpus's phrases and write where they are used; returns how many were kept.

    roots maps a paragraph to its family's first version: a phrase repeated only by copies of one
    paragraph is that paragraph's wording, not yet a phrase of the corpus.
    """
    resolutions = _first_copies(resolutions)
    texts = (p.text for r in resolutions for p in r.paragraphs if p.kind != "footnote")
    scores = find_phrases(texts)
    uses = _uses(resolutions, scores, roots)
    uses = {
        words: use
        for words, use in uses.items()
        if use.paragraphs >= MIN_PARAGRAPHS
        and len(use.texts) >= MIN_TEXTS
        and not use.is_fragment()
        and _name_if_determined(words, use)
    }
    uses = _without_nested(uses, scores)
    connection.executescript(DDL)
    orders = document_orders([(r.symbol or "", r) for r in resolutions])
    connection.executemany(
        INSERT_DOC_META,
        [
            doc_meta_row(doc, r, orders[r.symbol or ""]["rank_oldest"])
            for doc, r in enumerate(resolutions)
        ],
    )
    sessions = [r.session for r in resolutions]
    groups = [group_of(r) for r in resolutions]
    for phrase_id, (words, use) in enumerate(sorted(uses.items())):
        _insert(connection, phrase_id, words, use, scores[words], resolutions, sessions, groups)
    return len(uses)


def _insert(connection, phrase_id, words, use, score, resolutions, sessions, groups) -> None:
    assert use.first is not None
    _, first_doc, first_paragraph = use.first
    first = resolutions[first_doc]
    committees = {resolutions[doc].committee for doc in use.per_doc} - {None}
    connection.execute(
        "INSERT INTO phrase VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            phrase_id,
            " ".join(words),
            _display(words, use.forms),
            round(score, 2),
            use.paragraphs,
            len(use.per_doc),
            len(committees),
            len(use.texts),
            first.session,
            first.symbol,
            first_paragraph,
        ),
    )
    connection.executemany(
        "INSERT INTO phrase_doc VALUES (?, ?, ?)",
        [(doc, phrase_id, count) for doc, count in use.per_doc.items()],
    )
    per_session: dict[int, list] = defaultdict(lambda: [0, 0, set()])
    per_group: Counter = Counter()
    for doc, count in use.per_doc.items():
        per_group[groups[doc]] += count
        if sessions[doc] is not None:
            entry = per_session[sessions[doc]]
            entry[0] += count
            entry[1] += 1
            entry[2].add(resolutions[doc].committee)
    connection.executemany(
        "INSERT INTO phrase_session VALUES (?, ?, ?, ?, ?, ?)",
        [
            (session, phrase_id, n, d, len(c - {None}), int(session == first.session))
            for session, (n, d, c) in per_session.items()
        ],
    )
    connection.executemany(
        "INSERT INTO phrase_group VALUES (?, ?, ?)",
        [(group, phrase_id, count) for group, count in per_group.items()],
    )


def _uses(
    resolutions: list[Resolution], phrases: Iterable[Words], roots: dict[Ref, Ref]
) -> dict[Words, _Use]:
    """Every paragraph holding each phrase, matched on words alone as the quoted-phrase search does."""
    wanted = set(phrases)
    starts = {words[0] for words in wanted}
    uses: dict[Words, _Use] = defaultdict(_Use)
    orders = document_orders([(r.symbol or "", r) for r in resolutions])
    for doc, resolution in enumerate(resolutions):
        rank = (era(resolution), orders[resolution.symbol or ""]["rank_oldest"])
        for paragraph in resolution.paragraphs:
            matches = list(WORD_PATTERN.finditer(paragraph.text))
            words = [fold(m.group()) for m in matches]
            found: set[Words] = set()
            for i, word in enumerate(words):
                if word not in starts:
                    continue
                for n in range(2, MAX_WORDS + 1):
                    gram = tuple(words[i : i + n])
                    if len(gram) < n:
                        break
                    if gram in wanted:
                        found.add(gram)
                        use = uses[gram]
                        for width in (1, 2):
                            if i >= width:
                                use.left[tuple(words[i - width : i])] += 1
                            if i + n + width <= len(words):
                                use.right[tuple(words[i + n : i + n + width])] += 1
                        if sum(use.forms.values()) < _DISPLAY_SAMPLES:
                            form = paragraph.text[matches[i].start() : matches[i + n - 1].end()]
                            if not _PUNCTUATION.search(form):
                                use.forms[" ".join(form.split())] += 1
            ref = (resolution.symbol or "", paragraph.id)
            for gram in found:
                use = uses[gram]
                use.per_doc[doc] += 1
                use.texts.add(roots.get(ref, ref))
                if use.first is None or rank < use.first[0]:
                    use.first = (rank, doc, paragraph.id)
    return dict(uses)


def _without_nested(uses: dict[Words, _Use], scores: dict[Words, float]) -> dict[Words, _Use]:
    """Of a phrase nearly always used inside a longer one, keep the one that holds together better:
    "Awaza Programme of Action" over "Awaza Programme", "UN80 Initiative" over "ongoing UN80
    Initiative"."""
    dropped = set()
    for words, use in uses.items():
        for shorter in _subphrases(words):
            inner = uses.get(shorter)
            if inner is not None and use.paragraphs >= NESTED_SHARE * inner.paragraphs:
                dropped.add(shorter if scores[words] >= scores[shorter] else words)
    return {words: use for words, use in uses.items() if words not in dropped}


def _name_if_determined(words: Words, use: _Use) -> bool:
    """A determiner inside makes a name ("Office of the High Commissioner") or a frame ("chemical
    weapons on its territory", "rising instability in the region"): keep only the capitalised."""
    if DETERMINERS.isdisjoint(words[1:-1]):
        return True
    shown = _display(words, use.forms).replace("-", " ").split()
    return all(word[:1].isupper() for word in shown if is_edge(fold(word)))


def _subphrases(words: Words) -> Iterable[Words]:
    for n in range(2, len(words)):
        for i in range(len(words) - n + 1):
            yield words[i : i + n]


def _display(words: Words, forms: Counter) -> str:
    """The most common printed form ("Human Rights Council", "capacity-building")."""
    if forms:
        return forms.most_common(1)[0][0]
    return " ".join(words)


def meta() -> dict[str, object]:
    """The thresholds a build used, recorded beside its tables."""
    return {
        "phrase_min_paragraphs": MIN_PARAGRAPHS,
        "phrase_min_score": MIN_SCORE,
        "phrase_nested_share": NESTED_SHARE,
        "phrase_min_texts": MIN_TEXTS,
        "phrase_fragment_share": FRAGMENT_SHARE,
    }
