"""Precedent check on real pairs: 80th-session drafts against the 79th session's adopted resolutions.

The index holds only the sample's 79th-session resolutions (A/RES/79/185, 79/38, 79/130 ...). The
expected verdicts were read by hand from the two documents of each pair: A/C.3/80/L.31 rewrote the
Syria resolution after December 2024 and keeps only its first three preambular paragraphs;
A/C.1/80/L.18 carries A/RES/79/38 over with dates, counts and session names updated.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from agreed import main
from corpus.docx import list_number
from corpus.model import UnreadableSource
from indexer.analysis import exact_words
from indexer.build import build_index
from indexer.draft import read_draft
from search.check import check, comparable
from search.check_cli import run_check
from search.check_report import report_json
from search.precedent import Precedents
from search.searcher import open_searcher
from search.store import layered
from search.store.layout import current_build
from search.store.precedent_tables import GRAM
from tests.conftest import FIXTURES, SAMPLE

L31_PDF = FIXTURES / "A_C.3_80_L.31.pdf"
L31_DOCX = FIXTURES / "A_C.3_80_L.31.docx"
L18_PDF = SAMPLE / "unga-80" / "A_C.1_80_L.18.pdf"


@pytest.fixture(scope="module")
def index79(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("index79")
    build_index(SAMPLE / "unga-79", index_dir)
    return index_dir


def _report(path: Path, index_dir: Path) -> dict:
    return report_json(run_check(path.read_bytes(), path.name, index_dir))


def _by_id(report: dict) -> dict[str, dict]:
    return {p["id"]: p for p in report["paragraphs"]}


def test_l31_against_79th_session(index79: Path) -> None:
    paragraphs = _by_id(_report(L31_PDF, index79))
    pp1 = paragraphs["pp1"]
    assert pp1["status"] == "agreed"
    assert (pp1["best"]["symbol"], pp1["best"]["paragraph_id"]) == ("A/RES/79/185", "pp1")
    assert pp1["diff_html"] is None
    pp2 = paragraphs["pp2"]  # "the Charter," became "the Charter of the United Nations,"
    assert pp2["status"] == "amended" and pp2["best"]["symbol"] == "A/RES/79/185"
    assert "<del>Charter,</del> <ins>Charter of the United Nations,</ins>" in pp2["diff_html"]
    pp3 = paragraphs["pp3"]  # the demand on "the Syrian regime" is gone
    assert pp3["status"] == "amended" and pp3["best"]["paragraph_id"] == "pp3"
    assert "<del>" in pp3["diff_html"] and "Syrian regime" in pp3["diff_html"]
    rewritten = [f"pp{n}" for n in range(4, 18)] + [f"op{n}" for n in range(1, 15)]
    assert {paragraphs[i]["status"] for i in rewritten} == {"new"}
    assert all(paragraphs[i]["best"] is None for i in rewritten)


def test_l18_carries_over_79_38(index79: Path) -> None:
    report = _report(L18_PDF, index79)
    paragraphs = _by_id(report)
    for paragraph_id in ("op1", "op2", "op3", "op5", "op12", "op13"):
        verdict = paragraphs[paragraph_id]
        assert verdict["status"] == "agreed", paragraph_id
        assert verdict["best"] == {**verdict["best"], "symbol": "A/RES/79/38"}
        assert verdict["best"]["paragraph_id"] == paragraph_id
    assert "<del>94</del> <ins>95</ins>" in paragraphs["op4"]["diff_html"]
    assert "<del>eightieth</del> <ins>eighty-first</ins>" in paragraphs["op14"]["diff_html"]
    assert "<del>second</del> <ins>third</ins>" in paragraphs["op8"]["diff_html"]
    summary = report["summary"]
    assert summary["statuses"] == {"agreed": 6, "amended": 10, "new": 0}
    assert summary["drawn_on"][0] == {**summary["drawn_on"][0], "symbol": "A/RES/79/38"}
    assert summary["drawn_on"][0]["paragraphs"] == 16
    assert 0.5 < summary["agreed_share"] <= 1.0


def test_spans_occur_verbatim_in_their_source(index79: Path) -> None:
    report = _report(L31_PDF, index79)
    searcher = open_searcher(index79)
    spans = 0
    try:
        for paragraph in report["paragraphs"]:
            for span in paragraph["agreed_spans"]:
                words = exact_words(paragraph["text"][span["start"] : span["end"]])
                document = searcher.document(span["symbol"])
                source = document.paragraph(span["paragraph_id"]) if document else None
                assert source is not None and len(words) >= GRAM
                assert " ".join(words) in " ".join(exact_words(source.text))
                spans += 1
    finally:
        searcher.close()
    assert spans > 20  # a new paragraph built from agreed pieces shows its pieces
    new = [p for p in report["paragraphs"] if p["status"] == "new"]
    assert any(p["agreed_spans"] for p in new)


def test_docx_gives_the_same_report_as_its_pdf(index79: Path) -> None:
    from_docx = _report(L31_DOCX, index79)
    from_pdf = _report(L31_PDF, index79)
    assert from_docx == from_pdf
    assert from_docx["symbol"] == "A/C.3/80/L.31"


@pytest.mark.parametrize("separator", ["\n\n", "\n"])
def test_pasted_text_gives_the_same_verdicts(index79: Path, separator: str) -> None:
    draft = read_draft(L18_PDF.read_bytes(), L18_PDF.name)
    lines = [
        p.text if p.kind == "preambular" else f"{p.number}. {p.text}"
        for p in draft.paragraphs
        if p.kind in ("preambular", "operative")
    ]
    pasted = _by_id(report_json(run_check(separator.join(lines), "pasted", index79)))
    from_pdf = _by_id(_report(L18_PDF, index79))
    assert {k: v["status"] for k, v in pasted.items()} == {
        k: v["status"] for k, v in from_pdf.items()
    }


def test_the_drafts_own_symbol_is_not_a_source(index79: Path, tmp_path: Path) -> None:
    """Checking a draft that is itself indexed: its own paragraphs are not its precedents."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in (L18_PDF, SAMPLE / "unga-79" / "A_RES_79_38.pdf"):
        (folder / path.name).write_bytes(path.read_bytes())
    build_index(folder, tmp_path / "index")
    report = _report(L18_PDF, tmp_path / "index")
    assert all(d["symbol"] != "A/C.1/80/L.18" for p in report["paragraphs"] for d in p["drafts"])


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("capacity-building and  training,", "capacity building and training;", True),
        ("the “Our commitment” declaration", 'the "our commitment" declaration.', True),
        ("Côte d’Ivoire ( 2024 )", "Cote d'Ivoire (2024)", True),
        ("the Treaty, and", "the Treaty and", False),
        ("third Meeting", "second Meeting", False),
    ],
)
def test_comparable_forms(first: str, second: str, same: bool) -> None:
    assert (comparable(first) == comparable(second)) is same


