"""The query language: recursive descent over hand-lexed tokens into search.ast nodes."""

from __future__ import annotations

from indexer.analysis import exact_words
from search.api import QueryError
from search.ast import And, MatchAll, Near, Node, Not, Or, Phrase, Prefix, Term
from search.describe import describe
from search.query_lexer import QueryToken, lex
from search.query_values import field_clause
from search.terms import HighlightTerms, query_terms

__all__ = ["HighlightTerms", "QueryError", "describe", "parse_query", "query_terms"]

MAX_DEPTH = 32
MIN_PREFIX = 2
_TEXT_CLAUSES = (Term, Phrase, Prefix)
_ENDS_CLAUSE = ("or", "and", "rparen", "end")


def parse_query(text: str) -> Node:
    """A query string as an AST; raises QueryError(message, position) for anything malformed."""
    if not isinstance(text, str):
        raise QueryError("the query must be text", 0)
    tokens = [t for t in lex(text) if t.kind != "word" or _has_words(t.text)]
    if not tokens:
        return MatchAll()
    parser = _Parser(tokens, len(text))
    node = parser.parse_or()
    if parser.peek().kind == "rparen":
        raise QueryError("unmatched ): there is no ( before it", parser.peek().position)
    return _anchor_negations(node)


def _has_words(chunk: str) -> bool:
    """Punctuation alone ("–", "&") is not in the index: such chunks are dropped, not searched."""
    return bool(exact_words(chunk)) or "*" in chunk


class _Parser:
    """or := and (OR and)* ; and := unary ([AND] unary)* ; unary := (NOT|-) unary | near ;
    near := primary (NEAR/n primary)* ; primary := ( or ) | field:value | "phrase" | word."""

    def __init__(self, tokens: list[QueryToken], length: int):
        self.tokens = tokens
        self.end = QueryToken("end", length)
        self.index = 0
        self.depth = 0

    def peek(self) -> QueryToken:
        return self.tokens[self.index] if self.index < len(self.tokens) else self.end

    def take(self) -> QueryToken:
        token = self.peek()
        self.index += 1
        return token

    def parse_or(self) -> Node:
        children = [self.parse_and()]
        while self.peek().kind == "or":
            operator = self.take()
            if self.peek().kind in _ENDS_CLAUSE:
                raise QueryError("OR needs a clause on each side", operator.position)
            children.append(self.parse_and())
        return _combine(Or, children)

    def parse_and(self) -> Node:
        children: list[Node] = []
        while self.peek().kind not in ("or", "rparen", "end"):
            if self.peek().kind == "and":
                operator = self.take()
                if not children or self.peek().kind in _ENDS_CLAUSE:
                    raise QueryError("AND needs a clause on each side", operator.position)
                continue
            children.append(self.parse_unary())
        if not children:
            token = self.peek()
            if token.kind == "or":
                raise QueryError("OR needs a clause on each side", token.position)
            if token.kind == "rparen" and self.depth == 0:
                raise QueryError("unmatched ): there is no ( before it", token.position)
            raise QueryError("empty parentheses: put a clause between them", token.position)
        return _combine(And, children)

    def parse_unary(self) -> Node:
        token = self.peek()
        if token.kind != "not":
            return self.parse_near()
        self.take()
        if self.peek().kind in _ENDS_CLAUSE:
            if token.text == "-":
                raise QueryError(
                    '"-" needs what to exclude right after it, as in -word', token.position
                )
            raise QueryError("NOT needs something to exclude after it", token.position)
        with _Nesting(self, token):
            return Not(self.parse_unary())

    def parse_near(self) -> Node:
        left = self.parse_primary()
        nears: list[Node] = []
        while self.peek().kind == "near":
            operator = self.take()
            message = f"{operator.text} needs a word, phrase or prefix on each side"
            if not isinstance(left, _TEXT_CLAUSES) or self.peek().kind not in ("word", "phrase"):
                raise QueryError(message, operator.position)
            right = self.parse_primary()
            if not isinstance(right, _TEXT_CLAUSES):
                raise QueryError(message, operator.position)
            nears.append(Near(left, right, operator.distance))
            left = right
        return _combine(And, nears) if nears else left

    def parse_primary(self) -> Node:
        token = self.take()
        if token.kind == "lparen":
            with _Nesting(self, token):
                inner = self.parse_or()
            if self.peek().kind != "rparen":
                raise QueryError("unclosed parenthesis: add a closing )", token.position)
            self.take()
            return inner
        if token.kind == "field":
            return field_clause(token.field, token.text, token.value_position)
        if token.kind == "phrase":
            return _quoted(token)
        if token.kind == "word":
            return _word(token)
        if token.kind == "near":
            raise QueryError(
                f"{token.text} needs a word, phrase or prefix on each side", token.position
            )
        raise QueryError(f"unexpected {token.text or token.kind}", token.position)


class _Nesting:
    """Bounds recursion so deep nesting is a QueryError, not a RecursionError."""

    def __init__(self, parser: _Parser, token: QueryToken):
        self.parser = parser
        self.token = token

    def __enter__(self) -> None:
        self.parser.depth += 1
        if self.parser.depth > MAX_DEPTH:
            raise QueryError(
                f"query nested too deeply (more than {MAX_DEPTH} levels)", self.token.position
            )

    def __exit__(self, *exc: object) -> None:
        self.parser.depth -= 1


def _quoted(token: QueryToken) -> Phrase:
    """ "exact phrase": folded words in order, unstemmed."""
    words = tuple(exact_words(token.text))
    if not words:
        raise QueryError("empty quotes: put words between them", token.position)
    return Phrase(words, exact=True)


def _word(token: QueryToken) -> Term | Phrase | Prefix:
    """develop* is a prefix; capacity-building (or A/RES/65/230) a stemmed phrase; else a term."""
    chunk = token.text
    words = exact_words(chunk)
    if "*" in chunk:
        body = chunk.rstrip(".,;:!?")
        if not body.endswith("*") or "*" in body[:-1] or len(words) != 1:
            raise QueryError("* goes at the end of a single word, as in develop*", token.position)
        if len(words[0]) < MIN_PREFIX:
            raise QueryError(
                f"prefix too short: give at least {MIN_PREFIX} letters before *", token.position
            )
        return Prefix(words[0])
    if len(words) == 1:
        return Term(words[0])
    return Phrase(tuple(words), exact=False)


def _combine(kind: type[And] | type[Or], children: list[Node]) -> Node:
    """One child stands alone; nested nodes of the same kind are flattened."""
    flat: list[Node] = []
    for child in children:
        flat.extend(child.children if isinstance(child, kind) else (child,))
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def _anchor_negations(node: Node) -> Node:
    """Engines get every Not inside an And with a positive clause: -war becomes MatchAll AND NOT war."""
    if isinstance(node, Not):
        return And((MatchAll(), Not(_anchor_negations(node.child))))
    if isinstance(node, Or):
        return Or(tuple(_anchor_negations(child) for child in node.children))
    if isinstance(node, And):
        children = tuple(
            Not(_anchor_negations(c.child)) if isinstance(c, Not) else _anchor_negations(c)
            for c in node.children
        )
        if all(isinstance(child, Not) for child in children):
            children = (MatchAll(), *children)
        return And(children)
    return node
