"""`agreed index` as a first run meets it: notes apart from failures, progress in logs, no needless rebuild."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import indexer.reuse
from indexer.build import build_index
from indexer.build_cli import index_command
from indexer.progress import BarProgress, LineProgress, progress_for
from search.store import layout
from tests.conftest import FIXTURES, SAMPLE

SOURCES = ["unsc/S_RES_0242_1967_EN_GOLD.txt", "unsc/S_RES_0338_1973_EN_GOLD.txt"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two Security Council texts, a second copy of one of them, and a file that is not a UN document."""
    source = tmp_path / "corpus"
    for name in SOURCES:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE / name, source / name)
    (source / "copies").mkdir()
    shutil.copy(SAMPLE / SOURCES[0], source / "copies" / "242.txt")
    (source / "broken.txt").write_text("x\n")
    return source


def builds(index_dir: Path) -> list[str]:
    return sorted(path.name for path in layout.builds_dir(index_dir).iterdir())


def test_duplicates_are_notes_after_the_summary_not_failures(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(index_command, [str(corpus), "--index", str(tmp_path / "index")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    failures = lines.index("failures: 1")
    assert lines[failures + 1].startswith("  ") and "broken.txt: " in lines[failures + 1]
    assert not any(line.lstrip().startswith("duplicate") for line in lines)
    note = lines.index("note: 1 file holds a symbol already read (not indexed twice):")
    assert note > next(i for i, line in enumerate(lines) if line.startswith("index: "))
    assert lines[note + 1].startswith(
        "  unsc/S_RES_0242_1967_EN_GOLD.txt: S/RES/242 (1967) already"
    )


def test_progress_lines_when_not_on_a_terminal(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(index_command, [str(corpus), "--index", str(tmp_path / "index")])
    assert result.exit_code == 0, result.output
    assert "reading 4 files\n" in result.stderr
    assert "reading: 4/4 files (100%), " in result.stderr


def test_line_progress_every_few_seconds_and_once_at_the_end() -> None:
    stream = io.StringIO()
    now = [0.0]
    progress = LineProgress(stream, every=5, clock=lambda: now[0])
    for done, at in [(1, 0), (2, 3), (3, 6), (4, 7), (7, 12), (10, 13), (10, 14)]:
        now[0] = float(at)
        progress(done, 10)
    assert stream.getvalue().splitlines() == [
        "reading 10 files",
        "reading: 3/10 files (30%), 6 s",
        "reading: 7/10 files (70%), 12 s",
        "reading: 10/10 files (100%), 13 s",
    ]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal_lines_elsewhere() -> None:
    assert isinstance(progress_for(Terminal()), BarProgress)
    assert isinstance(progress_for(io.StringIO()), LineProgress)


def test_an_unchanged_corpus_keeps_the_serving_build(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = tmp_path / "index"
    first = build_index(corpus, index_dir)
    again = build_index(corpus, index_dir)
    assert again.unchanged and again.build_dir == first.build_dir
    assert first.build_dir and builds(index_dir) == [first.build_dir.name]
    assert (again.documents, again.paragraphs, again.reused) == (
        first.documents,
        first.paragraphs,
        4,
    )
    assert again.failures == first.failures and again.duplicates == first.duplicates
    assert "(kept: no source changed since it was built)" in again.summary_lines()[-3]

    other_engine = build_index(corpus, index_dir, engine="whoosh")
    assert not other_engine.unchanged and other_engine.build_dir != first.build_dir
    monkeypatch.setattr(indexer.reuse, "builder_fingerprint", lambda: "new code")
    new_code = build_index(corpus, index_dir, engine="whoosh")
    assert not new_code.unchanged and new_code.reused == 3  # same parser: files are not read again
    monkeypatch.undo()
    (corpus / "copies" / "242.txt").unlink()
    fewer = build_index(corpus, index_dir, engine="whoosh")
    assert not fewer.unchanged and fewer.duplicates == []


def test_make_run_twice_writes_one_build(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    arguments = [str(SAMPLE), "--index", str(index_dir)]
    assert CliRunner().invoke(index_command, arguments).exit_code == 0
    second = CliRunner().invoke(index_command, arguments)
    assert second.exit_code == 0 and "kept: no source changed" in second.stdout
    assert len(builds(index_dir)) == 1


def test_metadata_beside_the_sources_rebuilds_and_is_reported_when_kept(
    corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    build_index(corpus, index_dir)
    shutil.copy(FIXTURES / "metadata" / "agenda_80.json", corpus / "agenda_80.json")
    joined = build_index(corpus, index_dir)
    assert not joined.unchanged and joined.metadata.files == 1
    kept = build_index(corpus, index_dir)
    assert kept.unchanged and kept.metadata == joined.metadata
    assert any(line.startswith("metadata files: 1") for line in kept.summary_lines())
