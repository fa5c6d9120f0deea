"""The project's analysis chain run inside tantivy's writer threads, token for token the same.

tantivy's regex tokenizer with indexer.analysis.WORD_PATTERN, ASCII folding, lower case and its
Snowball English stemmer give exactly the project's tokens, positions and stems for every character
both chains treat alike (tests/test_tantivy_analysis.py). A paragraph holding a character they treat
differently (ß folds to "ss" in tantivy, stays "ß" in the project) is analysed by the project's
chain and handed to tantivy pre-tokenised, so the index holds the project's tokens either way.
"""

from __future__ import annotations

import re
from functools import lru_cache

import tantivy

from indexer.analysis import WORD_PATTERN, fold, stem, tokens

EXACT = "agreed_exact"
STEMS = "agreed_stems"
# Lower case depends on the neighbours for a final sigma: never judged one character at a time.
_CONTEXTUAL = frozenset("Σ")
_PROJECT_WORD = re.compile(r"[^\W_]")


def analyzer(stemmed: bool) -> tantivy.TextAnalyzer:
    """The chain of indexer.analysis in tantivy's own tokenizer and filters."""
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(WORD_PATTERN.pattern))
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.lowercase())
    )
    if stemmed:
        builder = builder.filter(tantivy.Filter.stemmer("english"))
    return builder.build()


def register(index: tantivy.Index) -> None:
    """Both analyzers, registered on every Index object that writes or reads the text fields."""
    index.register_tokenizer(EXACT, analyzer(stemmed=False))
    index.register_tokenizer(STEMS, analyzer(stemmed=True))


_EXACT_ANALYZER = analyzer(stemmed=False)


@lru_cache(maxsize=4096)
def agrees(char: str) -> bool:
    """Whether tantivy's chain treats this character as the project's does: separator or same fold."""
    if char in _CONTEXTUAL:
        return False
    ours = fold(char) if _PROJECT_WORD.match(char) else None
    theirs = _EXACT_ANALYZER.analyze(char)
    if ours is None:
        return not theirs
    return theirs == [ours]


def native(text: str) -> bool:
    """Whether tantivy may analyse this text itself (the common case: ASCII, or agreeing letters)."""
    return text.isascii() or all(agrees(char) for char in set(text) if not char.isascii())


def pre_tokenized(text: str) -> tuple[tantivy.PreTokenizedString, tantivy.PreTokenizedString]:
    """(exact, stems) token streams of the project's chain, for a text tantivy may not analyse."""
    words = tokens(text)
    exact = [tantivy.Token(t.exact, t.position, t.start, t.end) for t in words]
    stems = [tantivy.Token(t.stem, t.position, t.start, t.end) for t in words]
    return tantivy.PreTokenizedString(text, exact), tantivy.PreTokenizedString(text, stems)


def project_streams(text: str) -> tuple[list[str], list[str]]:
    """The project's (exact, stems) token streams of a text; what the index must hold."""
    exact = [fold(match.group()) for match in WORD_PATTERN.finditer(text)]
    return exact, [stem(word) for word in exact]
