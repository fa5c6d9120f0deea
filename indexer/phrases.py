"""Phrases of a corpus: 2 to 5 word expressions that hold together, found by nltk's association measures.

A paragraph is cut into runs of words at punctuation, free-standing numbers and the number words that
name sessions and anniversaries ("eighty-first"), so a phrase never spans a clause boundary or a
symbol. Within runs, nltk's collocation finders score every 2, 3 and 4 word sequence by likelihood
ratio, taken at the sequence's weakest split into two parts (nltk's own measure for 3 and 4 words
scores "appropriate United Nations" as high as "United Nations"); 5 word sequences alike.
A sequence whose first or last word is a function word is not a phrase ("of the", "the General").
A phrase nearly always seen inside a longer one ("Sustainable Development" in "Agenda for
Sustainable Development") is dropped for the longer one only when the longer covers its uses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from nltk.collocations import (
    BigramCollocationFinder,
    QuadgramCollocationFinder,
    TrigramCollocationFinder,
)
from nltk.metrics import BigramAssocMeasures
from nltk.probability import FreqDist

from indexer.analysis import WORD_PATTERN, fold
from indexer.verbs import ADJECTIVES, VERBS

Words = tuple[str, ...]

MIN_WORDS, MAX_WORDS = 2, 5
# A phrase is seen in at least this many paragraphs (of any session) before it is one.
MIN_PARAGRAPHS = 3
# Likelihood ratio (G², nltk's likelihood_ratio) of a phrase's weakest split into two parts that it
# must reach; 10.83 is p < 0.001 for one degree of freedom.
MIN_SCORE = 50.0
# Distinct paragraph families (a text and its versions, indexer/families.py) using a phrase.
MIN_TEXTS = 2
# Dropped when one neighbouring word accompanies this share of its uses: a fragment of longer wording.
FRAGMENT_SHARE = 0.8
# Words of a clause, not a name: a phrase holding one ("role that national", "technologies are
# only used") is a piece of a sentence.
CLAUSE_WORDS = frozenset(
    "that which who whom whose is are was were be been being has have had will shall would should"
    " could can may might must do does did".split()
)
# A shorter phrase is dropped when this share of its paragraphs hold it inside one longer phrase.
NESTED_SHARE = 0.9
# Hyphens join words ("capacity-building"); any other character between two words ends a run.
_JOINERS = re.compile(r"[\s\-\u2010\u2011]*")
_NUMBER = re.compile(r"\d[\d.,]*")
# Number words that name sessions, anniversaries and years: "eighty-first session" is furniture.
_TENS = frozenset(
    "twenty thirty forty fifty sixty seventy eighty ninety hundred thousand twentieth thirtieth"
    " fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth".split()
)


def _split_ratio(n_joint: int, first: int, second: int, n_all: int) -> float:
    """nltk's likelihood ratio of two parts seen together; 0 when they meet less than by chance."""
    if n_joint * n_all <= first * second:
        return 0.0
    return BigramAssocMeasures.likelihood_ratio(n_joint, (first, second), n_all)


def bigram_score(n_ii: int, marginals: tuple[int, int], n_all: int) -> float:
    return _split_ratio(n_ii, *marginals, n_all)


def trigram_score(n_iii: int, pairs: tuple, words: tuple, n_all: int) -> float:
    """The weaker split: w1 | w2 w3 or w1 w2 | w3 (nltk's own trigram ratio is inflated by any
    strong pair inside: "appropriate United Nations" would score as "United Nations" does)."""
    n_iix, _, n_xii = pairs
    n_ixx, _, n_xxi = words
    return min(_split_ratio(n_iii, n_ixx, n_xii, n_all), _split_ratio(n_iii, n_iix, n_xxi, n_all))


def quadgram_score(n_iiii: int, triples: tuple, pairs: tuple, words: tuple, n_all: int) -> float:
    """The weakest of the three splits of a 4 word phrase."""
    n_iiix, _, _, n_xiii = triples
    n_iixx, *_, n_xxii, _ = pairs
    n_ixxx, *_, n_xxxi = words
    return min(
        _split_ratio(n_iiii, n_ixxx, n_xiii, n_all),
        _split_ratio(n_iiii, n_iixx, n_xxii, n_all),
        _split_ratio(n_iiii, n_iiix, n_xxxi, n_all),
    )


_MEASURES = {2: bigram_score, 3: trigram_score, 4: quadgram_score}


@cache
def function_words() -> frozenset[str]:
    """The shipped list (indexer/data/function_words.txt): nltk's stopwords need a download.

    With it, the inflected drafting verbs that open UN paragraphs ("recalling", "urges", "decided")
    and their adjectives ("concerned"): "Encourages the High" is the start of a sentence, no phrase.
    """
    path = Path(__file__).parent / "data" / "function_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    listed = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return frozenset(listed | ADJECTIVES | {form for verb in VERBS for form in _inflections(verb)})


