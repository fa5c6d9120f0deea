"""Which files a build tries: a walk of the source folder that reports every folder or link it cannot use.

Unreadable folders, symlink loops, links that leave the source folder and special files are reported
by path with a reason; the walk goes on with the rest.
"""

from __future__ import annotations

import os
from pathlib import Path

from indexer.undl import is_marcxml

# Files that live beside sources but are not sources: sidecars, manifests, notes.
SKIPPED_SUFFIXES = (".json", ".md", ".py", ".csv", ".yml", ".yaml", ".toml")
SKIPPED_NAMES = ("readme", "license", "licence", "changelog", "manifest")

Problems = list[tuple[str, str]]  # (path, reason), as IngestReport.failures holds them


def source_files(root: Path, problems: Problems | None = None) -> list[Path]:
    """Every file under root that may be a source (hidden files, sidecars and notes excluded)."""
    root = Path(root)
    if root.is_file():
        return [root]
    found: list[Path] = []
    walker = _Walk(root.resolve(), found, problems if problems is not None else [])
    walker.folder(root)
    return sorted(found)


class _Walk:
    def __init__(self, real_root: Path, found: list[Path], problems: Problems):
        self.real_root, self.found, self.problems = real_root, found, problems
        self.seen: set[Path] = {real_root}

    def folder(self, folder: Path) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:  # unreadable, or removed while the walk ran
            self.problems.append((str(folder), f"folder cannot be read: {_why(error)}"))
            return
        for entry in entries:
            if not entry.name.startswith("."):
                self.entry(Path(entry.path), entry)

    def entry(self, path: Path, entry: os.DirEntry) -> None:
        try:
            if entry.is_symlink() and not self._link_ok(path):
                return
            if entry.is_dir():
                real = path.resolve()
                if real in self.seen:
                    self.problems.append((str(path), "folder already read (a symlink loop?)"))
                    return
                self.seen.add(real)
                self.folder(path)
            elif _is_source_name(path):
                if entry.is_file():
                    if not is_marcxml(path):  # UN Digital Library exports are metadata
                        self.found.append(path)
                else:
                    self.problems.append((str(path), "not a regular file"))
        except OSError as error:
            self.problems.append((str(path), f"cannot be read: {_why(error)}"))

    def _link_ok(self, path: Path) -> bool:
        """A link is followed when it resolves, and only inside the source folder."""
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: Python 3.11's word for a loop
            self.problems.append((str(path), "symlink loop or dangling symlink"))
            return False
        if not target.is_relative_to(self.real_root):
            self.problems.append(
                (str(path), f"symlink points outside the source folder ({target})")
            )
            return False
        return True


def _is_source_name(path: Path) -> bool:
    return path.suffix.lower() not in SKIPPED_SUFFIXES and not path.stem.lower().startswith(
        SKIPPED_NAMES
    )


def _why(error: OSError) -> str:
    return error.strerror or str(error)
