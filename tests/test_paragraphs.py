"""Paragraph structure on real documents: kinds, numbers, ids, parents, footnotes attached."""

from __future__ import annotations

from corpus.read import read
from indexer.clean import clean
from indexer.paragraphs import build_paragraphs
from tests.conftest import FIXTURES


def no_lead(text: str, kind: str) -> tuple[None, None]:
    """Structure alone: the lead phrase and verb are indexer.verbs' concern (tested in its module)."""
    return None, None


def structure(name: str, symbol: str | None = None):
    cleaned = clean(read(FIXTURES / name), lambda header: symbol)
    return build_paragraphs(cleaned.body, cleaned.footnotes, no_lead)


def test_adopted_resolution_structure() -> None:
    paragraphs = structure("A_RES_80_1.pdf", "A/RES/80/1")
    ids = [p.id for p in paragraphs]
    assert ids == [
        "pp1",
        "fn1",
        "pp2",
        "pp3",
        "pp4",
        "pp5",
        "op1",
        "op1a",
        "op1b",
        "op1c",
        "op2",
        "op3",
    ]
    op1b = paragraphs[ids.index("op1b")]
    assert (op1b.kind, op1b.number, op1b.parent) == ("subparagraph", "1 (b)", "op1")
    fn1 = paragraphs[ids.index("fn1")]
    assert (fn1.kind, fn1.number, fn1.parent, fn1.text) == (
        "footnote",
        "1",
        "pp1",
        "See resolution 169 (II).",
    )
    assert paragraphs[0].footnotes == ["fn1"]


def test_subparagraph_rebuilt_across_the_page_break() -> None:
    op1a = next(p for p in structure("A_RES_80_1.pdf", "A/RES/80/1") if p.id == "op1a")
    assert op1a.page == 1
    assert op1a.text == (
        "The State of Palestine may submit a pre-recorded statement of its President, which will "
        "be played in the General Assembly Hall during the general debate of the Assembly at its "
        "eightieth session after introduction by its representative who is physically present in "
        "the Assembly Hall;"
    )


def test_seed_000_counts_repairs_and_footnotes() -> None:
    paragraphs = structure("000_812fe54646a34c6a.txt")
    kinds = [p.kind for p in paragraphs]
    assert (kinds.count("preambular"), kinds.count("operative"), kinds.count("footnote")) == (
        15,
        14,
        3,
    )
    pp15 = next(p for p in paragraphs if p.id == "pp15")
    assert pp15.text.endswith("technical assistance and capacity-building on cybercrime,")
    op2 = next(p for p in paragraphs if p.id == "op2")
    assert "other responses to cybercrime;" in op2.text and "re sponses" not in op2.text
    pp4 = next(p for p in paragraphs if p.id == "pp4")
    assert "26/4 of 26 May 2017, in which the Commission decided" in pp4.text
    assert pp4.footnotes == ["fn1"]


def test_seed_003_footnotes_and_operative_paragraphs() -> None:
    paragraphs = structure("003_19eadadd358f8db1.txt", "A/C.3/74/L.11/Rev.1")
    kinds = [p.kind for p in paragraphs]
    assert (kinds.count("preambular"), kinds.count("operative"), kinds.count("footnote")) == (
        17,
        6,
        5,
    )
    fn3 = next(p for p in paragraphs if p.id == "fn3")
    assert (fn3.text, fn3.parent) == ("A/65/201, A/68/98 and A/70/174.", "pp13")


def test_old_security_council_text_with_ocr_roman_numeral() -> None:
    paragraphs = structure("S_RES_0242_1967_EN_GOLD.txt")
    assert [p.id for p in paragraphs] == [
        "pp1",
        "pp2",
        "pp3",
        "op1",
        "op1-i",
        "op1-ii",
        "op2",
        "op2a",
        "op2b",
        "op2c",
        "op3",
        "op4",
    ]
    withdrawal = paragraphs[4]
    assert (withdrawal.number, withdrawal.parent) == ("1 (i)", "op1")
    assert withdrawal.text == (
        "Withdrawal of Israel armed forces from territories occupied in the recent conflict ;"
    )


def test_amendment_without_enacting_formula() -> None:
    paragraphs = structure("A_80_L.31.pdf", "A/80/L.31")
    assert len(paragraphs) == 2
    assert paragraphs[1].kind == "footnote" and paragraphs[1].number == "**"
    assert paragraphs[0].text.startswith("In operative paragraph 68, after")
