"""Paragraph-aligned comparison of two documents (draft vs adopted, revision vs original, session vs session).

The alignment itself is indexer.alignment's, the one the provenance badges are built from, so a
document page and its comparison with its draft never disagree.
"""

from __future__ import annotations

from typing import Any

from indexer.alignment import MATCH, Pair, align, word_overlap
from indexer.model import Resolution

__all__ = ["MATCH", "Pair", "compare", "pair_json", "word_overlap"]


def compare(a: Resolution, b: Resolution) -> list[Pair]:
    """Every paragraph of both documents in order, moved paragraphs paired where they now stand."""
    return align(a.paragraphs, b.paragraphs)


def pair_json(pair: Pair) -> dict[str, Any]:
    """a, b, status, diff_html; moved: true only on a moved pair."""
    data: dict[str, Any] = {
        "a": pair.a,
        "b": pair.b,
        "status": pair.status,
        "diff_html": pair.diff_html,
    }
    if pair.moved:
        data["moved"] = True
    return data
