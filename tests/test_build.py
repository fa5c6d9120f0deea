"""Index builds: atomic swap, incremental reuse, schema check, one build at a time, the CLIs."""

from __future__ import annotations

import fcntl
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import indexer.build
from indexer.build import build_index, index_resolutions
from indexer.build_cli import index_command
from indexer.build_report import BuildLocked, NothingRead
from search.api import IndexUnavailable, SearchRequest
from search.cli import search_command
from search.searcher import open_searcher
from search.store import layout
from tests.conftest import SAMPLE
from tests.handmade import hand_made

ENGINES = ["tantivy", "whoosh"]
TEXT_SOURCES = ["unsc/S_RES_0242_1967_EN_GOLD.txt", "unsc/S_RES_0338_1973_EN_GOLD.txt"]
SEED = "seeds/000_812fe54646a34c6a"


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """Three text sources (one with a sidecar) copied so the test may change them."""
    source = tmp_path / "corpus"
    for name in [*TEXT_SOURCES, f"{SEED}.txt", f"{SEED}.meta.json"]:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE / name, source / name)
    return source


def titles(index_dir: Path) -> set[str | None]:
    searcher = open_searcher(index_dir)
    try:
        return {r.title for r in searcher.documents()}
    finally:
        searcher.close()


class Boom(Exception):
    pass


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("failure", [Boom, KeyboardInterrupt])
def test_a_failed_build_leaves_the_old_index_serving(tmp_path, monkeypatch, engine, failure):
    index_dir = tmp_path / "index"
    first = index_resolutions(hand_made()[:2], index_dir, engine)
    assert first.build_dir is not None
    serving = open_searcher(index_dir)
    before = serving.search(SearchRequest("capacity-building")).total

    def explode(*args, **kwargs):
        yield from ()
        raise failure("disk full")

    monkeypatch.setattr(indexer.build, "rows", explode)
    with pytest.raises(failure):
        index_resolutions(hand_made(), index_dir, engine)
    assert layout.current_build(index_dir) == first.build_dir
    assert [p.name for p in layout.builds_dir(index_dir).iterdir()] == [first.build_dir.name]
    serving.reload()
    assert serving.build_dir == first.build_dir
    assert serving.search(SearchRequest("capacity-building")).total == before == 2
    assert titles(index_dir) == {r.title for r in hand_made()[:2]}
    serving.close()


def test_a_new_build_is_swapped_in_and_old_builds_pruned(tmp_path):
    index_dir = tmp_path / "index"
    builds = [index_resolutions(hand_made()[: n + 1], index_dir).build_dir for n in range(3)]
    assert all(builds)
    searcher = open_searcher(index_dir)
    assert searcher.build_dir == builds[-1]
    assert sorted(p.name for p in layout.builds_dir(index_dir).iterdir()) == [
        b.name for b in builds[1:] if b
    ]
    index_resolutions(hand_made(), index_dir)
    searcher.reload()
    assert searcher.stats()["documents"] == 4
    searcher.close()


def test_unchanged_files_are_reused_and_changed_ones_read_again(small_corpus, tmp_path):
    index_dir = tmp_path / "index"
    first = build_index(small_corpus, index_dir)
    assert (first.documents, first.reused, first.failures) == (3, 0, [])
    again = build_index(small_corpus, index_dir)
    assert (again.documents, again.reused) == (3, 3)
    assert again.paragraphs == first.paragraphs
    changed = small_corpus / TEXT_SOURCES[0]
    changed.write_text(changed.read_text() + "\n", encoding="utf-8")
    sidecar = small_corpus / f"{SEED}.meta.json"
    meta = json.loads(sidecar.read_text())
    sidecar.write_text(json.dumps({**meta, "session": 75}))
    third = build_index(small_corpus, index_dir)
    assert (third.documents, third.reused) == (3, 1)
    searcher = open_searcher(index_dir)
    document = searcher.document("000_812fe54646a34c6a")
    assert document is not None and document.session == 75
    assert searcher.search(SearchRequest("session:75")).total > 0
    searcher.close()


