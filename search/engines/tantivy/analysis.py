"""The project's analysis chain, handed to tantivy as folded words it only has to split and stem.

Each paragraph's folded words reach tantivy space-joined, once, for both text fields: the exact
field's analyzer splits them at the spaces; the stems field's also stems each with tantivy's own
Snowball English, the project's stemmer (tests/test_tantivy_analysis.py holds both streams to
the project's, token by token). Most paragraphs (search.engines.rows.joinerless) are folded by one
byte translation, with no Python string per word. tantivy's regex tokenizer with the project's
pattern cost about 30 us per field and paragraph, the larger part of a build. A folded word
holding a space (a compatibility ligature such as U+FDFA decomposes to several words) cannot pass
through the spaces: such a paragraph goes to tantivy pre-tokenised, stems included.
"""

from __future__ import annotations

import tantivy

from indexer.analysis import WORD_PATTERN, fold, stem, tokens
from search.engines.rows import Row, folded_ascii, joinerless

WORDS = "agreed_words"
STEMS = "agreed_stems"


def analyzer() -> tantivy.TextAnalyzer:
    """Split at the spaces and nothing more: the words are already the project's tokens."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def stem_analyzer() -> tantivy.TextAnalyzer:
    """Split at the spaces and stem: Snowball English, as indexer.analysis.stem does."""
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
    return builder.filter(tantivy.Filter.stemmer("english")).build()


def register(index: tantivy.Index) -> None:
    """The analyzers, registered on every Index object that writes or reads the text fields."""
    index.register_tokenizer(WORDS, analyzer())
    index.register_tokenizer(STEMS, stem_analyzer())


def spaced_words(row: Row) -> str | None:
    """The paragraph's folded words joined by spaces, for both text fields; None when a word
    holds a space (see pre_tokenized)."""
    text = row.text
    if joinerless(text):
        return folded_ascii(text)
    return row.exact if spaced(text, row.words) else None


def spaced(text: str, words: list[str]) -> bool:
    """Whether the words, joined by spaces, split back into exactly these words."""
    if text.isascii():  # ASCII words are letters, digits, inner dots and apostrophes
        return True
    return all(words) and not any(char.isspace() for char in set("".join(words)))


def pre_tokenized(text: str) -> tuple[tantivy.PreTokenizedString, tantivy.PreTokenizedString]:
    """(exact, stems) token streams of the project's chain, for a text the spaces cannot carry."""
    words = tokens(text)
    exact = [tantivy.Token(t.exact, t.position, t.start, t.end) for t in words]
    stems = [tantivy.Token(t.stem, t.position, t.start, t.end) for t in words]
    return tantivy.PreTokenizedString(text, exact), tantivy.PreTokenizedString(text, stems)


def project_streams(text: str) -> tuple[list[str], list[str]]:
    """The project's (exact, stems) token streams of a text; what the index must hold."""
    exact = [fold(match.group()) for match in WORD_PATTERN.finditer(text)]
    return exact, [stem(word) for word in exact]
