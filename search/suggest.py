"""Did you mean: the index's nearest words to a word it does not hold; a note for queries in French or Spanish."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

from indexer.analysis import fold
from search.api import QueryError
from search.query_lexer import lex
from search.store import layout

FILENAME = layout.VOCABULARY  # in each build: folded word <TAB> paragraphs holding it
SUGGESTIONS = 3
MAX_RESPELT = 4  # unknown words respelt per query: bounds the cost of a long misspelt query
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Function words that are not English: enough of them, or one with an unknown word, make a note.
_MARKERS = {
    "French": set("des les du aux pour avec dans sur une et l d de qu homme droits unies".split()),
    "Spanish": set("los las del para con por una y el de derechos humanos naciones unidas".split()),
}


class Vocabulary:
    """Every word of the index with its paragraph count; nearest() ranks by edit distance, then use."""

    def __init__(self, counts: Mapping[str, int]):
        self.counts = dict(counts)
        self._by_start: dict[str, list[str]] | None = None
        self._deletes: dict[str, list[str]] | None = None
        self._nearest: dict[str, list[str]] = {}  # per word, kept: a vocabulary serves one build

    @classmethod
    def load(cls, build_dir: Path) -> Vocabulary | None:
        path = Path(build_dir) / FILENAME
        if not path.is_file():
            return None
        counts = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            word, _, count = line.partition("\t")
            if count.isdigit():
                counts[word] = int(count)
        return cls(counts)

    def __contains__(self, word: str) -> bool:
        return fold(word) in self.counts

    def nearest(self, word: str, limit: int = SUGGESTIONS) -> list[str]:
        """Known words within 1 edit (words of up to 4 letters) or 2; [] for a known word."""
        word = fold(word)
        if word in self.counts or not word.isalpha():
            return []
        if word not in self._nearest:
            if len(self._nearest) > 10_000:
                self._nearest.clear()
            self._nearest[word] = self._rank(word)
        return self._nearest[word][:limit]

    def _rank(self, word: str) -> list[str]:
        most = 1 if len(word) <= 4 else 2
        scored = []
        for candidate in self._candidates(word):
            distance = edit_distance(word, candidate, most)
            if distance <= most:
                scored.append((distance, -self.counts[candidate], candidate))
        return [candidate for _, _, candidate in sorted(scored)[:SUGGESTIONS]]

    def _candidates(self, word: str) -> set[str]:
        """Same first letter and a close length, or one deletion away from each other."""
        if self._by_start is None or self._deletes is None:
            self._by_start, self._deletes = defaultdict(list), defaultdict(list)
            for known in self.counts:
                self._by_start[known[:1]].append(known)
                for deleted in _deletions(known):
                    self._deletes[deleted].append(known)
        found = {w for w in self._by_start.get(word[:1], ()) if abs(len(w) - len(word)) <= 2}
        for deleted in (word, *_deletions(word)):
            found.update(self._deletes.get(deleted, ()))
            if deleted in self.counts:
                found.add(deleted)
        return found


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str, most: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit); most+1 once beyond most."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > most:
            return most + 1
        previous2, previous = previous, current
    return previous[-1]


def respelt(query: str, vocabulary: Vocabulary, choice: int = 0) -> str | None:
    """The query with each unknown word of its text replaced by its nearest known word (the
    choice-th for the first one); field values, prefixes and operators untouched. None: nothing to fix."""
    try:
        tokens = [t for t in lex(query) if t.kind in ("word", "phrase") and "*" not in t.text]
    except QueryError:
        return None
    out, at, changed, first, respelt_words = [], 0, False, True, 0
    for token in tokens:
        start = token.position + (1 if token.kind == "phrase" else 0)
        out.append(query[at:start])
        pieces, last = [], 0
        for match in _WORD.finditer(token.text):
            if respelt_words >= MAX_RESPELT:
                break
            nearest = vocabulary.nearest(match.group())
            if not nearest:
                continue
            index = min(choice, len(nearest) - 1) if first else 0
            if first and choice >= len(nearest):
                return None
            first, changed, respelt_words = False, True, respelt_words + 1
            pieces += [token.text[last : match.start()], nearest[index]]
            last = match.end()
        out.append("".join(pieces) + token.text[last:])
        at = start + len(token.text)
    return "".join([*out, query[at:]]) if changed else None


def suggestions(query: str, vocabulary: Vocabulary) -> list[str]:
    """Up to three respelt queries, the likeliest first."""
    found = [respelt(query, vocabulary, choice) for choice in range(SUGGESTIONS)]
    return list(dict.fromkeys(q for q in found if q))


def foreign_language(query: str, vocabulary: Vocabulary) -> str | None:
    """'French' or 'Spanish' when the query reads as one: two of its function words, or one and a
    word the English index does not hold."""
    words = re.findall(r"[a-z]+", fold(query))
    unknown = any(word not in vocabulary.counts for word in words if len(word) > 3)
    scores = {name: sum(word in markers for word in words) for name, markers in _MARKERS.items()}
    best = max(scores, key=lambda name: scores[name])
    tied = list(scores.values()).count(scores[best]) > 1
    if tied or scores[best] == 0 or (scores[best] < 2 and not unknown):
        return None
    return best
