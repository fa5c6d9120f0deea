"""What an update rewrites whole but cheaply: coverage.json and the manifest from the document
outlines, words.tsv from the serving build's counts and the changed documents' words."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from indexer.build import write_vocabulary
from indexer.coverage import write_coverage
from indexer.metadata import fold_symbol
from indexer.model import Paragraph
from search.store import layout
from search.store.docstore import Outline

if TYPE_CHECKING:
    from indexer.build import BuildReport

_COUNTED = Paragraph("", "operative", None, "")  # stands for each paragraph of an outline


def coverage_from(build: Path, outlines: list[Outline]) -> None:
    """coverage.json as a full build writes it: it needs each document's paragraph count only."""
    write_coverage(
        build,
        [(o.key, replace(o.resolution, paragraphs=[_COUNTED] * o.paragraphs)) for o in outlines],
    )


def update_vocabulary(serving: Path, build: Path, change: Counter[str]) -> None:
    """words.tsv: the serving build's paragraph counts plus the added, minus the removed paragraphs."""
    try:
        lines = (serving / layout.VOCABULARY).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return  # a build from before words.tsv: none now either
    words: Counter[str] = Counter()
    for line in lines:
        word, _, count = line.partition("\t")
        words[word] = int(count)
    words.update(change)
    write_vocabulary(build, +words)


def manifest_after(
    manifest: dict, build_id: str, outlines: list[Outline], report: BuildReport, matched: list[str]
) -> dict:
    """The serving build's manifest with this build's id, figures and failures."""
    sessions: Counter[str] = Counter()
    for outline in outlines:
        if outline.resolution.session is not None:
            sessions[str(outline.resolution.session)] += outline.paragraphs
    report.documents = len(outlines)
    report.paragraphs = sum(o.paragraphs for o in outlines)
    report.pages = sum(o.resolution.pages for o in outlines)
    report.duplicates = [(path, reason) for path, reason in manifest.get("duplicates", [])]
    metadata = dict(manifest.get("metadata", {}))
    if matched:  # the records those documents enrich now have a text
        found = {fold_symbol(symbol) for symbol in matched}
        without = [s for s in metadata.get("without_text", []) if fold_symbol(s) not in found]
        metadata["matched"] = (
            metadata.get("matched", 0) + len(metadata.get("without_text", [])) - len(without)
        )
        metadata["without_text"] = without
    return {
        **manifest,
        "build": build_id,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "documents": report.documents,
        "pages": report.pages,
        "paragraphs": report.paragraphs,
        "reused": report.reused,
        "failures": len(report.failures),
        "failed": report.failures,
        "paragraphs_per_session": dict(sorted(sessions.items(), key=lambda kv: int(kv[0]))),
        "metadata": metadata,
        "update": {"from": manifest.get("build"), **report.changed},
    }
