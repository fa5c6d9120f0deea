"""`agreed parse FILE`: one document as the parser sees it, as JSON or as a readable summary."""

from __future__ import annotations

import json
from pathlib import Path

import click

from corpus.model import UnreadableSource
from indexer.model import Resolution
from indexer.parse import METADATA, parse_file

# The JSON keys the issue names come first, in this order; the rest of the record follows.
JSON_KEYS = (*METADATA[: METADATA.index("adoption_date")], "cites", "paragraphs")
PARAGRAPH_KEYS = ("id", "kind", "number", "verb", "text", "cites")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the structured document as JSON.")
def parse_command(file: Path, as_json: bool) -> None:
    """Parse FILE (PDF, text extracted from PDF, plain text or HTML) into a structured resolution."""
    try:
        resolution = parse_file(file)
    except UnreadableSource as error:
        raise click.ClickException(f"{file}: {error}") from error
    if as_json:
        click.echo(json.dumps(to_public_json(resolution), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(summary_lines(resolution)))


def to_public_json(resolution: Resolution) -> dict:
    """The Resolution record with the issue's keys first (public interface: keys are kept stable)."""
    record = resolution.to_json()
    ordered = {key: record[key] for key in JSON_KEYS}
    ordered["paragraphs"] = [
        {**{key: p[key] for key in PARAGRAPH_KEYS}, **p} for p in record["paragraphs"]
    ]
    return {**ordered, **{k: v for k, v in record.items() if k not in ordered}}


def summary_lines(resolution: Resolution) -> list[str]:
    """Metadata with where each value came from, then paragraph counts and the first words of each."""
    lines = [f"{resolution.source}  ({resolution.source_format}, {resolution.pages} pages)"]
    for name in METADATA:
        value = getattr(resolution, name)
        if isinstance(value, list):
            value = ", ".join(value) if value else None
        origin = resolution.provenance.get(name)
        shown = "—" if value in (None, "") else value
        lines.append(f"  {name:<18} {shown}" + (f"   [from {origin}]" if origin else ""))
    kinds: dict[str, int] = {}
    for paragraph in resolution.paragraphs:
        kinds[paragraph.kind] = kinds.get(paragraph.kind, 0) + 1
    counts = ", ".join(f"{n} {kind}" for kind, n in kinds.items()) or "none"
    lines.append(f"  {'cites':<18} {', '.join(resolution.cites) or '—'}")
    lines.append(f"paragraphs: {len(resolution.paragraphs)} ({counts})")
    for paragraph in resolution.paragraphs:
        label = f"{paragraph.id:<9} {paragraph.verb or '':<12}"
        text = paragraph.text if len(paragraph.text) <= 90 else paragraph.text[:87] + "..."
        lines.append(f"  {label} {text}")
    return lines
