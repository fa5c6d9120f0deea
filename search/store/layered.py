"""A build's SQLite store as an immutable base plus a small top, read and written as one file.

A full build writes each store as one file (docs.sqlite). An update branches it: the serving file
(or its base) is hard-linked into the new build as docs.base.sqlite, never opened writable again,
and docs.sqlite becomes a top holding only what changed since that base. `connect` opens the top,
ATTACHes the base read-only and creates TEMP views named like the base's tables (temp shadows main
for unqualified names): each is the top's rows plus the base's rows whose key the top has not
taken over. A table's key is its primary key, else all its columns. Any write touching a key
first copies the base's rows of that key into the top and records the key in the table's
tombstones (`_gone__<table>`), so from then on the top alone holds that key's rows and SQLite's own
constraints and conflict clauses (OR IGNORE, OR REPLACE) act on them as in one file. TEMP INSTEAD
OF triggers on the views do this, so readers and writers run their SQL unchanged. Not enforced
across the two files: UNIQUE constraints on columns other than the key. An INTEGER PRIMARY KEY
must be given explicitly (the top cannot number past the base): an insert without one is refused.
SQLite refuses UPSERT on a view, and a view's rowid is NULL: the build's SQL uses neither; an
aggregate or join over a changed table reads it whole (query the key's ends, look rows up by key).
When the top outgrows a share of its base, `branch` merges both into a fresh single file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

COMPACT_SHARE = 1 / 8  # a top past this share of its base's bytes: the next branch merges them
_META = "layered_base"  # in the top: the base's file name, fingerprint, cached row counts
_GONE = "_gone__"
_TOP = "_top__"  # the top's copy of a table: the view takes the table's own name
_SAMPLE = 1 << 16  # bytes hashed at each end of the base for its fingerprint


class LayerMismatch(RuntimeError):
    """A top whose base is missing or is not the file it was made on."""


@dataclass(frozen=True)
class Table:
    """One table of the base: its columns, its layering key, whether that key is the rowid."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    integer_key: bool
    declared: tuple[str, ...]  # the key columns with their declared types, for the tombstones


def base_of(path: Path) -> Path:
    """docs.sqlite -> docs.base.sqlite, beside it."""
    path = Path(path)
    return path.with_name(f"{path.stem}.base{path.suffix}")


def is_layered(path: Path) -> bool:
    return base_of(path).is_file()


def connect(path: Path, writable: bool = False) -> sqlite3.Connection:
    """The store at path, as one database whether it is a single file or a top over its base."""
    path = Path(path).resolve()
    if writable:
        connection = sqlite3.connect(path.as_uri(), uri=True)
    else:
        uri = f"{path.as_uri()}?mode=ro"
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        if _has_table(connection, "main", _META):
            _attach(connection, path, writable)
    except BaseException:
        connection.close()
        raise
    return connection


def branch(serving: Path, target: Path) -> None:
    """The store of a new build from the serving one's, in time proportional to the top."""
    serving, target = Path(serving), Path(target)
    base = base_of(serving)
    if not base.is_file():  # a single file, immutable once published: it becomes the base
        os.link(serving, base_of(target))
        _new_top(target, base_of(target))
    elif serving.stat().st_size > COMPACT_SHARE * base.stat().st_size:
        _merge(serving, target)
    else:
        os.link(base, base_of(target))
        shutil.copyfile(serving, target)


def count(connection: sqlite3.Connection, table: str) -> int:
    """count(*) of a table, without scanning an immutable base more than once in its life."""
    if not _has_table(connection, "main", _META):
        return connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    name = f"rows:{table}"
    found = connection.execute(f"SELECT value FROM main.{_META} WHERE name = ?", (name,))
    cached = found.fetchone()
    if cached is None:
        based = connection.execute(f'SELECT count(*) FROM base."{table}"').fetchone()[0]
        with suppress(sqlite3.OperationalError):  # kept for the next top; a reader cannot write
            connection.execute(f"INSERT INTO main.{_META} VALUES (?, ?)", (name, str(based)))
    else:
        based = int(cached[0])
    spec = _tables(connection)[table]
    top = connection.execute(f'SELECT count(*) FROM main."{_TOP}{table}"').fetchone()[0]
    same = " AND ".join(f'b."{c}" IS g."{c}"' for c in spec.key)
    taken = connection.execute(  # from the few tombstones into the base, never the other way
        f'SELECT count(*) FROM main."{_GONE}{table}" g CROSS JOIN base."{table}" b WHERE {same}'
    ).fetchone()[0]
    return based - taken + top