def test_progress_reports_every_file(small_corpus, tmp_path):
    seen = []
    build_index(
        small_corpus, tmp_path / "index", progress=lambda done, total: seen.append((done, total))
    )
    assert seen[-1] == (3, 3)


def test_unreadable_files_are_reported_and_nothing_read_is_refused(tmp_path):
    source = tmp_path / "corpus"
    source.mkdir()
    (source / "empty.txt").write_text("hi\n")
    with pytest.raises(NothingRead) as caught:
        build_index(source, tmp_path / "index")
    assert caught.value.report.failures[0][0].endswith("empty.txt")
    assert layout.current_build(tmp_path / "index") is None
    with pytest.raises(IndexUnavailable, match="no index"):
        open_searcher(tmp_path / "index")


def test_a_mismatched_schema_is_refused_with_a_clear_message(tmp_path):
    index_dir = tmp_path / "index"
    build = index_resolutions(hand_made(), index_dir).build_dir
    assert build is not None
    manifest = layout.read_manifest(build)
    layout.write_manifest(build, {**manifest, "schema": layout.SCHEMA_VERSION + 1})
    newer, ours = layout.SCHEMA_VERSION + 1, layout.SCHEMA_VERSION
    with pytest.raises(
        IndexUnavailable, match=rf"schema version {newer}, .* reads {ours}: rebuild"
    ):
        open_searcher(index_dir)


def test_one_build_at_a_time(tmp_path):
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    with open(index_dir / layout.LOCK, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(BuildLocked, match="another `agreed index`"):
            index_resolutions(hand_made(), index_dir)
        fcntl.flock(held, fcntl.LOCK_UN)
    assert index_resolutions(hand_made(), index_dir).documents == 4


def test_index_and_search_commands(small_corpus, tmp_path):
    runner = CliRunner()
    index_dir = tmp_path / "index"
    (small_corpus / "broken.txt").write_text("x\n")
    done = runner.invoke(
        index_command, [str(small_corpus), "--index", str(index_dir), "--engine", "whoosh"]
    )
    assert done.exit_code == 0, done.output
    assert "documents: 3" in done.output and "broken.txt: " in done.output
    found = runner.invoke(
        search_command, ["resolution 242", "--json", "--index", str(index_dir), "--facets"]
    )
    assert found.exit_code == 0, found.output
    page = json.loads(found.output)
    assert page["total"] > 0 and page["page"] == 1
    assert set(page["hits"][0]) == {
        "symbol",
        "paragraph_id",
        "kind",
        "number",
        "session",
        "committee",
        "title",
        "snippet_html",
        "score",
    }
    assert "<mark>242</mark>" in " ".join(h["snippet_html"] for h in page["hits"])
    assert set(page["facets"]) >= {"session", "committee", "body", "kind"}
    bad = runner.invoke(search_command, ['"open', "--json", "--index", str(index_dir)])
    assert bad.exit_code == 2
    assert json.loads(bad.output) == {"error": 'unclosed quote: add the closing "', "position": 0}
    readable = runner.invoke(search_command, ["resolution 242", "--index", str(index_dir)])
    assert readable.exit_code == 0 and "paragraphs match" in readable.output


def test_index_command_fails_when_nothing_could_be_read(tmp_path):
    source = tmp_path / "corpus"
    source.mkdir()
    (source / "empty.txt").write_text("hi\n")
    result = CliRunner().invoke(index_command, [str(source), "--index", str(tmp_path / "index")])
    assert result.exit_code != 0
    assert "empty.txt" in result.output and "nothing could be read" in result.output


def test_a_second_file_with_the_same_symbol_is_reported_and_not_read_again(small_corpus, tmp_path):
    copy = small_corpus / "copies" / "242.txt"
    copy.parent.mkdir()
    shutil.copy(small_corpus / TEXT_SOURCES[0], copy)
    first = build_index(small_corpus, tmp_path / "index")
    assert first.documents == 3
    assert [path for path, _ in first.duplicates] == ["unsc/S_RES_0242_1967_EN_GOLD.txt"]
    again = build_index(small_corpus, tmp_path / "index")
    assert (again.documents, again.reused, len(again.duplicates)) == (3, 4, 1)
