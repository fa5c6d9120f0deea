"""UN Digital Library exports and iGov agendas: read from real files, joined to documents at index time."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from corpus.igov import normalise_item, read_agenda
from indexer.build import build_index
from indexer.ingest import source_files
from indexer.metadata import join, load, strip
from indexer.model import Resolution
from indexer.undl import additional_sponsors, looks_like_marcxml, read_export, repair
from search.api import SearchRequest
from search.searcher import open_searcher
from tests.conftest import FIXTURES, ROOT

METADATA = FIXTURES / "metadata"
EXPORT = METADATA / "undl_export.xml"
SHARED_METADATA = ROOT.parent / "shared" / "metadata"


def test_a_library_record_gives_symbol_sponsors_agenda_subjects_and_related_documents():
    records = {r.symbol: r for r in read_export(EXPORT)}
    assert sorted(records) == ["A/C.3/78/L.49/Rev.1", "A/C.3/78/L.51", "A/C.3/78/L.67"]
    record = records["A/C.3/78/L.49/Rev.1"]
    assert record.title == (
        "Promotion and protection of human rights in the context of digital technologies"
    )
    assert record.date == "2023-11-08"
    assert record.sponsors[:3] == ["Argentina", "Armenia", "Austria"]
    assert "Netherlands (Kingdom of the)" in record.sponsors and len(record.sponsors) == 24
    assert len(record.additional_sponsors) == 49
    # the Library's short names become the names the documents print
    assert record.additional_sponsors[-3:] == ["United States of America", "Uruguay", "Zambia"]
    assert "Bosnia and Herzegovina" in record.additional_sponsors
    assert record.agenda == {
        "71 (b)": "Human rights questions, including alternative approaches for improving the "
        "effective enjoyment of human rights and fundamental freedoms"
    }
    assert record.subjects[:2] == ["HUMAN RIGHTS", "HUMAN RIGHTS ADVANCEMENT"]
    assert [(r.symbol, r.relation) for r in record.related] == [
        ("A/RES/78/213", "resolution"),
        ("A/78/481/Add.2", "related"),
    ]
    assert record.url == "https://digitallibrary.un.org/record/4026910"


def test_the_exports_mis_encoded_names_are_repaired():
    names = [n for r in read_export(EXPORT) for n in r.sponsors + r.additional_sponsors]
    assert "Côte d’Ivoire" in names  # repaired, then spelled as the Member State list spells it
    assert not any("Ã" in name for name in names)
    assert repair("FranÃ§ais") == "Français"
    assert repair("Türkiye") == "Türkiye"


@pytest.mark.parametrize(
    ("note", "names"),
    [
        ("Additional sponsors: Russian Federation (A/78/472).", ["Russian Federation"]),
        (
            "Additional sponsors: Bolivia (Plurinational State of) and Ecuador. - Sudan was removed "
            "from the list of sponsors of the draft resolution (A/78/475).",
            ["Bolivia (Plurinational State of)", "Ecuador"],
        ),
        ("The amendment was rejected by the Committee (A/78/481/Add.2).", []),
    ],
)
def test_additional_sponsor_notes(note, names):
    assert additional_sponsors(note) == names


def test_exports_are_recognised_by_content_not_name(tmp_path):
    renamed = tmp_path / "export.txt"
    shutil.copy(EXPORT, renamed)
    assert looks_like_marcxml(EXPORT.read_bytes()[:4096])
    assert not looks_like_marcxml(
        b"<?xml version='1.0'?><html><body>General Assembly</body></html>"
    )
    assert source_files(tmp_path) == []  # metadata, never read as a document


@pytest.mark.parametrize(
    ("printed", "item"), [("71(c)", "71 (c)"), ("71c", "71 (c)"), ("26", "26"), ("x", None)]
)
def test_agenda_items_are_written_one_way(printed, item):
    assert normalise_item(printed) == item


def test_an_igov_agenda_prefers_the_plenary_list():
    agenda = read_agenda(METADATA / "agenda_80.json")
    assert agenda is not None and agenda.session == 80
    assert agenda.titles["71 (c)"] == (
        "Human rights situations and reports of special rapporteurs and representatives"
    )
    # iGov lists item 69 twice: the plenary's title, not a committee entry's colliding number
    assert agenda.titles["69"].startswith("Elimination of racism")
    assert not agenda.titles["26 (b)"].endswith(" ")
    assert read_agenda(EXPORT) is None


def _document(index: Path, symbol: str) -> Resolution:
    searcher = open_searcher(index)
    try:
        document = searcher.document(symbol)
    finally:
        searcher.close()
    assert document is not None
    return document


def _tree(tmp_path: Path, with_match: bool = True) -> Path:
    """The draft A/C.3/80/L.31 as PDF, the real export, iGov's agenda of session 80."""
    source = tmp_path / "corpus"
    (source / "library").mkdir(parents=True)
    shutil.copy(FIXTURES / "A_C.3_80_L.31.pdf", source / "A_C.3_80_L.31.pdf")
    shutil.copy(METADATA / "agenda_80.json", source / "agenda_80.json")
    export = EXPORT.read_text(encoding="utf-8")
    if with_match:
        # A real record's fields under the symbol of the document we hold (the export is of session 78)
        export = export.replace(">A/C.3/78/L.67<", ">A/C.3/80/L.31<", 1)
    (source / "library" / "search-result.xml").write_text(export, encoding="utf-8")
    return source


