"""An unlucky operator: broken files, folders and sidecars, and builds killed half-way."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import indexer.build
from indexer.build import build_index, index_resolutions
from indexer.walk import source_files
from search.store import layout
from tests.conftest import SAMPLE
from tests.handmade import hand_made

TEXTS = ["unsc/S_RES_0242_1967_EN_GOLD.txt", "unsc/S_RES_0338_1973_EN_GOLD.txt"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    source = tmp_path / "corpus"
    source.mkdir()
    for name in TEXTS:
        shutil.copy(SAMPLE / name, source / Path(name).name)
    return source


def failures(report) -> dict[str, str]:
    return {Path(path).name: reason for path, reason in report.failures}


def test_folders_and_links_that_cannot_be_used_are_reported_and_the_rest_indexed(
    corpus: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    shutil.copy(SAMPLE / TEXTS[0], outside)
    (corpus / "loop").mkdir()
    (corpus / "loop" / "back").symlink_to(corpus, target_is_directory=True)
    (corpus / "self.txt").symlink_to(corpus / "self.txt")
    (corpus / "elsewhere.txt").symlink_to(outside)
    (corpus / "gone.txt").symlink_to(corpus / "missing.txt")
    os.mkfifo(corpus / "pipe.txt")
    report = build_index(corpus, tmp_path / "index")
    assert report.documents == 2
    failed = failures(report)
    assert "symlink loop" in failed["self.txt"] and "symlink loop" in failed["gone.txt"]
    assert "outside the source folder" in failed["elsewhere.txt"]
    assert "folder already read" in failed["back"]
    assert "not a regular file" in failed["pipe.txt"]


def test_a_file_that_cannot_be_read_is_reported_not_fatal(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root a chmod 000 file stays readable, so the PermissionError is raised for it here."""
    real = indexer.build.reuse_key
    locked = corpus / Path(TEXTS[0]).name

    def reuse_key(path: Path) -> str:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(indexer.build, "reuse_key", reuse_key)
    report = build_index(corpus, tmp_path / "index")
    assert report.documents == 1
    assert failures(report)[locked.name] == "cannot read: Permission denied"


@pytest.mark.parametrize(
    ("sidecar", "key"),
    [
        ({"session": "74"}, "session"),
        ({"session": 74.5}, "session"),
        ({"session": 10**30}, "session"),
        ({"symbol": 123}, "symbol"),
        ({"sponsors": ["France", 5]}, "sponsors"),
        ({"date": "yesterday"}, "date"),
    ],
)
def test_a_sidecar_value_of_the_wrong_type_is_reported_naming_the_key(
    corpus: Path, tmp_path: Path, sidecar: dict, key: str
) -> None:
    name = Path(TEXTS[0]).name
    (corpus / name).with_name(Path(name).stem + ".meta.json").write_text(json.dumps(sidecar))
    report = build_index(corpus, tmp_path / "index")
    assert report.documents == 1
    reason = failures(report)[name]
    assert f"'{key}'" in reason and ".meta.json" in reason


def test_an_interrupted_build_is_removed_and_the_last_good_one_kept(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    first = index_resolutions(hand_made()[:1], index_dir).build_dir
    serving = index_resolutions(hand_made()[:2], index_dir).build_dir
    killed = layout.new_build(index_dir)  # what a build killed mid-write leaves: no manifest
    (killed / "docs.sqlite").write_bytes(b"half")
    newest = index_resolutions(hand_made(), index_dir).build_dir
    assert first and serving and newest
    kept = sorted(p.name for p in layout.builds_dir(index_dir).iterdir())
    assert kept == sorted([serving.name, newest.name])


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_build_leaves_no_worker_and_no_lock(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    script = (
        "import sys; from indexer.build import build_index; build_index(sys.argv[1], sys.argv[2])"
    )
    build = subprocess.Popen([sys.executable, "-c", script, str(SAMPLE), str(index_dir)])
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2:
        workers = [pid for pid in _children(build.pid) if _alive(pid)]
        time.sleep(0.05)
    try:
        assert len(workers) >= 2, "the build did not start its worker processes"
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)], "workers outlived their build"
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    report = index_resolutions(hand_made(), index_dir)  # not "another build is running"
    assert report.documents == 4


def test_source_files_still_lists_a_plain_tree(corpus: Path) -> None:
    (corpus / "notes.md").write_text("notes")
    (corpus / ".hidden.txt").write_text("hidden")
    assert [p.name for p in source_files(corpus)] == sorted(Path(t).name for t in TEXTS)
