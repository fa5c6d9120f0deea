"""What an index holds, computed once per build: documents and paragraphs per body, period and type.

The General Assembly counts by session, every other body by year (the Security Council numbers its
resolutions with the year). Every claim about time (first use, charts) is scoped by this record.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from indexer.model import Resolution
from search.engines.rows import natural_key
from search.store.coverage_file import GENERAL_ASSEMBLY, ranges, write_coverage_file

UNKNOWN_BODY = "body not known"
BODY_ORDER = (GENERAL_ASSEMBLY, "Security Council", "Economic and Social Council")
# The running number at the end of a symbol (with its revision or year): what varies within a series
_SERIES = re.compile(r"\d+(?:/Rev\.\d+)?(?:\s*\(\d{4}\))?$", re.IGNORECASE)


def unit_of(body: str) -> str:
    return "session" if body == GENERAL_ASSEMBLY else "year"


def period_of(resolution: Resolution, body: str) -> int | None:
    return resolution.session if unit_of(body) == "session" else resolution.year


def build_coverage(documents: Iterable[tuple[str, Resolution]]) -> dict:
    """{documents, paragraphs, bodies: [...], scope} for the documents of one build."""
    groups: dict[str, list[tuple[str, Resolution]]] = defaultdict(list)
    for key, resolution in documents:
        groups[resolution.body or UNKNOWN_BODY].append((key, resolution))
    bodies = [_body(body, members) for body, members in groups.items()]
    bodies.sort(
        key=lambda b: (BODY_ORDER.index(b["body"]) if b["body"] in BODY_ORDER else 9, b["body"])
    )
    return {
        "documents": sum(b["documents"] for b in bodies),
        "paragraphs": sum(b["paragraphs"] for b in bodies),
        "bodies": bodies,
        "scope": scope_phrase(bodies),
        "agenda_titles": agenda_titles(r for members in groups.values() for _, r in members),
    }


def agenda_titles(documents: Iterable[Resolution]) -> dict[str, str]:
    """Agenda item -> its title, for labelling the agenda facet; an item whose title differs between
    sessions (items are renumbered) gets none rather than a wrong one."""
    seen: dict[str, set[str]] = defaultdict(set)
    for resolution in documents:
        for item, title in resolution.agenda_titles.items():
            seen[item].add(title)
    return {
        item: next(iter(titles))
        for item, titles in sorted(seen.items(), key=lambda kv: natural_key(kv[0]))
        if len(titles) == 1
    }


def _body(body: str, members: list[tuple[str, Resolution]]) -> dict:
    unit = unit_of(body)
    periods: dict[int | None, list[tuple[str, Resolution]]] = defaultdict(list)
    for key, resolution in members:
        periods[period_of(resolution, body)].append((key, resolution))
    known = sorted(p for p in periods if p is not None)
    rows = [_period(unit, p, periods[p]) for p in known]
    missing = [p for p in range(known[0], known[-1] + 1) if p not in periods] if known else []
    if None in periods:
        rows.append(_period(unit, None, periods[None]))
    return {
        "body": body,
        "unit": unit,
        "documents": len(members),
        "paragraphs": sum(len(r.paragraphs) for _, r in members),
        "first": known[0] if known else None,
        "last": known[-1] if known else None,
        "ranges": ranges(known),
        "missing": missing,
        "missing_ranges": ranges(missing),
        "types": _types(members),
        "symbols": _symbols(members),
        "periods": rows,
    }


def _period(unit: str, period: int | None, members: list[tuple[str, Resolution]]) -> dict:
    return {
        unit: period,
        "documents": len(members),
        "paragraphs": sum(len(r.paragraphs) for _, r in members),
        "types": _types(members),
        "symbols": _symbols(members),
    }


def _types(members: list[tuple[str, Resolution]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for _, resolution in members:
        counts[resolution.doc_type or "type not known"] += 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _symbols(members: list[tuple[str, Resolution]]) -> list[dict]:
    """Symbol ranges per series: A/RES/80/1 to A/RES/80/224, A/C.3/80/L.1 to A/C.3/80/L.70."""
    series: dict[str, list[str]] = defaultdict(list)
    for _, resolution in members:
        if resolution.symbol:
            series[_SERIES.sub("", resolution.symbol)].append(resolution.symbol)
    rows = []
    for name, symbols in sorted(series.items(), key=lambda kv: natural_key(kv[0])):
        symbols.sort(key=natural_key)
        rows.append(
            {"series": name, "documents": len(symbols), "first": symbols[0], "last": symbols[-1]}
        )
    return rows


def scope_phrase(bodies: list[dict]) -> str:
    """'General Assembly sessions 79 to 80; Security Council 1946 to 1994, 2002'."""
    parts = []
    for body in bodies:
        if not body["ranges"]:
            continue
        spans = ", ".join(f"{a} to {b}" if a != b else str(a) for a, b in body["ranges"])
        if body["unit"] == "session":
            several = len(body["ranges"]) > 1 or body["first"] != body["last"]
            spans = ("sessions " if several else "session ") + spans
        parts.append(f"{body['body']} {spans}")
    return "; ".join(parts)


def write_coverage(build: Path, documents: Iterable[tuple[str, Resolution]]) -> None:
    write_coverage_file(build, build_coverage(documents))
