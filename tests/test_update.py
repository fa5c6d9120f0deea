"""Updates in proportion to the change: the same index a full build makes, atomic, seen by a server."""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import indexer.update
import search.engines.tantivy.writer as tantivy_writer
from indexer.build import build_index
from indexer.build_cli import index_command
from indexer.model import Resolution
from indexer.update_orders import NoRoom, between
from search.engines.rows import SLOT_SPACE, document_orders
from search.engines.tantivy.rowfile import row_files
from search.store import layered, layout
from tests.conftest import SAMPLE
from tests.snapshot import differences, snapshot

HELD_OUT = ("unga-80/A_RES_80_224.pdf", "unsc/S_RES_0800_1993_EN_GOLD.txt")
SC_TEXT = "unsc/S_RES_0338_1973_EN_GOLD.txt"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample corpus without the held-out files, indexed once per engine (copied per test)."""
    root = tmp_path_factory.mktemp("update-base")
    corpus = root / "corpus"
    shutil.copytree(SAMPLE, corpus)
    for name in HELD_OUT:
        (corpus / name).unlink()
    built = {"corpus": corpus}
    for engine in ("tantivy", "whoosh"):
        build_index(corpus, root / engine, engine=engine, workers=1)
        built[engine] = root / engine
    return built


def fresh(base: dict[str, Path], tmp_path: Path, engine: str = "tantivy") -> tuple[Path, Path]:
    """A copy of the base corpus and its index, to change."""
    shutil.copytree(base["corpus"], tmp_path / "corpus")
    shutil.copytree(base[engine], tmp_path / "index")
    return tmp_path / "corpus", tmp_path / "index"


def add(corpus: Path, *names: str) -> None:
    for name in names:
        shutil.copy(SAMPLE / name, corpus / name)


def edit(corpus: Path, name: str) -> None:
    path = corpus / name
    text = path.read_text(encoding="utf-8").replace("Decides", "Decides further", 1)
    path.write_text(text + "\n\n9. Requests capacity-building in the region concerned;\n")


def sidecar(corpus: Path, name: str) -> None:
    (corpus / name).with_suffix(".meta.json").write_text('{"sponsors": ["Chile", "Mexico"]}')


CHANGES = {
    "add the newest resolution": lambda c: add(c, HELD_OUT[0]),
    "add a Security Council resolution": lambda c: add(c, HELD_OUT[1]),
    "add two at once": lambda c: add(c, *HELD_OUT),
    "replace a text": lambda c: edit(c, SC_TEXT),
    "replace a resolution's sponsors": lambda c: sidecar(c, "unga-80/A_RES_80_195.pdf"),
    "remove a resolution": lambda c: (c / "unsc/S_RES_0001_1946_EN_GOLD.txt").unlink(),
}


def digests(build: Path) -> dict[str, str]:
    """Every file of a build by its content, to show an update leaves the serving one as it was."""
    files = sorted(p for p in build.rglob("*") if p.is_file())
    return {str(p.relative_to(build)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def full_build_of(corpus: Path, index_dir: Path, engine: str, tmp_path: Path) -> Path:
    """A full build of the same sources (parses reused from the same serving build)."""
    other = tmp_path / "full"
    shutil.copytree(index_dir, other)
    build_index(corpus, other, engine=engine, workers=1, full=True)
    return other


@pytest.mark.parametrize("change", list(CHANGES))
def test_an_update_gives_what_a_full_build_gives(base, tmp_path, change):
    corpus, index_dir = fresh(base, tmp_path)
    full = full_build_of(corpus, index_dir, "tantivy", tmp_path)  # before: from the same build
    shutil.rmtree(full)
    serving = layout.current_build(index_dir)
    assert serving is not None
    before = digests(serving)
    CHANGES[change](corpus)
    report = build_index(corpus, index_dir, workers=1)
    assert report.path == "update", report.full_reason
    assert sum(report.changed.values()) >= 1
    assert digests(serving) == before
    assert report.build_dir is not None and layered.is_layered(report.build_dir / "docs.sqlite")
    full = full_build_of(corpus, base["tantivy"], "tantivy", tmp_path)
    assert differences(snapshot(index_dir), snapshot(full)) == []


def test_an_update_of_the_pure_python_engine_gives_what_a_full_build_gives(base, tmp_path):
    corpus, index_dir = fresh(base, tmp_path, "whoosh")
    add(corpus, *HELD_OUT)
    report = build_index(corpus, index_dir, engine="whoosh", workers=1)
    assert report.path == "update", report.full_reason
    full = full_build_of(corpus, base["whoosh"], "whoosh", tmp_path)
    assert differences(snapshot(index_dir), snapshot(full)) == []


def test_the_added_document_is_found_with_its_lineage_and_provenance(base, tmp_path):
    corpus, index_dir = fresh(base, tmp_path)
    add(corpus, HELD_OUT[0])
    build_index(corpus, index_dir, workers=1)
    found = snapshot(index_dir)
    assert "A/RES/80/224" in found["keys"]
    lineage = {row[0]: row for row in found["language"]["lineage"]}
    assert lineage["A/RES/80/224"][2] == "A/C.3/80/L.31"  # its draft
    assert lineage["A/C.3/80/L.31"][1] == "A/RES/80/224"  # adopted as
    statuses = {row[2] for row in found["language"]["paragraphs"] if row[0] == "A/RES/80/224"}
    assert {"unchanged", "amended"} <= statuses


def test_a_change_reaching_older_documents_is_a_full_build_and_says_why(base, tmp_path):
    corpus, index_dir = fresh(base, tmp_path)
    edit(corpus, "seeds/003_19eadadd358f8db1.txt")  # a draft whose wording later documents reuse
    report = build_index(corpus, index_dir, workers=1)
    assert report.path == "full"
    assert "already indexed" in (report.full_reason or "")
    assert any(line.startswith("full build: ") for line in report.summary_lines())


def test_the_cli_says_which_path_it_took(base, tmp_path):
    corpus, index_dir = fresh(base, tmp_path)
    add(corpus, HELD_OUT[1])
    runner = CliRunner()
    result = runner.invoke(index_command, [str(corpus), "--index", str(index_dir), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.splitlines()[-1])
    assert report["path"] == "update"
    assert report["changed"]["added"] == 1
    again = runner.invoke(index_command, [str(corpus), "--index", str(index_dir), "--json"])
    assert json.loads(again.output.splitlines()[-1])["path"] == "unchanged"
    edit(corpus, SC_TEXT)
    result = runner.invoke(index_command, [str(corpus), "--index", str(index_dir), "--full"])
    assert result.exit_code == 0, result.output
    assert "full build: asked for (--full)" in result.output


class Boom(Exception):
    pass


def test_an_update_that_fails_leaves_the_serving_build_and_the_next_one_runs(
    base, tmp_path, monkeypatch
):
    corpus, index_dir = fresh(base, tmp_path)
    serving = layout.current_build(index_dir)
    assert serving is not None
    before = digests(serving)
    add(corpus, HELD_OUT[0])

    def explode(*args, **kwargs):
        raise Boom("disk full")

    monkeypatch.setattr(indexer.update, "update_vocabulary", explode)  # after the engine commit
    with pytest.raises(Boom):
        build_index(corpus, index_dir, workers=1)
    assert layout.current_build(index_dir) == serving
    assert [p for p in layout.builds_dir(index_dir).iterdir()] == [serving]
    assert digests(serving) == before
    monkeypatch.undo()
    report = build_index(corpus, index_dir, workers=1)
    assert report.path == "update"
    assert layout.current_build(index_dir) != serving


KILLED = """
import sys, time
from pathlib import Path
import indexer.update
import search.engines.tantivy.writer as tantivy_writer
from indexer.build import build_index

