"""Splits a query string into positioned tokens by hand, so every error can point at a character."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from search.api import QueryError
from search.ast import QUERY_FIELDS

TokenKind = Literal[
    "word", "phrase", "field", "lparen", "rparen", "or", "and", "not", "near", "end"
]
QUOTES = '"“”„'
MAX_QUERY_CHARS = 1000
MAX_NEAR = 100
_OPERATORS: dict[str, TokenKind] = {"OR": "or", "AND": "and", "NOT": "not"}


@dataclass(frozen=True)
class QueryToken:
    """One lexical unit; `text` is the word, phrase content, or field value as typed."""

    kind: TokenKind
    position: int
    text: str = ""
    field: str = ""  # field tokens: the lower-cased field name
    value_position: int = 0  # field tokens: where the value starts
    quoted: bool = False  # field tokens: the value was in quotes
    distance: int = 0  # near tokens


def _is_delimiter(char: str) -> bool:
    return char.isspace() or char in "()" or char in QUOTES


_DELIMITER = re.compile(f"[\\s(){QUOTES}]")  # _is_delimiter as one search (re's \s: str.isspace)


class _Lexer:
    """A cursor over the query; each read_* method consumes one token."""

    def __init__(self, text: str):
        self.text = text
        self.at = 0

    def run(self) -> list[QueryToken]:
        tokens: list[QueryToken] = []
        while True:
            while self.at < len(self.text) and self.text[self.at].isspace():
                self.at += 1
            if self.at >= len(self.text):
                return tokens
            char = self.text[self.at]
            if char in "()":
                tokens.append(QueryToken("lparen" if char == "(" else "rparen", self.at))
                self.at += 1
            elif char in QUOTES:
                start = self.at
                tokens.append(QueryToken("phrase", start, self.read_quoted()))
            elif char == "-":
                tokens.append(self.read_minus())
            else:
                tokens.append(self.read_chunk())

    def read_quoted(self) -> str:
        """Text between quotes (straight or curly); the cursor ends after the closing quote."""
        start = self.at
        end = next((i for i in range(start + 1, len(self.text)) if self.text[i] in QUOTES), -1)
        if end < 0:
            raise QueryError('unclosed quote: add the closing "', start)
        self.at = end + 1
        return self.text[start + 1 : end]

    def read_minus(self) -> QueryToken:
        start = self.at
        self.at += 1
        if self.at >= len(self.text) or self.text[self.at].isspace() or self.text[self.at] == ")":
            raise QueryError('"-" needs what to exclude right after it, as in -word', start)
        return QueryToken("not", start, "-")

    def read_chunk(self) -> QueryToken:
        """A run of non-delimiters: an operator, NEAR/n, field:value, or a word."""
        start = self.at
        delimiter = _DELIMITER.search(self.text, start)
        self.at = delimiter.start() if delimiter else len(self.text)
        chunk = self.text[start : self.at]
        if chunk in _OPERATORS:
            return QueryToken(_OPERATORS[chunk], start, chunk)
        if chunk == "NEAR" or chunk.startswith("NEAR/") or _is_lower_near(chunk):
            return QueryToken("near", start, chunk, distance=_near_distance(chunk, start))
        name, colon, _ = chunk.partition(":")
        if colon and name.isascii() and name.isalpha():
            return self.read_field(name.lower(), start, start + len(name) + 1)
        return QueryToken("word", start, chunk)

    def read_field(self, name: str, start: int, value_start: int) -> QueryToken:
        if name not in QUERY_FIELDS:
            raise QueryError(
                f'unknown field "{name}:" (fields: {", ".join(sorted(QUERY_FIELDS))}); '
                "to search the word itself, put it in quotes",
                start,
            )
        if self.at == value_start and self.at < len(self.text) and self.text[self.at] in QUOTES:
            value = self.read_quoted()
            return QueryToken("field", start, value, name, value_start + 1, quoted=True)
        self.extend_with_adjacent_group()
        value = self.text[value_start : self.at]
        if not value.strip() and self.text.startswith("(", self.at):
            raise QueryError(
                f'"{name}:" takes one value: write {name}:a OR {name}:b for several', start
            )
        if not value.strip():
            raise QueryError(f'"{name}:" needs a value right after the colon', start)
        return QueryToken("field", start, value, name, value_start)

    def extend_with_adjacent_group(self) -> None:
        """agenda:71(c): a parenthesised group touching the value belongs to it."""
        if self.at >= len(self.text) or self.text[self.at] != "(":
            return
        close = self.text.find(")", self.at)
        inner = self.text[self.at + 1 : close]
        if close > self.at + 1 and not any(_is_delimiter(c) for c in inner):
            self.at = close + 1


def _is_lower_near(chunk: str) -> bool:
    return chunk.startswith("near/") and chunk[5:].isascii() and chunk[5:].isdigit()


def _near_distance(chunk: str, start: int) -> int:
    digits = chunk[5:]
    if not digits.isascii() or not digits.isdigit():
        raise QueryError("NEAR needs a distance in words, as in NEAR/5", start)
    distance = int(digits)
    if not 1 <= distance <= MAX_NEAR:
        raise QueryError(f"NEAR distance must be between 1 and {MAX_NEAR} words", start)
    return distance


def lex(text: str) -> list[QueryToken]:
    """Tokens of a query in order; raises QueryError for unclosed quotes and malformed operators."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"query too long ({len(text)} characters; the limit is {MAX_QUERY_CHARS})",
            MAX_QUERY_CHARS,
        )
    return _Lexer(text).run()
