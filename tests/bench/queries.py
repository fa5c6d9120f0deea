"""Benchmark queries drawn from the real corpus: varied words, phrases and filters, for every engine.

Each query type gets a list of queries (one per timed run, cycled), each written both in the
project's query language (for the engines) and as the equivalent FTS5 query. Words are chosen by
document frequency over the real paragraphs so that queries match a realistic share of paragraphs.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.analysis import exact_words, stem
from indexer.model import Resolution
from search.api import SearchRequest
from tests.bench.fts5 import FtsQuery, phrase

QUERY_TYPES = (
    "single_word",
    "two_words",
    "phrase",
    "hyphenated_phrase",
    "fielded_filter_word",
    "facets_10pct",
    "top10_snippets",
)
WHAT_EACH_RUNS = {
    "single_word": "one unquoted word (matched by stem), total + top 10 by BM25 with snippets",
    "two_words": "two words from one real paragraph, AND, total + top 10 with snippets",
    "phrase": "a quoted 2–3 word exact phrase from a real paragraph, total + top 10 with snippets",
    "hyphenated_phrase": "an unquoted hyphenated compound (capacity-building, ...), a stem phrase",
    "fielded_filter_word": "committee:/session:/kind: filter plus one word",
    "facets_10pct": "a word in about 10% of paragraphs, total + top 10 + counts for every facet field (10)",
    "top10_snippets": "a frequent word (1-10% of paragraphs), top 10 with 200-character best-window snippets",
}
PER_TYPE = 200
PAGE = 10
_STOP = frozenset(
    "the and that for with this from which their shall have been were also other such into "
    "under upon those these them they there where when whom whose will would should".split()
)
_HYPHENATED = re.compile(r"\b([A-Za-z]{3,})-([A-Za-z]{3,})\b")
_PLAIN = re.compile(r"[a-z]{4,}$")


@dataclass(frozen=True)
class BenchQuery:
    """One query in both languages."""

    kind: str
    text: str
    fts: FtsQuery
    request: SearchRequest


@dataclass
class Vocabulary:
    """Document frequencies of stems over the real paragraphs, and the paragraphs' folded words."""

    paragraphs: list[list[str]]
    frequency: Counter
    spelling: dict[str, str]  # stem -> its first plain spelling (4+ letters, not a stop word)

    @classmethod
    def of(cls, documents: Sequence[Resolution]) -> Vocabulary:
        paragraphs = [exact_words(p.text) for d in documents for p in d.paragraphs]
        frequency = Counter(s for words in paragraphs for s in {stem(w) for w in words})
        spelling: dict[str, str] = {}
        for word in dict.fromkeys(w for words in paragraphs for w in words):
            if _PLAIN.match(word) and word not in _STOP:
                spelling.setdefault(stem(word), word)
        return cls(paragraphs, frequency, spelling)

    def share(self, word: str) -> float:
        return self.frequency[stem(word)] / max(1, len(self.paragraphs))


def query_sets(
    vocabulary: Vocabulary, compounds: list[str], corpus: Sequence[Resolution], seed: int = 7
) -> dict[str, list[BenchQuery]]:
    """Queries of every type: words from the real corpus's vocabulary, filter values from `corpus`."""
    rng = random.Random(seed)
    words = _words_between(vocabulary, 0.001, 0.03)
    sets = {
        "single_word": [_words("single_word", [w]) for w in rng.sample(words, PER_TYPE)],
        "two_words": [_words("two_words", pair) for pair in _pairs(vocabulary, rng)],
        "phrase": [_phrase(words_) for words_ in _phrases(vocabulary, rng)],
        "hyphenated_phrase": [_hyphenated(c) for c in compounds],
        "fielded_filter_word": _fielded(corpus, words, rng),
        "facets_10pct": [_words("facets_10pct", [w], facets=True) for w in facet_words(vocabulary)],
        "top10_snippets": [
            _words("top10_snippets", [w], chars=200)
            for w in rng.sample(_words_between(vocabulary, 0.01, 0.10), 50)
        ],
    }
    return sets


