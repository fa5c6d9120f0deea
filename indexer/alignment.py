"""Paragraph alignment of two documents: the one decision behind /compare and the provenance badges."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape

from indexer.minhash import paragraph_words
from indexer.model import Paragraph
from indexer.worddiff import diff_html, same_wording
from search.budget import pause

# Two paragraphs are versions of each other when at least this share of their words (stems,
# counted with repeats) is common; below it one was removed and the other added.
MATCH = 0.5
_MAX_CELLS = 40_000  # alignment table bound: beyond it, unmatched runs are left for the move pass
_MAX_MOVES = 250_000  # removed x added candidates the move pass scores at most


@dataclass(frozen=True)
class Pair:
    """One row of a comparison: paragraph ids of each side (None when absent) and the word diff."""

    a: str | None
    b: str | None
    status: str  # "same" | "changed" | "added" | "removed"
    diff_html: str  # escaped; <ins>/<del> mark the words that differ
    moved: bool = False  # paired out of order: the paragraph was moved, and perhaps edited
    similarity: float | None = None  # word overlap of a paired a and b


def align(left: list[Paragraph], right: list[Paragraph], diffs: bool = True) -> list[Pair]:
    """Every paragraph of both sides in order: identical runs, the best in-order pairing, then moves.

    diffs=False leaves diff_html empty on paired rows: the index build needs only the pairing.
    """
    words_left = [paragraph_words(p.text) for p in left]
    words_right = [paragraph_words(p.text) for p in right]
    bags = {
        id(p): Counter(w) for p, w in zip([*left, *right], [*words_left, *words_right], strict=True)
    }
    aligner = _Aligner(bags, diffs)
    matcher = SequenceMatcher(None, words_left, words_right, autojunk=False)
    pairs: list[Pair] = []
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        pause()  # a served comparison yields to its request's time budget
        if tag == "equal":
            pairs += [
                aligner.paired(x, y, 1.0)
                for x, y in zip(left[a_start:a_end], right[b_start:b_end], strict=True)
            ]
        else:
            pairs += _in_order(aligner, left[a_start:a_end], right[b_start:b_end])
    return _pair_moves(aligner, pairs, {p.id: p for p in left}, {p.id: p for p in right})


def word_overlap(left: Counter[str], right: Counter[str]) -> float:
    """Dice coefficient of two stem bags: order-blind, cheap enough for a whole alignment table."""
    total = sum(left.values()) + sum(right.values())
    return 2 * sum((left & right).values()) / total if total else 1.0


def _removed(x: Paragraph) -> Pair:
    return Pair(x.id, None, "removed", f"<del>{escape(x.text)}</del>")


def _added(y: Paragraph) -> Pair:
    return Pair(None, y.id, "added", f"<ins>{escape(y.text)}</ins>")


class _Aligner:
    """The word bags of both documents, counted once, and whether paired rows get their diff."""

    def __init__(self, bags: dict[int, Counter[str]], diffs: bool):
        self.bags = bags
        self.diffs = diffs

    def paired(self, x: Paragraph, y: Paragraph, overlap: float, moved: bool = False) -> Pair:
        """same only when the wording is (spacing, hyphen and quote forms aside); else changed."""
        pause()
        status = "same" if same_wording(x.text, y.text) else "changed"
        changes = diff_html(x.text, y.text) if self.diffs else ""
        return Pair(x.id, y.id, status, changes, moved, round(overlap, 4))


def _in_order(aligner: _Aligner, left: list[Paragraph], right: list[Paragraph]) -> list[Pair]:
    """Order-keeping alignment maximising the total overlap of matched pairs (edit-distance table)."""
    if not left or not right or len(left) * len(right) > _MAX_CELLS:
        return [_removed(x) for x in left] + [_added(y) for y in right]
    rows, cols = len(left), len(right)
    bags = [aligner.bags[id(y)] for y in right]
    overlaps = [[word_overlap(aligner.bags[id(x)], other) for other in bags] for x in left]
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
        if overlap >= MATCH and score[i][j] == overlap + score[i + 1][j + 1]:
            pairs.append(aligner.paired(left[i], right[j], overlap))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            pairs.append(_removed(left[i]))
            i += 1
        else:
            pairs.append(_added(right[j]))
            j += 1
    pairs += [_removed(x) for x in left[i:]] + [_added(y) for y in right[j:]]
    return pairs


def _pair_moves(
    aligner: _Aligner, pairs: list[Pair], left: dict[str, Paragraph], right: dict[str, Paragraph]
) -> list[Pair]:
    """A removed and an added paragraph that are versions of each other: one moved pair, shown
    where it now stands; best overlaps first, each paragraph used once."""
    removed = [p.a for p in pairs if p.status == "removed" and p.a]
    added = [p.b for p in pairs if p.status == "added" and p.b]
    if not removed or not added or len(removed) * len(added) > _MAX_MOVES:
        return pairs
    candidates = []
    for a in removed:
        bag = aligner.bags[id(left[a])]
        for b in added:
            overlap = word_overlap(bag, aligner.bags[id(right[b])])
            if overlap >= MATCH:
                candidates.append((overlap, a, b))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    moves: dict[str, tuple[str, float]] = {}
    taken: set[str] = set()
    for overlap, a, b in candidates:
        if a not in taken and b not in moves:
            taken.add(a)
            moves[b] = (a, overlap)
    result = []
    for pair in pairs:
        if pair.status == "removed" and pair.a in taken:
            continue
        if pair.status == "added" and pair.b in moves:
            a, overlap = moves[pair.b]
            pair = aligner.paired(left[a], right[pair.b], overlap, moved=True)
        result.append(pair)
    return result
