"""The corpus vocabulary that decides line-end hyphens and stray-space repairs (built, never downloaded)."""

from __future__ import annotations

import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("data") / "words.txt"
MIN_COUNT = 3
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


@cache
def vocabulary() -> frozenset[str]:
    """Lower-case words and hyphenated compounds seen at least MIN_COUNT times inside lines."""
    if not WORDS_FILE.exists():
        return frozenset()
    return frozenset(WORDS_FILE.read_text(encoding="utf-8").split())


# Short words any English text has, even where a UN corpus rarely prints them mid-line
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "do",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "here",
        "his",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "nor",
        "not",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "too",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
    ]
)


def is_word(token: str) -> bool:
    lowered = token.lower()
    return lowered in FUNCTION_WORDS or lowered in vocabulary()


def count_words(lines: list[str]) -> Counter[str]:
    """Words inside a line only: a word at a line end may be half of a split one."""
    counts: Counter[str] = Counter()
    for line in lines:
        tokens = _WORD.findall(line)
        for token in tokens[1:-1]:
            counts[token.lower()] += 1
    return counts


def build(root: Path) -> list[str]:
    """Read every source under root into a sorted list of its words (inner tokens of lines only)."""
    from corpus.model import UnreadableSource
    from corpus.read import (
        read,
    )  # the builder is a maintenance tool; the parser only loads the list

    counts: Counter[str] = Counter()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".pdf", ".txt")):
        try:
            document = read(path)
        except UnreadableSource:
            continue
        counts.update(count_words([line.text for line in document.lines if line.zone != "margin"]))
    return sorted(word for word, count in counts.items() if count >= MIN_COUNT and len(word) > 1)


if __name__ == "__main__":  # python -m indexer.words ../shared/corpus
    WORDS_FILE.parent.mkdir(exist_ok=True)
    words = build(Path(sys.argv[1]))
    WORDS_FILE.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {WORDS_FILE}")
