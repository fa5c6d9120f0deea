"""Benchmark: phrase tables over the whole shared corpus (index-time cost) and the phrase pages' latency.

`python -m tests.bench.phrases --index DIR` measures an index already built from the shared corpus;
`make bench` (module "phrases") builds one first.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from indexer.build import build_index
from indexer.language import keyed_by_document_key
from indexer.phrase_tables import write_phrase_tables
from search.store import layered, layout
from search.store.docstore import FILENAME as DOCS
from search.store.docstore import DocStore
from search.store.language_tables import FILENAME as LANGUAGE
from web import create_app

ROOT = Path(__file__).resolve().parents[2]
INDEX = ROOT / "var" / "bench" / "phrases-index"
ROUNDS = 5  # each page is asked this many times; the first answer of each is the cold one
FILTERS = ["", "&f=committee:third", "&f=committee:second", "&f=body:ga", "&f=type:resolution"]


def run(shared: Path, index_dir: Path | None = None) -> dict:
    if index_dir is None:
        build_index(shared, INDEX)
        index_dir = INDEX
    build = layout.current_build(index_dir)
    assert build is not None, f"no build in {index_dir}"
    figures = {"index": str(index_dir), **_index_time(build)}
    figures.update(_latency(index_dir, build))
    return figures


def _index_time(build: Path) -> dict:
    """write_phrase_tables alone, on the build's documents and paragraph families."""
    resolutions = keyed_by_document_key([r for _, r in DocStore(build / DOCS).items()])
    with layered.connect(build / LANGUAGE) as language:
        roots = {
            (symbol, paragraph): (root_symbol, root_paragraph)
            for symbol, paragraph, root_symbol, root_paragraph in language.execute(
                "SELECT symbol, paragraph_id, root_symbol, root_paragraph FROM paragraphs"
            )
        }
    with tempfile.TemporaryDirectory() as scratch:
        connection = sqlite3.connect(Path(scratch) / "phrases.sqlite")
        started = time.perf_counter()
        kept = write_phrase_tables(connection, resolutions, roots)
        connection.commit()
        seconds = time.perf_counter() - started
        connection.close()
        size = (Path(scratch) / "phrases.sqlite").stat().st_size
    return {
        "documents": len(resolutions),
        "paragraphs": sum(len(r.paragraphs) for r in resolutions),
        "phrases": kept,
        "phrase_tables_seconds": round(seconds, 1),
        "phrase_tables_mb": round(size / 1e6, 1),
    }


def _latency(index_dir: Path, build: Path) -> dict:
    """Warm p50/p95 of /phrases (every session, with and without filters) and document pages."""
    client = create_app({"INDEX": str(index_dir), "TESTING": True}).test_client()
    sessions = client.get("/phrases.json").get_json()
    latest = sessions["session"]
    with layered.connect(build / LANGUAGE) as db:
        all_sessions = [
            row[0]
            for row in db.execute(
                "SELECT DISTINCT session FROM phrase_doc_meta WHERE session IS NOT NULL"
            )
        ]
        symbols = [row[0] for row in db.execute("SELECT symbol FROM phrase_doc_meta")]
    random.seed(80)
    urls = {
        "phrases_page": [f"/phrases?session={s}{f}" for s in all_sessions for f in FILTERS],
        "phrases_json_latest": [f"/phrases.json?session={latest}{f}" for f in FILTERS],
        "document_page": [f"/doc/{s}" for s in random.sample(symbols, min(100, len(symbols)))],
    }
    figures: dict = {}
    for name, group in urls.items():
        timings = []
        for url in group:
            for _ in range(ROUNDS):
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        figures[name] = {
            "requests": len(timings),
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
            "max_ms": round(timings[-1], 1),
        }
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--index", type=Path, help="an index of the shared corpus, already built")
    args = parser.parse_args()
    print(json.dumps(run(args.shared, args.index), indent=2))
