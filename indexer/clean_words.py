"""Words broken by stray spaces in extracted text ("re sponses", "ru les") put back together."""

from __future__ import annotations

import re

from indexer.words import FUNCTION_WORDS, is_word, vocabulary

_TOKEN = re.compile(r"\S+")
_LETTERS = re.compile(r"[A-Za-z]+")


def repair_stray_spaces(text: str) -> str:
    """Join two neighbours when the joined word is a corpus word and one of the pieces is not."""
    if not vocabulary() or " " not in text:
        return text
    tokens = text.split(" ")
    out: list[str] = []
    for token in tokens:
        if out and _split_word(out[-1], token):
            out[-1] += token
        else:
            out.append(token)
    return " ".join(out)


def _split_word(left: str, right: str) -> bool:
    """'re' + 'sponses,' is one word; 'in' + 'to' are two; punctuation may only trail the second piece."""
    head = re.search(r"([A-Za-z]+)$", left)
    tail = _LETTERS.match(right)
    if not head or not tail or head.group(1) != left.lstrip('(“‘"') or not right[:1].islower():
        return False
    first, second = head.group(1), tail.group(0)
    if first.lower() in FUNCTION_WORDS and len(second) >= 4:
        return False  # "in flux", "to day": two words more often than a broken one
    return is_word(first + second) and not (_known(first) and _known(second))


def _known(piece: str) -> bool:
    return len(piece) == 1 or is_word(piece)
