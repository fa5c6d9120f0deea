"""Ingesting a folder tree: every readable file parsed, every broken one reported, the run goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.ingest import IngestReport, Outcome, ingest_tree, run, source_files
from tests.conftest import FIXTURES, SAMPLE

GOOD = (
    "A_RES_80_1.pdf",
    "003_19eadadd358f8db1.txt",
    "S_RES_0242_1967_EN_GOLD.txt",
    "A_RES_80_1.html",
)
BROKEN = {
    "truncated.pdf": "truncated PDF",
    "empty.pdf": "empty file",
    "blob.pdf": "binary data",
    "recipe.txt": "not a UN document",
}


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    (tmp_path / "good" / "deeper").mkdir(parents=True)
    for index, name in enumerate(GOOD):
        target = tmp_path / "good" / ("deeper" if index % 2 else "") / name
        shutil.copy(FIXTURES / name, target)
    (tmp_path / "broken").mkdir()
    for name in BROKEN:
        shutil.copy(FIXTURES / "broken" / name, tmp_path / "broken" / name)
    (tmp_path / "good" / "A_RES_80_1.meta.json").write_text('{"committee": "Plenary"}')
    (tmp_path / "README.md").write_text("Resolutions of the United Nations General Assembly.")
    (tmp_path / ".hidden.pdf").write_bytes(b"%PDF-1.7 nothing")
    return tmp_path


def test_sources_exclude_sidecars_notes_and_hidden_files(tree: Path) -> None:
    names = sorted(path.name for path in source_files(tree))
    assert names == sorted([*GOOD, *BROKEN])


@pytest.mark.parametrize("workers", [1, 2])
def test_tree_ingest_reports_every_failure_and_keeps_going(tree: Path, workers: int) -> None:
    outcomes = list(ingest_tree(tree, workers=workers, paths=source_files(tree)))
    assert len(outcomes) == len(GOOD) + len(BROKEN)
    parsed = {o.path.name: o for o in outcomes if o.ok}
    assert sorted(parsed) == sorted(GOOD)
    assert parsed["A_RES_80_1.pdf"].pages == 2
    resolution = parsed["A_RES_80_1.pdf"].resolution
    assert resolution is not None and resolution.source == "good/A_RES_80_1.pdf"
    failed = {o.path.name: o.error for o in outcomes if not o.ok}
    for name, reason in BROKEN.items():
        error = failed[name]
        assert error is not None and reason in error


def test_report_sums_and_prints_the_run(tree: Path) -> None:
    report = run(tree, workers=1)
    assert report.documents == len(GOOD)
    assert report.pages == 2 + 3 + 1 + 1
    assert report.paragraphs > 40
    assert len(report.failures) == len(BROKEN)
    lines = report.summary_lines()
    assert lines[0] == f"documents: {len(GOOD)}"
    assert any(line.startswith("pages per second: ") for line in lines)
    assert any("empty.pdf: empty file" in line for line in lines)


def test_report_of_outcomes() -> None:
    report = IngestReport(seconds=2.0)
    report.add(Outcome(Path("a.pdf"), error="empty file"))
    assert (report.documents, report.failures) == (0, [("a.pdf", "empty file")])
    assert report.pages_per_second == 0.0


def test_the_bundled_sample_ingests_without_a_failure() -> None:
    report = run(SAMPLE, workers=1)
    assert report.failures == []
    assert report.documents == len(source_files(SAMPLE)) >= 35


@pytest.mark.shared
def test_real_documents_of_every_folder_are_all_readable(shared_corpus: Path) -> None:
    """Every 10th file of each shared folder (the bench reads them all): none may be refused."""
    paths = [
        path
        for folder in ("seeds", "unga-80", "unga-79", "unsc")
        for path in source_files(shared_corpus / folder)[::10]
    ]
    report = IngestReport()
    for outcome in ingest_tree(shared_corpus, workers=2, paths=paths):
        report.add(outcome)
    assert report.failures == []
    assert report.documents == len(paths) > 150
