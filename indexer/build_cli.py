"""`agreed index`: the command line of a build (indexer/build.py) or update (indexer/update.py)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from indexer.build import build_index
from indexer.build_report import BuildError, NothingRead, report_json
from indexer.progress import progress_for
from search.engines import DEFAULT_ENGINE, ENGINES, EngineWriteError
from search.store import layout


@click.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@layout.index_option
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True)
@click.option(
    "--nodes",
    envvar="AGREED_NODES",
    help="sphinx engine: HOST:PORT per shard, comma-separated; A|B for replicas (env AGREED_NODES).",
)
@click.option(
    "--full", is_flag=True, help="Rebuild everything rather than update changed documents."
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def index_command(
    source: Path, index_dir: Path, engine: str, nodes: str | None, full: bool, as_json: bool
) -> None:
    """Index the documents under SOURCE (only changed files are read again; a few changed ones
    update a copy of the serving build, unless --full)."""
    progress = progress_for()
    try:
        options = _options(engine, nodes)
        report = build_index(source, index_dir, engine, progress, options=options, full=full)
    except NothingRead as error:
        progress.close()
        click.echo("\n".join(error.report.summary_lines()))
        raise click.ClickException(f"{error} under {source}") from error
    except (BuildError, EngineWriteError) as error:
        progress.close()
        raise click.ClickException(str(error)) from error
    progress.close()
    click.echo(json.dumps(report_json(report)) if as_json else "\n".join(report.summary_lines()))


def _options(engine: str, nodes: str | None) -> dict:
    """Engine options from the command line: only a server engine takes --nodes."""
    if nodes and engine != "sphinx":
        raise click.UsageError("--nodes applies to --engine sphinx")
    return {"nodes": nodes} if nodes else {}
