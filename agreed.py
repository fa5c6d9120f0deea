"""The `agreed` console script: one click group, each command defined beside the resource it manages."""

import click

from corpus.fetch_cli import fetch_command
from indexer.build_cli import index_command
from indexer.cli import parse_command
from search.check_cli import check_command
from search.cli import search_command
from search.coverage import coverage_command
from search.engines.sphinx.cluster import cluster_command
from search.language_cli import compare_command, lineage_command
from search.phrases_cli import phrases_command
from web.cli import serve_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Search United Nations resolutions paragraph by paragraph."""


main.add_command(parse_command, "parse")
main.add_command(index_command, "index")
main.add_command(search_command, "search")
main.add_command(serve_command, "serve")
main.add_command(lineage_command, "lineage")
main.add_command(compare_command, "compare")
main.add_command(fetch_command, "fetch")
main.add_command(coverage_command, "coverage")
main.add_command(phrases_command, "phrases")
main.add_command(check_command, "check")
main.add_command(cluster_command, "cluster")