def next_key(connection: sqlite3.Connection, table: str, column: str) -> int:
    """One past the largest key (0 for none): ORDER BY ... LIMIT 1 reads each layer's end, max() scans."""
    last = connection.execute(f'SELECT "{column}" FROM "{table}" ORDER BY "{column}" DESC LIMIT 1')
    found = last.fetchone()
    return found[0] + 1 if found else 0


def fingerprint(path: Path) -> str:
    """Size and a hash of both ends: what tells a base from another file, without reading it all."""
    size = Path(path).stat().st_size
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        digest.update(file.read(_SAMPLE))
        file.seek(max(0, size - _SAMPLE))
        digest.update(file.read(_SAMPLE))
    return f"{size}:{digest.hexdigest()}"


def _has_table(connection: sqlite3.Connection, schema: str, name: str) -> bool:
    sql = f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?"
    return connection.execute(sql, (name,)).fetchone() is not None


def _tables(connection: sqlite3.Connection, schema: str = "base") -> dict[str, Table]:
    """The base's tables with their columns and keys (a table without primary key: all columns)."""
    found = {}
    names = connection.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'"
        f" AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '{_GONE}%' AND name != '{_META}'"
    ).fetchall()
    for (name,) in names:
        info = connection.execute(f'PRAGMA {schema}.table_info("{name}")').fetchall()
        columns = tuple(row[1] for row in info)
        keyed = sorted((row[5], row[1], row[2]) for row in info if row[5])
        key = tuple(column for _, column, _ in keyed) or columns
        integer = len(keyed) == 1 and keyed[0][2].upper() == "INTEGER"
        types = {row[1]: row[2] for row in info}
        declared = tuple(f'"{column}" {types[column]}' for column in key)
        found[name] = Table(name, columns, key, integer, declared)
    return found


def _taken(table: Table, alias: str) -> str:
    """SQL true for a base row whose key the top has taken over."""
    same = " AND ".join(f'g."{c}" IS {alias}."{c}"' for c in table.key)
    return f'EXISTS (SELECT 1 FROM main."{_GONE}{table.name}" g WHERE {same})'


def _new_top(top: Path, base: Path) -> None:
    """An empty top over base: the base's tables and indexes, a tombstone table per table."""
    connection = sqlite3.connect(top)
    try:
        connection.execute("ATTACH DATABASE ? AS base", (f"{base.resolve().as_uri()}?mode=ro",))
        schema = connection.execute(
            "SELECT sql FROM base.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
            " ORDER BY type = 'index', rowid"
        ).fetchall()
        tables = _tables(connection)
        connection.execute("DETACH DATABASE base")
        for (sql,) in schema:
            connection.execute(sql)
        for table in tables.values():
            connection.execute(f'ALTER TABLE "{table.name}" RENAME TO "{_TOP}{table.name}"')
            key, typed = ", ".join(f'"{c}"' for c in table.key), ", ".join(table.declared)
            connection.execute(  # the base's types: its rows' keys are probed in the tombstones
                f'CREATE TABLE "{_GONE}{table.name}" ({typed}, PRIMARY KEY ({key}))'
            )
        connection.execute(f"CREATE TABLE {_META} (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        connection.executemany(
            f"INSERT INTO {_META} VALUES (?, ?)",
            [("file", base.name), ("fingerprint", fingerprint(base))],
        )
        connection.commit()
    finally:
        connection.close()


