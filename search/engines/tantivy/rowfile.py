"""Hit rows in the engine directory's own row files, not in tantivy's compressed document store.

tantivy's store decompressed a 16 KB block for every hit and every paragraph repeated its
document's fields. Here a document's fields are written once (JSON) and each paragraph's record
points back at them; records are length-prefixed and uncompressed, read from mmap'd files.

A row file is written by one writer session and never changed once closed: an update writes the
next free number and the index copy hard-links the old files (tantivy's garbage collection deletes
only files it manages). The fast field "row" locates a paragraph: file number << OFFSET_BITS |
offset of its record, scrambled (see _SCRAMBLE).
"""

from __future__ import annotations

import json
import mmap
import os
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from search.api import IndexUnavailable

OFFSET_BITS = 40  # a file may hold 1 TB of rows
_OFFSET_MASK = (1 << OFFSET_BITS) - 1
# Locations rise with the documents, and tantivy stores such a column blockwise-linear, whose reader
# it opens again at every fast_field_values call: about 18 us per call on a segment of 400k
# paragraphs, measured, against 2 us for a bitpacked column. Times an odd constant modulo 2**64 (a
# bijection), the values look random and are bitpacked: 8 bytes a paragraph.
_SCRAMBLE = 0x9E3779B97F4A7C15
_UNSCRAMBLE = pow(_SCRAMBLE, -1, 1 << 64)
_WORD = (1 << 64) - 1
SUFFIX = ".rows"  # 000001.rows: tantivy names its own files <uuid>.<kind>
# document record: byte length, then the UTF-8 JSON object every paragraph of it shares
_DOCUMENT = struct.Struct("<I")
# paragraph record: its document record's offset, the payload's byte length, where paragraph_id,
# kind, number and verb end in the payload's characters, and which of number (1) and verb (2) are
# None; the payload is those four, then the text
_PARAGRAPH = struct.Struct("<QI4IB")
CACHED_DOCUMENTS = 4096  # decoded document records kept per reader before the cache is emptied
# json.loads's C scanner, without the wrappers; typeshed leaves the attribute out
_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def row_files(directory: Path) -> dict[int, Path]:
    """number -> path of every row file in an engine directory."""
    found = {}
    for path in directory.glob(f"*{SUFFIX}"):
        if path.stem.isdigit():
            found[int(path.stem)] = path
    return found


def row_path(directory: Path, number: int) -> Path:
    return directory / f"{number:06d}{SUFFIX}"


class RowWriter:
    """Appends one writer session's rows to a new row file, created at the first document."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.path: Path | None = None
        self._file: IO[bytes] | None = None
        self._number = 0
        self._offset = 0
        self._document = 0  # the current document record's offset

    def document(self, fields: dict) -> None:
        """The shared fields of the paragraphs written next."""
        if self._file is None:
            self._open()
        data = json.dumps(fields, ensure_ascii=False).encode()
        self._document = self._write(_DOCUMENT.pack(len(data)), data)

    def paragraph(
        self, paragraph_id: str, kind: str, number: str | None, verb: str | None, text: str
    ) -> int:
        """Write one paragraph's record; returns its fast value (file number and offset)."""
        if self._file is None:
            raise RuntimeError("a paragraph row before its document's")
        number_, verb_ = number or "", verb or ""
        a = len(paragraph_id)
        b = a + len(kind)
        c = b + len(number_)
        nones = (number is None) | (verb is None) << 1
        data = "".join((paragraph_id, kind, number_, verb_, text)).encode()
        header = _PARAGRAPH.pack(self._document, len(data), a, b, c, c + len(verb_), nones)
        return fast_value(self._number, self._write(header, data))

    def _open(self) -> None:
        self._number = max(row_files(self.directory), default=0) + 1
        self.path = row_path(self.directory, self._number)
        self._file = open(self.path, "xb", buffering=1 << 20)  # noqa: SIM115 (closed by close())
        self._offset = 0

    def _write(self, header: bytes, data: bytes) -> int:
        assert self._file is not None
        offset = self._offset
        if offset > _OFFSET_MASK:
            raise OverflowError(f"{self.path} is full")
        self._file.write(header)
        self._file.write(data)
        self._offset += len(header) + len(data)
        return offset

    def close(self) -> None:
        """Flushed and synced to disk, before the index that points into it is committed."""
        if self._file is None:
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file, self.path = None, None  # kept from now on, whatever becomes of the commit
        directory = os.open(self.directory, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)

    def discard(self) -> None:
        """The file still being written, when its session is aborted: nothing points into it."""
        if self._file is not None:
            self._file.close()
            self._file = None
        if self.path is not None:
            self.path.unlink(missing_ok=True)
            self.path = None


