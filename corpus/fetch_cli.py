"""`agreed fetch`: documents from UN ODS by symbol, range or discovery, and agendas from iGov."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import click

from corpus.client import Client, FetchError, Policy
from corpus.fetch import ODS, BadTarget, Fetcher, FetchReport, expand
from corpus.igov import IGOV, fetch_agenda


@click.command()
@click.argument("targets", nargs=-1)
@click.option(
    "--to",
    "folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder the documents go to (the folder `agreed index` reads).",
)
@click.option("--ods", default=ODS, show_default=True, help="Base URL of the ODS service.")
@click.option("--language", default="en", show_default=True, help="Language code (en, fr, ...).")
@click.option(
    "--discover",
    "patterns",
    multiple=True,
    metavar="PATTERN",
    help="Walk 'A/C.3/80/L.{n}' upward until --max-misses symbols in a row do not exist.",
)
@click.option("--start", type=click.IntRange(min=0), help="First n to try with --discover.")
@click.option("--max-misses", type=click.IntRange(min=1), default=5, show_default=True)
@click.option(
    "--rate",
    type=click.FloatRange(min=0.01, max=10),
    default=1.0,
    show_default=True,
    help="Requests per second, over all connections (at most 2).",
)
@click.option(
    "--agenda",
    "sessions",
    multiple=True,
    type=click.IntRange(min=1),
    metavar="SESSION",
    help="Save the General Assembly agenda of SESSION from iGov (agenda_SESSION.json).",
)
@click.option("--igov", default=IGOV, show_default=True, help="Base URL of the iGov service.")
@click.option("--json", "as_json", is_flag=True, help="Print what was fetched as JSON.")
def fetch_command(
    targets: tuple[str, ...],
    folder: Path,
    ods: str,
    language: str,
    patterns: tuple[str, ...],
    start: int | None,
    max_misses: int,
    rate: float,
    sessions: tuple[int, ...],
    igov: str,
    as_json: bool,
) -> None:
    """Fetch documents (A/RES/80/224, ranges A/RES/80/1..30) from the UN Official Document System."""
    if not (targets or patterns or sessions):
        raise click.UsageError("name symbols, a range, --discover PATTERN or --agenda SESSION")
    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # so temporary files are removed on the way out
    try:
        symbols = expand(targets)
    except BadTarget as error:
        raise click.UsageError(str(error)) from error
    client = Client(Policy(rate=rate))
    report = FetchReport()
    agendas: list[str] = []
    try:
        fetcher = Fetcher(folder, client, ods, language)
        progress = _progress_bar() if sys.stderr.isatty() and not as_json else None
        parts = [fetcher.fetch(symbols, progress)] if symbols else []
        for pattern in patterns:
            if parts and parts[-1].stopped:
                break
            parts.append(fetcher.discover(pattern, start, max_misses, progress))
        for session in sessions:
            try:
                agendas.append(str(fetch_agenda(client, folder, session, igov)))
            except FetchError as error:
                report.failed.append({"symbol": f"agenda {session}", "error": str(error)})
    except BadTarget as error:
        raise click.UsageError(str(error)) from error
    finally:
        client.close()
    report = _merge([*parts, report])
    report.requests = client.requests
    if as_json:
        click.echo(json.dumps({**report.to_json(), "agendas": agendas}, indent=2))
    else:
        click.echo(report.summary() + (f"; agendas: {', '.join(agendas)}" if agendas else ""))
        for failure in report.failed:
            click.echo(f"  failed {failure['symbol']}: {failure['error']}", err=True)
    if report.failed or report.stopped:
        sys.exit(1)


def _merge(parts: list[FetchReport]) -> FetchReport:
    merged = FetchReport()
    for part in parts:
        merged.fetched += part.fetched
        merged.present += part.present
        merged.missing += part.missing
        merged.failed += part.failed
        merged.stopped = merged.stopped or part.stopped
        merged.requests = max(merged.requests, part.requests)  # the client's running count
        merged.bytes += part.bytes
        merged.seconds += part.seconds
    return merged


def _progress_bar():
    bar = None

    def progress(done: int, total: int, symbol: str) -> None:
        nonlocal bar
        if bar is None or bar.length != total:
            bar = click.progressbar(length=total, label="fetching", file=sys.stderr)
        bar.label = f"fetching {symbol}"
        bar.update(done - bar.pos)
        if done == total:
            bar.render_finish()

    return progress


def _exit_on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)
