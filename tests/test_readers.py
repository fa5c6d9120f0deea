"""Readers: format sniffed from content, layout zones, footnote markers, refusals with reasons."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus.model import UnreadableSource
from corpus.read import read
from tests.conftest import FIXTURES

SEED_000 = FIXTURES / "000_812fe54646a34c6a.txt"
SEED_003 = FIXTURES / "003_19eadadd358f8db1.txt"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("A_RES_80_1.pdf", "pdf"),
        ("000_812fe54646a34c6a.txt", "pdftext"),
        ("S_RES_0242_1967_EN_GOLD.txt", "text"),
        ("A_RES_80_1.html", "html"),
    ],
)
def test_format_is_sniffed_from_content(name: str, expected: str, tmp_path: Path) -> None:
    renamed = tmp_path / "download.bin"  # the extension says nothing
    shutil.copy(FIXTURES / name, renamed)
    assert read(renamed).format == expected


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("truncated.pdf", "truncated PDF"),
        ("empty.pdf", "empty file"),
        ("blob.pdf", "binary data"),
        ("recipe.txt", "not a UN document"),
    ],
)
def test_broken_files_are_refused_with_a_reason(name: str, reason: str) -> None:
    with pytest.raises(UnreadableSource, match=reason):
        read(FIXTURES / "broken" / name)


def test_pdf_tags_running_headers_job_numbers_and_footnotes() -> None:
    document = read(FIXTURES / "A_RES_80_1.pdf")
    assert document.page_count == 2
    margin = {line.text for line in document.lines if line.zone == "margin"}
    assert {"25-15106 (E)", "*2515106*", "2/2 25-15106"} <= margin
    assert any(text.startswith("A/RES/80/1 Participation") for text in margin)
    footnotes = [line.text for line in document.lines if line.zone == "footnote"]
    assert footnotes == ["1 See resolution 169 (II)."]


def test_pdf_marks_superscript_references_and_joins_the_split_line() -> None:
    document = read(FIXTURES / "A_RES_80_1.pdf")
    line = next(
        line for line in document.lines if "Headquarters of the United Nations" in line.text
    )
    assert line.text.endswith("Headquarters of the United Nations ¹ are prevented from")


def test_pdf_paragraph_starts_follow_first_line_indent() -> None:
    document = read(FIXTURES / "A_RES_80_1.pdf")
    starts = [line.text[:20] for line in document.lines if line.block_start and line.zone == "body"]
    assert "Expressing concern r" in starts
    assert "(b) The State of Pal" in starts
    assert not any(text.startswith("Assembly at its eigh") for text in starts)  # continues (a)


def test_lone_superscript_markers_join_their_line() -> None:
    document = read(FIXTURES / "A_80_L.15.pdf")
    texts = [line.text for line in document.lines]
    assert any(text.endswith("letter dated 21 November 2024, ⁴") for text in texts)
    assert any(text.startswith("2024 ³ and the former Chairs") for text in texts)


def test_pdftext_drops_blank_lines_counts_pages_and_finds_footnotes() -> None:
    document = read(SEED_003)
    assert document.page_count == 3
    assert "" not in [line.text for line in document.lines]
    assert "https://undocs.org/en/A/RES/65/230" in document.links
    notes = [line.text for line in document.lines if line.zone == "footnote" and line.block_start]
    assert notes[:2] == [
        "1  See Official Records of the Economic and Social Council, 2013, Supplement No. 10  (E/2013/30),",
        "2  Resolution 70/174, annex.",
    ]
    referenced = [line.text for line in document.lines if "¹" in line.text]
    assert referenced == [
        "22/8 of 26 April 2013,¹ in which the Commission welcomed the efforts of the United"
    ]


def test_pdftext_marks_references_written_after_a_space() -> None:
    texts = [line.text for line in read(SEED_000).lines]
    assert "26/4 of 26 May 2017, ¹  in which the Commission decided that the open-ended" in texts
    assert any(text.startswith("Crime² is a tool") for text in texts)


def test_plaintext_blank_lines_start_blocks_and_slash_footnotes_are_marked() -> None:
    document = read(FIXTURES / "S_RES_0800_1993_EN_GOLD.txt")
    assert [line.text for line in document.lines if line.zone == "footnote"] == ["1/ S/25046."]
    assert "the United Nations, ¹" in [line.text for line in document.lines]


def test_html_drops_chrome_and_keeps_paragraph_structure() -> None:
    document = read(FIXTURES / "A_RES_80_1.html")
    texts = [line.text for line in document.lines]
    assert not any(
        "Skip to main content" in t or "Privacy Notice" in t or "gtag" in t for t in texts
    )
    assert not any("Related documents" in t for t in texts)
    assert texts.count("The General Assembly,") == 1
    assert all(line.block_start for line in document.lines if line.text[:2] in ("1.", "(a"))
    assert any("Headquarters of the United Nations¹ are prevented" in t for t in texts)
    assert [line.text for line in document.lines if line.zone == "footnote"] == [
        "¹ See resolution 169 (II)."
    ]
