"""Metadata a person supplies beside a file: NAME.meta.json, or one manifest.json for a folder."""

from __future__ import annotations

import json
from pathlib import Path

MANIFEST = "manifest.json"


class BadSidecar(ValueError):
    """A sidecar or manifest that is not a JSON object of metadata values."""


def sidecar_path(path: Path) -> Path:
    """'000_x.txt' -> '000_x.meta.json' beside it."""
    return path.with_name(path.stem + ".meta.json")


def load_overrides(path: Path) -> dict:
    """Values for one source file with `_origin` saying where they came from; a sidecar beats the manifest."""
    path = Path(path)
    values: dict = {}
    origins: dict[str, str] = {}
    manifest = path.parent / MANIFEST
    if manifest.is_file():
        entry = _read(manifest).get(path.name) or {}
        if not isinstance(entry, dict):
            raise BadSidecar(f"{manifest}: the entry for {path.name} is not an object")
        values.update(entry)
        origins.update(dict.fromkeys(entry, "manifest"))
    sidecar = sidecar_path(path)
    if sidecar.is_file():
        entry = _read(sidecar)
        values.update(entry)
        origins.update(dict.fromkeys(entry, "sidecar"))
    if values:
        values["_origins"] = origins
    return values


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadSidecar(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise BadSidecar(f"{path}: expected a JSON object of metadata values")
    return data
