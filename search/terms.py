"""What a query asks to see highlighted, in the analysed forms the highlighter compares tokens by."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.analysis import stem
from search.ast import And, Near, Node, Or, Phrase, Prefix, Term


@dataclass(frozen=True)
class HighlightTerms:
    """Unquoted words by stem, compounds as stem sequences, quoted phrases as folded words, prefixes."""

    stems: frozenset[str] = frozenset()
    stem_sequences: tuple[tuple[str, ...], ...] = ()
    exact_sequences: tuple[tuple[str, ...], ...] = ()
    prefixes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.stems or self.stem_sequences or self.exact_sequences or self.prefixes)


def query_terms(node: Node) -> HighlightTerms:
    """Every text clause of a query outside NOT; field clauses highlight nothing."""
    stems: set[str] = set()
    stem_sequences: list[tuple[str, ...]] = []
    exact_sequences: list[tuple[str, ...]] = []
    prefixes: list[str] = []

    def visit(current: Node) -> None:
        if isinstance(current, Term):
            stems.add(stem(current.word))
        elif isinstance(current, Prefix):
            _add_once(prefixes, current.prefix)
        elif isinstance(current, Phrase) and current.exact:
            _add_once(exact_sequences, current.words)
        elif isinstance(current, Phrase):
            _add_once(stem_sequences, tuple(stem(word) for word in current.words))
        elif isinstance(current, Near):
            visit(current.left)
            visit(current.right)
        elif isinstance(current, And | Or):
            for child in current.children:
                visit(child)
        # Not: excluded words are absent from every hit; FieldMatch, Range, MatchAll: no words

    visit(node)
    return HighlightTerms(
        frozenset(stems), tuple(stem_sequences), tuple(exact_sequences), tuple(prefixes)
    )


def _add_once(items: list, item: object) -> None:
    if item not in items:
        items.append(item)