class RowReader:
    """Rows by fast value; each file mapped when first read, document records decoded once.

    Rows of one document share its list values (sponsors, agenda items): they are read, not changed.
    """

    def __init__(self, directory: Path):
        self.directory = directory
        self._maps: dict[int, mmap.mmap] = {}
        self._documents: dict[int, dict] = {}

    def rows(self, values: Sequence[int]) -> list[dict]:
        return [self.row(value) for value in values]

    def row(self, value: int) -> dict:
        """The document's fields (a copy of the cached record), then the paragraph's, as they were
        written: the order and values of the stored row this replaced."""
        number, offset = locate(value)
        data = self._maps.get(number) or self._map(number)
        document, size, a, b, c, e, nones = _PARAGRAPH.unpack_from(data, offset)
        start = offset + _PARAGRAPH.size
        if start + size > len(data):
            raise ValueError(
                f"a row record runs past the end of {row_path(self.directory, number)}"
            )
        payload = data[start : start + size].decode()
        key = number << OFFSET_BITS | document
        shared = self._documents.get(key) or self._document(data, document, key)
        row = shared.copy()
        row["paragraph_id"], row["kind"] = payload[:a], payload[a:b]
        row["number"] = None if nones & 1 else payload[b:c]
        row["verb"] = None if nones & 2 else payload[c:e]
        row["text"] = payload[e:]
        return row

    def _document(self, data: mmap.mmap, offset: int, key: int) -> dict:
        (size,) = _DOCUMENT.unpack_from(data, offset)
        start = offset + _DOCUMENT.size
        text = data[start : start + size].decode()
        shared = json_value(text)
        if not isinstance(shared, dict):
            raise ValueError(f"a document record is not an object: {text[:80]!r}")
        if len(self._documents) >= CACHED_DOCUMENTS:
            self._documents.clear()
        self._documents[key] = shared
        return shared

    def _map(self, number: int) -> mmap.mmap:
        path = row_path(self.directory, number)
        try:
            handle = open(path, "rb")  # noqa: SIM115 (closed below; the map keeps its own)
        except OSError as error:
            raise IndexUnavailable(
                f"the index's row file {path} cannot be read: {error}"
            ) from error
        with handle:
            if os.fstat(handle.fileno()).st_size == 0:  # mmap refuses an empty file
                raise ValueError(f"{path} holds no rows")
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return self._maps.setdefault(number, mapped)

    def close(self) -> None:
        maps, self._maps = self._maps, {}
        for mapped in maps.values():
            mapped.close()
        self._documents.clear()


def fast_value(number: int, offset: int) -> int:
    """What the fast field holds for the record at offset in row file number."""
    return ((number << OFFSET_BITS | offset) * _SCRAMBLE) & _WORD


def locate(value: int) -> tuple[int, int]:
    """(file number, record offset) of a paragraph's fast value."""
    location = (value * _UNSCRAMBLE) & _WORD
    return location >> OFFSET_BITS, location & _OFFSET_MASK


def json_value(text: str) -> Any:
    """json.loads(text) without its wrappers, for json.dumps's output; anything else as json.loads
    reads it, or its error."""
    try:
        value, stop = _SCAN(text, 0)
        if stop == len(text):
            return value
    except StopIteration:
        pass
    return json.loads(text)
