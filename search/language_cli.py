"""`agreed lineage` and `agreed compare`: what a document became or came from, and how two differ."""

from __future__ import annotations

import html
import json
import re
import sys
from dataclasses import asdict
from pathlib import Path

import click

from search.api import IndexUnavailable
from search.compare import compare
from search.language import Language
from search.searcher import open_searcher
from search.store.layout import index_option

_TAGS = re.compile(r"<(/?)(ins|del)>")


def _fail(message: str, as_json: bool) -> None:
    """A clear message (as JSON for scripts), exit status 1, never a traceback."""
    if as_json:
        click.echo(json.dumps({"error": message}))
        sys.exit(1)
    raise click.ClickException(message)


def _open(index_dir: Path, as_json: bool):
    try:
        return open_searcher(index_dir)
    except IndexUnavailable as error:
        _fail(str(error), as_json)


@click.command()
@click.argument("symbol")
@click.option("--json", "as_json", is_flag=True, help="Print the lineage as JSON.")
@index_option
def lineage_command(symbol: str, as_json: bool, index_dir: Path) -> None:
    """The resolution draft SYMBOL became, the draft it came from, its revisions and sessions."""
    searcher = _open(index_dir, as_json)
    try:
        if searcher.document(symbol) is None:
            _fail(f"no document {symbol!r} in {index_dir}", as_json)
        language = Language(searcher.build_dir)
        record = asdict(language.lineage(symbol))
        language.close()
    except IndexUnavailable as error:
        _fail(str(error), as_json)
    finally:
        searcher.close()
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    evidence = record.pop("evidence", {})
    for key, value in record.items():
        shown = ", ".join(value) if isinstance(value, list) else value
        how = evidence.get(key)
        click.echo(
            f"{key}: {shown or '-'}" + (f"  ({how['method']}: {how['evidence']})" if how else "")
        )


@click.command()
@click.argument("symbol_a")
@click.argument("symbol_b")
@click.option("--json", "as_json", is_flag=True, help="Print the paragraph pairs as JSON.")
@index_option
def compare_command(symbol_a: str, symbol_b: str, as_json: bool, index_dir: Path) -> None:
    """Paragraph-aligned, word-level differences from SYMBOL_A to SYMBOL_B."""
    searcher = _open(index_dir, as_json)
    try:
        documents = [searcher.document(symbol) for symbol in (symbol_a, symbol_b)]
    finally:
        searcher.close()
    missing = [s for s, d in zip((symbol_a, symbol_b), documents, strict=True) if d is None]
    if missing:
        _fail(f"no document {missing[0]!r} in {index_dir}", as_json)
    pairs = compare(*documents)
    if as_json:
        click.echo(json.dumps({"pairs": [asdict(p) for p in pairs]}, ensure_ascii=False, indent=2))
        return
    for pair in pairs:
        click.echo(f"{pair.a or '-':>10} {pair.b or '-':>10}  {pair.status}")
        if pair.status != "same":
            click.echo(f"    {_readable(pair.diff_html)}")


def _readable(diff: str) -> str:
    """Terminal form of a diff: [-deleted-] {+inserted+}, entities decoded."""
    marks = {("", "del"): "[-", ("/", "del"): "-]", ("", "ins"): "{+", ("/", "ins"): "+}"}
    return html.unescape(_TAGS.sub(lambda m: marks[(m.group(1), m.group(2))], diff))
