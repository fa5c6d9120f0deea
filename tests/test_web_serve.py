"""`agreed serve`: gunicorn on loopback, settings from options or AGREED_* environment variables."""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.web_support import free_port, running_server
from web.cli import HOST, gunicorn_options, serve_command


def test_gunicorn_binds_loopback_only() -> None:
    options = gunicorn_options(8123, 3)
    assert options["bind"] == "127.0.0.1:8123" and HOST == "127.0.0.1"
    assert options["workers"] == 3


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--port", "0"], "0 is not in the range"),
        (["--workers", "0"], "0 is not in the range"),
        (["--port", "x"], "not a valid integer"),
    ],
)
def test_serve_rejects_bad_settings(arguments: list[str], message: str) -> None:
    result = CliRunner().invoke(serve_command, arguments)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("through", ["option", "environment"])
def test_serve_answers_over_http(sample_index: Path, through: str) -> None:
    index = str(sample_index)
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("AGREED_")}
    arguments = ["--workers", "1"]
    if through == "option":
        arguments += ["--index", index, "--port", str(port)]
    else:
        env |= {"AGREED_INDEX": index, "AGREED_PORT": str(port)}
    with running_server(arguments, env, port) as base:
        response = urllib.request.urlopen(f"{base}/search.json?q=capacity-building")
        assert json.load(response)["total"] == 12
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        response.close()


def test_serve_refuses_a_base_url_that_is_not_http() -> None:
    result = CliRunner().invoke(serve_command, ["--base-url", "evil.example.com"])
    assert result.exit_code == 2 and "http:// or https://" in result.output
