"""`agreed check FILE`: which paragraphs of a draft are agreed language, amended or new, and from where."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from corpus.model import UnreadableSource
from indexer.draft import read_draft
from search.api import IndexUnavailable
from search.check import check
from search.check_report import CheckReport, report_json
from search.language_cli import _readable
from search.precedent import Precedents
from search.store.layout import current_build, index_option

MAX_BYTES = 20_000_000  # a draft, even a PDF with fonts, is far smaller


def run_check(data: bytes | str, name: str, index_dir: Path) -> CheckReport:
    """Read the draft in memory and check it against the index's serving build."""
    build = current_build(index_dir)
    if build is None:
        raise IndexUnavailable(f"no index at {index_dir}: run `agreed index` first")
    draft = read_draft(data, name)
    precedents = Precedents(build)
    try:
        return check(draft, precedents, max_paragraphs=None)
    finally:
        precedents.close()


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@index_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check_command(file: Path, index_dir: Path, as_json: bool) -> None:
    """Check the draft FILE (.docx, PDF or text) paragraph by paragraph against adopted resolutions."""
    try:
        if file.stat().st_size > MAX_BYTES:
            raise UnreadableSource(f"larger than {MAX_BYTES // 1_000_000} MB: not a draft")
        report = run_check(file.read_bytes(), file.name, index_dir)
    except (UnreadableSource, IndexUnavailable) as error:
        if as_json:
            click.echo(json.dumps({"error": str(error)}))
            sys.exit(1)
        raise click.ClickException(f"{file}: {error}") from error
    if as_json:
        click.echo(json.dumps(report_json(report), ensure_ascii=False, indent=2))
        return
    for paragraph in report.paragraphs:
        best = paragraph.best
        source = f"  {best.symbol} {best.paragraph_id} ({best.similarity:.2f})" if best else ""
        click.echo(f"{paragraph.id:>8} {paragraph.status:<8}{source}")
        if paragraph.diff_html:
            click.echo(f"         {_readable(paragraph.diff_html)}")
    summary = report.summary
    statuses = ", ".join(f"{count} {status}" for status, count in summary.statuses.items())
    click.echo(f"\n{summary.paragraphs} paragraphs: {statuses}")
    click.echo(f"agreed language: {summary.agreed_share:.0%} of {summary.words} words")
    drawn = ", ".join(f"{d['symbol']} ({d['paragraphs']})" for d in summary.drawn_on[:5])
    click.echo(f"drawn on most: {drawn or '-'}")
