"""Document comparison: alignment statuses, word diffs, escaping; and the lineage/compare commands."""

from __future__ import annotations

import json

from click.testing import CliRunner

from search.compare import compare
from search.language_cli import compare_command, lineage_command
from tests.language_helpers import resolution

KEEP = "Reaffirms the purposes and principles of the Charter of the United Nations in full"
EDIT_OLD = "Requests the Secretary-General to report at its eighty-first session on <progress>"
EDIT_NEW = "Requests the Secretary-General to report at its eighty-second session on <progress>"
GONE = "Welcomes the holding of the tenth Global Forum on migration and development in Geneva"
ADDED = "Decides to convene a high-level meeting on antimicrobial resistance in twenty twenty-six"


def test_statuses_keep_document_order() -> None:
    old = resolution("A/C.3/80/L.1", "2025-10-01", {"op1": KEEP, "op2": GONE, "op3": EDIT_OLD})
    new = resolution("A/RES/80/9", "2025-12-01", {"op1": KEEP, "op2": EDIT_NEW, "op3": ADDED})
    pairs = compare(old, new)
    assert [(p.a, p.b, p.status) for p in pairs] == [
        ("op1", "op1", "same"),
        ("op2", None, "removed"),
        ("op3", "op2", "changed"),
        (None, "op3", "added"),
    ]
    changed = pairs[2].diff_html
    assert "<del>eighty-first</del><ins>eighty-second</ins>" in changed.replace(" ", "")
    assert "&lt;progress&gt;" in changed and "<progress>" not in changed
    assert pairs[1].diff_html.startswith("<del>") and pairs[3].diff_html.startswith("<ins>")


def test_identical_documents_are_all_same_and_empty_ones_compare() -> None:
    doc = resolution("A/RES/80/9", "2025-12-01", {"op1": KEEP, "op2": EDIT_OLD})
    assert {p.status for p in compare(doc, doc)} == {"same"}
    empty = resolution("A/RES/80/10", "2025-12-01", {})
    assert [(p.a, p.status) for p in compare(doc, empty)] == [
        ("op1", "removed"),
        ("op2", "removed"),
    ]


def test_lineage_command_json_keys(sample_index) -> None:
    result = CliRunner().invoke(
        lineage_command, ["A/C.3/80/L.31", "--json", "--index", str(sample_index)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {
        "symbol",
        "adopted_as",
        "draft_of",
        "revisions",
        "previous_session",
        "next_session",
        "evidence",  # added: how each link was established
    }
    assert data["adopted_as"] == "A/RES/80/224"
    assert data["evidence"]["adopted_as"]["method"] == "match"
    assert data["previous_session"] == "A/RES/79/185"


def test_compare_command_json_pairs(sample_index) -> None:
    result = CliRunner().invoke(
        compare_command, ["A/80/L.2", "A/RES/80/1", "--json", "--index", str(sample_index)]
    )
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.output)["pairs"]
    assert all(set(p) == {"a", "b", "status", "diff_html"} for p in pairs)
    assert {"same", "changed", "added"} <= {p["status"] for p in pairs}
    assert {"a": None, "b": "pp3", "status": "added"}.items() <= pairs[3].items()


def test_unknown_symbol_and_missing_index_are_clear_errors(sample_index, tmp_path) -> None:
    runner = CliRunner()
    unknown = runner.invoke(lineage_command, ["A/RES/1/1", "--json", "--index", str(sample_index)])
    assert unknown.exit_code == 1
    assert "no document" in json.loads(unknown.output)["error"]
    missing = runner.invoke(compare_command, ["A", "B", "--index", str(tmp_path / "none")])
    assert missing.exit_code == 1
    assert "Traceback" not in missing.output and "Error" in missing.output