def stall(*args, **kwargs):
    Path(sys.argv[3]).write_text("engine written")
    time.sleep(60)

indexer.update.update_vocabulary = stall
build_index(Path(sys.argv[1]), Path(sys.argv[2]), workers=1)
"""


def test_a_killed_update_leaves_the_serving_build_and_the_next_one_runs(base, tmp_path):
    corpus, index_dir = fresh(base, tmp_path)
    serving = layout.current_build(index_dir)
    assert serving is not None
    before = digests(serving)
    add(corpus, HELD_OUT[0])
    marker = tmp_path / "marker"
    update = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(corpus), str(index_dir), str(marker)]
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and update.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the update never reached its engine commit"
    finally:
        update.send_signal(signal.SIGKILL)
        update.wait()
    assert layout.current_build(index_dir) == serving
    assert digests(serving) == before
    report = build_index(corpus, index_dir, workers=1)  # the lock is free; the half-made build goes
    assert report.path == "update"
    assert sorted(layout.builds_dir(index_dir).iterdir()) == [serving, report.build_dir]


def test_updates_in_a_row_layer_then_merge_and_still_give_what_a_full_build_gives(
    base, tmp_path, monkeypatch
):
    monkeypatch.setattr(layered, "COMPACT_SHARE", 0.0)  # every layered top is merged next time
    corpus, index_dir = fresh(base, tmp_path)
    steps = [
        lambda: add(corpus, HELD_OUT[0]),
        lambda: (corpus / "unsc/S_RES_0001_1946_EN_GOLD.txt").unlink(),
        lambda: add(corpus, HELD_OUT[1]),
        lambda: edit(corpus, SC_TEXT),
    ]
    shapes = []
    for step in steps:
        serving = layout.current_build(index_dir)
        assert serving is not None
        before = digests(serving)
        step()
        report = build_index(corpus, index_dir, workers=1)
        assert report.path == "update", report.full_reason
        assert digests(serving) == before and report.build_dir is not None
        shapes.append(layered.is_layered(report.build_dir / "precedent.sqlite"))
    assert shapes == [True, False, True, False]  # layered, merged, layered over it, merged
    full = full_build_of(corpus, base["tantivy"], "tantivy", tmp_path)
    assert differences(snapshot(index_dir), snapshot(full)) == []


def test_past_so_many_row_files_the_next_change_is_a_full_build_that_packs_them(
    base, tmp_path, monkeypatch
):
    monkeypatch.setattr(tantivy_writer, "MAX_ROW_FILES", 2)
    corpus, index_dir = fresh(base, tmp_path)
    steps = [
        lambda: add(corpus, HELD_OUT[0]),
        lambda: edit(corpus, SC_TEXT),
        lambda: add(corpus, HELD_OUT[1]),
    ]
    paths, files = [], []
    for step in steps:
        step()
        report = build_index(corpus, index_dir, workers=1)
        assert report.build_dir is not None
        paths.append(report.path)
        files.append(len(row_files(report.build_dir / "tantivy")))
    assert paths == ["update", "update", "full"]
    assert files == [2, 3, 1]
    assert "3 row files" in (report.full_reason or "")
    full = full_build_of(corpus, base["tantivy"], "tantivy", tmp_path)
    assert differences(snapshot(index_dir), snapshot(full)) == []


def test_a_running_server_sees_the_added_document(base, tmp_path):
    from web import create_app

    corpus, index_dir = fresh(base, tmp_path)
    app = create_app({"INDEX": str(index_dir), "TESTING": True})
    client = app.test_client()
    assert client.get("/doc/S/RES/800 (1993).json").status_code == 404
    before = client.get("/search.json?q=%22Slovak%20Republic%22").get_json()["total"]
    add(corpus, HELD_OUT[1])
    assert build_index(corpus, index_dir, workers=1).path == "update"
    page = client.get("/doc/S/RES/800 (1993).json")
    assert page.status_code == 200
    assert client.get("/search.json?q=%22Slovak%20Republic%22").get_json()["total"] > before


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(None, None, SLOT_SPACE // 2), (10, 12, 11), (10, 20, 15), (None, 2048, 2046)],
)
def test_a_new_slot_lies_between_its_neighbours(low, high, expected):
    assert between(low, high) == expected


def test_no_room_between_adjacent_slots_asks_for_a_full_build():
    with pytest.raises(NoRoom):
        between(10, 11)


def test_a_year_of_new_documents_fits_after_the_last_one():
    last = document_orders(
        [
            (f"A/RES/80/{n}", Resolution(f"A/RES/80/{n}", None, None, 80, None))
            for n in range(30_000)
        ]
    )["A/RES/80/29999"]["rank_symbol"]
    for _ in range(5_000):
        slot = between(last, None)
        assert slot > last
        last = slot
    assert last * 100_000 < 2**63  # ranks stay within the engines' signed 64-bit integers


def test_documents_given_as_resolutions_are_added_each_with_its_own_ordinal(tmp_path):
    from indexer.build import index_resolutions
    from indexer.update import update_resolutions
    from search.api import SearchRequest
    from search.searcher import open_searcher
    from tests.handmade import hand_made

    documents = hand_made()
    index_resolutions(documents[:-1], tmp_path / "index")
    report = update_resolutions(tmp_path / "index", [documents[-1]])
    assert report.path == "update" and report.documents == len(documents)
    searcher = open_searcher(tmp_path / "index")
    try:
        grouped = searcher.search(SearchRequest("", sort="oldest", group_by_document=True))
        assert sorted(g.symbol for g in grouped.groups or []) == sorted(searcher.document_keys())
        assert "000_abc" in searcher.document_keys()
    finally:
        searcher.close()