def facet_words(vocabulary: Vocabulary, target: float = 0.10, count: int = 5) -> list[str]:
    """Words whose stem is in closest to `target` of paragraphs (one spelling per stem)."""
    spellings = vocabulary.spelling.values()
    ranked = sorted(spellings, key=lambda word: abs(vocabulary.share(word) - target))
    return ranked[:count]


def hyphenated_compounds(real: Sequence[Resolution], count: int = 40) -> list[str]:
    """capacity-building first, then the most frequent hyphenated compounds of the corpus."""
    found = Counter(
        f"{a}-{b}".lower()
        for d in real
        for p in d.paragraphs
        for a, b in _HYPHENATED.findall(p.text)
    )
    common = [c for c, _ in found.most_common(count + 1) if c != "capacity-building"]
    return ["capacity-building", *common[: count - 1]]


def _words_between(vocabulary: Vocabulary, low: float, high: float) -> list[str]:
    return sorted(w for w in vocabulary.spelling.values() if low <= vocabulary.share(w) <= high)


def _pairs(vocabulary: Vocabulary, rng: random.Random) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    while len(pairs) < PER_TYPE:
        words = rng.choice(vocabulary.paragraphs)
        usable = list(
            dict.fromkeys(
                w
                for w in words
                if _PLAIN.match(w) and w not in _STOP and vocabulary.share(w) <= 0.05
            )
        )
        if len(usable) >= 2 and stem(usable[0]) != stem(usable[1]):
            first, second = rng.sample(usable, 2)
            pairs.append((first, second))
    return pairs


def _phrases(vocabulary: Vocabulary, rng: random.Random) -> list[list[str]]:
    phrases: list[list[str]] = []
    while len(phrases) < PER_TYPE:
        words = rng.choice(vocabulary.paragraphs)
        size = rng.choice((2, 3))
        if len(words) < size:
            continue
        start = rng.randrange(len(words) - size + 1)
        window = words[start : start + size]
        if all(re.fullmatch(r"[a-z]+", w) for w in window) and any(
            w not in _STOP and len(w) > 3 for w in window
        ):
            phrases.append(window)
    return phrases


def _words(kind: str, words: Sequence[str], facets: bool = False, chars: int = 400) -> BenchQuery:
    text = " ".join(words)
    stems = [phrase("stems", [stem(w)]) for w in words]
    fts = FtsQuery(" AND ".join(stems), facets=facets, snippet_chars=chars, text=text)
    request = SearchRequest(query=text, page_size=PAGE, facets=facets, snippet_chars=chars)
    return BenchQuery(kind, text, fts, request)


def _phrase(words: Sequence[str]) -> BenchQuery:
    text = '"' + " ".join(words) + '"'
    fts = FtsQuery(phrase("exact", words), text=text)
    return BenchQuery("phrase", text, fts, SearchRequest(query=text, page_size=PAGE))


def _hyphenated(compound: str) -> BenchQuery:
    fts = FtsQuery(phrase("stems", [stem(w) for w in exact_words(compound)]), text=compound)
    return BenchQuery(
        "hyphenated_phrase", compound, fts, SearchRequest(query=compound, page_size=PAGE)
    )


def _fielded(
    corpus: Sequence[Resolution], words: list[str], rng: random.Random
) -> list[BenchQuery]:
    """Half committee filters, a quarter session, a quarter paragraph kind; values in the corpus."""
    committees = sorted({d.committee for d in corpus if d.committee})
    sessions = [s for s, _ in Counter(d.session for d in corpus if d.session).most_common(10)]
    choices: list[tuple[str, str, object]] = [
        *((f"committee:{_quoted(c)}", "committee", c) for c in committees for _ in range(2)),
        *((f"session:{s}", "session", s) for s in sessions[:4]),
        ("kind:operative", "kind", "operative"),
        ("kind:preambular", "kind", "preambular"),
    ]
    queries = []
    for word in rng.sample(words, PER_TYPE):
        field_text, column, value = rng.choice(choices)
        text = f"{field_text} {word}"
        fts = FtsQuery(phrase("stems", [stem(word)]), filter=(column, value), text=text)
        queries.append(
            BenchQuery("fielded_filter_word", text, fts, SearchRequest(query=text, page_size=PAGE))
        )
    return queries


def _quoted(value: str) -> str:
    return f'"{value}"' if " " in value else value
