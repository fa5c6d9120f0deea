"""Metadata a person supplies beside a file: NAME.meta.json, or one manifest.json for a folder."""

from __future__ import annotations

import json
import re
from pathlib import Path

from corpus.model import UnreadableSource

MANIFEST = "manifest.json"
MAX_SIDECAR_BYTES = 1 << 20  # a folder manifest of thousands of entries stays far below
MAX_TEXT = 2_000  # characters of one metadata value
MAX_ITEMS = 500  # sponsors or agenda items of one document
MAX_SESSION = 999
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
TEXT_KEYS = (
    "symbol",
    "body",
    "doc_type",
    "committee",
    "agenda_title",
    "title",
    "resolution_number",
)
DATE_KEYS = ("date", "adoption_date")
LIST_KEYS = ("agenda_items", "sponsors")


class BadSidecar(UnreadableSource, ValueError):
    """A sidecar or manifest that is not a JSON object of valid metadata values; names file and key."""


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
        values.update(validated(entry, f"{manifest} (entry {path.name!r})"))
        origins.update(dict.fromkeys(entry, "manifest"))
    sidecar = sidecar_path(path)
    if sidecar.is_file():
        entry = validated(_read(sidecar), str(sidecar))
        values.update(entry)
        origins.update(dict.fromkeys(entry, "sidecar"))
    if values:
        values["_origins"] = origins
    return values


def validated(entry: dict, where: str) -> dict:
    """The entry itself when every known key has a value of its type; BadSidecar naming the key."""
    for key, value in entry.items():
        problem = _problem(key, value)
        if problem:
            raise BadSidecar(f"{where}: {key!r} {problem}")
    return entry


def _problem(key: str, value: object) -> str | None:
    """Why a metadata value cannot be used, or None (unknown keys are left to the reader)."""
    if value is None:
        return None
    if key == "session":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number (a JSON number like 74), not {json.dumps(value)[:40]}"
        return None if 1 <= value <= MAX_SESSION else f"must be from 1 to {MAX_SESSION}"
    if key in TEXT_KEYS or key in DATE_KEYS:
        if not isinstance(value, str):
            return f"must be a string, not {type(value).__name__}"
        if len(value) > MAX_TEXT:
            return f"is longer than {MAX_TEXT} characters"
        if key in DATE_KEYS and value and not _DATE.fullmatch(value):
            return f"must be a date like 2024-12-19, not {value[:40]!r}"
        return None
    if key in LIST_KEYS:
        if not isinstance(value, list) or len(value) > MAX_ITEMS:
            return f"must be a list of at most {MAX_ITEMS} strings"
        for item in value:
            if not isinstance(item, str) or len(item) > MAX_TEXT:
                return f"must hold only strings, not {json.dumps(item)[:40]}"
    return None


def _read(path: Path) -> dict:
    try:
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            raise BadSidecar(f"{path}: larger than {MAX_SIDECAR_BYTES // 1024} KB")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadSidecar(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise BadSidecar(f"{path}: expected a JSON object of metadata values")
    return data
