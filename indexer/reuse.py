"""What lets a rebuild skip unchanged files: a reuse key per source and the parser's fingerprint."""

from __future__ import annotations

import hashlib
from pathlib import Path

from indexer import layout
from indexer.docstore import FILENAME, DocStore, StoredSource
from indexer.parse import content_hash
from indexer.sidecar import MANIFEST, sidecar_path

_CODE_ROOTS = ("corpus", "indexer")


def previous_sources(index_dir: Path) -> dict[str, StoredSource]:
    """What the serving build parsed, if it was built by the same schema and parser code."""
    build = layout.current_build(index_dir)
    if build is None or not (build / FILENAME).is_file():
        return {}
    try:
        manifest = layout.read_manifest(build)
    except (OSError, ValueError):
        return {}
    if (
        manifest.get("schema") != layout.SCHEMA_VERSION
        or manifest.get("parser") != parser_fingerprint()
    ):
        return {}
    store = DocStore(build / FILENAME)
    try:
        return store.sources()
    finally:
        store.close()


def reuse_key(path: Path) -> str:
    """The source's content hash, extended by its sidecar and folder manifest when present."""
    digest = hashlib.sha256(content_hash(path).encode())
    for extra in (sidecar_path(path), path.parent / MANIFEST):
        if extra.is_file():
            digest.update(extra.read_bytes())
    return digest.hexdigest()


def parser_fingerprint() -> str:
    """Changes whenever the reading or parsing code does, so a new parser re-reads every file."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]
    for package in _CODE_ROOTS:
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