def test_indexing_joins_library_records_and_agenda_titles(tmp_path):
    source = _tree(tmp_path)
    report = build_index(source, tmp_path / "index")
    assert (report.documents, report.failures) == (1, [])
    assert (report.metadata.files, report.metadata.records, report.metadata.matched) == (2, 3, 1)
    assert report.metadata.without_text == ["A/C.3/78/L.49/Rev.1", "A/C.3/78/L.51"]
    assert "metadata without text: 2" in report.summary_lines()
    document = _document(tmp_path / "index", "A/C.3/80/L.31")
    assert document.sponsors == ["Qatar", "United States of America"]  # the text's, kept
    assert document.provenance["sponsors"] == "text"
    assert document.additional_sponsors == ["Burundi", "United Republic of Tanzania", "Zimbabwe"]
    assert document.provenance["additional_sponsors"] == "undl"
    assert document.subjects == ["ELECTIONS", "GENDER EQUALITY"]
    assert document.related == [{"symbol": "A/78/481/Add.2", "relation": "related"}]
    assert document.agenda_titles == {
        "71 (c)": "Human rights situations and reports of special rapporteurs and representatives"
    }
    assert document.provenance["agenda_titles"] == "igov"
    assert document.library_record == "https://digitallibrary.un.org/record/4026780"
    manifest = json.loads(next((tmp_path / "index" / "builds").glob("*/manifest.json")).read_text())
    assert manifest["metadata"]["matched"] == 1


def test_subjects_and_additional_sponsors_are_searchable_and_counted(tmp_path):
    build_index(_tree(tmp_path), tmp_path / "index")
    searcher = open_searcher(tmp_path / "index")
    try:
        found = searcher.search(SearchRequest('subject:"gender equality"', facets=True))
        sponsored = searcher.search(SearchRequest("sponsor:burundi"))
        other = searcher.search(SearchRequest("subject:disinformation"))
    finally:
        searcher.close()
    assert found.total > 0 and {h.symbol for h in found.hits} == {"A/C.3/80/L.31"}
    assert dict(found.facets["subject"]) == {
        "ELECTIONS": found.total,
        "GENDER EQUALITY": found.total,
    }
    sponsors = dict(found.facets["sponsor"])
    assert sponsors["Qatar"] == sponsors["Burundi"] == found.total
    assert sponsored.total == found.total
    assert other.total == 0


def test_a_rebuild_without_the_export_drops_its_values(tmp_path):
    source = _tree(tmp_path)
    build_index(source, tmp_path / "index")
    shutil.rmtree(source / "library")
    report = build_index(source, tmp_path / "index")
    assert report.reused == 1
    document = _document(tmp_path / "index", "A/C.3/80/L.31")
    assert document.additional_sponsors == [] and document.subjects == []
    assert "additional_sponsors" not in document.provenance
    assert document.agenda_titles  # the agenda file is still there


def test_strip_takes_off_only_what_metadata_gave():
    metadata = load(METADATA)
    from tests.language_helpers import resolution

    document = resolution("A/C.3/78/L.51", "2023-10-31", {"op1": "Words"}, session=78)
    document.sponsors = []
    join([document], metadata)
    assert document.sponsors[:2] == ["Albania", "Argentina"]
    assert document.provenance["sponsors"] == "undl"
    strip(document)
    assert document.sponsors == [] and document.subjects == [] and document.library_record is None
    assert document.agenda_items == ["75"]  # the document's own value stays


@pytest.mark.shared
def test_the_real_export_and_agendas_read_whole():
    if not SHARED_METADATA.is_dir():
        pytest.skip(f"{SHARED_METADATA} is not beside this checkout")
    metadata = load(SHARED_METADATA)
    assert len(metadata.records) == 94
    assert sorted(metadata.agendas) == [78, 79, 80]
    records = metadata.records.values()
    assert sum(bool(r.additional_sponsors) for r in records) == 53
    assert sum(len(r.additional_sponsors) for r in records) == 1711
    assert sum(bool(r.subjects) for r in records) == 91
    assert sum(any(x.relation == "resolution" for x in r.related) for r in records) == 62
    assert {s: len(a.titles) for s, a in metadata.agendas.items()} == {78: 303, 79: 362, 80: 331}


def test_the_document_page_shows_library_values_and_links_subjects(tmp_path):
    from web import create_app

    build_index(_tree(tmp_path), tmp_path / "index")
    client = create_app({"INDEX": str(tmp_path / "index"), "TESTING": True}).test_client()
    html = client.get("/doc/A/C.3/80/L.31").get_data(as_text=True)
    assert "Burundi, United Republic of Tanzania, Zimbabwe" in html
    assert "(from the UN Digital Library record)" in html
    assert '<a href="/search?f=subject%3AGENDER+EQUALITY">GENDER EQUALITY</a>' in html
    assert "https://digitallibrary.un.org/record/4026780" in html
    found = client.get("/search?f=subject:GENDER EQUALITY").get_data(as_text=True)
    assert "A/C.3/80/L.31" in found
