"""Where a long paragraph's snippet is cut: the word-aligned window holding the most marked words.

Snippets are cut on every long hit of every page, so only the words that decide the window are
looked for: one per stretch of equally scored openings, the words of the best run of openings
(to open in its middle), and the last words before the window's end; never every word.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from indexer.analysis import WORD_PATTERN

Span = tuple[int, int]
# Where a match of WORD_PATTERN can begin: a letter or digit that no word runs into, directly or
# through an inner joiner ("'", "’", "."); scanning for it stops at the first word start.
WORD_START = re.compile(r"(?<![^\W_])(?<![^\W_]['’.])[^\W_]")
_END_LOOKBACK = 40  # characters before the window's end from which to look for its last words


def best_window(text: str, marks: list[Span], max_chars: int) -> Span:
    """Character span of at most max_chars, on word boundaries, holding the most marked words."""
    first = WORD_START.search(text)
    if first is None:
        return 0, _cut_at_space(text, 0, max_chars)
    start = _best_opening(text, marks, max_chars, first.start())
    limit = start + max_chars
    starts = _last_starts(text, start, limit)
    end = _word_end(text, starts[-1])
    if end > limit:  # the last word starting inside the window ends outside it: the one before
        if starts[-1] == start:  # one word longer than the window: cut inside it
            return start, limit
        end = _word_end(text, starts[-2])
    return start, _with_trailing_punctuation(text, end, limit)


def _best_opening(text: str, marks: list[Span], max_chars: int, first: int) -> int:
    """The word to open on: the middle of the first run of openings whose window holds most marks.

    The score of opening at o, marks ending by o + max_chars less marks starting before o, only
    changes where a mark enters or leaves the window: it is scored once per stretch between those
    edges, and a stretch counts when a word starts in it.
    """
    mark_starts = [start for start, _ in marks]
    mark_ends = [end for _, end in marks]
    edges = sorted({0, *(s + 1 for s in mark_starts), *(max(0, e - max_chars) for e in mark_ends)})
    edges.append(len(text) + 1)
    scores = [
        bisect_right(mark_ends, low + max_chars) - bisect_left(mark_starts, low)
        for low in edges[:-1]
    ]
    # the first of the best-scored stretches where a word starts (most stretches hold one);
    # sorted() keeps the order of equal scores, reverse=True too
    for at in sorted(range(len(scores)), key=scores.__getitem__, reverse=True):
        word = WORD_START.search(text, edges[at], edges[at + 1])
        if word is not None:
            break
    assert word is not None  # the stretches cover the text, and a word starts in it
    opening = word.start()
    if opening == first:
        return first
    end = edges[at + 1]  # the run goes on over stretches as good, or where no word starts
    for following in range(at + 1, len(scores)):
        if scores[following] == scores[at]:
            end = edges[following + 1]
        elif WORD_START.search(text, edges[following], edges[following + 1]) is not None:
            break
    openings = [word.start() for word in WORD_PATTERN.finditer(text, opening, end)]
    return openings[len(openings) // 2]


def _last_starts(text: str, start: int, limit: int) -> list[int]:
    """Starts of words from start (a word start) up to limit: at least the last two, or all there are."""
    space = text.rfind(" ", start, max(start, min(limit, len(text)) - _END_LOOKBACK))
    begin = space + 1 if space >= start else start  # a space never lies inside a word
    starts = [word.start() for word in WORD_PATTERN.finditer(text, begin, limit + 1)]
    if len(starts) < 2 and begin > start:
        starts = [word.start() for word in WORD_PATTERN.finditer(text, start, limit + 1)]
    return starts


def _word_end(text: str, start: int) -> int:
    """Where the word at start ends (start is a word start, so a word is always there)."""
    word = WORD_PATTERN.match(text, start)
    return word.end() if word else start


def _with_trailing_punctuation(text: str, end: int, limit: int) -> int:
    """Keep a closing ")" or "." that touches the last word, when it still fits."""
    while end < min(len(text), limit) and not text[end].isspace() and not text[end].isalnum():
        end += 1
    return end


def _cut_at_space(text: str, start: int, max_chars: int) -> int:
    cut = text.rfind(" ", start, start + max_chars + 1)
    return cut if cut > start else start + max_chars
