"""`agreed search QUERY`: one result page from the terminal, as JSON for scripts or as readable rows."""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import click

from search.api import SORTS, IndexUnavailable, QueryError, SearchRequest, SearchResults, Sort
from search.searcher import open_searcher
from search.store.layout import index_option

HIT_KEYS = (
    "symbol",
    "paragraph_id",
    "kind",
    "number",
    "session",
    "committee",
    "title",
    "snippet_html",
    "score",
)
PARTIAL_EXIT = 3  # results printed, but a shard of a distributed index did not answer
_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)


@click.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print the result page as JSON.")
@index_option
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--page-size", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option(
    "--facets",
    is_flag=True,
    help="Count matches per session, committee, body, type, agenda, sponsor, subject, kind and verb.",
)
def search_command(
    query: str, as_json: bool, index_dir: Path, page: int, page_size: int, sort: Sort, facets: bool
) -> None:
    """Search the paragraph index for QUERY (see the query language in the README)."""
    request = SearchRequest(query=query, page=page, page_size=page_size, sort=sort, facets=facets)
    try:
        searcher = open_searcher(index_dir)
    except IndexUnavailable as error:
        if as_json:
            click.echo(json.dumps({"error": str(error), "position": None}))
            sys.exit(1)
        raise click.ClickException(str(error)) from error
    try:
        results = searcher.search(request)
    except QueryError as error:
        if as_json:
            click.echo(json.dumps({"error": error.message, "position": error.position}))
        else:
            _echo_error(query, error)
        sys.exit(2)
    except IndexUnavailable as error:
        if as_json:
            click.echo(json.dumps({"error": str(error), "position": None}))
            sys.exit(1)
        raise click.ClickException(str(error)) from error
    finally:
        searcher.close()
    click.echo(
        json.dumps(as_dict(results), ensure_ascii=False, indent=2) if as_json else readable(results)
    )
    if results.missing_shards:
        click.echo(f"partial results: {', '.join(results.missing_shards)} did not answer", err=True)
        sys.exit(PARTIAL_EXIT)


def as_dict(results: SearchResults) -> dict:
    """The JSON shape scripts rely on: {total, page, hits: [...], facets: {field: {value: count}}}."""
    return {
        "total": results.total,
        "page": results.request.page,
        "hits": [{key: getattr(hit, key) for key in HIT_KEYS} for hit in results.hits],
        "facets": {field: dict(values) for field, values in results.facets.items()},
        "partial": bool(results.missing_shards),
        "missing_shards": results.missing_shards,
    }


def readable(results: SearchResults) -> str:
    request = results.request
    first = (request.page - 1) * request.page_size + 1
    last = first + len(results.hits) - 1
    lines = [
        f"{results.total} paragraphs match" + (f"; {first}-{last} shown" if results.hits else "")
    ]
    for hit in results.hits:
        where = ", ".join(
            str(v) for v in (hit.session and f"session {hit.session}", hit.committee) if v
        )
        lines.append("")
        lines.append(
            click.style(f"{hit.symbol} {hit.paragraph_id}", bold=True)
            + (f"  ({where})" if where else "")
        )
        lines.append("  " + _plain(hit.snippet_html))
    for field, values in results.facets.items():
        if values:
            lines.append(
                f"\n{field}: " + ", ".join(f"{value} ({count})" for value, count in values)
            )
    return "\n".join(lines)


def _plain(snippet_html: str) -> str:
    """Marks as bold on a terminal (plain text when piped), entities decoded."""
    parts = _MARK.split(snippet_html)
    return "".join(
        click.style(html.unescape(part), bold=True) if i % 2 else html.unescape(part)
        for i, part in enumerate(parts)
    )


def _echo_error(query: str, error: QueryError) -> None:
    click.echo(f"query error: {error.message}", err=True)
    if error.position is not None:
        click.echo(f"  {query}\n  {' ' * error.position}^", err=True)
