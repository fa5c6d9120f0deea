"""The project's analysis chain, handed to tantivy as words it only has to split at the spaces.

search.engines.rows.Row gives each paragraph's folded words and their Snowball stems, space-joined;
tantivy's whitespace tokenizer (no filter) turns them back into the same tokens at the same
positions. tantivy's regex tokenizer with the project's pattern gave the same tokens too, but cost
about 30 us per field and paragraph (measured at 100k paragraphs), the larger part of a build. A
folded word holding a space (a compatibility ligature such as U+FDFA decomposes to several words)
cannot pass through the spaces: such a paragraph goes to tantivy pre-tokenised.
"""

from __future__ import annotations

import tantivy

from indexer.analysis import WORD_PATTERN, fold, stem, tokens

WORDS = "agreed_words"


def analyzer() -> tantivy.TextAnalyzer:
    """Split at the spaces and nothing more: the words are already the project's tokens."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def register(index: tantivy.Index) -> None:
    """The analyzer, registered on every Index object that writes or reads the text fields."""
    index.register_tokenizer(WORDS, analyzer())


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
