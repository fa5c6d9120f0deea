"""language.sqlite of the sample corpus: real lineage pairs, provenance of known paragraphs, cited-by."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from indexer.citations import cite_key, symbol_for_key
from indexer.ingest import ingest_tree
from indexer.language import FILENAME, build_language
from search.api import IndexUnavailable
from search.language import Language
from tests.conftest import SAMPLE
from tests.language_helpers import resolution


@pytest.fixture(scope="module")
def sample_resolutions():
    outcomes = sorted(ingest_tree(SAMPLE, workers=1), key=lambda o: str(o.path))
    assert all(o.ok for o in outcomes), [o.error for o in outcomes if not o.ok]
    return [o.resolution for o in outcomes]


@pytest.fixture(scope="module")
def language(sample_resolutions, tmp_path_factory) -> Language:
    build_dir = tmp_path_factory.mktemp("build")
    build_language(sample_resolutions, build_dir)
    return Language(build_dir)


@pytest.mark.parametrize(
    ("draft", "adopted"),
    [
        ("A/80/L.2", "A/RES/80/1"),
        ("A/80/L.12", "A/RES/80/73"),
        ("A/C.1/80/L.18", "A/RES/80/54"),
        ("A/C.2/80/L.20", "A/RES/80/128"),
        ("A/C.3/80/L.26", "A/RES/80/195"),
        ("A/C.3/80/L.31", "A/RES/80/224"),
        ("A/C.4/80/L.18", "A/RES/80/79"),
        ("A/C.6/80/L.13", "A/RES/80/172"),
    ],
)
def test_drafts_are_linked_to_the_resolutions_adopted_from_them(language, draft, adopted) -> None:
    assert language.lineage(draft).adopted_as == adopted
    assert language.lineage(adopted).draft_of == draft


def test_unrelated_drafts_stay_unlinked(language) -> None:
    # the Fifth Committee draft and 80/2 have different titles and agenda items; L.28 is an amendment
    assert language.lineage("A/C.5/80/L.15").adopted_as is None
    assert language.lineage("A/RES/80/2").draft_of is None
    assert language.lineage("A/80/L.28").adopted_as is None


def test_recurring_resolutions_link_sessions(language) -> None:
    assert language.lineage("A/RES/80/224").previous_session == "A/RES/79/185"
    assert language.lineage("A/RES/79/185").next_session == "A/RES/80/224"
    assert language.lineage("A/RES/80/2").previous_session == "A/RES/79/3"
    assert language.lineage("A/RES/80/1").previous_session is None
    assert language.lineage("S/RES/242 (1967)").next_session is None
    assert language.lineage("NOT/A/SYMBOL").adopted_as is None


def test_provenance_of_known_paragraphs(language) -> None:
    adopted = language.provenance("A/RES/80/1")
    assert adopted["op1"].status == "unchanged"
    assert (adopted["op1"].source_symbol, adopted["op1"].source_paragraph) == ("A/80/L.2", "op1")
    regretting = adopted["pp2"]
    assert regretting.status == "amended"
    assert regretting.previous_symbol == "A/80/L.2"
    assert "<del>Deploring,</del>" in regretting.diff_html
    assert "<ins>Regretting,</ins>" in regretting.diff_html
    syria = language.provenance("A/RES/80/224")
    assert syria["pp1"].status == "unchanged"
    assert syria["pp1"].source_symbol == "A/RES/79/185"  # the wording predates the draft
    assert syria["pp3"].status == "amended"
    assert "<ins>full respect for</ins>" in syria["pp3"].diff_html
    assert ("A/RES/79/185", "pp1") in syria["pp1"].family
    assert language.family("A/RES/80/224", "pp1") == syria["pp1"].family
    assert "fn1" not in syria  # footnotes have no family
    assert language.family("A/RES/80/224", "nope") == []


def test_first_versions_are_new(language) -> None:
    statuses = {p.status for p in language.provenance("A/RES/79/185").values()}
    assert statuses == {"new"}  # nothing older on Syria in the sample


def test_cited_by_and_most_cited(language) -> None:
    assert "S/RES/338 (1973)" in language.cited_by("S/RES/242 (1967)")
    assert "A/RES/80/73" in language.cited_by("S/RES/242 (1967)")
    counts = dict(language.most_cited(100))
    # cited by 79/83, 80/73 and 338; draft A/80/L.12 is counted through 80/73
    assert counts["S/RES/242 (1967)"] == 3
    assert language.most_cited(2)[0][1] >= language.most_cited(2)[1][1]
    assert language.in_corpus("S/RES/242 (1967)")


def test_cite_keys() -> None:
    ga = resolution("A/RES/79/148", "2024-12-17", {})
    sc = resolution("S/RES/242 (1967)", "1967-11-22", {}, body="Security Council", session=None)
    assert cite_key(ga) == "79/148"
    assert cite_key(sc) == "S/RES/242"
    assert symbol_for_key("65/230") == "A/RES/65/230"
    assert symbol_for_key("2625 (XXV)") == "A/RES/2625 (XXV)"
    assert symbol_for_key("S/RES/660") == "S/RES/660"


def test_missing_or_foreign_tables_are_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailable):
        Language(tmp_path)
    connection = sqlite3.connect(tmp_path / FILENAME)
    connection.execute("CREATE TABLE meta (name TEXT, value TEXT)")
    connection.execute("INSERT INTO meta VALUES ('schema_version', '0')")
    connection.commit()
    connection.close()
    with pytest.raises(IndexUnavailable):
        Language(tmp_path)


def test_a_document_without_symbol_is_keyed_like_the_docstore(language) -> None:
    provenance = language.provenance("000_812fe54646a34c6a")  # the seed without a header
    assert provenance and {p.status for p in provenance.values()} <= {"new", "unchanged", "amended"}
