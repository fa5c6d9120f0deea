"""Where an index lives on disk, shared by the builder and the searchers that read it.

index_dir/
  current            the serving build's id, replaced atomically (temp file + os.replace)
  build.lock         held (flock) while a build runs
  builds/<id>/       one complete build: manifest.json, docs.sqlite, language.sqlite,
                     precedent.sqlite, words.tsv, <engine>/; after an update each .sqlite may be
                     a top over its base, <name>.base.sqlite (search/store/layered.py)
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import click

# 2: lineage evidence, coverage.json, subject field; 3: the year facet; 4: tantivy rows (issue 13);
# 5: tantivy stems its own field (issue 13); 6: tantivy's hit rows in row files of its own;
# 7: tantivy counts session and year facets on their integer columns
SCHEMA_VERSION = 7
POINTER = "current"
LOCK = "build.lock"
BUILDS = "builds"
MANIFEST = "manifest.json"
VOCABULARY = "words.tsv"  # every indexed word and its paragraph count, for "did you mean"
DEFAULT_INDEX = Path("var/index")

index_option = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="AGREED_INDEX",
    default=DEFAULT_INDEX,
    show_default=True,
    help="Index directory (env AGREED_INDEX).",
)


def builds_dir(index_dir: Path) -> Path:
    return Path(index_dir) / BUILDS


def current_build(index_dir: Path) -> Path | None:
    """The build the pointer names, or None before the first build completes."""
    pointer = Path(index_dir) / POINTER
    try:
        build_id = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    build = builds_dir(index_dir) / build_id
    return build if build_id and build.is_dir() else None


def point_to(index_dir: Path, build_id: str) -> None:
    """Switch the serving build in one step: readers see the old id or the new one, never half."""
    pointer = Path(index_dir) / POINTER
    temporary = pointer.with_name(f".{POINTER}.{os.getpid()}.tmp")
    temporary.write_text(build_id + "\n", encoding="utf-8")
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, pointer)


def new_build(index_dir: Path) -> Path:
    """A fresh, empty build directory; ids sort by creation time."""
    build_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f") + f"-{os.urandom(3).hex()}"
    build = builds_dir(index_dir) / build_id
    build.mkdir(parents=True)
    return build


@contextmanager
def publishing(index_dir: Path) -> Iterator[Path]:
    """A new build beside the serving one: made current when the block completes, deleted if it fails."""
    build = new_build(index_dir)
    try:
        yield build
        point_to(index_dir, build.name)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    prune_builds(index_dir, keep=build)


def prune_builds(index_dir: Path, keep: Path) -> None:
    """Keep the new build and the last complete one before it (a worker may still be reading it).

    A build without its manifest was interrupted (killed mid-write): it is removed, never kept in
    place of the last good build. Called under the build lock, so no build is being written.
    """
    others = sorted(p for p in builds_dir(index_dir).iterdir() if p.is_dir() and p != keep)
    complete = [p for p in others if (p / MANIFEST).is_file()]
    for old in others:
        if old not in complete[-1:]:
            shutil.rmtree(old, ignore_errors=True)


class Locked(RuntimeError):
    """Another process holds the build lock; the message is the lock file's path."""


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Held while a build runs: one build at a time per index directory."""
    index_dir.mkdir(parents=True, exist_ok=True)
    path = index_dir / LOCK
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise Locked(str(path)) from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_manifest(build: Path, manifest: dict) -> None:
    (build / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def read_manifest(build: Path) -> dict:
    return json.loads((build / MANIFEST).read_text(encoding="utf-8"))
