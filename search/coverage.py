"""What the serving index holds, read from its build: the scope every claim about time is made within."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click

from search.api import IndexUnavailable
from search.ast import And, Node, Range
from search.searcher import open_searcher
from search.store.coverage_file import GENERAL_ASSEMBLY, ranges, read_coverage
from search.store.layout import index_option


@dataclass(frozen=True)
class Coverage:
    """The build's coverage record (indexer/coverage.py) plus when it was built and its metadata."""

    record: dict = field(default_factory=dict)

    @property
    def scope(self) -> str:
        return self.record.get("scope") or "nothing indexed"

    @property
    def sessions(self) -> set[int]:
        """General Assembly sessions with at least one document in the index."""
        return set(self.periods(GENERAL_ASSEMBLY))

    @property
    def agenda_titles(self) -> dict[str, str]:
        return self.record.get("agenda_titles") or {}

    def periods(self, body: str) -> list[int]:
        for entry in self.record.get("bodies", []):
            if entry["body"] == body:
                unit = entry["unit"]
                return [p[unit] for p in entry["periods"] if p[unit] is not None]
        return []

    def to_json(self) -> dict:
        return dict(self.record)


def coverage_of(build_dir: Path, manifest: dict) -> Coverage:
    """The coverage of one build; an index built before coverage existed has none."""
    record = read_coverage(Path(build_dir)) or {}
    if record:
        record = {
            **record,
            "built": manifest.get("created"),
            "engine": manifest.get("engine"),
            "metadata": manifest.get("metadata"),
        }
    return Coverage(record)


def sessions_not_indexed(coverage: Coverage, node: Node, filters: Iterable[tuple[str, str]]) -> str:
    """'70' or '70 to 72' when a search asks only for sessions the index does not hold, else ''."""
    if not coverage.record:
        return ""
    held = coverage.sessions
    asked: list[int] = [
        int(v) for f, v in filters if f == "session" and v.isascii() and v.isdigit()
    ]
    for clause in _clauses(node):
        if isinstance(clause, Range) and clause.field == "session":
            low = clause.low if clause.low is not None else min(held, default=0)
            high = clause.high if clause.high is not None else max(held, default=0)
            if high - low > 500:
                continue
            asked += range(low, high + 1)
    if not asked or set(asked) & held:
        return ""
    return ", ".join(f"{a} to {b}" if a != b else str(a) for a, b in ranges(sorted(set(asked))))


def _clauses(node: Node) -> list[Node]:
    return list(node.children) if isinstance(node, And) else [node]


def scoped(claim: str, coverage: Coverage) -> str:
    """'first use' -> 'first use in this index (General Assembly sessions 79 to 80; ...)'."""
    return f"{claim} in this index ({coverage.scope})"


def coverage_lines(coverage: Coverage) -> list[str]:
    """The readable form of `agreed coverage`: one line per body and per period."""
    record = coverage.record
    if not record:
        return ["no coverage record in this build: rebuild the index (agreed index)"]
    lines = [
        f"{record['documents']} documents, {record['paragraphs']} paragraphs: {coverage.scope}"
    ]
    for body in record["bodies"]:
        lines.append(
            f"{body['body']}: {body['documents']} documents, {body['paragraphs']} paragraphs"
        )
        if body["missing"]:
            lines.append(
                f"  {body['unit']}s not indexed within the range: {_compact(body['missing'])}"
            )
        for period in body["periods"]:
            name = period[body["unit"]]
            types = ", ".join(f"{n} {kind}" for kind, n in period["types"].items())
            series = "; ".join(
                f"{s['first']} to {s['last']}" if s["first"] != s["last"] else s["first"]
                for s in period["symbols"]
            )
            label = f"{body['unit']} {name}" if name is not None else f"{body['unit']} not known"
            lines.append(f"  {label}: {period['documents']} documents ({types}); {series}")
    metadata = record.get("metadata") or {}
    if metadata.get("files"):
        lines.append(
            f"metadata: {metadata['records']} Library records, {metadata['matched']} joined to "
            f"documents, {len(metadata['without_text'])} without text"
        )
    return lines


def _compact(periods: list[int]) -> str:
    return ", ".join(f"{a} to {b}" if a != b else str(a) for a, b in ranges(periods))


@click.command()
@index_option
@click.option("--json", "as_json", is_flag=True, help="Print the coverage record as JSON.")
def coverage_command(index_dir: Path, as_json: bool) -> None:
    """What the index holds: documents and paragraphs per body, session or year, and type."""
    try:
        searcher = open_searcher(index_dir)
    except IndexUnavailable as error:
        if as_json:
            click.echo(json.dumps({"error": str(error)}))
            sys.exit(1)
        raise click.ClickException(str(error)) from error
    try:
        coverage = coverage_of(searcher.build_dir, searcher.manifest)
    finally:
        searcher.close()
    if as_json:
        click.echo(json.dumps(coverage.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(coverage_lines(coverage)))
