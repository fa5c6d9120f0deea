"""Paragraph families on hand-made resolutions: statuses, sources, preferred predecessors, diffs."""

from __future__ import annotations

from indexer.families import build_families
from indexer.minhash import jaccard, paragraph_words, shingles, similar_pairs
from indexer.worddiff import diff_html, similarity
from tests.language_helpers import resolution

BASE = (
    "Requests the Secretary-General to submit to the General Assembly at its eighty-first "
    "session a report on the implementation of the present resolution"
)
AMENDED = (
    "Requests the Secretary-General to submit to the General Assembly at its eighty-second "
    "session a comprehensive report on the implementation of the present resolution"
)
OTHER = "Welcomes the entry into force of the Agreement on marine biological diversity of areas"


def by_ref(results):
    return {(p.symbol, p.paragraph_id): p for p in results}


def test_new_unchanged_and_amended_in_date_order() -> None:
    first = resolution("A/RES/79/1", "2024-12-01", {"op1": BASE, "op2": OTHER})
    second = resolution("A/RES/80/1", "2025-12-01", {"op1": BASE, "op2": AMENDED})
    results = by_ref(build_families([second, first]))  # input order must not matter
    assert results[("A/RES/79/1", "op1")].status == "new"
    assert results[("A/RES/79/1", "op1")].source is None
    unchanged = results[("A/RES/80/1", "op1")]
    assert unchanged.status == "unchanged"
    assert unchanged.source == ("A/RES/79/1", "op1")
    assert unchanged.previous == ("A/RES/79/1", "op1")
    amended = results[("A/RES/80/1", "op2")]
    assert amended.status == "amended"
    assert amended.previous == ("A/RES/79/1", "op1")  # the most similar earlier paragraph
    assert amended.root == ("A/RES/79/1", "op1")
    assert "<del>eighty-first</del>" in amended.diff_html
    assert "<ins>eighty-second</ins>" in amended.diff_html
    assert "<ins>comprehensive</ins>" in amended.diff_html
    assert results[("A/RES/79/1", "op2")].status == "new"  # OTHER shares no wording


def test_short_paragraphs_and_footnotes_have_no_family() -> None:
    texts = {"op1": "Decides to remain seized", "fn1": BASE, "op2": BASE}
    results = by_ref(build_families([resolution("A/RES/80/2", "2025-01-01", texts)]))
    assert set(results) == {("A/RES/80/2", "op2")}


def test_unrelated_wording_stays_new() -> None:
    older = resolution("A/RES/79/5", "2024-01-01", {"op1": OTHER})
    newer = resolution("A/RES/80/5", "2025-01-01", {"op1": BASE})
    assert by_ref(build_families([older, newer]))[("A/RES/80/5", "op1")].status == "new"


def test_a_predecessor_wins_a_tie_and_the_family_keeps_its_root() -> None:
    origin = resolution("A/RES/78/9", "2023-01-01", {"op3": BASE})
    unrelated = resolution("A/RES/79/2", "2024-06-01", {"op7": BASE})
    predecessor = resolution("A/RES/79/1", "2024-03-01", {"op1": BASE})
    later = resolution("A/RES/80/1", "2025-01-01", {"op1": BASE})
    results = by_ref(
        build_families([origin, unrelated, predecessor, later], {"A/RES/80/1": {"A/RES/79/1"}})
    )
    chosen = results[("A/RES/80/1", "op1")]
    assert chosen.previous == ("A/RES/79/1", "op1")  # not the later, unrelated 79/2
    assert chosen.source == ("A/RES/78/9", "op3")  # where the wording first appears
    assert {p.root for p in results.values()} == {("A/RES/78/9", "op3")}


def test_a_second_copy_of_a_document_is_not_a_reuse() -> None:
    pdf = resolution("A/RES/80/1", "2025-01-01", {"op1": BASE})
    html = resolution("A/RES/80/1", "2025-01-01", {"op1": BASE})
    results = build_families([pdf, html])
    assert [(p.symbol, p.status) for p in results] == [("A/RES/80/1", "new")]


def test_jaccard_and_lsh_candidates() -> None:
    base, amended, other = (shingles(paragraph_words(t)) for t in (BASE, AMENDED, OTHER))
    assert jaccard(base, base) == 1.0
    assert 0.3 < jaccard(base, amended) < 1.0
    assert jaccard(base, other) == 0.0
    pairs = similar_pairs([base, amended, other], 0.3)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]


def test_word_diff_escapes_and_marks_changes() -> None:
    html = diff_html("Notes the <report> of 2024,", "Notes the <report> & annex of 2025,")
    assert "&lt;report&gt;" in html
    assert "<ins>&amp; annex</ins>" in html
    assert "<del>2024,</del><ins>2025,</ins>" in html
    assert "<report>" not in html
    assert similarity("a b c d", "a b c d") == 1.0
    assert similarity("a b c d", "w x y z") == 0.0
