"""One walk over the query AST for every engine: stemming, fields and ranges decided here once.

An engine subclasses QueryCompiler and supplies one small hook per node type, receiving analysed
words (stems or folded exact words) and the field to match them in, never AST nodes.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Generic, TypeVar

from indexer.analysis import stem
from search.api import QueryError
from search.ast import And, FieldMatch, MatchAll, Near, Node, Not, Or, Phrase, Prefix, Range, Term
from search.engines.rows import keyword

Q = TypeVar("Q")
Slot = tuple[str, str]  # ("term", analysed word) or ("prefix", folded start of a word)


class QueryCompiler(ABC, Generic[Q]):
    """compile(node) -> the engine's query object Q, through the hooks below."""

    def compile(self, node: Node) -> Q:
        match node:
            case Term(word):
                return self.term("stems", stem(word))
            case Phrase(words, exact=True):
                return self.phrase("exact", list(words))
            case Phrase(words):
                return self.phrase("stems", [stem(word) for word in words])
            case Prefix(prefix):
                return self.prefix("exact", prefix)
            case Near(distance=distance):
                field, left, right = near_plan(node)
                return self.near(field, left, right, distance)
            case FieldMatch(field, value):
                return self.keyword(field, keyword(value))
            case Range(field, None, None):
                return self.match_all()
            case Range(field, low, high):
                return self.range(field, low, high)
            case And(children):
                positive = [self.compile(c) for c in children if not isinstance(c, Not)]
                negative = [self.compile(c.child) for c in children if isinstance(c, Not)]
                return self.conjunction(positive, negative)
            case Or(children):
                return self.disjunction([self.compile(child) for child in children])
            case Not(child):
                return self.conjunction([self.match_all()], [self.compile(child)])
            case MatchAll():
                return self.match_all()
        raise QueryError(f"cannot search for {type(node).__name__}")

    @abstractmethod
    def term(self, field: str, word: str) -> Q:
        """One analysed word in field ("stems" or "exact")."""

    @abstractmethod
    def phrase(self, field: str, words: list[str]) -> Q:
        """Analysed words in order, adjacent (one word: a term)."""

    @abstractmethod
    def prefix(self, field: str, prefix: str) -> Q:
        """Any word of field starting with the folded prefix."""

    @abstractmethod
    def near(self, field: str, left: list[Slot], right: list[Slot], distance: int) -> Q:
        """Both sides within `distance` word positions of each other, in either order."""

    @abstractmethod
    def keyword(self, field: str, value: str) -> Q:
        """A folded keyword value of a metadata field; scores nothing."""

    @abstractmethod
    def range(self, field: str, low: int | None, high: int | None) -> Q:
        """An integer field within low..high (one end may be open); scores nothing."""

    @abstractmethod
    def conjunction(self, positive: Sequence[Q], negative: Sequence[Q]) -> Q:
        """Every positive clause and none of the negative ones (positive may be empty)."""

    @abstractmethod
    def disjunction(self, clauses: Sequence[Q]) -> Q: ...

    @abstractmethod
    def match_all(self) -> Q: ...


def near_plan(near: Near) -> tuple[str, list[Slot], list[Slot]]:
    """The field both sides of a NEAR are matched in, and each side's word slots.

    Proximity needs one field: when one side is by stem (a word) and the other exact (quoted or
    a prefix), the exact side is matched by stem inside this NEAR.
    """
    left, right = _slots(near.left), _slots(near.right)
    if left[0] == right[0]:
        return left[0], left[1], right[1]
    return "stems", _slots(near.left, "stems")[1], _slots(near.right, "stems")[1]


def _slots(operand: Term | Phrase | Prefix, force: str | None = None) -> tuple[str, list[Slot]]:
    if isinstance(operand, Term):
        return "stems", [("term", stem(operand.word))]
    if isinstance(operand, Prefix):
        if force == "stems":
            return "stems", [("prefix", stem(operand.prefix))]
        return "exact", [("prefix", operand.prefix)]
    if operand.exact and force != "stems":
        return "exact", [("term", word) for word in operand.words]
    return "stems", [("term", stem(word)) for word in operand.words]
