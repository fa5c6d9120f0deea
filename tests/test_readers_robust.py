"""Files that are odd rather than wrong, and files too big to be one resolution: read or refused clearly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from corpus.model import UnreadableSource
from corpus.read import MAX_PDF_BYTES, MAX_TEXT_BYTES, read
from indexer.parse import MAX_PARAGRAPH_CHARS, parse_file
from indexer.worddiff import MAX_DIFF_CELLS, diff_html, similarity
from tests.conftest import FIXTURES

OCR = FIXTURES / "S_RES_0242_1967_EN_GOLD.txt"


def test_an_encrypted_pdf_says_it_needs_a_password() -> None:
    with pytest.raises(UnreadableSource, match="encrypted PDF"):
        read(FIXTURES / "broken" / "encrypted.pdf")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])  # with BOM, then without
def test_utf16_text_is_read_like_utf8(tmp_path: Path, codec: str) -> None:
    text = OCR.read_text(encoding="utf-8")
    source = tmp_path / "unicode.txt"
    source.write_bytes(text.encode(codec))
    document = read(source)
    assert document.format == "text"
    assert [line.text for line in document.lines] == [line.text for line in read(OCR).lines]


def test_a_nul_byte_deep_in_a_text_does_not_reach_the_text(tmp_path: Path) -> None:
    data = (FIXTURES / "003_19eadadd358f8db1.txt").read_bytes()
    assert len(data) > 5000
    source = tmp_path / "nul.txt"
    source.write_bytes(data[:5000] + b"\x00\x01" + data[5000:])
    resolution = parse_file(source)
    assert not any("\x00" in p.text or "\x01" in p.text for p in resolution.paragraphs)


def test_a_text_full_of_nul_bytes_past_the_sniff_window_is_binary(tmp_path: Path) -> None:
    source = tmp_path / "mixed.txt"
    source.write_bytes(OCR.read_bytes()[:4096] + b"\x00" * 10_000)
    with pytest.raises(UnreadableSource, match="binary data"):
        read(source)


@pytest.mark.parametrize(
    ("head", "limit"), [(b"%PDF-1.7\n", MAX_PDF_BYTES), (b"Text\n", MAX_TEXT_BYTES)]
)
def test_a_huge_file_is_refused_by_its_size_before_it_is_read(
    tmp_path: Path, head: bytes, limit: int
) -> None:
    source = tmp_path / "huge"
    with source.open("wb") as handle:
        handle.write(head * (4096 // len(head) + 1))
        handle.truncate(limit + 1)  # sparse: no memory or disk spent
    with pytest.raises(UnreadableSource, match="too large"):
        read(source)


def test_a_document_without_paragraph_breaks_is_refused_with_a_message(tmp_path: Path) -> None:
    words = ("The General Assembly of the United Nations decides " * 2000).strip()
    assert len(words) > MAX_PARAGRAPH_CHARS
    source = tmp_path / "one-line.txt"
    source.write_text(f"United Nations\nGeneral Assembly\n\n{words}\n", encoding="utf-8")
    with pytest.raises(UnreadableSource, match="paragraph breaks lost"):
        parse_file(source)


def test_comparing_two_huge_paragraphs_is_bounded() -> None:
    old = " ".join(f"word{i}" for i in range(30_000))
    new = old.replace("word15000 ", "changed ")
    assert len(old.split()) ** 2 > MAX_DIFF_CELLS
    started = time.perf_counter()
    html = diff_html(old, new)
    ratio = similarity(old, new)
    assert time.perf_counter() - started < 20  # unbounded, difflib takes minutes here
    assert "<del>word15000</del>" in html and "<ins>changed</ins>" in html
    assert html.startswith("word0 word1") and 0.99 < ratio < 1
