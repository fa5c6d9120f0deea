"""Paragraph-aligned comparison of two documents (draft vs adopted, revision vs original, session vs session)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape

from indexer.minhash import paragraph_words
from indexer.model import Paragraph, Resolution
from indexer.worddiff import diff_html
from search.budget import pause

# Two paragraphs at these positions are versions of each other when at least this share of their
# words (stems, counted with repeats) is common; below it one was removed and the other added.
MATCH = 0.5
_MAX_CELLS = 40_000  # alignment table bound: beyond it, unmatched runs are listed, not aligned


@dataclass(frozen=True)
class Pair:
    """One row of a comparison: paragraph ids of each side (None when absent) and the word diff."""

    a: str | None
    b: str | None
    status: str  # "same" | "changed" | "added" | "removed"
    diff_html: str  # escaped; <ins>/<del> mark the words that differ


def compare(a: Resolution, b: Resolution) -> list[Pair]:
    """Every paragraph of both documents in order: identical runs first, then the best alignment."""
    left, right = a.paragraphs, b.paragraphs
    matcher = SequenceMatcher(None, _words(left), _words(right), autojunk=False)
    pairs: list[Pair] = []
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        pause()
        if tag == "equal":
            pairs += [
                _same(x, y) for x, y in zip(left[a_start:a_end], right[b_start:b_end], strict=True)
            ]
        else:
            pairs += _align(left[a_start:a_end], right[b_start:b_end])
    return pairs


def _words(paragraphs: list[Paragraph]) -> list[tuple[str, ...]]:
    words = []
    for paragraph in paragraphs:
        pause()
        words.append(paragraph_words(paragraph.text))
    return words


def _same(x: Paragraph, y: Paragraph) -> Pair:
    pause()
    return Pair(x.id, y.id, "same", diff_html(x.text, y.text))


def _removed(x: Paragraph) -> Pair:
    return Pair(x.id, None, "removed", f"<del>{escape(x.text)}</del>")


def _added(y: Paragraph) -> Pair:
    return Pair(None, y.id, "added", f"<ins>{escape(y.text)}</ins>")


def word_overlap(left: Counter[str], right: Counter[str]) -> float:
    """Dice coefficient of two stem bags: order-blind, cheap enough for a whole alignment table."""
    total = sum(left.values()) + sum(right.values())
    return 2 * sum((left & right).values()) / total if total else 1.0


def _align(left: list[Paragraph], right: list[Paragraph]) -> list[Pair]:
    """Order-keeping alignment maximising the total overlap of matched pairs (edit-distance table)."""
    if not left or not right or len(left) * len(right) > _MAX_CELLS:
        return [_removed(x) for x in left] + [_added(y) for y in right]
    rows, cols = len(left), len(right)
    bags = [Counter(paragraph_words(y.text)) for y in right]
    overlaps = []
    for x in left:
        pause()
        bag = Counter(paragraph_words(x.text))
        overlaps.append([word_overlap(bag, other) for other in bags])
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            overlap = overlaps[i][j]
            if overlap >= MATCH:
                best = max(best, overlap + score[i + 1][j + 1])
            score[i][j] = best
    pairs: list[Pair] = []
    i = j = 0
    while i < rows and j < cols:
        overlap = overlaps[i][j]
        pause()
        if overlap >= MATCH and score[i][j] == overlap + score[i + 1][j + 1]:
            pairs.append(
                Pair(left[i].id, right[j].id, "changed", diff_html(left[i].text, right[j].text))
            )
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            pairs.append(_removed(left[i]))
            i += 1
        else:
            pairs.append(_added(right[j]))
            j += 1
    pairs += [_removed(x) for x in left[i:]] + [_added(y) for y in right[j:]]
    return pairs
