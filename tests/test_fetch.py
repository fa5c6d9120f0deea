"""`agreed fetch` against a local server that behaves like UN ODS, misbehaviours included."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from agreed import main
from corpus import fetch as fetch_module
from corpus.client import Client, Policy, RateLimiter, retry_after, user_agent
from corpus.fetch import BadTarget, Fetcher, expand, file_name, write_atomically
from tests.ods_server import FakeUN, pdf_bytes, serve

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def un():
    state = FakeUN()
    server = serve(state)
    yield state, server.url
    server.shutdown()
    server.server_close()


def quick_policy(waits: list[float] | None = None, **overrides) -> Policy:
    """No rate limit and no real waiting: the backoff sleeps are recorded instead."""
    recorded = waits if waits is not None else []
    settings: dict[str, Any] = {"rate": 0.0, "timeout": 2.0, "retries": 3, "backoff": 0.5}
    settings.update(overrides)
    return Policy(**settings, sleep=recorded.append)


def fetcher(folder: Path, url: str, **overrides) -> tuple[Fetcher, list[float]]:
    waits: list[float] = []
    return Fetcher(folder, Client(quick_policy(waits, **overrides)), url), waits


@pytest.mark.parametrize(
    ("symbol", "name"),
    [
        ("A/RES/80/224", "A_RES_80_224.pdf"),
        ("A/C.3/74/L.11/Rev.1", "A_C.3_74_L.11_Rev.1.pdf"),
        ("S/RES/242(1967)", "S_RES_242(1967).pdf"),
    ],
)
def test_files_are_named_as_the_project_names_them(symbol, name):
    assert file_name(symbol) == name


def test_ranges_expand_on_the_last_number_and_bad_targets_are_refused():
    assert expand(["A/RES/80/1..3", "A/RES/80/2"]) == ["A/RES/80/1", "A/RES/80/2", "A/RES/80/3"]
    assert expand(["A/C.3/80/L.9..10"]) == ["A/C.3/80/L.9", "A/C.3/80/L.10"]
    for bad in ("A/RES/80/5..1", "../etc/passwd", "A/RES/80/1; rm", ""):
        with pytest.raises(BadTarget):
            expand([bad])


def test_a_document_is_fetched_through_the_redirect_with_its_sidecar(un, tmp_path):
    state, url = un
    state.add("A/RES/80/224")
    report = fetcher(tmp_path, url)[0].fetch(["A/RES/80/224"])
    assert report.fetched == ["A/RES/80/224"]
    saved = tmp_path / "A_RES_80_224.pdf"
    assert saved.read_bytes() == state.documents["A/RES/80/224"]
    sidecar = json.loads((tmp_path / "A_RES_80_224.meta.json").read_text())["fetched"]
    assert sidecar["source_url"] == f"{url}/files/A_RES_80_224.pdf"
    assert sidecar["requested_url"].startswith(f"{url}/api/symbol/access?s=A%2FRES%2F80%2F224")
    assert sidecar["language"] == "en"
    assert sidecar["retrieved"][:2] == "20"
    assert [r.path.split("?")[0] for r in state.requests] == [
        "/api/symbol/access",
        "/files/A_RES_80_224.pdf",
    ]


def test_every_request_names_agreed_and_its_version(un, tmp_path):
    state, url = un
    state.add("A/RES/80/1")
    fetcher(tmp_path, url)[0].fetch(["A/RES/80/1"])
    assert user_agent().startswith("agreed/0.")
    assert {r.agent for r in state.requests} == {user_agent()}


@pytest.mark.parametrize("as_html", [False, True])
def test_a_symbol_that_does_not_exist_is_missing_and_nothing_is_saved(un, tmp_path, as_html):
    state, url = un
    state.missing_as_html = as_html  # ODS may answer 200 with an HTML error page
    report = fetcher(tmp_path, url)[0].fetch(["A/RES/80/999"])
    assert report.missing == ["A/RES/80/999"]
    assert report.failed == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("status", ["429", "503"])
def test_busy_answers_are_retried_after_the_time_the_service_asks(un, tmp_path, status):
    state, url = un
    state.add("A/RES/80/1")
    state.scripts["A/RES/80/1"] = [f"{status}:7", f"{status}:2"]
    service, waits = fetcher(tmp_path, url)
    report = service.fetch(["A/RES/80/1"])
    assert report.fetched == ["A/RES/80/1"]
    assert waits == [7.0, 2.0]


def test_without_retry_after_the_backoff_doubles(un, tmp_path):
    state, url = un
    state.add("A/RES/80/1")
    state.scripts["A/RES/80/1"] = ["503", "503", "500"]
    service, waits = fetcher(tmp_path, url, backoff=0.5)
    assert service.fetch(["A/RES/80/1"]).fetched == ["A/RES/80/1"]
    assert waits == [0.5, 1.0, 2.0]


def test_a_wait_longer_than_allowed_is_a_failure_not_a_sleep(un, tmp_path):
    state, url = un
    state.add("A/RES/80/1")
    state.scripts["A/RES/80/1"] = ["429:86400"]
    service, waits = fetcher(tmp_path, url, max_wait=60)
    report = service.fetch(["A/RES/80/1"])
    assert report.failed == [{"symbol": "A/RES/80/1", "error": "HTTP 429: asked to wait 86400 s"}]
    assert waits == []


def test_retry_after_reads_seconds_and_dates():
    assert retry_after("12", 1.0) == 12.0
    assert retry_after(None, 3.0) == 3.0
    assert retry_after("soon", 3.0) == 3.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 3.0) == 0.0  # in the past: go now


def test_a_timeout_is_retried(un, tmp_path):
    state, url = un
    state.add("A/RES/80/1")
    state.stall_seconds = 1.0
    state.scripts["A/RES/80/1"] = ["stall"]
    service, waits = fetcher(tmp_path, url, timeout=0.3)
    report = service.fetch(["A/RES/80/1"])
    assert report.fetched == ["A/RES/80/1"]
    assert len(waits) == 1  # one backoff after the timeout


def test_a_service_that_keeps_timing_out_fails_with_the_reason(un, tmp_path):
    state, url = un
    state.add("A/RES/80/1")
    state.stall_seconds = 0.6
    state.scripts["A/RES/80/1"] = ["stall"] * 3
    service, _ = fetcher(tmp_path, url, timeout=0.2, retries=2)
    report = service.fetch(["A/RES/80/1"])
    assert report.failed == [{"symbol": "A/RES/80/1", "error": "timed out (after 3 attempts)"}]
    assert not (tmp_path / "A_RES_80_1.pdf").exists()


def test_a_truncated_body_is_retried_and_never_kept(un, tmp_path):
    state, url = un
    state.add("A/RES/80/1", size=50_000)
    state.scripts["file:A/RES/80/1"] = ["truncate"]
    report = fetcher(tmp_path, url)[0].fetch(["A/RES/80/1"])
    assert report.fetched == ["A/RES/80/1"]
    assert (tmp_path / "A_RES_80_1.pdf").read_bytes() == state.documents["A/RES/80/1"]

    state.add("A/RES/80/2", size=50_000)
    state.scripts["file:A/RES/80/2"] = ["truncate"] * 4
    report = fetcher(tmp_path, url, retries=3)[0].fetch(["A/RES/80/2"])
    assert report.failed[0]["error"].startswith("body cut short: 25000 of 50000 bytes")
    assert not (tmp_path / "A_RES_80_2.pdf").exists()


def test_redirects_are_followed_up_to_a_limit(un, tmp_path):
    state, url = un
    state.add("A/RES/80/1")
    state.scripts["A/RES/80/1"] = ["loop"] * 20
    service, _ = fetcher(tmp_path, url, retries=0, max_redirects=3)
    report = service.fetch(["A/RES/80/1"])
    assert report.failed == [{"symbol": "A/RES/80/1", "error": "more than 3 redirects"}]
    assert len(state.requests) == 4


def test_files_already_present_and_whole_are_not_fetched_again(un, tmp_path):
    state, url = un
    state.add("A/RES/80/1", "A/RES/80/2")
    (tmp_path / "A_RES_80_1.pdf").write_bytes(pdf_bytes("A/RES/80/1"))
    (tmp_path / "A_RES_80_2.pdf").write_bytes(pdf_bytes("A/RES/80/2")[:500])  # cut short on disk
    report = fetcher(tmp_path, url)[0].fetch(["A/RES/80/1", "A/RES/80/2"])
    assert report.present == ["A/RES/80/1"]
    assert report.fetched == ["A/RES/80/2"]
    assert all("80_1" not in r.path and "80%2F1" not in r.path for r in state.requests)


def test_at_most_two_connections_at_once(un, tmp_path):
    state, url = un
    symbols = [f"A/RES/80/{n}" for n in range(1, 9)]
    state.add(*symbols)
    state.delay = 0.05
    report = fetcher(tmp_path, url, connections=2)[0].fetch(symbols)
    assert sorted(report.fetched) == sorted(symbols)
    assert state.max_connections == 2


def test_the_default_policy_is_one_request_per_second_on_two_connections():
    policy = Policy()
    assert (policy.rate, policy.connections) == (1.0, 2)


def test_the_rate_limiter_spaces_request_starts():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(1.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(4):
        limiter.wait()
    assert slept == [1.0, 1.0, 1.0]
    now[0] += 5  # idle time is not banked into a burst
    limiter.wait()
    limiter.wait()
    assert slept[-1] == 1.0 and len(slept) == 4


def test_requests_to_the_server_respect_the_rate(un, tmp_path):
    state, url = un
    symbols = [f"A/RES/80/{n}" for n in range(1, 4)]
    state.add(*symbols)
    client = Client(Policy(rate=20.0, backoff=0.01))
    started = time.monotonic()
    Fetcher(tmp_path, client, url).fetch(symbols)
    elapsed = time.monotonic() - started
    assert len(state.requests) == 6
    assert elapsed >= 5 * 0.05  # six request starts, 1/20 s apart, over two connections


def test_repeated_failures_stop_the_run_and_say_so(un, tmp_path):
    state, url = un
    symbols = [f"A/RES/80/{n}" for n in range(1, 21)]
    state.add(*symbols)
    for symbol in symbols:
        state.scripts[symbol] = ["500"] * 10
    service, _ = fetcher(tmp_path, url, retries=1, connections=1)
    report = service.fetch(symbols)
    assert len(report.failed) == fetch_module.GIVE_UP_AFTER
    assert report.stopped is not None and "in a row failed" in report.stopped
    assert len(state.requests) == 2 * fetch_module.GIVE_UP_AFTER


def test_discovery_walks_up_to_max_misses_and_remembers_the_highest(un, tmp_path):
    state, url = un
    state.add(*(f"A/C.3/80/L.{n}" for n in (1, 2, 3, 5)))
    service, _ = fetcher(tmp_path, url)
    report = service.discover("A/C.3/80/L.{n}", start=None, max_misses=2)
    assert report.fetched == ["A/C.3/80/L.1", "A/C.3/80/L.2", "A/C.3/80/L.3", "A/C.3/80/L.5"]
    assert report.missing == ["A/C.3/80/L.4", "A/C.3/80/L.6", "A/C.3/80/L.7"]
    state_file = json.loads((tmp_path / ".agreed-fetch.json").read_text())
    assert state_file["discover"] == {"A/C.3/80/L.{n}": 5}

    state.add("A/C.3/80/L.6")  # a new draft appears overnight
    state.requests.clear()
    report = fetcher(tmp_path, url)[0].discover("A/C.3/80/L.{n}", None, max_misses=2)
    assert report.fetched == ["A/C.3/80/L.6"]
    assert report.missing == ["A/C.3/80/L.7", "A/C.3/80/L.8"]
    assert not any("L.5" in r.path or "L.1&" in r.path for r in state.requests)


def test_discovery_starts_after_the_highest_file_in_the_folder(un, tmp_path):
    state, url = un
    (tmp_path / "A_C.3_80_L.41.pdf").write_bytes(pdf_bytes("A/C.3/80/L.41"))
    state.add("A/C.3/80/L.42")
    report = fetcher(tmp_path, url)[0].discover("A/C.3/80/L.{n}", None, max_misses=1)
    assert report.fetched == ["A/C.3/80/L.42"]
    assert report.missing == ["A/C.3/80/L.43"]


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "A_RES_80_1.pdf"

    def broken_replace(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomically(target, b"%PDF-1.7 ...")
    assert list(tmp_path.iterdir()) == []


def test_a_new_run_removes_what_a_killed_run_left(tmp_path, un):
    _, url = un
    (tmp_path / ".A_RES_80_1.pdf.partial").write_bytes(b"%PDF-1.7 half")
    fetcher(tmp_path, url)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_fetch_leaves_no_partial_file(un, tmp_path, how):
    state, url = un
    state.add("A/RES/80/1", size=200_000)
    state.stall_seconds = 10
    state.scripts["file:A/RES/80/1"] = ["partial-then-stall"]
    command = [sys.executable, "-c", "from agreed import main; main()", "fetch", "A/RES/80/1"]
    process = subprocess.Popen(
        [*command, "--to", str(tmp_path), "--ods", url, "--rate", "10"], cwd=ROOT
    )
    try:
        deadline = time.monotonic() + 20
        while not any(r.path.startswith("/files/") for r in state.requests):
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
        time.sleep(0.2)  # half the body is in flight
        process.send_signal(how)
        process.wait(timeout=10)
    finally:
        process.kill()
    assert process.returncode != 0
    assert list(tmp_path.iterdir()) == []


def test_the_command_prints_the_json_the_issue_names(un, tmp_path):
    state, url = un
    state.add("A/RES/80/1", "A/RES/80/3")
    (tmp_path / "A_RES_80_3.pdf").write_bytes(pdf_bytes("A/RES/80/3"))
    state.scripts["A/RES/80/2"] = []
    result = CliRunner().invoke(
        main,
        ["fetch", "A/RES/80/1..3", "--to", str(tmp_path), "--ods", url, "--rate", "10", "--json"],
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert {k: record[k] for k in ("fetched", "present", "missing", "failed")} == {
        "fetched": ["A/RES/80/1"],
        "present": ["A/RES/80/3"],
        "missing": ["A/RES/80/2"],
        "failed": [],
    }


def test_without_a_terminal_the_command_prints_one_summary_line(un, tmp_path):
    state, url = un
    state.add("A/RES/80/1")
    result = CliRunner().invoke(
        main, ["fetch", "A/RES/80/1", "A/RES/80/2", "--to", str(tmp_path), "--ods", url]
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1
    assert result.output.startswith("fetched 1, already present 0, missing 1, failed 0")


def test_the_command_exits_non_zero_when_something_failed(un, tmp_path):
    state, url = un
    state.add("A/RES/80/1")
    state.scripts["A/RES/80/1"] = ["429:9999"]
    result = CliRunner().invoke(main, ["fetch", "A/RES/80/1", "--to", str(tmp_path), "--ods", url])
    assert result.exit_code == 1
    assert "failed A/RES/80/1: HTTP 429: asked to wait 9999 s" in result.output


def test_an_agenda_is_saved_as_the_igov_api_returns_it(un, tmp_path):
    state, url = un
    real = (ROOT / "tests" / "fixtures" / "metadata" / "agenda_80.json").read_bytes()
    state.agendas[80] = real
    state.agendas[81] = b"<!DOCTYPE html><html><body>Maintenance</body></html>"
    sessions = ["--agenda", "80", "--agenda", "81", "--agenda", "12"]
    result = CliRunner().invoke(main, ["fetch", *sessions, "--to", str(tmp_path), "--igov", url])
    assert (tmp_path / "agenda_80.json").read_bytes() == real
    assert result.exit_code == 1
    assert "failed agenda 81: agenda of session 81: not JSON" in result.output
    assert "failed agenda 12: agenda of session 12: HTTP 404" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["agenda_80.json"]


def test_on_a_terminal_a_progress_bar_names_the_current_symbol(capsys):
    from corpus.fetch_cli import _progress_bar

    progress = _progress_bar()
    progress(1, 2, "A/RES/80/1")
    progress(2, 2, "A/RES/80/2")
    shown = capsys.readouterr().err
    assert (
        "fetching A/RES/80/1" in shown and "fetching A/RES/80/2" in shown
    )  # (no bar when captured)


def test_another_language_is_asked_for_and_named_apart(un, tmp_path):
    state, url = un
    state.add("A/RES/80/1")
    waits: list[float] = []
    report = Fetcher(tmp_path, Client(quick_policy(waits)), url, language="fr").fetch(
        ["A/RES/80/1"]
    )
    assert report.fetched == ["A/RES/80/1"]
    assert "l=fr" in state.requests[0].path
    assert (tmp_path / "A_RES_80_1-FR.pdf").is_file()


def test_a_disk_error_fails_the_symbol_not_the_run(un, tmp_path, monkeypatch):
    state, url = un
    state.add("A/RES/80/1", "A/RES/80/2")

    def full_disk(path, data):
        if "80_1" in path.name:
            raise OSError(28, "No space left on device")
        path.write_bytes(data)

    monkeypatch.setattr(fetch_module, "write_atomically", full_disk)
    report = fetcher(tmp_path, url)[0].fetch(["A/RES/80/1", "A/RES/80/2"])
    assert report.fetched == ["A/RES/80/2"]
    assert report.failed == [
        {"symbol": "A/RES/80/1", "error": "OSError: [Errno 28] No space left on device"}
    ]


def test_a_server_trickling_bytes_is_cut_off_at_the_response_deadline(un, tmp_path):
    state, url = un
    state.add("A/RES/80/1", size=20_000)  # 200 writes of 100 bytes: 10 s if allowed
    state.scripts["file:A/RES/80/1"] = ["trickle"]
    service, _ = fetcher(tmp_path, url, retries=0, max_seconds=0.5)
    started = time.monotonic()
    report = service.fetch(["A/RES/80/1"])
    assert time.monotonic() - started < 5
    assert report.failed == [
        {"symbol": "A/RES/80/1", "error": "body not complete after 0 s (after 1 attempts)"}
    ]
    assert list(tmp_path.iterdir()) == []
