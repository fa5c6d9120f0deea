"""Benchmark: ingest the whole shared corpus (all four folders) with the worker pool `agreed index` uses."""

from __future__ import annotations

import json
from pathlib import Path

from indexer.ingest import run as ingest_run

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench" / "ingest.json"
WORKERS = 2


def run(shared: Path) -> dict:
    """Figures of one full ingestion: documents, pages, paragraphs, pages/s, seconds, failures."""
    report = ingest_run(shared, workers=WORKERS)
    figures = {
        "corpus": str(shared),
        "workers": WORKERS,
        "documents": report.documents,
        "pages": report.pages,
        "paragraphs": report.paragraphs,
        "seconds": round(report.seconds, 1),
        "pages_per_second": report.pages_per_second,
        "failures": [{"path": path, "reason": reason} for path, reason in report.failures],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2))
    return figures


if __name__ == "__main__":  # python -m tests.bench.ingest [../shared/corpus]
    import sys

    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    print(json.dumps(run(shared), indent=2))
