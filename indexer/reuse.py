"""What lets a rebuild skip work: a reuse key per source, the parser's fingerprint, the build's inputs."""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

from indexer.parse import content_hash
from indexer.sidecar import MANIFEST, sidecar_path
from search.store import layout
from search.store.docstore import FILENAME, DocStore, StoredSource

_CODE_ROOTS = ("corpus", "indexer")
_BUILD_CODE = (
    "corpus",
    "indexer",
    "search",
)  # every package whose code can change what a build holds
_ROOT = Path(__file__).resolve().parents[1]


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


def build_inputs(engine: str, source_dir: Path, keys: dict[Path, str]) -> str:
    """One digest of all a build is made from: sources (path, reuse key), the files beside them, engine, code.

    The files beside the sources (metadata exports, agendas, notes) are hashed whole: any change rebuilds.
    """
    digest = hashlib.sha256(f"{layout.SCHEMA_VERSION}\0{engine}\0{builder_fingerprint()}".encode())
    named = {_name(path, source_dir): key for path, key in keys.items()}
    named.update(beside_files(source_dir, keys))
    for name, key in sorted(named.items()):
        digest.update(f"\0{name}\0{key}".encode())
    return digest.hexdigest()


def beside_files(source_dir: Path, keys: dict[Path, str]) -> dict[str, str]:
    """Content hash of every file under source_dir that is not a source (metadata, agendas, notes)."""
    named = {}
    if source_dir.is_dir():
        for path in source_dir.rglob("*"):
            relative = path.relative_to(source_dir)
            hidden = any(part.startswith(".") for part in relative.parts)
            if path not in keys and path.is_file() and not hidden:
                named[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return named


def beside_digest(source_dir: Path, keys: dict[Path, str]) -> str:
    """One digest of the files beside the sources: an update needs them unchanged.

    A source's sidecar and its folder's manifest are left out: they are in its reuse key already.
    """
    own = {sidecar_path(path) for path in keys} | {path.parent / MANIFEST for path in keys}
    skipped = {_name(path, source_dir) for path in own}
    digest = hashlib.sha256()
    for name, key in sorted(beside_files(source_dir, keys).items()):
        if name in skipped:
            continue
        digest.update(f"\0{name}\0{key}".encode())
    return digest.hexdigest()


def _name(path: Path, source_dir: Path) -> str:
    return str(path.relative_to(source_dir)) if source_dir.is_dir() else str(path)


def unchanged_build(index_dir: Path, inputs: str) -> tuple[Path, dict] | None:
    """The serving build and its manifest, if it was made from exactly these inputs."""
    build = layout.current_build(index_dir)
    if build is None:
        return None
    try:
        manifest = layout.read_manifest(build)
    except (OSError, ValueError):
        return None
    return (build, manifest) if manifest.get("inputs") == inputs else None


def builder_fingerprint() -> str:
    """Changes whenever any code that reads, analyses or writes an index does (and with indexer/data/)."""
    digest = hashlib.sha256()
    for root in _BUILD_CODE:
        for path in sorted((_ROOT / root).rglob("*.py")):
            digest.update(str(path.relative_to(_ROOT)).encode() + b"\0" + path.read_bytes())
    for path in sorted((_ROOT / "indexer" / "data").rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def reuse_key(path: Path) -> str:
    """The source's content hash, extended by its sidecar and folder manifest when present."""
    digest = hashlib.sha256(content_hash(path).encode())
    for extra in (sidecar_path(path), path.parent / MANIFEST):
        if extra.is_file():
            digest.update(content_hash(extra).encode())  # streamed, whatever its size
    return digest.hexdigest()


def parser_fingerprint() -> str:
    """Changes whenever the reading or parsing code does, so a new parser re-reads every file.

    Covers indexer/parse.py, every first-party module it imports (transitively) and indexer/data/.
    """
    digest = hashlib.sha256()
    for path in sorted(_parse_sources()):
        digest.update(path.read_bytes())
    for path in sorted((_ROOT / "indexer" / "data").rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _parse_sources() -> set[Path]:
    """indexer/parse.py and the corpus/indexer modules reachable from its imports."""
    seen: set[Path] = set()
    todo = [_ROOT / "indexer" / "parse.py"]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            todo.extend(_module_path(name) for name in names if name.split(".")[0] in _CODE_ROOTS)
    return seen


def _module_path(name: str) -> Path:
    base = _ROOT.joinpath(*name.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
