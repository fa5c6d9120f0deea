"""One alignment decides both a document's provenance badges and its comparison with its draft."""

from __future__ import annotations

from flask.testing import FlaskClient

from indexer.alignment import align
from tests.language_helpers import resolution
from web.present import label_for_id

MOVED = "Deploring that the former regime used chemical weapons against its own people in the war"
MOVED_EDITED = (
    "Deploring that the former Syrian regime used chemical weapons against its people in the war"
)
FIRST = (
    "Reaffirming its strong commitment to the sovereignty and territorial integrity of the State"
)
SECOND = "Recalling all its previous resolutions on the situation of human rights in the country"
THIRD = "Welcoming the establishment of the national commission on missing persons and its work"


def test_a_moved_paragraph_is_paired_and_said_to_have_moved() -> None:
    draft = resolution(
        "A/C.3/80/L.1", "2025-10-01", {"pp1": FIRST, "pp2": SECOND, "pp3": THIRD, "pp4": MOVED}
    )
    adopted = resolution(
        "A/RES/80/9", "2025-12-01", {"pp1": MOVED_EDITED, "pp2": FIRST, "pp3": SECOND, "pp4": THIRD}
    )
    pairs = align(draft.paragraphs, adopted.paragraphs)
    assert [(p.a, p.b, p.status, p.moved) for p in pairs] == [
        ("pp4", "pp1", "changed", True),
        ("pp1", "pp2", "same", False),
        ("pp2", "pp3", "same", False),
        ("pp3", "pp4", "same", False),
    ]
    assert "<ins>Syrian</ins>" in pairs[0].diff_html


def test_same_stems_but_other_words_is_a_change() -> None:
    old = resolution(
        "A/C.3/80/L.1",
        "2025-10-01",
        {"op1": "Requests the Secretary-General to report on the matter to the Assembly"},
    )
    new = resolution(
        "A/RES/80/9",
        "2025-12-01",
        {"op1": "Request the Secretary-General to report on the matters to the Assembly"},
    )
    assert [p.status for p in align(old.paragraphs, new.paragraphs)] == ["changed"]


def test_badges_and_compare_agree_on_the_draft(client: FlaskClient) -> None:
    """80/224 against its draft A/C.3/80/L.31: every paragraph the comparison pairs is badged from
    the draft, with the same verdict; none the comparison calls added is said to come from it."""
    provenance = client.get("/doc/A/RES/80/224.json").get_json()["provenance"]
    pairs = client.get("/compare.json?a=A/C.3/80/L.31&b=A/RES/80/224").get_json()["pairs"]
    checked = 0
    for pair in pairs:
        badge = provenance.get(pair["b"]) if pair["b"] else None
        if badge is None:
            continue
        checked += 1
        if pair["status"] == "same":
            assert badge["status"] == "unchanged", (pair, badge)
        elif pair["status"] == "changed":
            assert badge["status"] == "amended", (pair, badge)
            assert badge["text"] == f"amended from A/C.3/80/L.31 {label_for_id(pair['a'])}", (
                pair,
                badge,
            )
        else:
            assert "A/C.3/80/L.31" not in badge["text"], (pair, badge)
    assert checked > 20


def test_compare_pairs_the_moved_paragraph(client: FlaskClient) -> None:
    pairs = client.get("/compare.json?a=A/C.3/80/L.31&b=A/RES/80/224").get_json()["pairs"]
    moved = [p for p in pairs if p.get("moved")]
    assert {"a": "pp10", "b": "pp5", "status": "changed", "moved": True}.items() <= moved[0].items()
    assert not any(p["a"] == "pp10" and p["b"] is None for p in pairs)
    assert all("moved" not in p for p in pairs if not p.get("moved"))
    html = client.get("/compare?a=A/C.3/80/L.31&b=A/RES/80/224").get_data(as_text=True)
    assert "moved" in html
