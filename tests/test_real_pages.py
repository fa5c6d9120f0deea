"""Real pages of General Assembly resolutions (tests/fixtures/pages): each paragraph, heading and
footnote as the document prints it. The fixtures are pages cut from ../shared/corpus/unga-79 and
unga-80; the first page is kept where the enacting formula is needed."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from indexer.model import Paragraph, Resolution
from indexer.parse import parse_file
from tests.conftest import FIXTURES

PAGES = FIXTURES / "pages"


@cache
def parsed(name: str) -> Resolution:
    return parse_file(Path(PAGES / name))


def footnotes(name: str) -> dict[str, str]:
    return {p.number or "": p.text for p in parsed(name).paragraphs if p.kind == "footnote"}


def paragraph(name: str, start: str) -> Paragraph:
    return next(p for p in parsed(name).paragraphs if p.text.startswith(start))


def test_a_footnote_whose_marker_pdfium_splits_off_is_its_own_footnote() -> None:
    notes = footnotes("A_RES_79_196_p1-2.pdf")  # "⁵ Ibid., annex II." under footnote 4
    assert notes["5"] == "Ibid., annex II."
    assert not notes["4"].endswith("annex II.")
    cited = paragraph("A_RES_79_196_p1-2.pdf", "Recalling also the United Nations Millennium")
    assert cited.footnotes == ["fn2", "fn3", "fn4", "fn5", "fn6", "fn7"]


def test_a_continuation_line_opening_with_a_number_stays_in_its_footnote() -> None:
    notes = footnotes("A_RES_79_196_p1-2.pdf")
    assert sorted(notes, key=int) == [str(n) for n in range(1, 11)]  # none invented: no "18", "3"
    assert "Rio de Janeiro, 3 – 14 June 1992, vol. I," in notes["4"]
    assert notes["3"].endswith("chap. I, resolution 1, annex.")
    assert (
        notes["7"].startswith("Report of the World Summit")
        and "26 August–4 September" in notes["7"]
    )


def test_a_footnote_ending_in_a_bare_symbol_keeps_it() -> None:
    notes = footnotes("A_RES_79_127_p1-2.pdf")
    assert notes["2"].endswith("A/77/186 and A/78/130.")


def test_bold_headings_are_paragraphs_of_their_own_and_give_the_section() -> None:
    doc = parsed("A_RES_79_305_p1-3.pdf")  # Fifth Committee: financing of UNMIK
    headings = [p for p in doc.paragraphs if p.kind == "heading"]
    assert [h.text for h in headings] == [
        "Budget performance report for the period from 1 July 2023 to 30 June 2024",
        "Budget estimates for the period from 1 July 2025 to 30 June 2026",
        "Financing of the appropriation for the period from 1 July 2025 to 30 June 2026",
    ]
    assert all(h.number is None and h.verb is None for h in headings)
    op11 = doc.paragraph("op11")
    assert op11 and op11.text.endswith("maximum of efficiency and economy;")
    op13 = doc.paragraph("op13")  # the heading that opens page 3 swallows nothing
    assert op13 and op13.text.startswith("Decides to appropriate")
    assert op13.section == "Budget estimates for the period from 1 July 2025 to 30 June 2026"
    operative = [p.number for p in doc.paragraphs if p.kind == "operative"]
    assert operative == [str(n) for n in range(1, 21)]


def test_a_lone_unnumbered_paragraph_in_the_present_tense_is_operative() -> None:
    resolves = paragraph("A_RES_79_261_p1.pdf", "Resolves that:")  # Working Capital Fund
    assert resolves.kind == "operative" and resolves.verb == "resolve"
    assert paragraph("A_RES_79_261_p1.pdf", "The Working Capital Fund").id == "op1"
    adopts = paragraph("A_RES_79_2_p1-2.pdf", "Adopts the political declaration")
    assert adopts.kind == "operative" and adopts.verb == "adopt"
    preamble = [p for p in parsed("A_RES_79_2_p1-2.pdf").paragraphs if p.kind == "preambular"]
    assert not any("Adopts" in p.text for p in preamble)


def test_lettered_items_of_an_unnumbered_operative_paragraph_are_its_subparagraphs() -> None:
    doc = parsed("A_80_L.42.pdf")
    decides = paragraph("A_80_L.42.pdf", "Decides:")
    items = [p for p in doc.paragraphs if p.parent == decides.id and p.kind == "subparagraph"]
    assert [p.number for p in items] == ["(a)", "(b)"]
    assert items[0].text.startswith("To postpone to its eighty-first session")
    assert [p for p in doc.paragraphs if p.kind == "operative"] == [decides]


def test_a_label_glued_to_its_text_still_starts_an_item() -> None:
    from indexer.clean_blocks import Block
    from indexer.paragraphs import build_paragraphs
    from indexer.verbs import lead_and_verb

    texts = ["1. Decides:", "(ll) To welcome the report;", "(mm)Encourages all States;"]
    built = build_paragraphs([Block(t, 1) for t in texts], [], lead_and_verb)
    assert [(p.id, p.text) for p in built[1:]] == [
        ("op1ll", "To welcome the report;"),
        ("op1mm", "Encourages all States;"),
    ]


def test_the_universal_declaration_and_the_covenants_are_cited_in_the_uns_form() -> None:
    doc = parsed("A_RES_80_213_p1-2.pdf")  # human rights and counter-terrorism
    notes = {p.number: p for p in doc.paragraphs if p.kind == "footnote"}
    assert notes["1"].cites == ["217 A (III)"] and notes["2"].cites == ["2200 A (XXI)"]
    assert {"217 A (III)", "2200 A (XXI)", "72/180", "78/210"} <= set(doc.cites)
    # Human Rights Council resolutions 34/8, 35/34 ... are not General Assembly resolutions
    assert not {"34/8", "35/34", "42/18", "57/11"} & set(doc.cites)


def test_old_part_lettered_resolutions_link_in_the_citation_graph() -> None:
    from indexer.citations import build_citations, cite_key

    cited = Resolution("A/RES/38/227A", "General Assembly", "resolution", 38, None)
    citing = Resolution("A/RES/80/1", "General Assembly", "resolution", 80, None)
    citing.cites = find_cites_in("Recalling its resolution 38/227 A of 20 December 1983,")
    assert cite_key(cited) == "38/227 A"
    keys, edges = build_citations([cited, citing], {})
    assert keys["38/227 A"] == "A/RES/38/227A"
    assert [(e.key, e.citing) for e in edges] == [("38/227 A", "A/RES/80/1")]


def find_cites_in(text: str) -> list[str]:
    from indexer.cites import find_cites

    return find_cites(text)


def test_a_resolution_printed_without_the_enacting_formula_keeps_its_title() -> None:
    from corpus.read import read
    from indexer.parse import parse

    raw = read(PAGES / "A_RES_79_196_p1-2.pdf")
    raw.lines = [line for line in raw.lines if line.text != "The General Assembly,"]
    resolution = parse(raw)
    assert resolution.title == "International financial system and development"
    assert resolution.paragraph("pp1") is not None


def test_a_reissued_documents_symbol_drops_its_asterisk() -> None:
    from indexer.header import parse_header

    header = [  # first lines of A/C.3/80/L.29 as the PDF prints them
        "United Nations A/C.3/80/L.29*",
        "General Assembly Distr.: Limited",
        "4 November 2025",
        "Original: English",
        "Eightieth session",
        "Third Committee",
    ]
    meta = parse_header(header)
    assert meta.symbol == "A/C.3/80/L.29" and meta.committee == "Third Committee"


def test_a_budget_annex_table_is_one_table_paragraph_not_numbered_text() -> None:
    doc = parsed("A_RES_79_257_p1-11-12.pdf")  # staffing table for 2025, over two pages
    tables = [p for p in doc.paragraphs if p.kind == "table"]
    assert len(tables) == 1
    rows = tables[0].text.split("\n")
    assert "P-5 954 186 1 140" in rows and rows[-1] == "Total 10 594 3 882 14 476"
    assert tables[0].number is None and tables[0].section == "Annex — Staffing table for 2025"
    assert not any(p.kind == "operative" and p.id.startswith("annex") for p in doc.paragraphs)


def test_a_last_line_opening_with_a_capital_and_ending_in_a_marker_stays_in_its_paragraph() -> None:
    noting = paragraph("A_RES_80_205_p1-2.pdf", "Noting that numerous instruments")
    assert noting.text.endswith(
        "the United Nations Educational, Scientific and Cultural Organization at its fourteenth "
        "session,"
    )
    assert noting.footnotes == ["fn4"]
    assert not any(
        p.text.startswith("Scientific and Cultural")
        for p in parsed("A_RES_80_205_p1-2.pdf").paragraphs
    )


def test_parse_json_keeps_its_keys_and_adds_heading_kind_and_section() -> None:
    import json

    from click.testing import CliRunner

    from indexer.cli import parse_command

    result = CliRunner().invoke(parse_command, [str(PAGES / "A_RES_79_305_p1-3.pdf"), "--json"])
    assert result.exit_code == 0, result.output
    paragraphs = json.loads(result.output)["paragraphs"]
    assert all(list(p)[:6] == ["id", "kind", "number", "verb", "text", "cites"] for p in paragraphs)
    heading = next(p for p in paragraphs if p["kind"] == "heading")
    assert heading["section"] == heading["text"]
    assert next(p for p in paragraphs if p["id"] == "op12")["section"] == heading["text"]


def test_html_headings_are_headings_too(tmp_path: Path) -> None:
    page = tmp_path / "A_RES_79_305.html"
    page.write_text(
        "<html><body><main><p>United Nations A/RES/79/305</p><p>The General Assembly,</p>"
        "<p>Having considered the reports of the Secretary-General on the financing of the "
        "United Nations Interim Administration Mission in Kosovo,</p>"
        "<p>11. Also requests the Secretary-General to take all action necessary;</p>"
        "<h3>Budget performance report for the period from 1 July 2023 to 30 June 2024</h3>"
        "<p>12. Takes note of the report of the Secretary-General on the budget performance;</p>"
        "</main></body></html>",
        encoding="utf-8",
    )
    doc = parse_file(page)
    assert [p.kind for p in doc.paragraphs] == ["preambular", "operative", "heading", "operative"]
    assert doc.paragraphs[-1].section.startswith("Budget performance report")  # type: ignore[union-attr]


def test_an_appropriation_table_is_a_table_not_numbered_paragraphs() -> None:
    doc = parsed("A_C.5_80_L.6_p1.pdf")  # programme budget 2026: section, amount
    (table,) = [p for p in doc.paragraphs if p.kind == "table"]
    assert "1 Overall policymaking, direction and coordination 92 738 500" in table.text.split("\n")
    assert table.text.split("\n")[-1] == "Subtotal, part III 101 662 800"
    assert [p.number for p in doc.paragraphs if p.kind == "operative"] == [None, "1"]
    assert not [p for p in doc.paragraphs if p.kind == "heading" and "Subtotal" in p.text]


def test_lettered_items_of_a_preambular_paragraph_are_its_items() -> None:
    from web.present import paragraph_label

    doc = parsed("A_RES_79_218_p1-2.pdf")  # Doha Programme of Action: six key focus areas
    owner = paragraph("A_RES_79_218_p1-2.pdf", "Reaffirming also that the Doha Programme")
    assert owner.kind == "preambular" and owner.text.endswith("contained therein:")
    items = [p for p in doc.paragraphs if p.parent == owner.id]
    assert [p.id for p in items] == [f"{owner.id}{letter}" for letter in "abcdef"]
    assert items[0].text.startswith("Investing in people in least developed countries")
    assert items[-1].text.startswith("Mobilizing international solidarity")
    assert paragraph_label("subparagraph", items[0].number, items[0].id) == f"PP {owner.number} (a)"


def test_footnotes_filling_half_a_page_are_still_footnotes() -> None:
    notes = footnotes("A_RES_79_188_p1.pdf")  # the page's median type size is the footnotes'
    assert sorted(notes, key=int) == ["1", "2", "3", "4", "5"]
    assert notes["5"].startswith("The United Nations Standard Minimum Rules")
    assert notes["5"].endswith(
        "Basic Principles on the Use of Force and Firearms by Law Enforcement Officials."
    )
    recalling = paragraph("A_RES_79_188_p1.pdf", "Recalling the Universal Declaration")
    assert recalling.footnotes == ["fn1", "fn2", "fn3", "fn4"]


def test_a_wrapped_date_stays_in_its_footnote_when_no_wrapped_line_shows_the_column() -> None:
    notes = footnotes("A_RES_79_218_p1-2.pdf")  # every wrapped footnote line opens with a number
    assert notes["2"].endswith(
        "New York, 17 March 2022, and Doha, 5–9 March 2023 (A/CONF.219/2023/3), chap. I, resolution 2."
    )
    assert "17" not in notes


def test_no_text_is_dropped_after_a_superscript_marker() -> None:
    recalling = paragraph("A_RES_80_213_p1-2.pdf", "Recalling all relevant resolutions")
    assert (
        "40/16 of 22 March 2019, 42/18 of 26 September 2019, 45/11 of 6 October 2020, 51/24 of"
        in recalling.text
    )  # markers 7, 8 and 9 sit in this run, one at a page break
    assert recalling.footnotes == [f"fn{n}" for n in range(4, 13)]
