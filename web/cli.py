"""`agreed serve`: the Flask app under gunicorn, bound to loopback, configured like the app itself."""

from __future__ import annotations

from collections.abc import Callable
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

    def __init__(
        self,
        options: dict[str, Any],
        index_dir: Path,
        base_url: str | None = None,
        factory: Callable[[], Flask] | None = None,  # another app on the same serving model (tests)
    ):
        self.options = options
        self.index_dir = index_dir
        self.base_url = base_url
        self.factory = factory
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings:  # settings of newer gunicorns are skipped by older ones
                self.cfg.set(key, value)

    def load(self) -> Flask:
        from web import create_app

        if self.factory is not None:
            return self.factory()
        config = {"INDEX": str(self.index_dir)}
        return create_app(config | ({"BASE_URL": self.base_url} if self.base_url else {}))


def gunicorn_options(port: int, workers: int) -> dict[str, Any]:
    """gevent workers: an idle, slow or non-reading connection costs a greenlet, not a worker.

    A request's headers must arrive within `keepalive` seconds (slowloris), a download whose reader
    stalls is reset (web/streaming.py), and CPU-bound loops yield (search/budget.py), so the
    heartbeat `timeout` only restarts a worker that is really stuck, never a healthy long stream.
    """
    return {
        "bind": f"{HOST}:{port}",
        "workers": workers,
        "worker_class": "gevent",
        "worker_connections": 1000,
        "keepalive": 5,
        "timeout": 30,
        "graceful_timeout": 10,
        "control_socket_disable": True,  # one shared ~/.gunicorn socket would mix up servers
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
@click.option(
    "--base-url",
    envvar="AGREED_BASE_URL",
    default=None,
    help="Public address for absolute links in feeds and exports [default: http://127.0.0.1:PORT].",
)
def serve_command(index_dir: Path, port: int, workers: int, base_url: str | None) -> None:
    """Serve the search site and JSON API with gunicorn on 127.0.0.1."""
    base_url = base_url or f"http://{HOST}:{port}"
    if not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("must start with http:// or https://", param_hint="--base-url")
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
    Server(gunicorn_options(port, workers), index_dir.resolve(), base_url).run()
