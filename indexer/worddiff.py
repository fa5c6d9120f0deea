"""Word-level diffs of two paragraphs as escaped HTML, shared by provenance (index time) and compare."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from html import escape

from indexer.analysis import fold

# A word with its trailing punctuation and space, so a diff never splits "2024," from its comma;
# "long -term" and "long- term" (a stray space in a PDF) are one word, as "long-term" is.
_PIECE = re.compile(r"\S+(?:(?:\s+(?=[-‐‑]\w)|(?<=\w[-‐‑])\s+(?=\w))\S+)*\s*|\s+")
# Typographic variants that are one character to a reader: hyphens, quotes, apostrophes.
_FORMS = str.maketrans({"‐": "-", "‑": "-", "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def pieces(text: str) -> list[str]:
    """The text cut into words that keep their trailing spacing; joined back they give the text."""
    return _PIECE.findall(text)


def _key(piece: str) -> str:
    """Compare words case-, diacritics-, spacing-, hyphen- and quote-form-blind."""
    return fold("".join(piece.translate(_FORMS).split()))


def same_wording(old: str, new: str) -> bool:
    """Whether two texts differ only in spacing, hyphen, quote or letter-case forms."""
    return old == new or _flat(old) == _flat(new)


def _flat(text: str) -> str:
    """The text without its spacing, with one form of each hyphen and quote, folded."""
    return fold("".join(text.translate(_FORMS).split()))


# Word pairs a diff may weigh: SequenceMatcher's cost grows with their product. The longest real
# paragraphs (about 1,600 words) stay below; past it the unchanged ends are kept and the middle is
# shown as replaced, so no comparison of two long paragraphs can stall a page.
MAX_DIFF_CELLS = 4_000_000


def diff_html(old: str, new: str) -> str:
    """The new text with deleted words in <del> and inserted words in <ins>; everything else escaped."""
    old_pieces, new_pieces = pieces(old), pieces(new)
    old_keys, new_keys = [_key(p) for p in old_pieces], [_key(p) for p in new_pieces]
    out: list[str] = []
    for tag, a_start, a_end, b_start, b_end in _opcodes(old_keys, new_keys):
        if tag == "equal":
            out.append(escape("".join(new_pieces[b_start:b_end])))
            continue
        if tag in ("delete", "replace"):
            if _lost_space(out, old_pieces, a_start):
                out.append(" ")
            out.append(_wrap("del", old_pieces[a_start:a_end]))
        if tag in ("insert", "replace"):
            out.append(_wrap("ins", new_pieces[b_start:b_end]))
    return "".join(out)


def _lost_space(out: list[str], old_pieces: list[str], start: int) -> bool:
    """The new text's last word before a deletion may end the paragraph: the old one had a space."""
    return bool(out) and not out[-1][-1:].isspace() and old_pieces[start - 1][-1:].isspace()


def _opcodes(old: list[str], new: list[str]) -> Sequence[tuple[str, int, int, int, int]]:
    """difflib's opcodes, or within MAX_DIFF_CELLS: equal ends and one replaced middle."""
    if len(old) * len(new) <= MAX_DIFF_CELLS:
        return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    codes = [("equal", 0, head, 0, head)] if head else []
    old_end, new_end = len(old) - tail, len(new) - tail
    if head < old_end or head < new_end:
        tag = (
            "replace"
            if head < old_end and head < new_end
            else "delete"
            if head < old_end
            else "insert"
        )
        codes.append((tag, head, old_end, head, new_end))
    if tail:
        codes.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return codes


def _wrap(tag: str, words: list[str]) -> str:
    """Mark the words but leave their final spacing outside the tag, so highlights hug the words."""
    text = "".join(words)
    stripped = text.rstrip()
    return f"<{tag}>{escape(stripped)}</{tag}>{escape(text[len(stripped) :])}"


def similarity(old: str, new: str) -> float:
    """Share of words two paragraphs have in common, in order (difflib ratio over folded words)."""
    old_words = [_key(p) for p in pieces(old)]
    new_words = [_key(p) for p in pieces(new)]
    if not old_words and not new_words:
        return 1.0
    matched = sum(
        a_end - a_start
        for tag, a_start, a_end, *_ in _opcodes(old_words, new_words)
        if tag == "equal"
    )
    return 2 * matched / (len(old_words) + len(new_words))
