"""Phrases of a corpus: 2 to 5 word expressions that hold together, found by nltk's association measures.

A paragraph is cut into runs of words at punctuation, free-standing numbers and the number words that
name sessions and anniversaries ("eighty-first"), so a phrase never spans a clause boundary or a
symbol. Within runs, nltk's collocation finders score every 2, 3 and 4 word sequence by likelihood
ratio, taken at the sequence's weakest split into two parts (nltk's own measure for 3 and 4 words
scores "appropriate United Nations" as high as "United Nations"); 5 word sequences alike.
A sequence whose first or last word is a function word, or a word the corpus uses as a verb, is not
a phrase ("of the", "the General", "to provide"), nor one ending with a modifier ("limited fiscal").
indexer/phrase_tables.py then keeps the phrases used in enough distinct texts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from nltk.collocations import (
    AbstractCollocationFinder,
    BigramCollocationFinder,
    QuadgramCollocationFinder,
    TrigramCollocationFinder,
)
from nltk.metrics import BigramAssocMeasures
from nltk.probability import FreqDist

from indexer.phrase_words import WordRoles, is_edge, runs

Words = tuple[str, ...]

MIN_WORDS, MAX_WORDS = 2, 5
# A phrase is seen in at least this many paragraphs (of any session) before it is one.
MIN_PARAGRAPHS = 3
# Likelihood ratio (G², nltk's likelihood_ratio) of a phrase's weakest split into two parts that it
# must reach; 10.83 is p < 0.001 for one degree of freedom.
MIN_SCORE = 50.0
# Distinct paragraph families (a text and its versions, indexer/families.py) using a phrase.
MIN_TEXTS = 3
# Dropped when one neighbouring word accompanies this share of its uses: a fragment of longer wording.
FRAGMENT_SHARE = 0.7
# Words of a clause, not a name: a phrase holding one ("role that national", "technologies are
# only used") is a piece of a sentence.
CLAUSE_WORDS = frozenset(
    "that which who whom whose is are was were be been being has have had will shall would should"
    " could can may might must do does did".split()
)
# A shorter phrase is dropped when this share of its paragraphs hold it inside one longer phrase.
NESTED_SHARE = 0.9
# A phrase with a function word inside ("Programme of Action") holds together only if, at each
# split, one part is followed or preceded by the other in this share of its uses: "context of the
# UN80 Initiative" is a frame around a name (9 of the name's 48 uses), not a phrase.
MIN_BOND = 0.3


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
    return {gram: score for gram, score in found.items() if counts.holds_together(gram)}


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
        self.roles = WordRoles(self.word_fd, self.ngrams[2])

    def seen(self, part: Words) -> int:
        return self.word_fd[part[0]] if len(part) == 1 else self.ngrams[len(part)][part]

    def holds_together(self, gram: Words) -> bool:
        """Without a function word inside, the likelihood ratio decides; with one, each split must
        also bind one part to the other (see MIN_BOND)."""
        if all(is_edge(word) for word in gram[1:-1]):
            return True
        count = self.seen(gram)
        return all(
            count >= MIN_BOND * min(self.seen(gram[:k]), self.seen(gram[k:]))
            for k in range(1, len(gram))
        )

    def candidates(self, n: int, min_count: int) -> FreqDist:
        """The n-grams seen often enough, with ends that may end a phrase and no clause word or verb
        inside: what nltk's apply_freq_filter and apply_ngram_filter would keep, in one pass."""
        return FreqDist(
            {
                gram: count
                for gram, count in self.ngrams[n].items()
                if count >= min_count
                and self.roles.may_start(gram[0])
                and self.roles.may_end(gram[-1])
                and CLAUSE_WORDS.isdisjoint(gram)
                and self.roles.verbs.isdisjoint(gram[1:-1])
            }
        )

    def finders(self, min_count: int) -> Iterator[tuple[int, AbstractCollocationFinder]]:
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
    n_all, seen = counts.word_fd.N(), counts.seen
    found = {}
    for gram, count in counts.candidates(5, min_count).items():
        score = min(_split_ratio(count, seen(gram[:k]), seen(gram[k:]), n_all) for k in range(1, 5))
        if score >= MIN_SCORE:
            found[gram] = score
    return found
