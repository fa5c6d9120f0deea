"""Everything a reader sees of an index, as plain data, so two builds of the same sources compare.

An update must give what a full build of the same sources gives: the same hits (sorted orders
exactly; relevance as the same set, since deleted paragraphs still count in term statistics until
segments merge), facets, groups, documents, lineage, provenance, citations, precedent paragraphs,
coverage, vocabulary and figures. Phrase statistics are left out: an update does not refresh them.
"""

from __future__ import annotations

import json
from pathlib import Path

from search.api import SearchRequest, Sort
from search.searcher import open_searcher
from search.store import layered, layout

QUERIES = ("", "capacity-building", '"technical assistance"', "women", "peace NEAR/5 security")
SORTS: tuple[Sort, ...] = ("oldest", "newest", "symbol")


def snapshot(index_dir: Path) -> dict:
    searcher = open_searcher(index_dir)
    try:
        found: dict = {}
        for query in QUERIES:
            for sort in SORTS if query else ("newest",):
                results = searcher.search(SearchRequest(query, sort=sort, page_size=100))
                found[(query, sort)] = [(h.symbol, h.paragraph_id) for h in results.hits]
            if query:
                results = searcher.search(SearchRequest(query, page_size=100, facets=True))
                found[(query, "relevance")] = sorted(
                    (h.symbol, h.paragraph_id) for h in results.hits
                )
                found[(query, "total")] = results.total
                found[(query, "facets")] = {k: sorted(v) for k, v in results.facets.items()}
                grouped = searcher.search(
                    SearchRequest(query, sort="oldest", group_by_document=True, page_size=100)
                )
                found[(query, "groups")] = [g.symbol for g in grouped.groups or []]
        documents = {}
        for key in searcher.document_keys():
            document = searcher.document(key)
            documents[key] = document.to_json() if document else None
        build = searcher.build_dir
        manifest = layout.read_manifest(build)
        return {
            "search": found,
            "keys": searcher.document_keys(),
            "documents": documents,
            "language": _tables(build / "language.sqlite", LANGUAGE),
            "precedent": _precedent(build / "precedent.sqlite"),
            "coverage": json.loads((build / "coverage.json").read_text()),
            "words": (build / layout.VOCABULARY).read_text(),
            "figures": {
                k: manifest[k]
                for k in ("documents", "pages", "paragraphs", "paragraphs_per_session")
            },
        }
    finally:
        searcher.close()


LANGUAGE = {
    "lineage": "SELECT * FROM lineage",
    "paragraphs": "SELECT symbol, paragraph_id, status, source_symbol, source_paragraph,"
    " previous_symbol, previous_paragraph, round(similarity, 3), root_symbol, root_paragraph,"
    " diff_html FROM paragraphs",
    "citations": "SELECT * FROM citations",
    "cite_keys": "SELECT * FROM cite_keys",
    "phrase_documents": "SELECT symbol, session, committee, body, type, paragraphs FROM phrase_doc_meta",
}


def _tables(path: Path, queries: dict[str, str]) -> dict:
    connection = layered.connect(path)
    try:
        return {
            name: sorted(connection.execute(sql).fetchall(), key=repr)
            for name, sql in queries.items()
        }
    finally:
        connection.close()


def _precedent(path: Path) -> dict:
    """Paragraphs with their values, and which of them share a wording (group numbers aside)."""
    connection = layered.connect(path)
    try:
        rows = connection.execute(
            "SELECT grp, symbol, paragraph_id, kind, adopted, date, text FROM paragraphs"
        ).fetchall()
        groups: dict[int, list] = {}
        for grp, *values in rows:
            groups.setdefault(grp, []).append(tuple(values[:2]))
        return {
            "paragraphs": sorted(tuple(r[1:]) for r in rows),
            "wordings": sorted(sorted(members) for members in groups.values()),
        }
    finally:
        connection.close()


def differences(a: dict, b: dict) -> list[str]:
    """Where two snapshots differ, named for a readable assertion message."""
    found = []
    for part in a:
        if a[part] == b[part]:
            continue
        if isinstance(a[part], dict):
            for key in sorted(set(a[part]) | set(b[part]), key=repr):
                if a[part].get(key) != b[part].get(key):
                    found.append(f"{part}: {key!r}")
        else:
            found.append(part)
    return found
