"""Paragraph text as escaped HTML with the query's words in <mark>, trimmed to the best window."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from indexer.analysis import WORD_PATTERN, fold, stem
from search.ast import Node
from search.snippet_window import Span, best_window
from search.terms import HighlightTerms, query_terms

ELLIPSIS = "…"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD_CHAR = re.compile(r"[^\W_]")
_JOINERS = "'’."  # the inner punctuation WORD_PATTERN keeps between letters
_token_start = re.Match.start


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
    marks = _marks(text, terms if isinstance(terms, HighlightTerms) else query_terms(terms))
    start, end = 0, len(text)
    if len(text) > max_chars:
        start, end = best_window(text, marks, max(max_chars, 1))
    return _render(text, marks, start, end)


def highlight_full(text: str, terms: HighlightTerms | Node) -> str:
    """The whole paragraph marked, for document pages."""
    return _render(text, _marks(text, _as_terms(terms)), 0, len(text))


def marked_positions(words: list[Word], terms: HighlightTerms) -> set[int]:
    """Token positions to mark: stem hits, prefix hits, and every word of each phrase occurrence."""
    if not terms:
        return set()
    stem_if_opening = _plan(terms).stem_if_opening
    stems = [stem_if_opening(word.exact) for word in words]
    marked = {
        i
        for i, word in enumerate(words)
        if stems[i] in terms.stems or word.exact.startswith(terms.prefixes)
    }
    exact_forms = [word.exact for word in words]
    for sequences, forms in ((terms.exact_sequences, exact_forms), (terms.stem_sequences, stems)):
        for sequence in sequences:
            size = len(sequence)
            for i in range(len(forms) - size + 1):
                if tuple(forms[i : i + size]) == sequence:
                    marked.update(range(i, i + size))
    return marked


@dataclass(frozen=True)
class _Plan:
    """A query's terms prepared once: what a marked word can open with, and how its stem is gated."""

    openings: tuple[str, ...]
    starts: tuple[str, ...]  # of every stem opening, prefix and exact phrase's first word
    phrases: bool  # whether any stem or exact sequence is to be followed word by word

    def stem_if_opening(self, exact: str) -> str | None:
        """A Snowball stem changes at most the last two letters of its word: a cheap pre-filter."""
        return stem(exact) if exact.startswith(self.openings) else None


_latest: tuple[HighlightTerms, _Plan] | None = None  # checked by identity: no hashing per hit


def _plan(terms: HighlightTerms) -> _Plan:
    """The plan of the terms object every hit of a page shares, made once for it (and kept alive)."""
    global _latest
    latest = _latest
    if latest is not None and latest[0] is terms:
        return latest[1]
    plan = _make_plan(terms)
    _latest = (terms, plan)
    return plan


def _make_plan(terms: HighlightTerms) -> _Plan:
    """Stems open with all but their last two letters; prefixes and exact phrases with themselves."""
    all_stems = terms.stems.union(*terms.stem_sequences)
    openings = tuple(sorted({s[: max(1, len(s) - 2)] for s in all_stems}))
    firsts = {sequence[0] for sequence in terms.exact_sequences if sequence}
    starts = tuple(sorted({*openings, *terms.prefixes, *firsts}))
    return _Plan(openings, starts, bool(terms.exact_sequences or terms.stem_sequences))


def word_starts(folded: str, starts: tuple[str, ...]) -> list[int]:
    """Where a word of the folded text opens with one of starts, found by str.find: no regex per query."""
    if "" in starts:  # an empty opening: every word
        return list(map(_token_start, WORD_PATTERN.finditer(folded)))
    found = []
    find = folded.find
    for opening in starts:
        at = find(opening)
        while at >= 0:
            # inside a word when a letter or digit precedes, or a joiner that a letter or digit precedes
            before = folded[at - 1] if at else " "
            if not before.isalnum() and not (
                before in _JOINERS and at > 1 and folded[at - 2].isalnum()
            ):
                found.append(at)
            at = find(opening, at + 1)
    return sorted(set(found)) if len(starts) > 1 else found


def _as_terms(terms: HighlightTerms | Node) -> HighlightTerms:
    return terms if isinstance(terms, HighlightTerms) else query_terms(terms)


def _marks(text: str, terms: HighlightTerms) -> list[Span]:
    """Spans of the words to mark, in order; only words opening like a query term are looked at."""
    plan = _plan(terms)
    if not plan.starts:  # no word to look for (terms without words, or only empty phrases)
        return []
    folded = _folded(text)
    if folded is None:
        words = words_of(text)
        return [(words[i].start, words[i].end) for i in sorted(marked_positions(words, terms))]
    openings, stems, prefixes = plan.openings, terms.stems, terms.prefixes
    word_at = WORD_PATTERN.match
    marked: set[Span] = set()
    for start in word_starts(folded, plan.starts):
        token = word_at(folded, start)
        if token is None:  # a term opening with punctuation: no word starts there
            continue
        exact = token.group()
        stemmed = stem(exact) if exact.startswith(openings) else None  # plan.stem_if_opening
        if stemmed in stems or exact.startswith(prefixes):
            marked.add(token.span())
        if not plan.phrases:
            continue
        for sequence in terms.exact_sequences:
            if sequence and sequence[0] == exact:
                marked.update(_phrase_at(folded, token, sequence, str))
        for sequence in terms.stem_sequences:
            if sequence and sequence[0] == stemmed:
                marked.update(_phrase_at(folded, token, sequence, plan.stem_if_opening))
    return sorted(marked)


def _phrase_at(
    folded: str, token: re.Match[str], sequence: tuple[str, ...], form: Callable[[str], str | None]
) -> list[Span]:
    """The spans of the phrase's words when the words after token continue it, else none."""
    spans = [token.span()]
    for wanted in sequence[1:]:
        following = WORD_PATTERN.search(folded, spans[-1][1])
        if following is None or form(following.group()) != wanted:
            return []
        spans.append(following.span())
    return spans


def _folded(text: str) -> str | None:
    """The whole text folded at once, or None where folding word by word could differ from it."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    if len(lowered) != len(text):
        return None
    for char in set(_NON_ASCII.findall(lowered)):
        folded_char = _fold_char(char)
        if folded_char is None:
            return None
        if folded_char != char:
            lowered = lowered.replace(char, folded_char)
    return lowered


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str | None:
    """A character's fold when it is one stable character of the same kind (word, joiner, other)."""
    folded = fold(char)
    if len(folded) != 1 or _kind(folded) != _kind(char) or fold(folded) != folded:
        return None
    return None if folded == "σ" != char else folded  # a decomposed capital sigma lowers by context


def _kind(char: str) -> tuple[bool, bool]:
    return bool(_WORD_CHAR.match(char)), char in _JOINERS


def _render(text: str, marks: list[Span], start: int, end: int) -> str:
    """Escaped text between start and end with marked words wrapped; … where the text was cut."""
    quote = escape if _has_markup(text) else str  # most paragraphs hold nothing to escape
    parts = [ELLIPSIS] if start > 0 else []
    cursor = start
    for mark_start, mark_end in marks:
        if mark_start < start or mark_end > end:
            continue
        parts += (
            quote(text[cursor:mark_start]),
            "<mark>",
            quote(text[mark_start:mark_end]),
            "</mark>",
        )
        cursor = mark_end
    parts.append(quote(text[cursor:end]))
    if end < len(text):
        parts.append(ELLIPSIS)
    return "".join(parts)


def _has_markup(text: str) -> bool:
    """Whether html.escape would change anything in text."""
    return "&" in text or "<" in text or ">" in text or '"' in text or "'" in text
