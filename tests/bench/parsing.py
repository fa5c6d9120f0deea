"""Benchmark: parsing quality on the whole shared corpus: footnotes, references, headings, kinds, cites."""

from __future__ import annotations

import json
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from corpus.model import UnreadableSource
from corpus.read import read
from indexer.clean import clean
from indexer.header import parse_header
from indexer.ingest import source_files
from indexer.parse import parse

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench" / "parsing.json"
WORKERS = 2
# Keys of the most cited old texts: the Universal Declaration, the Covenants, decolonization
WATCHED_CITES = ("217 A (III)", "2200 A (XXI)", "1514 (XV)", "2625 (XXV)")


def measure_file(path: Path) -> dict:
    """One document's figures; a failure carries its reason."""
    try:
        raw = read(path)
        resolution = parse(raw)
    except UnreadableSource as error:
        return {"path": str(path), "error": str(error)}
    except Exception as error:  # a parser bug is a figure too
        return {"path": str(path), "error": f"{type(error).__name__}: {error}"}
    cleaned = clean(raw, lambda header: parse_header(header).symbol)
    refs = [ref for block in cleaned.body for ref in block.refs if ref.isdigit()]
    kinds = Counter(p.kind for p in resolution.paragraphs)
    notes = [p for p in resolution.paragraphs if p.kind == "footnote"]
    numbers = [int(p.number) for p in notes if p.number and p.number.isdigit()]
    resolved = sum(
        1 for p in resolution.paragraphs if p.kind != "footnote" for f in p.footnotes if f
    )
    return {
        "path": str(path),
        "kinds": dict(kinds),
        "footnotes": len(notes),
        "refs": len(refs),
        "refs_resolved": resolved,
        "orphan_footnotes": sum(1 for p in notes if p.parent is None),
        # footnotes are numbered 1..n through a document: a gap or a repeat is a misread
        "footnote_sequence_ok": sorted(numbers)
        == list(range(min(numbers, default=1), max(numbers, default=0) + 1)),
        "cites": list(resolution.cites),
        "title_words": len((resolution.title or "").split()),
        "symbol": resolution.symbol,
    }


def summarise(rows: list[dict]) -> dict:
    ok = [row for row in rows if "error" not in row]
    kinds: Counter[str] = Counter()
    for row in ok:
        kinds.update(row["kinds"])
    with_notes = [row for row in ok if row["footnotes"]]
    refs = sum(row["refs"] for row in ok)
    resolved = sum(row["refs_resolved"] for row in ok)
    cited = Counter(cite for row in ok for cite in row["cites"])
    return {
        "documents": len(ok),
        "failures": [{"path": r["path"], "reason": r["error"]} for r in rows if "error" in r],
        "paragraphs_per_kind": dict(sorted(kinds.items())),
        "footnotes": kinds["footnote"],
        "documents_with_footnotes": len(with_notes),
        "footnotes_per_document_with_footnotes": round(
            kinds["footnote"] / max(1, len(with_notes)), 2
        ),
        "footnote_refs": refs,
        "footnote_refs_resolved": resolved,
        "footnote_refs_resolved_share": round(resolved / max(1, refs), 4),
        "orphan_footnotes": sum(row["orphan_footnotes"] for row in ok),
        "documents_footnotes_out_of_sequence": sum(
            1 for row in with_notes if not row["footnote_sequence_ok"]
        ),
        "headings": kinds["heading"],
        "documents_with_headings": sum(1 for row in ok if row["kinds"].get("heading")),
        "tables": kinds["table"],
        "cites": sum(len(row["cites"]) for row in ok),
        "documents_citing": {key: cited[key] for key in WATCHED_CITES},
        "symbols_with_asterisk": sum(1 for row in ok if (row["symbol"] or "").endswith("*")),
        "titles_over_60_words": sum(1 for row in ok if row["title_words"] > 60),
    }


def run(shared: Path, limit: int | None = None) -> dict:
    """Figures for every source under `shared` (the first `limit` of them when given)."""
    paths = source_files(shared)[:limit]
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        rows = list(pool.map(measure_file, paths, chunksize=8))
    figures = {"corpus": str(shared), **summarise(rows)}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2))
    # one row per document, to find the examples behind a figure (not .json: not in the summary)
    OUT.with_name("parsing-documents.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return figures


if __name__ == "__main__":  # python -m tests.bench.parsing [../shared/corpus [LIMIT]]
    import sys

    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    print(json.dumps(run(shared, limit), indent=2))
