"""Whole documents parsed: exact metadata, paragraph counts, chosen paragraphs, cites, provenance."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from indexer.cli import parse_command
from indexer.model import Paragraph, Resolution
from indexer.parse import parse_file
from tests.conftest import FIXTURES, SAMPLE

SEED_000 = "000_812fe54646a34c6a.txt"
SEED_003 = "003_19eadadd358f8db1.txt"


def paragraph(resolution: Resolution, paragraph_id: str) -> Paragraph:
    found = resolution.paragraph(paragraph_id)
    assert found is not None, f"no paragraph {paragraph_id}"
    return found


def kinds(resolution) -> dict[str, int]:
    counts: dict[str, int] = {}
    for paragraph in resolution.paragraphs:
        counts[paragraph.kind] = counts.get(paragraph.kind, 0) + 1
    return counts


def test_adopted_resolution_metadata_and_structure() -> None:
    resolution = parse_file(FIXTURES / "A_RES_80_1.pdf")
    assert resolution.symbol == "A/RES/80/1"
    assert resolution.body == "General Assembly"
    assert resolution.doc_type == "resolution"
    assert resolution.session == 80
    assert resolution.committee == "Plenary"
    assert resolution.agenda_items == ["7"]
    assert resolution.resolution_number == "80/1"
    assert (
        resolution.title == "Participation by the State of Palestine during the eightieth session"
    )
    assert resolution.date == "2025-09-19"
    assert resolution.pages == 2
    assert kinds(resolution) == {"preambular": 5, "footnote": 1, "operative": 3, "subparagraph": 3}
    op1 = paragraph(resolution, "op1")
    assert op1.verb == "decide"
    assert paragraph(resolution, "pp4").lead == "Recalling"
    assert all(value == "text" for value in resolution.provenance.values())


def test_revised_draft_seed_metadata_sponsors_and_cites() -> None:
    resolution = parse_file(FIXTURES / SEED_003)
    assert resolution.symbol == "A/C.3/74/L.11/Rev.1"
    assert resolution.doc_type == "revised draft resolution"
    assert (resolution.session, resolution.committee) == (74, "Third Committee")
    assert resolution.agenda_items == ["107"]
    assert resolution.date == "2019-11-05"
    assert resolution.title == (
        "Countering the use of information and communications technologies for criminal purposes"
    )
    assert len(resolution.sponsors) == 27
    assert "Bolivia (Plurinational State of)" in resolution.sponsors
    assert "Venezuela (Bolivarian Republic of)" in resolution.sponsors
    assert kinds(resolution) == {"preambular": 17, "footnote": 5, "operative": 6}
    assert "65/230" in resolution.cites and "73/187" in resolution.cites
    assert paragraph(resolution, "pp8").cites == ["65/230"]


def test_seed_without_header_takes_its_metadata_from_the_sidecar(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / SEED_000, tmp_path / SEED_000)
    sidecar = SAMPLE / "seeds" / "000_812fe54646a34c6a.meta.json"
    shutil.copy(sidecar, tmp_path / sidecar.name)
    resolution = parse_file(tmp_path / SEED_000)
    assert (resolution.session, resolution.committee, resolution.body) == (
        74,
        "Third Committee",
        "General Assembly",
    )
    assert resolution.provenance["session"] == "sidecar"
    assert kinds(resolution) == {"preambular": 15, "operative": 14, "footnote": 3}
    assert paragraph(resolution, "fn1").parent == "pp4"
    assert paragraph(resolution, "pp4").footnotes == ["fn1"]
    assert paragraph(resolution, "op2").text == (
        "Acknowledges the importance of the work of the Expert Group to continue to exchange "
        "information on national legislation, best practices, technical assistance and "
        "international cooperation, with a view to examining options to strengthen existing "
        "responses and to propose new national and international legal or other responses to "
        "cybercrime;"
    )


def test_seed_without_a_sidecar_leaves_metadata_empty_not_guessed(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / SEED_000, tmp_path / SEED_000)
    resolution = parse_file(tmp_path / SEED_000)
    assert resolution.symbol is None and resolution.session is None
    assert resolution.committee is None


def test_security_council_resolution() -> None:
    resolution = parse_file(FIXTURES / "S_RES_0242_1967_EN_GOLD.txt")
    assert resolution.body == "Security Council"
    assert resolution.resolution_number == "242 (1967)"
    assert resolution.date == "1967-11-22"
    assert kinds(resolution) == {"preambular": 3, "operative": 4, "subparagraph": 5}


def test_html_page_parses_like_the_pdf() -> None:
    from_html = parse_file(FIXTURES / "A_RES_80_1.html")
    from_pdf = parse_file(FIXTURES / "A_RES_80_1.pdf")
    assert [p.id for p in from_html.paragraphs] == [p.id for p in from_pdf.paragraphs]
    assert [p.text for p in from_html.paragraphs] == [p.text for p in from_pdf.paragraphs]
    assert from_html.symbol == "A/RES/80/1"


def test_cli_json_has_the_public_keys() -> None:
    result = CliRunner().invoke(parse_command, [str(FIXTURES / "A_RES_80_1.pdf"), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert list(record)[:13] == [
        "symbol",
        "body",
        "doc_type",
        "session",
        "committee",
        "agenda_items",
        "agenda_title",
        "sponsors",
        "date",
        "title",
        "resolution_number",
        "cites",
        "paragraphs",
    ]
    assert list(record["paragraphs"][0])[:6] == ["id", "kind", "number", "verb", "text", "cites"]
    assert record["symbol"] == "A/RES/80/1"


def test_cli_summary_says_where_values_came_from(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / SEED_000, tmp_path / SEED_000)
    sidecar = SAMPLE / "seeds" / "000_812fe54646a34c6a.meta.json"
    shutil.copy(sidecar, tmp_path / sidecar.name)
    result = CliRunner().invoke(parse_command, [str(tmp_path / SEED_000)])
    assert result.exit_code == 0, result.output
    session_line = next(line for line in result.output.splitlines() if "session" in line)
    assert "74" in session_line and "[from sidecar]" in session_line
    assert "paragraphs: 32 (15 preambular" in result.output


def test_cli_refuses_a_broken_file_with_its_reason() -> None:
    result = CliRunner().invoke(parse_command, [str(FIXTURES / "broken" / "empty.pdf")])
    assert result.exit_code == 1
    assert "empty file" in result.output
