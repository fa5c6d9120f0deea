"""Header metadata, sponsors, cites and lead verbs: tables of real wording and what it must give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.cites import find_cites, normalise
from indexer.header import agenda_items, iso_date, ordinal, parse_header
from indexer.ingest import run as ingest_run
from indexer.parse import parse_file
from indexer.sidecar import BadSidecar, load_overrides
from indexer.sponsors import split_sponsors
from indexer.verbs import lead_and_verb
from tests.conftest import FIXTURES, SAMPLE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Recalling its resolution 65/230 of 21 December 2010, in which", ["65/230"]),
        (
            "Recalling its resolutions 60/254 of 8 May 2006, 62/247 of 3 April 2008 and 63/250",
            ["60/254", "62/247", "63/250"],
        ),
        ("Reaffirming Security Council resolution 2334 (2016),", ["S/RES/2334"]),
        (
            "its resolutions 660 (1990) of 2 August 1990, 661 (1990) of 6 August",
            ["S/RES/660", "S/RES/661"],
        ),
        ("Economic and Social Council resolution 2019/19 of 23 July 2019", ["E/RES/2019/19"]),
        ("resolution 1514 (XV) of 14 December 1960", ["1514 (XV)"]),
        ("its resolution ES-10/24 of 18 September 2024", ["ES-10/24"]),
        ("as set out in document A/RES/70/1", ["70/1"]),
        ("Recalling its decision 73/547 of 5 September 2019", []),
        ("Noting the report of the Secretary-General (A/79/200),", []),
        ("Resolution 217 A (III).", ["217 A (III)"]),
        ("See resolution 2200 A (XXI), annex.", ["2200 A (XXI)"]),
        ("its resolutions 38/227A and 56/210 B of 9 July 2002", ["38/227 A", "56/210 B"]),
        ("Economic and Social Council resolution 2008 (LX)", ["E/RES/2008 (LX)"]),
        ("resolution 1296 (XLIV)", ["E/RES/1296 (XLIV)"]),  # the Assembly had no 44th roman session
        ("resolutions 3201 (S-VI) and 3202 (S-VI)", ["3201 (S-VI)", "3202 (S-VI)"]),
        ("Indian Ocean Tuna Commission, resolutions 12/07 and 13/07.", []),
        ("Assembly resolution 78/210, and Human Rights Council resolution 34/8", ["78/210"]),
        ("United Nations Environment Assembly resolution 5/14", []),
        ("Council resolution 5/1 and Council resolution 2242 (2015)", ["S/RES/2242"]),
        ("resolution 60/251 A/HRC/5/1", ["60/251"]),
    ],
)
def test_cites_are_found_and_normalised(text: str, expected: list[str]) -> None:
    assert find_cites(text) == expected


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("A/RES/65/230", "65/230"),
        ("S/RES/242 (1967)", "S/RES/242"),
        ("E/RES/2019/19", "E/RES/2019/19"),
        ("A/RES/38/227A", "38/227 A"),
        ("217A(III)", "217 A (III)"),
    ],
)
def test_symbols_normalise_to_citation_keys(printed: str, key: str) -> None:
    assert normalise(printed) == key


@pytest.mark.parametrize(
    ("text", "kind", "lead", "verb"),
    [
        ("Recalling also its resolution 65/230,", "preambular", "Recalling also", "recall"),
        ("Deeply concerned at the rise,", "preambular", "Deeply concerned", "concerned"),
        ("Having considered the report,", "preambular", "Having considered", "consider"),
        ("Bearing in mind that", "preambular", "Bearing in mind", "bear in mind"),
        (
            "Requests the Secretary-General to submit",
            "operative",
            "Requests the Secretary-General",
            "request",
        ),
        ("Calls upon all States to", "operative", "Calls upon all States", "call upon"),
        ("Takes note of the report", "operative", "Takes note of", "take note"),
        ("Urges Member States to", "operative", "Urges Member States", "urge"),
        ("Also decides to include", "operative", "Also decides", "decide"),
        ("We recognize that poverty", "operative", "We recognize", "recognize"),
        ("Noting with appreciation", "preambular", "Noting", "note"),
        ("(a) To request the", "subparagraph", None, None),
        ("States Parties shall", "operative", None, None),
    ],
)
def test_lead_phrase_and_verb(text: str, kind: str, lead: str | None, verb: str | None) -> None:
    assert lead_and_verb(text, kind) == (lead, verb)


def test_sponsor_lists_keep_names_with_and_and_parentheses_whole() -> None:
    printed = (
        "Antigua and Barbuda, Bolivia (Plurinational State of), Guinea-Bissau, Lao People’s "
        "Democratic Republic and Saint Vincent and the Grenadines*"
    )
    assert split_sponsors(printed) == [
        "Antigua and Barbuda",
        "Bolivia (Plurinational State of)",
        "Guinea-Bissau",
        "Lao People’s Democratic Republic",
        "Saint Vincent and the Grenadines",
    ]


@pytest.mark.parametrize(
    ("words", "number"),
    [("Seventy-fourth", 74), ("Eightieth", 80), ("Twenty-first", 21), ("Tenth", 10)],
)
def test_session_ordinals(words: str, number: int) -> None:
    assert ordinal(words) == number


@pytest.mark.parametrize(
    ("text", "iso"),
    [("5 November 2019", "2019-11-05"), ("of 3 Apri] 1991", "1991-04-03"), ("no date", None)],
)
def test_dates(text: str, iso: str | None) -> None:
    assert iso_date(text) == iso


@pytest.mark.parametrize(
    ("printed", "items"), [("107", ["107"]), ("71 (c)", ["71 (c)"]), ("12 and 115", ["12", "115"])]
)
def test_agenda_items_as_printed(printed: str, items: list[str]) -> None:
    assert agenda_items(printed) == items


def test_adopted_resolution_header_from_a_committee_report() -> None:
    header = [
        "United Nations A/RES/79/100",
        "General Assembly Distr.: General",
        "12 December 2024",
        "Seventy-ninth session",
        "Agenda item 58",
        "Implementation of the Declaration on the Granting of",
        "Independence to Colonial Countries and Peoples",
        "Resolution adopted by the General Assembly",
        "on 4 December 2024",
        "[on the report of the Special Political and Decolonization Committee",
        "(Fourth Committee) (A/79/431, para. 33)]",
        "79/100. Question of Anguilla",
    ]
    meta = parse_header(header, "The General Assembly,")
    assert (meta.symbol, meta.doc_type, meta.session) == ("A/RES/79/100", "resolution", 79)
    assert (meta.committee, meta.resolution_number, meta.title) == (
        "Fourth Committee",
        "79/100",
        "Question of Anguilla",
    )
    assert (meta.date, meta.adoption_date) == ("2024-12-12", "2024-12-04")
    assert meta.agenda_title is not None
    assert meta.agenda_title.startswith("Implementation of the Declaration")


def test_draft_with_the_action_on_its_own_line() -> None:
    header = [
        "United Nations A/80/L.16",
        "Eightieth session",
        "Agenda item 35",
        "Question of Palestine",
        "Djibouti, Jordan, Mauritania, Qatar, Senegal and State of Palestine:*",
        "draft resolution",
        "Peaceful settlement of the question of Palestine",
    ]
    meta = parse_header(header)
    assert meta.sponsors == [
        "Djibouti",
        "Jordan",
        "Mauritania",
        "Qatar",
        "Senegal",
        "State of Palestine",
    ]
    assert (meta.committee, meta.doc_type) == ("Plenary", "draft resolution")
    assert meta.title == "Peaceful settlement of the question of Palestine"
    assert meta.agenda_title == "Question of Palestine"


def test_a_manifest_fills_a_folder_and_a_sidecar_beats_it(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text(
        json.dumps({"a.txt": {"session": 70, "committee": "Plenary"}})
    )
    (tmp_path / "a.meta.json").write_text(json.dumps({"session": 71}))
    values = load_overrides(tmp_path / "a.txt")
    assert (values["session"], values["committee"]) == (71, "Plenary")
    assert values["_origins"] == {"session": "sidecar", "committee": "manifest"}


def test_a_broken_sidecar_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.meta.json").write_text("[1, 2")
    with pytest.raises(BadSidecar, match=r"a\.meta\.json"):
        load_overrides(tmp_path / "a.txt")


def test_every_sample_document_has_its_core_metadata() -> None:
    for path in sorted(SAMPLE.rglob("*")):
        if path.suffix not in (".pdf", ".txt", ".html") or path.parent.name == "seeds":
            continue
        resolution = parse_file(path)
        missing = [f for f in ("symbol", "body", "doc_type", "date") if not getattr(resolution, f)]
        assert not missing, f"{path.name}: {missing}"
        if resolution.body == "General Assembly":
            assert resolution.session and resolution.committee and resolution.title, path.name


def test_revised_draft_seed_sponsors_end_at_the_action() -> None:
    resolution = parse_file(FIXTURES / "003_19eadadd358f8db1.txt")
    assert resolution.sponsors[0] == "Algeria" and resolution.sponsors[-1] == "Zimbabwe"
    assert "Lao People’s Democratic Republic" in resolution.sponsors


@pytest.mark.shared
def test_the_whole_shared_corpus_reads_with_metadata(shared_corpus: Path) -> None:
    report = ingest_run(shared_corpus, workers=2)
    assert report.failures == []
    assert report.documents >= 1700 and report.paragraphs >= 50_000