def test_unreadable_drafts_are_refused() -> None:
    with pytest.raises(UnreadableSource):
        read_draft(b"\x00\x01\x02" * 100, "blob.bin")
    with pytest.raises(UnreadableSource):
        read_draft(b"PK\x03\x04 not really a zip", "x.docx")
    with pytest.raises(UnreadableSource):
        read_draft("too short", "pasted")


def test_precedent_tables_keep_few_postings_per_run(index79: Path) -> None:
    build = current_build(index79)
    assert build is not None
    precedents = Precedents(build)
    try:
        draft = read_draft(L31_PDF.read_bytes(), L31_PDF.name)
        report = check(draft, precedents)
    finally:
        precedents.close()
    assert report.summary.paragraphs == 31
    connection = layered.connect(build / "precedent.sqlite")
    widest = connection.execute("SELECT max(n) FROM (SELECT count(*) n FROM grams GROUP BY key)")
    assert widest.fetchone()[0] <= 8
    connection.close()


def test_cli_prints_the_named_keys(index79: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", str(L18_PDF), "--index", str(index79), "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0
    data = json.loads(result.output)
    paragraph = data["paragraphs"][1]
    assert {"id", "kind", "text", "status", "best", "diff_html", "agreed_spans"} <= set(paragraph)
    assert set(paragraph["best"]) >= {"symbol", "paragraph_id", "similarity"}
    assert {"start", "end", "symbol", "paragraph_id"} == set(paragraph["agreed_spans"][0])
    assert {"statuses", "agreed_share", "drawn_on"} <= set(data["summary"])
    text = CliRunner().invoke(main, ["check", str(L18_PDF), "--index", str(index79)])
    assert re.search(r"op4 amended\s+A/RES/79/38 op4", text.output)
    assert "[-94-] {+95+}" in text.output
    broken = CliRunner().invoke(
        main, ["check", str(FIXTURES / "broken" / "blob.pdf"), "--index", str(index79), "--json"]
    )
    assert broken.exit_code == 1 and "error" in json.loads(broken.output)


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (1, "decimal", "1"),
        (12, "decimal", "12"),
        (1, "lowerLetter", "a"),
        (27, "lowerLetter", "aa"),
        (4, "lowerRoman", "iv"),
        (14, "lowerRoman", "xiv"),
        (3, "upperRoman", "III"),
    ],
)
def test_word_list_numbers(value: int, fmt: str, shown: str) -> None:
    """How Word prints a list number, rebuilt for paragraphs it numbers itself."""
    assert list_number(value, fmt) == shown


def test_a_word_file_that_unpacks_too_far_is_refused() -> None:
    """A zip bomb in .docx clothing is refused before anything is unpacked."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 60_000_000)
    assert len(packed.getvalue()) < 200_000
    with pytest.raises(UnreadableSource, match="unpacks to"):
        read_draft(packed.getvalue(), "bomb.docx")