def _merge(serving: Path, target: Path) -> None:
    """A fresh single file: the base copied, the top's rows put in place of the keys it took."""
    connect(serving).close()  # refuses a mismatched pair before anything is copied
    shutil.copyfile(base_of(serving), target)
    connection = sqlite3.connect(target)
    try:
        connection.execute("ATTACH DATABASE ? AS top", (f"{serving.resolve().as_uri()}?mode=ro",))
        for table in _tables(connection, "main").values():
            name, columns = table.name, ", ".join(f'"{c}"' for c in table.columns)
            key = ", ".join(f'"{c}"' for c in table.key)
            taken = connection.execute(f'SELECT {key} FROM top."{_GONE}{name}"').fetchall()
            same = " AND ".join(f'"{c}" IS ?' for c in table.key)  # by key: no scan of the base
            connection.executemany(f'DELETE FROM main."{name}" WHERE {same}', taken)
            connection.execute(
                f'INSERT INTO main."{name}" ({columns}) SELECT {columns} FROM top."{_TOP}{name}"'
            )
        connection.commit()
    finally:
        connection.close()


def _attach(connection: sqlite3.Connection, top: Path, writable: bool) -> None:
    """ATTACH the base the top records, refuse another file, and create the views (and triggers)."""
    meta = dict(connection.execute(f"SELECT name, value FROM main.{_META}").fetchall())
    base = top.with_name(meta["file"])
    if not base.is_file():
        raise LayerMismatch(f"{top} is a top over {base.name}, which is missing: rebuild the index")
    if fingerprint(base) != meta["fingerprint"]:
        raise LayerMismatch(f"{base} is not the base {top.name} was made on: rebuild the index")
    connection.execute("ATTACH DATABASE ? AS base", (f"{base.as_uri()}?mode=ro",))
    for table in _tables(connection).values():
        columns = ", ".join(f'"{c}"' for c in table.columns)
        name = f'"{table.name}"'
        changed = (
            writable
            or connection.execute(f'SELECT 1 FROM main."{_GONE}{table.name}" LIMIT 1').fetchone()
        )
        if not changed:  # a plain view over the base: flattened into any query that reads it
            connection.execute(f"CREATE TEMP VIEW {name} AS SELECT {columns} FROM base.{name}")
            continue
        connection.execute(
            f'CREATE TEMP VIEW {name} AS SELECT {columns} FROM main."{_TOP}{table.name}" UNION ALL'
            f" SELECT {columns} FROM base.{name} b WHERE NOT {_taken(table, 'b')}"
        )
        if writable:
            _triggers(connection, table)


def _triggers(connection: sqlite3.Connection, table: Table) -> None:
    """INSTEAD OF triggers: take the key over from the base, then write the top's table."""
    name, columns = f'"{table.name}"', ", ".join(f'"{c}"' for c in table.columns)
    top = f'"{_TOP}{table.name}"'

    def take(row: str) -> str:
        same = " AND ".join(f'g."{c}" IS {row}."{c}"' for c in table.key)
        match = " AND ".join(f'b."{c}" IS {row}."{c}"' for c in table.key)
        values = ", ".join(f'{row}."{c}"' for c in table.key)
        absent = f'NOT EXISTS (SELECT 1 FROM main."{_GONE}{table.name}" g WHERE {same})'
        return (
            f"INSERT INTO {top} ({columns}) SELECT {columns} FROM base.{name} b"
            f" WHERE {match} AND {absent};"
            f' INSERT INTO "{_GONE}{table.name}" SELECT {values} WHERE {absent};'
        )

    def where(row: str) -> str:
        return " AND ".join(f'"{c}" IS {row}."{c}"' for c in table.key)

    refuse = ""
    if table.integer_key:
        refuse = (
            f"SELECT RAISE(ABORT, 'layered store: {table.name} needs an explicit key')"
            f' WHERE NEW."{table.key[0]}" IS NULL;'
        )
    news = ", ".join(f'NEW."{c}"' for c in table.columns)
    sets = ", ".join(f'"{c}" = NEW."{c}"' for c in table.columns)
    prefix = f'CREATE TEMP TRIGGER "{table.name}__%s" INSTEAD OF %s ON {name} BEGIN '
    connection.executescript(
        prefix % ("insert", "INSERT")
        + f"{refuse} {take('NEW')} INSERT INTO {top} ({columns}) VALUES ({news}); END;"
        + prefix % ("delete", "DELETE")
        + f"{take('OLD')} DELETE FROM {top} WHERE {where('OLD')}; END;"
        + prefix % ("update", "UPDATE")
        + f"{take('OLD')} {take('NEW')} UPDATE {top} SET {sets} WHERE {where('OLD')}; END;"
    )
