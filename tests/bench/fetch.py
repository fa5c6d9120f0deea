"""Benchmark: `agreed fetch` against a local ODS stand-in serving real PDFs, and the UN metadata join.

Fetch: the client's ceiling (no rate limit, 2 connections) and the polite default (1 request per second:
each document is two requests, the ODS redirect and the PDF). Metadata: the real UN Digital Library
export and iGov agendas in ../shared/metadata joined to the shared corpus as `agreed index` joins them.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from corpus.client import Client, Policy
from corpus.fetch import Fetcher
from indexer.ingest import ingest_tree
from indexer.metadata import join, load
from tests.ods_server import FakeUN, serve

DOCUMENTS = 120  # real PDFs served for the unthrottled run
POLITE_DOCUMENTS = 5  # at 1 request per second: about 10 s


def run(shared: Path) -> dict:
    pdfs = sorted((shared / "unga-80").glob("*.pdf"))[:DOCUMENTS]
    state = FakeUN()
    for path in pdfs:
        state.documents[_symbol(path)] = path.read_bytes()
    server = serve(state)
    try:
        figures = {
            "unthrottled": _fetch(server.url, list(state.documents), Policy(rate=0.0)),
            "polite_default": _fetch(
                server.url, list(state.documents)[:POLITE_DOCUMENTS], Policy()
            ),
            "max_connections_seen": state.max_connections,
        }
    finally:
        server.shutdown()
        server.server_close()
    figures["metadata"] = _metadata(shared)
    return figures


def _fetch(url: str, symbols: list[str], policy: Policy) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        client = Client(policy)
        started = time.perf_counter()
        report = Fetcher(Path(folder), client, url).fetch(symbols)
        seconds = time.perf_counter() - started
        client.close()
    return {
        "documents": len(report.fetched),
        "failed": len(report.failed),
        "requests": report.requests,
        "megabytes": round(report.bytes / 1e6, 1),
        "seconds": round(seconds, 2),
        "documents_per_second": round(len(report.fetched) / seconds, 1),
        "requests_per_second": round(report.requests / seconds, 2),
        "megabytes_per_second": round(report.bytes / 1e6 / seconds, 1),
        "rate_limit": policy.rate or None,
        "connections": policy.connections,
    }


def _metadata(shared: Path) -> dict:
    """Records of the real export matched to documents of the shared corpus, and those without text."""
    source = shared.parent / "metadata"
    metadata = load(source)
    resolutions = [o.resolution for o in ingest_tree(shared, workers=2) if o.resolution is not None]
    started = time.perf_counter()
    report = join(resolutions, metadata)
    return {
        "metadata_files": report.files,
        "library_records": report.records,
        "records_matched_to_documents": report.matched,
        "records_without_text": len(report.without_text),
        "agenda_sessions": report.agenda_sessions,
        "documents_with_agenda_titles": sum(bool(r.agenda_titles) for r in resolutions),
        "documents": len(resolutions),
        "join_seconds": round(time.perf_counter() - started, 3),
    }


def _symbol(path: Path) -> str:
    return path.stem.replace("_", "/")
