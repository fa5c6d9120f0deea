"""Words as phrase material: runs of words between breaks, and which words may end a phrase.

nltk's stopword lists and taggers need data packages that are not downloaded here: the function
words are a shipped list, and a word's role at a phrase's edge is read from how the corpus uses it
(a verb follows "to" or takes "the" as object; a modifier is followed by the noun it modifies).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from indexer.analysis import WORD_PATTERN, fold
from indexer.verbs import ADJECTIVES, VERBS

# Hyphens join words ("capacity-building"); any other character between two words ends a run.
_JOINERS = re.compile(r"[\s\-\u2010\u2011]*")
_NUMBER = re.compile(r"\d[\d.,]*")
# Number words that name sessions, anniversaries and years: "eighty-first session" is furniture.
_TENS = frozenset(
    "twenty thirty forty fifty sixty seventy eighty ninety hundred thousand twentieth thirtieth"
    " fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth".split()
)
DETERMINERS = frozenset(
    "the a an their its all such these this his her our any those other another".split()
)
# A word is verb-like when this share of its uses follow "to" ("to provide") or take a determiner
# ("ensuring the"), modifier-like when this share are followed by a content word ("national").
VERB_AFTER_TO = 0.5
VERB_BEFORE_DETERMINER = 0.15
MODIFIER_BEFORE_CONTENT = 0.6


@cache
def function_words() -> frozenset[str]:
    """The shipped list (indexer/data/function_words.txt), with the inflected drafting verbs that
    open UN paragraphs ("recalling", "urges", "decided") and their adjectives ("concerned")."""
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
        hyphenated = joined and bool((gap or "").strip())  # "COVID-19": its number stays
        previous_end = match.end()
        if not joined and run:
            yield run
            run = []
        if word in _TENS or (_NUMBER.fullmatch(word) and not hyphenated):
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


class WordRoles:
    """Which content words behave as verbs or modifiers in this corpus, from its word pairs."""

    def __init__(self, words: Counter, pairs: Counter):
        after_to: Counter = Counter()
        before_determiner: Counter = Counter()
        before_content: Counter = Counter()
        for (first, second), count in pairs.items():
            if first == "to":
                after_to[second] += count
            if second in DETERMINERS:
                before_determiner[first] += count
            elif is_edge(second):
                before_content[first] += count
        self.verbs = {
            word
            for word, total in words.items()
            if is_edge(word)
            and (
                after_to[word] >= VERB_AFTER_TO * total
                or before_determiner[word] >= VERB_BEFORE_DETERMINER * total
            )
        }
        self.modifiers = {
            word
            for word, total in words.items()
            if is_edge(word) and before_content[word] >= MODIFIER_BEFORE_CONTENT * total
        }

    def may_start(self, word: str | None) -> bool:
        return is_edge(word) and word not in self.verbs

    def may_end(self, word: str | None) -> bool:
        """Not a verb ("platform to advance"), a modifier ("limited fiscal") or a participle after
        its noun ("agenda items allocated")."""
        return (
            is_edge(word)
            and word not in self.verbs
            and word not in self.modifiers
            and not (word or "").endswith("ed")
        )
