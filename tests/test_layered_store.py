"""A store layered as base + top reads and writes exactly as one file with the same changes would."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

import pytest

from search.api import IndexUnavailable
from search.store import layered
from search.tables import open_read_only

SCHEMA = """
CREATE TABLE docs (key TEXT PRIMARY KEY, ordinal INTEGER NOT NULL, json TEXT NOT NULL);
CREATE INDEX docs_ordinal ON docs (ordinal);
CREATE TABLE paragraphs (pid INTEGER PRIMARY KEY, grp INTEGER NOT NULL, symbol TEXT NOT NULL);
CREATE TABLE grams (key INTEGER NOT NULL, pid INTEGER NOT NULL, PRIMARY KEY (key, pid)) WITHOUT ROWID;
CREATE TABLE citations (key TEXT NOT NULL, cited TEXT, citing TEXT NOT NULL, counted INTEGER NOT NULL);
CREATE INDEX citations_cited ON citations (cited);
"""
ORDERED = {
    "docs": "SELECT * FROM docs ORDER BY key",
    "paragraphs": "SELECT * FROM paragraphs ORDER BY pid",
    "grams": "SELECT * FROM grams ORDER BY key, pid",
    "citations": "SELECT * FROM citations ORDER BY key, cited, citing, counted",
}
KEYS = [f"A/RES/{n}" for n in range(12)]


def statement(rng: random.Random, connection: sqlite3.Connection) -> tuple[str, tuple]:
    """One write of the kinds the build's writers make: put, replace, remove, re-add, update."""
    key, other = rng.choice(KEYS), rng.choice(KEYS)
    number = rng.randrange(40)
    last = connection.execute("SELECT pid FROM paragraphs ORDER BY pid DESC LIMIT 1").fetchone()
    choices = [
        ("INSERT OR REPLACE INTO docs VALUES (?, ?, ?)", (key, number, f"json {number}")),
        ("INSERT INTO docs VALUES (?, ?, ?)", (key, number, "plain insert")),
        ("INSERT OR IGNORE INTO docs VALUES (?, ?, ?)", (key, number, "ignored if there")),
        ("DELETE FROM docs WHERE key = ?", (key,)),
        ("UPDATE docs SET json = ?, ordinal = ordinal + 1 WHERE ordinal < ?", ("updated", number)),
        ("UPDATE docs SET key = ? WHERE key = ?", (other, key)),
        ("INSERT INTO paragraphs VALUES (?, ?, ?)", ((last[0] + 1 if last else 0), number, key)),
        ("DELETE FROM paragraphs WHERE symbol = ?", (key,)),
        ("UPDATE paragraphs SET grp = grp + 100 WHERE symbol = ?", (key,)),
        ("INSERT OR IGNORE INTO grams VALUES (?, ?)", (number % 7, number)),
        ("DELETE FROM grams WHERE key = ? AND pid < ?", (number % 7, number)),
        ("INSERT INTO citations VALUES (?, ?, ?, ?)", (str(number % 5), other, key, 1)),
        ("INSERT INTO citations VALUES (?, NULL, ?, 0)", (str(number % 5), key)),
        ("UPDATE citations SET counted = ? WHERE citing = ?", (number % 2, key)),
        ("DELETE FROM citations WHERE citing = ?", (key,)),
    ]
    return rng.choice(choices)


def run(connection: sqlite3.Connection, sql: str, parameters: tuple) -> str:
    """The statement's outcome: done, or the constraint it broke."""
    try:
        connection.execute(sql, parameters)
    except sqlite3.IntegrityError as error:
        return f"refused: {type(error).__name__}"
    return "done"


def contents(connection: sqlite3.Connection) -> dict:
    found: dict = {name: connection.execute(sql).fetchall() for name, sql in ORDERED.items()}
    found["counts"] = [layered.count(connection, name) for name in ORDERED]
    found["by key"] = connection.execute(
        "SELECT json FROM docs WHERE key = ?", (KEYS[3],)
    ).fetchall()
    found["cited"] = connection.execute(
        "SELECT citing FROM citations WHERE cited = ? ORDER BY 1", (KEYS[5],)
    ).fetchall()
    return found


def digests(build: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(build.iterdir())}


def first_build(path: Path, rng: random.Random) -> None:
    path.parent.mkdir(parents=True)
    connection = layered.connect(path, writable=True)
    connection.executescript(SCHEMA)
    for _ in range(60):
        run(connection, *statement(rng, connection))
    connection.commit()
    connection.close()


