"""Cleaning: page furniture out, paragraphs whole again, words repaired, and never a body word lost."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.model import Line, RawDocument
from corpus.read import read
from indexer.clean import clean
from indexer.clean_blocks import join_lines, to_blocks
from indexer.clean_chars import normalise_line
from indexer.clean_footnotes import take_markers
from indexer.clean_margin import drop_margin, is_margin_text
from indexer.clean_words import repair_stray_spaces
from tests.conftest import FIXTURES

WORDS = st.sampled_from(
    [
        "the",
        "Assembly",
        "capacity-building",
        "Secretary-General",
        "re",
        "sponses",
        "ru",
        "les",
        "of",
        "and",
        "to",
        "“resolution”",
        "65/230",
        "2019",
        "Member",
        "States",
        "urges",
        "recalls",
        "—",
        "’s",
        "(a)",
        "1.",
        "responses",
        "rules",
        "open-ended",
        "in",
        "into",
    ]
)
LINE = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)


def letters(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text)


@given(LINE)
def test_normalising_characters_keeps_every_letter(text: str) -> None:
    assert letters(normalise_line(text)) == letters(text)


@given(LINE, LINE, st.booleans())
def test_joining_lines_keeps_every_letter(left: str, right: str, ocr: bool) -> None:
    assert letters(join_lines(left, right, ocr)) == letters(left + right)


@given(LINE)
def test_stray_space_repair_only_removes_spaces(text: str) -> None:
    repaired = repair_stray_spaces(text)
    assert repaired.replace(" ", "") == text.replace(" ", "")


@given(LINE)
def test_body_lines_are_never_taken_for_page_furniture(text: str) -> None:
    lines = [Line(text, 1)]
    assert is_margin_text(text) or drop_margin(lines, "A/RES/80/1") == lines


@settings(max_examples=60)
@given(st.lists(st.tuples(LINE, st.booleans(), st.integers(1, 3)), min_size=1, max_size=25))
def test_the_whole_chain_loses_no_body_word(rows: list[tuple[str, bool, int]]) -> None:
    lines = [Line("The General Assembly,", 1, block_start=True)]
    lines += [
        Line(text, page, block_start=start)
        for text, start, page in sorted(rows, key=lambda r: r[2])
    ]
    body_text = [line.text for line in lines[1:] if not is_margin_text(line.text)]
    raw = RawDocument(path=Path("x.pdf"), format="pdf", lines=lines, page_count=3)
    cleaned = clean(raw)
    out = [block.text for block in cleaned.body] + cleaned.trailer
    assert letters(" ".join(out)) == letters(" ".join(body_text))


def test_blocks_rejoin_across_pages() -> None:
    lines = [
        Line("(a) The State of Palestine may submit a statement,", 1, block_start=True),
        Line("which will be played in the Hall", 1),
        Line("Assembly at its eightieth session;", 2),
        Line("(b) The State", 2, block_start=True),
    ]
    blocks = to_blocks(lines)
    assert [b.text for b in blocks] == [
        "(a) The State of Palestine may submit a statement, which will be played in the Hall "
        "Assembly at its eightieth session;",
        "(b) The State",
    ]


def test_line_end_hyphens() -> None:
    assert join_lines("technical assistance and capacity -", "building on cybercrime") == (
        "technical assistance and capacity-building on cybercrime"
    )
    assert join_lines("the Secretary-", "General to report") == "the Secretary-General to report"
    assert join_lines("an open-", "ended group") == "an open-ended group"
    assert join_lines("the demili-", "tarized zone", ocr=True) == "the demilitarized zone"
    assert join_lines("the well-", "being of", ocr=True) == "the well-being of"
    assert join_lines("a re\u00ad", "sponse") == "a response"


def test_characters_are_normalised_but_the_documents_own_kept() -> None:
    assert normalise_line("the e\ufb00ect of \ufb01nancing") == "the effect of financing"
    assert normalise_line("Assistant Secretary\ufffeGeneral") == "Assistant Secretary-General"
    assert normalise_line("pre\u2011recorded\u00a0statement") == "pre-recorded statement"
    assert normalise_line("capa\u00adcity") == "capacity"
    assert normalise_line("“Countering the use” – 2018–2021") == "“Countering the use” – 2018–2021"


def test_stray_spaces_are_repaired_only_into_corpus_words() -> None:
    assert repair_stray_spaces("legal or other re sponses to") == "legal or other responses to"
    assert (
        repair_stray_spaces("in accordance with the ru les and")
        == "in accordance with the rules and"
    )
    assert repair_stray_spaces("to put in to practice a part") == "to put in to practice a part"
    assert repair_stray_spaces("We gather here in Doha") == "We gather here in Doha"
    assert repair_stray_spaces("“A world in flux,”") == "“A world in flux,”"


def test_markers_leave_the_text() -> None:
    assert take_markers("26/4 of 26 May 2017, ¹  in which") == (
        "26/4 of 26 May 2017, in which",
        ["1"],
    )
    assert take_markers("the Court,** and noting", frozenset({"**"})) == (
        "the Court, and noting",
        ["**"],
    )
    assert take_markers("sponsors* and", frozenset()) == ("sponsors* and", [])


def test_margin_patterns() -> None:
    for furniture in (
        "2/5",
        "19-19206 (E) 111119",
        "19-19206 2/3",
        "2/2 25-15106",
        "*1919206*",
        "https://undocs.org/en/A/RES/65/230",
        "A/C.3/74/L.11/Rev.1",
        "Distr.: Limited",
    ):
        assert is_margin_text(furniture), furniture
    assert not is_margin_text("2. Acknowledges the importance of the work")


def test_seed_running_headers_and_url_dumps_are_gone() -> None:
    cleaned = clean(
        read(FIXTURES / "003_19eadadd358f8db1.txt"), lambda header: "A/C.3/74/L.11/Rev.1"
    )
    text = " ".join(block.text for block in cleaned.body + cleaned.footnotes)
    for residue in ("19-19206", "A/C.3/74/L.11/Rev.1", "undocs.org", "_____"):
        assert residue not in text
    assert not re.search(r"\b[23]/3\b", text)
    assert cleaned.formula == "The General Assembly,"
    assert cleaned.header[0] == "United Nations A/C.3/74/L.11/Rev.1"
