"""`agreed serve`: the Flask app under gunicorn, bound to loopback, configured like the app itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from flask import Flask
from gunicorn.app.base import BaseApplication

from search.store.layout import index_option
from web.port import PortUnavailable, check_port

HOST = "127.0.0.1"


class Server(BaseApplication):
    """gunicorn driven from Python, so `agreed serve` needs no config file or shell wrapper."""

    def __init__(self, options: dict[str, Any], index_dir: Path):
        self.options = options
        self.index_dir = index_dir
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        from web import create_app

        return create_app({"INDEX": str(self.index_dir)})


def gunicorn_options(port: int, workers: int) -> dict[str, Any]:
    return {
        "bind": f"{HOST}:{port}",
        "workers": workers,
        "worker_class": "sync",
        "timeout": 60,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
    }


@click.command()
@index_option
@click.option(
    "--port", type=click.IntRange(1, 65535), envvar="AGREED_PORT", default=8000, show_default=True
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    envvar="AGREED_WORKERS",
    default=2,
    show_default=True,
    help="gunicorn worker processes, each with its own Searcher.",
)
def serve_command(index_dir: Path, port: int, workers: int) -> None:
    """Serve the search site and JSON API with gunicorn on 127.0.0.1."""
    if not index_dir.is_dir():
        click.echo(
            f"note: {index_dir} does not exist yet; pages answer 503 until `agreed index` builds it",
            err=True,
        )
    try:
        check_port(HOST, port, "--port N (or AGREED_PORT=N, or PORT=N make run)")
    except PortUnavailable as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"agreed: serving {index_dir} on http://{HOST}:{port} with {workers} worker(s)", err=True
    )
    Server(gunicorn_options(port, workers), index_dir.resolve()).run()