def _inflections(verb: str) -> set[str]:
    """urge -> urges, urging, urged; stress -> stresses, stressing, stressed."""
    stem = verb[:-1] if verb.endswith("e") else verb
    plural = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return {plural, stem + "ing", stem + "ed"}


def runs(text: str) -> Iterator[list[str]]:
    """The folded words of a text in runs uninterrupted by punctuation or numbers."""
    run: list[str] = []
    previous_end = None
    for match in WORD_PATTERN.finditer(text):
        word = fold(match.group())
        gap = text[previous_end : match.start()] if previous_end is not None else None
        joined = gap is not None and _JOINERS.fullmatch(gap) is not None
        glued = joined and bool(
            (gap or "").strip()
        )  # "COVID-19": a number hyphenated to a word stays
        previous_end = match.end()
        if not joined and run:
            yield run
            run = []
        if word in _TENS or (_NUMBER.fullmatch(word) and not glued):
            if run:
                yield run
            run = []
            continue
        run.append(word)
    if run:
        yield run


def is_edge(word: str | None) -> bool:
    """Whether a phrase may begin or end with the word: not a function word, not a number."""
    return word is not None and word not in function_words() and not word[0].isdigit()


def find_phrases(texts: Iterable[str], min_count: int = MIN_PARAGRAPHS) -> dict[Words, float]:
    """Phrase -> likelihood ratio, for every 2 to 5 word phrase of the texts."""
    words: list[str | None] = []
    for text in texts:
        for run in runs(text):
            if len(run) >= MIN_WORDS:
                words.extend(run)
                words.extend((None,) * (MAX_WORDS - 1))  # no window of 5 crosses a run's end
    counts = _Counts(words)
    del words
    found: dict[Words, float] = {}
    for n, finder in counts.finders(min_count):
        found.update(
            (gram, score) for gram, score in finder.score_ngrams(_MEASURES[n]) if score >= MIN_SCORE
        )
    found.update(_five_word_phrases(counts, min_count))
    return found


class _Counts:
    """Every count nltk's finders need, taken in one pass over the words.

    nltk's from_words loops in Python over every window; zip and Counter do the same counts in C.
    With four Nones between runs, a window holding a None can only hold it at an end. The split
    measures read contiguous parts only, so the finders get no gapped counts ((w1, w3) and kin).
    """

    def __init__(self, words: list[str | None]):
        def grams(*offsets: int) -> Counter:
            return Counter(zip(*(words[i:] for i in offsets), strict=False))

        self.word_fd = FreqDist(Counter(words))
        del self.word_fd[None]
        self.ngrams = {n: grams(*range(n)) for n in range(2, MAX_WORDS + 1)}

    def candidates(self, n: int, min_count: int) -> FreqDist:
        """The n-grams seen often enough, with ends that may end a phrase and no clause word
        inside: what nltk's apply_freq_filter and apply_ngram_filter would keep, in one pass."""
        return FreqDist(
            {
                gram: count
                for gram, count in self.ngrams[n].items()
                if count >= min_count
                and is_edge(gram[0])
                and is_edge(gram[-1])
                and CLAUSE_WORDS.isdisjoint(gram)
            }
        )

    def finders(self, min_count: int) -> Iterator[tuple[int, object]]:
        bigrams = FreqDist(self.ngrams[2])
        trigrams = FreqDist(self.ngrams[3])
        gapped = FreqDist()
        yield 2, BigramCollocationFinder(self.word_fd, self.candidates(2, min_count))
        yield (
            3,
            TrigramCollocationFinder(self.word_fd, bigrams, gapped, self.candidates(3, min_count)),
        )
        yield (
            4,
            QuadgramCollocationFinder(
                self.word_fd,
                self.candidates(4, min_count),
                bigrams,
                trigrams,
                *(gapped,) * 4,
            ),
        )


def _five_word_phrases(counts: _Counts, min_count: int) -> dict[Words, float]:
    """nltk has no 5 word finder: the weakest of the four splits, each scored by nltk's ratio."""
    n_all = counts.word_fd.N()

    def seen(part: Words) -> int:
        return counts.word_fd[part[0]] if len(part) == 1 else counts.ngrams[len(part)][part]

    found = {}
    for gram, count in counts.candidates(5, min_count).items():
        score = min(_split_ratio(count, seen(gram[:k]), seen(gram[k:]), n_all) for k in range(1, 5))
        if score >= MIN_SCORE:
            found[gram] = score
    return found
