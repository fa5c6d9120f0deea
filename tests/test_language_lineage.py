"""Lineage on hand-made documents: revisions, committee from the draft symbol, one-to-one matching."""

from __future__ import annotations

from indexer.lineage import build_lineage, draft_committee, normalise_title, predecessors
from tests.language_helpers import resolution

TEXT = {"op1": "Calls upon all States to cooperate fully with the Special Rapporteur on the matter"}


def draft(symbol: str, date: str, **fields):
    return resolution(symbol, date, TEXT, doc_type="draft resolution", **fields)


def test_revision_is_what_was_adopted_and_all_versions_know_it() -> None:
    original = draft("A/C.3/80/L.5", "2025-10-01", committee="Third Committee")
    revised = draft("A/C.3/80/L.5/Rev.1", "2025-10-20", committee="Third Committee")
    adopted = resolution("A/RES/80/150", "2025-12-15", TEXT, committee="Third Committee")
    records = build_lineage([adopted, revised, original])
    assert records["A/RES/80/150"].draft_of == "A/C.3/80/L.5/Rev.1"
    assert records["A/C.3/80/L.5"].adopted_as == "A/RES/80/150"
    assert records["A/C.3/80/L.5/Rev.1"].adopted_as == "A/RES/80/150"
    assert records["A/C.3/80/L.5"].revisions == ["A/C.3/80/L.5/Rev.1"]
    assert records["A/C.3/80/L.5/Rev.1"].revisions == ["A/C.3/80/L.5"]
    assert predecessors(records)["A/C.3/80/L.5/Rev.1"] == {"A/C.3/80/L.5"}


def test_committee_and_session_must_agree() -> None:
    plenary_draft = draft("A/80/L.9", "2025-10-01")
    third = resolution("A/RES/80/151", "2025-12-15", TEXT, committee="Third Committee")
    other_session = resolution("A/RES/81/3", "2026-12-15", TEXT, session=81)
    records = build_lineage([plenary_draft, third, other_session])
    assert records["A/80/L.9"].adopted_as is None
    assert draft_committee("A/C.3/80/L.31") == "Third Committee"
    assert draft_committee("A/80/L.2") == "Plenary"
    assert draft_committee("S/2025/1") is None


def test_two_resolutions_of_one_title_take_one_draft_each() -> None:
    first_text = {
        "op1": "Welcomes the report of the Secretary-General on oceans and the law of the sea"
    }
    second_text = {
        "op1": "Encourages States to become parties to the Agreement on fish stocks in full"
    }
    drafts = [
        resolution("A/80/L.20", "2025-11-01", first_text, doc_type="draft resolution"),
        resolution("A/80/L.21", "2025-11-01", second_text, doc_type="draft resolution"),
    ]
    adopted = [
        resolution("A/RES/80/110", "2025-12-09", first_text),
        resolution("A/RES/80/111", "2025-12-09", second_text),
    ]
    records = build_lineage(drafts + adopted)
    assert records["A/RES/80/110"].draft_of == "A/80/L.20"
    assert records["A/RES/80/111"].draft_of == "A/80/L.21"


def test_previous_session_by_title_then_next_session_back() -> None:
    older = resolution("A/RES/79/70", "2024-12-10", TEXT, session=79)
    newer = resolution("A/RES/80/71", "2025-12-10", TEXT)
    unrelated = resolution(
        "A/RES/79/71", "2024-12-10", TEXT, session=79, title="Other", agenda_items=()
    )
    records = build_lineage([older, newer, unrelated])
    assert records["A/RES/80/71"].previous_session == "A/RES/79/70"
    assert records["A/RES/79/70"].next_session == "A/RES/80/71"
    assert records["A/RES/79/71"].next_session is None
    assert normalise_title("Palestine Refugees’ properties") == "palestine refugees properties"


def test_each_link_says_how_it_was_established() -> None:
    inferred = draft("A/C.3/80/L.5", "2025-10-01", committee="Third Committee")
    adopted = resolution("A/RES/80/150", "2025-12-15", TEXT, committee="Third Committee")
    records = build_lineage([adopted, inferred])
    evidence = records["A/RES/80/150"].evidence["draft_of"]
    assert evidence["method"] == "match"
    assert evidence["evidence"] == (
        "inferred: same title; same agenda item 75; wording similarity 1.00"
    )
    assert evidence["score"] == 1.0
    assert records["A/C.3/80/L.5"].evidence["adopted_as"] == evidence


def test_a_draft_the_resolution_cites_wins_over_a_title_match() -> None:
    lookalike = draft("A/80/L.7", "2025-10-01")
    cited = resolution(
        "A/80/L.8",
        "2025-10-02",
        {"op1": "Decides to include the item in the agenda"},
        doc_type="draft resolution",
        title="Something else",
        agenda_items=("9",),
    )
    adopted = resolution("A/RES/80/20", "2025-10-10", TEXT)
    adopted.adopted_from = ["A/80/L.8"]
    records = build_lineage([lookalike, cited, adopted])
    assert records["A/RES/80/20"].draft_of == "A/80/L.8"
    assert records["A/RES/80/20"].evidence["draft_of"] == {
        "method": "cites",
        "evidence": "A/RES/80/20 names A/80/L.8 in its header as the draft adopted",
        "score": None,
    }
    assert records["A/80/L.7"].adopted_as is None


def test_a_link_the_digital_library_records_is_taken_as_recorded() -> None:
    recorded = draft("A/C.3/78/L.49/Rev.1", "2023-11-08", session=78, title="Digital technologies")
    recorded.related = [
        {"symbol": "A/RES/78/213", "relation": "resolution"},
        {"symbol": "A/78/481/Add.2", "relation": "related"},
    ]
    adopted = resolution(
        "A/RES/78/213",
        "2023-12-19",
        {"op1": "Other words entirely, nothing alike at all here"},
        session=78,
        committee="Third Committee",
        title="Human rights and digital technologies",
    )
    records = build_lineage([recorded, adopted])
    assert records["A/RES/78/213"].draft_of == "A/C.3/78/L.49/Rev.1"
    evidence = records["A/C.3/78/L.49/Rev.1"].evidence["adopted_as"]
    assert evidence["method"] == "library"
    assert (
        "Digital Library record of A/C.3/78/L.49/Rev.1 lists A/RES/78/213" in evidence["evidence"]
    )


def test_a_drafts_library_link_pairs_it_with_the_resolution_it_names() -> None:
    """Not with whichever adopted text happens to come last: the record names one resolution."""
    recorded = draft("A/C.3/78/L.49/Rev.1", "2023-11-08", session=78, title="Digital technologies")
    recorded.related = [{"symbol": "A/RES/78/213", "relation": "resolution"}]
    named = resolution(
        "A/RES/78/213",
        "2023-12-19",
        {"op1": "Other words entirely, nothing alike at all here"},
        session=78,
        committee="Third Committee",
        title="Human rights and digital technologies",
    )
    later = resolution(
        "A/RES/78/299",
        "2024-06-01",
        {"op1": "Unrelated wording about the law of the sea"},
        session=78,
        committee="Third Committee",
        title="Another subject",
    )
    records = build_lineage([recorded, named, later])
    assert records["A/C.3/78/L.49/Rev.1"].adopted_as == "A/RES/78/213"
    assert records["A/RES/78/213"].draft_of == "A/C.3/78/L.49/Rev.1"
    assert records["A/RES/78/299"].draft_of is None
