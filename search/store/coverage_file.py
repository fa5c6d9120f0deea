"""coverage.json: what a build holds, written by indexer.coverage, read by search.coverage."""

from __future__ import annotations

import json
from pathlib import Path

FILENAME = "coverage.json"
GENERAL_ASSEMBLY = "General Assembly"


def write_coverage_file(build: Path, record: dict) -> None:
    (Path(build) / FILENAME).write_text(json.dumps(record, ensure_ascii=False, indent=1))


def read_coverage(build: Path) -> dict | None:
    """The record, or None for a build written before coverage existed."""
    try:
        record = json.loads((Path(build) / FILENAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def ranges(periods: list[int]) -> list[list[int]]:
    """[79, 80, 82] -> [[79, 80], [82, 82]]."""
    spans: list[list[int]] = []
    for period in sorted(periods):
        if spans and period == spans[-1][1] + 1:
            spans[-1][1] = period
        else:
            spans.append([period, period])
    return spans
