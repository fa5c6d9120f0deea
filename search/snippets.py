"""Paragraph text as escaped HTML with the query's words in <mark>, trimmed to the best window."""

from __future__ import annotations

from html import escape

from indexer.analysis import WORD_PATTERN, fold, stem
from search.ast import Node
from search.terms import HighlightTerms, query_terms

ELLIPSIS = "…"


class Word:
    """A word's span and folded form; its stem is computed only when a query stem could match it."""

    __slots__ = ("end", "exact", "start", "text")

    def __init__(self, text: str, exact: str, start: int, end: int):
        self.text, self.exact, self.start, self.end = text, exact, start, end


def words_of(text: str) -> list[Word]:
    """The analysis chain's tokens, light: snippets run on every hit of every page."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: fold word by word
        return [Word(m.group(), fold(m.group()), *m.span()) for m in WORD_PATTERN.finditer(text)]
    words = []
    for match in WORD_PATTERN.finditer(text):
        start, end = match.span()
        exact = lowered[start:end]
        words.append(Word(match.group(), exact if exact.isascii() else fold(exact), start, end))
    return words


def highlight(text: str, terms: HighlightTerms | Node, max_chars: int = 400) -> str:
    """Every matching word marked; text longer than max_chars cut at word boundaries around the most marks."""
    words = words_of(text)
    marked = marked_positions(words, _as_terms(terms))
    start, end = 0, len(text)
    if len(text) > max_chars:
        start, end = _best_window(text, words, marked, max(max_chars, 1))
    return _render(text, words, marked, start, end)


def highlight_full(text: str, terms: HighlightTerms | Node) -> str:
    """The whole paragraph marked, for document pages."""
    words = words_of(text)
    return _render(text, words, marked_positions(words, _as_terms(terms)), 0, len(text))


def marked_positions(words: list[Word], terms: HighlightTerms) -> set[int]:
    """Token positions to mark: stem hits, prefix hits, and every word of each phrase occurrence."""
    if not terms:
        return set()
    all_stems = terms.stems.union(*terms.stem_sequences)
    # A Snowball stem changes at most the last two letters of the word it keeps: cheap pre-filter
    openings = tuple({s[: max(1, len(s) - 2)] for s in all_stems}) or ("\0",)
    stems = [stem(w.exact) if w.exact.startswith(openings) else None for w in words]
    marked = {
        i
        for i, word in enumerate(words)
        if stems[i] in terms.stems or word.exact.startswith(terms.prefixes or ("\0",))
    }
    exact_forms = [word.exact for word in words]
    for sequences, forms in ((terms.exact_sequences, exact_forms), (terms.stem_sequences, stems)):
        for sequence in sequences:
            size = len(sequence)
            for i in range(len(forms) - size + 1):
                if tuple(forms[i : i + size]) == sequence:
                    marked.update(range(i, i + size))
    return marked


def _as_terms(terms: HighlightTerms | Node) -> HighlightTerms:
    return terms if isinstance(terms, HighlightTerms) else query_terms(terms)


def _best_window(text: str, words: list[Word], marked: set[int], max_chars: int) -> tuple[int, int]:
    """Character span of at most max_chars, on word boundaries, holding the most marked words."""
    if not words:
        return 0, _cut_at_space(text, 0, max_chars)
    counts: list[tuple[int, int]] = []  # (marks, last word index) for a window opening at word i
    last = -1
    inside = 0
    for first, word in enumerate(words):
        if first > 0 and first - 1 in marked and last >= first - 1:
            inside -= 1
        last = max(last, first - 1)
        while last + 1 < len(words) and words[last + 1].end - word.start <= max_chars:
            last += 1
            inside += last in marked
        counts.append((inside, last))
    best = max(count for count, _ in counts)
    run = _first_run(counts, best)
    first = 0 if run[0] == 0 else run[len(run) // 2]
    last = counts[first][1]
    start = words[first].start
    if last < first:  # one word longer than the window: cut inside it
        return start, start + max_chars
    return start, _with_trailing_punctuation(text, words[last].end, start + max_chars)


def _first_run(counts: list[tuple[int, int]], best: int) -> list[int]:
    """The consecutive window openings that hold the first group of best-scoring windows."""
    run: list[int] = []
    for index, (count, _) in enumerate(counts):
        if count == best:
            run.append(index)
        elif run:
            break
    return run


def _with_trailing_punctuation(text: str, end: int, limit: int) -> int:
    """Keep a closing ")" or "." that touches the last word, when it still fits."""
    while end < min(len(text), limit) and not text[end].isspace() and not text[end].isalnum():
        end += 1
    return end


def _cut_at_space(text: str, start: int, max_chars: int) -> int:
    cut = text.rfind(" ", start, start + max_chars + 1)
    return cut if cut > start else start + max_chars


def _render(text: str, words: list[Word], marked: set[int], start: int, end: int) -> str:
    """Escaped text between start and end with marked words wrapped; … where the text was cut."""
    parts = [ELLIPSIS] if start > 0 else []
    cursor = start
    for i in sorted(marked):
        word = words[i]
        if word.start < start or word.end > end:
            continue
        parts.append(escape(text[cursor : word.start]))
        parts.append(f"<mark>{escape(word.text)}</mark>")
        cursor = word.end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(ELLIPSIS)
    return "".join(parts)