@pytest.mark.parametrize("share", [1e9, layered.COMPACT_SHARE, 0.0])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_layered_store_reads_what_one_file_with_the_same_changes_reads(
    tmp_path, monkeypatch, share, seed
):
    monkeypatch.setattr(layered, "COMPACT_SHARE", share)
    first_build(tmp_path / "build0" / "store.sqlite", random.Random(seed))
    first_build(tmp_path / "single" / "store.sqlite", random.Random(seed))
    single = sqlite3.connect(tmp_path / "single" / "store.sqlite")
    rng = random.Random(seed * 1000)
    layers_seen = set()
    for round_ in range(1, 6):  # several updates in a row, each from the one before
        serving, build = tmp_path / f"build{round_ - 1}", tmp_path / f"build{round_}"
        before = digests(serving)
        build.mkdir()
        layered.branch(serving / "store.sqlite", build / "store.sqlite")
        layers_seen.add(layered.is_layered(build / "store.sqlite"))
        store = layered.connect(build / "store.sqlite", writable=True)
        for _ in range(25):
            sql, parameters = statement(rng, single)
            assert run(store, sql, parameters) == run(single, sql, parameters), sql
        store.commit()
        assert contents(store) == contents(single)
        store.close()
        single.commit()
        assert digests(serving) == before  # the serving build is untouched, base included
        reader = layered.connect(build / "store.sqlite")
        assert contents(reader) == contents(single)
        reader.close()
    if share == 1e9:
        assert layers_seen == {True}  # never merged: base + top every time
    if share == 0.0:
        assert layers_seen == {True, False}  # merged into a single file every other update


def layered_build(tmp_path: Path) -> Path:
    first_build(tmp_path / "build0" / "store.sqlite", random.Random(7))
    (tmp_path / "build1").mkdir()
    top = tmp_path / "build1" / "store.sqlite"
    layered.branch(tmp_path / "build0" / "store.sqlite", top)
    return top


def test_a_top_over_another_base_is_refused(tmp_path):
    top = layered_build(tmp_path)
    other = tmp_path / "other" / "store.sqlite"
    first_build(other, random.Random(8))
    layered.base_of(top).unlink()
    other.rename(layered.base_of(top))
    with pytest.raises(layered.LayerMismatch, match="not the base"):
        layered.connect(top)
    with pytest.raises(IndexUnavailable, match="rebuild the index"):
        open_read_only(top, "test tables")


def test_a_top_without_its_base_is_refused(tmp_path):
    top = layered_build(tmp_path)
    layered.base_of(top).unlink()
    with pytest.raises(layered.LayerMismatch, match="missing"):
        layered.connect(top, writable=True)


def test_an_integer_key_must_be_given(tmp_path):
    store = layered.connect(layered_build(tmp_path), writable=True)
    with pytest.raises(sqlite3.IntegrityError, match="explicit key"):
        store.execute("INSERT INTO paragraphs (grp, symbol) VALUES (1, 'x')")


def test_readers_cannot_write_and_writers_leave_the_base_alone(tmp_path):
    top = layered_build(tmp_path)
    base = hashlib.sha256(layered.base_of(top).read_bytes()).hexdigest()
    reader = layered.connect(top)
    with pytest.raises(sqlite3.OperationalError):
        reader.execute("DELETE FROM docs")
    writer = layered.connect(top, writable=True)
    writer.execute("DELETE FROM docs")
    writer.execute("DELETE FROM grams")
    writer.commit()
    assert writer.execute("SELECT count(*) FROM docs").fetchone()[0] == 0
    assert hashlib.sha256(layered.base_of(top).read_bytes()).hexdigest() == base


def test_a_top_is_not_readable_as_a_plain_file(tmp_path):
    """Code that forgets layered.connect fails loudly instead of reading the top's rows alone."""
    connection = sqlite3.connect(layered_build(tmp_path))
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        connection.execute("SELECT * FROM docs")


def test_what_cannot_go_through_a_view_is_refused_or_stated(tmp_path):
    """UPSERT is refused by SQLite on a view; a view has no rowid (the build's SQL uses neither)."""
    store = layered.connect(layered_build(tmp_path), writable=True)
    with pytest.raises(sqlite3.OperationalError, match="UPSERT"):
        store.execute(
            "INSERT INTO docs VALUES ('A/RES/1', 1, 'x') ON CONFLICT (key) DO UPDATE SET json = 'y'"
        )
    assert store.execute("SELECT max(rowid) FROM docs").fetchone() == (None,)
