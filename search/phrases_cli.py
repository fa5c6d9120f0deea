"""`agreed phrases`: the phrases a session introduced, or what sets a document apart."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from search.api import IndexUnavailable
from search.language import Language
from search.phrases import BadFilter, PhraseTables
from search.phrases_json import document_json, session_json
from search.searcher import open_searcher
from search.store.layout import index_option


def _fail(message: str, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"error": message}))
        sys.exit(1)
    raise click.ClickException(message)


@click.command()
@click.option("--session", type=click.IntRange(min=1), help="Session (default: the latest).")
@click.option("--symbol", help="A document: its phrases against its committee's and predecessors'.")
@click.option(
    "-f",
    "--filter",
    "filters",
    multiple=True,
    metavar="FIELD:VALUE",
    help="committee, type, body, agenda or sponsor, as on the search page (repeatable).",
)
@click.option("--limit", type=click.IntRange(1, 1000), default=30, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the phrases as JSON.")
@index_option
def phrases_command(
    session: int | None,
    symbol: str | None,
    filters: tuple[str, ...],
    limit: int,
    as_json: bool,
    index_dir: Path,
) -> None:
    """New phrases of a session (and those that rose or fell most), or of one document."""
    try:
        searcher = open_searcher(index_dir)
    except IndexUnavailable as error:
        _fail(str(error), as_json)
        return
    build_dir = searcher.build_dir
    searcher.close()
    try:
        tables = PhraseTables(build_dir)
    except IndexUnavailable as error:
        _fail(str(error), as_json)
        return
    try:
        if symbol:
            found = _document(tables, build_dir, symbol, limit)
            if found is None:
                _fail(f"no document {symbol!r} in {index_dir}", as_json)
                return
            result = found
        else:
            pairs = [_pair(raw, as_json) for raw in filters]
            chosen = session if session is not None else max(tables.sessions(), default=0)
            result = session_json(tables.session(chosen, pairs, limit), pairs)
    except BadFilter as error:
        _fail(str(error), as_json)
        return
    finally:
        tables.close()
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    _print(result)


def _document(tables: PhraseTables, build_dir: Path, symbol: str, limit: int) -> dict | None:
    language = Language(build_dir)
    lineage = language.lineage(symbol)
    language.close()
    predecessors = [s for s in (lineage.draft_of, lineage.previous_session) if s]
    result = tables.document(symbol, predecessors, limit)
    return document_json(result) if result else None


def _pair(raw: str, as_json: bool) -> tuple[str, str]:
    field, sep, value = raw.partition(":")
    if not sep or not value.strip():
        _fail(f"the filter {raw!r} should look like field:value, e.g. committee:third", as_json)
    return field.strip(), value.strip()


def _print(result: dict) -> None:
    heading = result.get("symbol") or f"session {result['session']}"
    click.echo(f"{heading}: {len(result['phrases'])} phrases")
    for item in result["phrases"]:
        first = f"{item['first_symbol']} ({item['first_session']})"
        mark = " *" if item["new_here"] else ""
        click.echo(
            f"  {item['phrase']:<50} {item['count']:>5} {item['documents']:>5}  {first}{mark}"
        )
    for name in ("rising", "falling"):
        if result.get(name):
            click.echo(f"{name} since session {result['previous_session']}:")
            for item in result[name]:
                click.echo(f"  {item['phrase']:<50} {item['previous_rate']:>7} -> {item['rate']}")
