"""The draft a plenary resolution cites in its header: "[without reference to a Main Committee (A/80/L.2)]"."""

from __future__ import annotations

import re

_BRACKET = re.compile(r"\[\s*without\s+reference\s+to\s+a\s+Main\s+Committee\s*\(([^\]]*)\)", re.I)
_DRAFT = re.compile(r"\bA/(?:C\.\d/)?\d+/L\.\d+(?:/Rev\.\d+)?", re.IGNORECASE)


def drafts_cited(header: list[str]) -> list[str]:
    """Draft symbols the header names as the text put to the vote (addenda are not drafts)."""
    match = _BRACKET.search(" ".join(" ".join(header).split()))
    if not match:
        return []
    return list(dict.fromkeys(m.group(0) for m in _DRAFT.finditer(match.group(1))))
