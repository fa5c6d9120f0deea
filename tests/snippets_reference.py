"""The highlighter as it was before the per-query regex went (commit e85a5e1), kept as an oracle.

tests/test_snippet_paths.py checks the faster paths in search/snippets.py and
search/snippet_window.py against it: the same marks and the same windows, character for character.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from itertools import pairwise

from indexer.analysis import WORD_PATTERN, stem
from search.snippets import ELLIPSIS, _folded, _phrase_at, marked_positions, words_of
from search.terms import HighlightTerms

Span = tuple[int, int]
_token_start = re.Match.start


@dataclass(frozen=True)
class _Plan:
    """A query's terms compiled once: where a marked word can start, and how its stem is gated."""

    openings: tuple[str, ...]
    candidates: re.Pattern[str]

    def stem_if_opening(self, exact: str) -> str | None:
        """A Snowball stem changes at most the last two letters of its word: a cheap pre-filter."""
        return stem(exact) if exact.startswith(self.openings) else None


@lru_cache(maxsize=256)
def _plan(terms: HighlightTerms) -> _Plan:
    """One regex finding every word start that opens like a query stem, prefix or phrase."""
    all_stems = terms.stems.union(*terms.stem_sequences)
    openings = tuple(sorted({s[: max(1, len(s) - 2)] for s in all_stems}))
    firsts = {sequence[0] for sequence in terms.exact_sequences if sequence}
    starts = sorted({*openings, *terms.prefixes, *firsts})
    if "" in starts:  # an empty opening: every word is a candidate
        branches = [r"(?<![^\W_])(?<![^\W_]['’.])(?=[^\W_])"]
    else:  # the first letter leads, so the regex engine can skip to it
        branches = [_at_word_start(re.escape(s[0]), re.escape(s[1:])) for s in starts]
    return _Plan(openings, re.compile("|".join(branches) or "(?!)"))


def _at_word_start(letter: str, rest: str) -> str:
    """The letter not inside a word, then the rest looked at but not consumed: no word is skipped."""
    return f"{letter}(?<![^\\W_]{letter})(?<![^\\W_]['’.]{letter})(?={rest})"


def reference_marks(text: str, terms: HighlightTerms) -> list[Span]:
    """Spans of the words to mark, in order; only words opening like a query term are looked at."""
    if not terms:
        return []
    folded = _folded(text)
    if folded is None:
        words = words_of(text)
        return [(words[i].start, words[i].end) for i in sorted(marked_positions(words, terms))]
    plan = _plan(terms)
    marked: set[Span] = set()
    for candidate in plan.candidates.finditer(folded):
        token = WORD_PATTERN.match(folded, candidate.start())
        if token is None:  # a term opening with punctuation: no word starts there
            continue
        exact = token.group()
        stemmed = plan.stem_if_opening(exact)
        if stemmed in terms.stems or exact.startswith(terms.prefixes):
            marked.add(token.span())
        for sequence in terms.exact_sequences:
            if sequence and sequence[0] == exact:
                marked.update(_phrase_at(folded, token, sequence, str))
        for sequence in terms.stem_sequences:
            if sequence and sequence[0] == stemmed:
                marked.update(_phrase_at(folded, token, sequence, plan.stem_if_opening))
    return sorted(marked)


def reference_window(text: str, marks: list[Span], max_chars: int) -> Span:
    """Character span of at most max_chars, on word boundaries, holding the most marked words."""
    starts = list(map(_token_start, WORD_PATTERN.finditer(text)))
    if not starts:
        return 0, _cut_at_space(text, 0, max_chars)
    start = starts[_best_opening(starts, marks, max_chars)]
    limit = start + max_chars
    last = bisect_right(starts, limit) - 1
    end = _word_end(text, starts[last])
    if end > limit:  # the last word starting inside the window ends outside it: the one before
        if starts[last] == start:  # one word longer than the window: cut inside it
            return start, limit
        end = _word_end(text, starts[last - 1])
    return start, _with_trailing_punctuation(text, end, limit)


def _best_opening(starts: list[int], marks: list[Span], max_chars: int) -> int:
    """The word to open on: the middle of the first run of openings whose window holds most marks."""
    mark_starts = [start for start, _ in marks]
    mark_ends = [end for _, end in marks]
    # The count of a window changes only where a mark enters or leaves it: score those stretches
    edges = sorted({0, *(s + 1 for s in mark_starts), *(max(0, e - max_chars) for e in mark_ends)})
    bounds = [bisect_left(starts, edge) for edge in edges] + [len(starts)]
    runs = []  # (count, first opening, end of openings) of every stretch holding an opening
    for low, high in pairwise(bounds):
        if low < high:
            opening = starts[low]
            count = bisect_right(mark_ends, opening + max_chars) - bisect_left(mark_starts, opening)
            runs.append((count, low, high))
    best = max(count for count, _, _ in runs)
    first = next(i for i, run in enumerate(runs) if run[0] == best)
    low = high = runs[first][1]
    for count, _, run_high in runs[first:]:
        if count != best:
            break
        high = run_high
    return 0 if low == 0 else low + (high - low) // 2


def _with_trailing_punctuation(text: str, end: int, limit: int) -> int:
    """Keep a closing ")" or "." that touches the last word, when it still fits."""
    while end < min(len(text), limit) and not text[end].isspace() and not text[end].isalnum():
        end += 1
    return end


def _cut_at_space(text: str, start: int, max_chars: int) -> int:
    cut = text.rfind(" ", start, start + max_chars + 1)
    return cut if cut > start else start + max_chars


def _word_end(text: str, start: int) -> int:
    """Where the word at start ends (start is a word start, so a word is always there)."""
    word = WORD_PATTERN.match(text, start)
    return word.end() if word else start


def reference_render(text: str, marks: list[Span], start: int, end: int) -> str:
    """Escaped text between start and end with marked words wrapped; … where the text was cut."""
    parts = [ELLIPSIS] if start > 0 else []
    cursor = start
    for mark_start, mark_end in marks:
        if mark_start < start or mark_end > end:
            continue
        parts.append(escape(text[cursor:mark_start]))
        parts.append(f"<mark>{escape(text[mark_start:mark_end])}</mark>")
        cursor = mark_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(ELLIPSIS)
    return "".join(parts)


def reference_highlight(text: str, terms: HighlightTerms, max_chars: int = 400) -> str:
    """search.snippets.highlight as it was."""
    marks = reference_marks(text, terms)
    start, end = 0, len(text)
    if len(text) > max_chars:
        start, end = reference_window(text, marks, max(max_chars, 1))
    return reference_render(text, marks, start, end)
