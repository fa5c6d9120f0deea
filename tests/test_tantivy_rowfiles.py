"""The tantivy engine's row files through real builds and updates: immutable, linked, never lost."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import cast

import pytest

from indexer.build import index_resolutions
from indexer.model import Resolution
from indexer.update import update_resolutions
from search.engines.rows import rows
from search.engines.tantivy import TantivySearcher, TantivyWriter
from search.engines.tantivy.rowfile import locate, row_files
from search.engines.tantivy.schema import ROW
from search.store import layout
from tests.handmade import D1, D2, D3, hand_made


def engine_dir(index_dir: Path) -> Path:
    build = layout.current_build(index_dir)
    assert build is not None
    return build / "tantivy"


def read_all(index_dir: Path) -> dict[tuple[str, str], tuple[dict, int]]:
    """(symbol, paragraph id) -> (its row, its fast value) for every paragraph indexed."""
    searcher = TantivySearcher(engine_dir(index_dir))
    try:
        refs = [ref for _, ref in searcher.every(searcher.match_all(), None)]
        values = cast(list[int], searcher.searcher.fast_field_values(ROW, refs))
        return {
            (row["symbol"], row["paragraph_id"]): (row, value)
            for row, value in zip(searcher.rows(refs), values, strict=True)
        }
    finally:
        searcher.close()


def files(directory: Path) -> dict[str, tuple[int, int]]:
    """name -> (inode, size) of the files in a directory, lock files aside."""
    return {
        path.name: (path.stat().st_ino, path.stat().st_size)
        for path in directory.iterdir()
        if not path.name.endswith(".lock")
    }


def renamed(resolution: Resolution, symbol: str) -> Resolution:
    """Another document of the same shape, in words of its own (no wording shared with another)."""
    other = copy.deepcopy(resolution)
    other.symbol, other.source = symbol, f"unga/{symbol.replace('/', '_')}.pdf"
    tag = symbol.replace("/", "")
    for number, paragraph in enumerate(other.paragraphs):
        paragraph.text = " ".join(f"{tag}w{number}x{i}" for i in range(12)) + " \0 ’"
    return other


HEAD = ("paragraph_id", "kind", "number", "verb", "text")  # after the document's fields


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    index_resolutions(hand_made(), tmp_path / "index")
    return tmp_path / "index"


def test_a_row_is_what_the_stored_row_was_and_tantivy_stores_no_text(index_dir: Path) -> None:
    read = read_all(index_dir)
    for resolution in hand_made():
        key = resolution.symbol or "000_abc"
        for row in rows(key, 0, resolution, {}):
            got, value = read[(key, row.paragraph.id)]
            assert got == row.meta and locate(value)[0] == 1
            assert list(got) == ["symbol", *row.document.meta, *HEAD]
    text = hand_made()[0].paragraphs[1].text.encode()
    directory = engine_dir(index_dir)
    assert sorted(row_files(directory)) == [1]
    assert text in (directory / "000001.rows").read_bytes()
    for path in directory.iterdir():
        if path.suffix != ".rows":
            assert text not in path.read_bytes(), path.name
    documents = (directory / "000001.rows").read_bytes().count(b'"symbol": ')
    assert documents == 4  # once per document, not per paragraph


def test_a_replaced_document_reads_its_new_rows_and_the_others_are_untouched(
    index_dir: Path,
) -> None:
    before = read_all(index_dir)
    first = files(engine_dir(index_dir))["000001.rows"]
    changed = copy.deepcopy(hand_made()[1])
    changed.title = "Sustainable development, revised"
    changed.paragraphs[1].text = "Calls for sustainable development\0 everywhere, now;"
    changed.paragraphs.pop()
    update_resolutions(index_dir, [changed], removed=(D2,))
    after = read_all(index_dir)
    assert {key for key in after if key[0] == D2} == {(D2, "pp1"), (D2, "op1")}
    assert after[(D2, "op1")][0]["text"] == changed.paragraphs[1].text
    assert {row["title"] for key, (row, _) in after.items() if key[0] == D2} == {changed.title}
    assert {locate(value)[0] for key, (_, value) in after.items() if key[0] == D2} == {2}
    assert {key: v for key, v in after.items() if key[0] != D2} == {
        key: v for key, v in before.items() if key[0] != D2
    }
    assert files(engine_dir(index_dir))["000001.rows"] == first  # the same file, linked


def test_row_files_survive_updates_and_tantivys_garbage_collection(index_dir: Path) -> None:
    """Each update writes the next row file and links the older ones; tantivy's garbage collection
    (run at every commit) deletes a segment whose documents all went, never a row file."""
    first = files(engine_dir(index_dir))
    original = first["000001.rows"]
    template = hand_made()[0]
    update_resolutions(index_dir, [renamed(template, "A/RES/74/2")])
    update_resolutions(index_dir, [renamed(template, "A/RES/74/3")])
    linked = files(engine_dir(index_dir))
    update_resolutions(index_dir, [renamed(template, "A/RES/74/4")], removed=("A/RES/74/2",))
    directory = engine_dir(index_dir)
    now = files(directory)
    assert sorted(row_files(directory)) == [1, 2, 3, 4]
    assert now["000001.rows"] == original
    assert all(now[f"00000{n}.rows"] == linked[f"00000{n}.rows"] for n in (2, 3))
    gone = set(linked) - set(now)
    assert gone and not any(name.endswith(".rows") for name in gone)  # the emptied segment
    managed = json.loads((directory / ".managed.json").read_text())
    assert not [name for name in managed if name.endswith(".rows")]
    read = read_all(index_dir)
    assert {key[0] for key in read} == {D1, D2, D3, "000_abc", "A/RES/74/3", "A/RES/74/4"}
    assert {locate(value)[0] for key, (_, value) in read.items() if key[0] == D1} == {1}
    assert {locate(value)[0] for key, (_, value) in read.items() if key[0] == "A/RES/74/4"} == {4}
    assert (
        read[("A/RES/74/3", "op1")][0]["text"] == renamed(template, "A/RES/74/3").paragraphs[1].text
    )


def test_an_aborted_writer_leaves_the_served_index_as_it_was(index_dir: Path) -> None:
    directory = engine_dir(index_dir)
    before, rows_before = files(directory), read_all(index_dir)
    writer = TantivyWriter(directory)
    for row in rows("A/RES/74/9", 99, renamed(hand_made()[0], "A/RES/74/9"), {}):
        writer.add(row)
    assert sorted(row_files(directory)) == [1, 2]  # being written
    writer.abort()
    del writer
    after = files(directory)  # tantivy leaves its unused segment files to its garbage collection
    assert {name: after[name] for name in before if not name.startswith(".")} == {
        name: value for name, value in before.items() if not name.startswith(".")
    }
    assert sorted(row_files(directory)) == [1]
    assert read_all(index_dir) == rows_before


def test_a_failed_update_leaves_the_serving_build_and_its_files(
    index_dir: Path, monkeypatch
) -> None:
    serving = layout.current_build(index_dir)
    before = files(engine_dir(index_dir))

    def fail(self: TantivyWriter) -> None:
        self._rows.close()  # the rows on disk, the index not yet committed
        raise OSError("disk full")

    monkeypatch.setattr(TantivyWriter, "commit", fail)
    with pytest.raises(OSError, match="disk full"):
        update_resolutions(index_dir, [renamed(hand_made()[0], "A/RES/74/2")])
    assert layout.current_build(index_dir) == serving
    assert [p for p in layout.builds_dir(index_dir).iterdir()] == [serving]
    assert files(engine_dir(index_dir)) == before
    monkeypatch.undo()
    update_resolutions(index_dir, [renamed(hand_made()[0], "A/RES/74/2")])
    assert ("A/RES/74/2", "op2") in read_all(index_dir)


def test_an_index_without_rows_reads_none(tmp_path: Path) -> None:
    directory = tmp_path / "engine"
    writer = TantivyWriter(directory)
    writer.commit()
    assert row_files(directory) == {} and not list(directory.glob("*.rows"))
    searcher = TantivySearcher(directory)
    try:
        assert searcher.rows([]) == [] and searcher.paragraph_count() == 0
    finally:
        searcher.close()
    assert os.listdir(directory)
