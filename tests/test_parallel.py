"""Two calls at once: on real threads with or without gevent, and facet counts split without change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from search.api import FACET_FIELDS
from search.parallel import both
from search.parser import parse_query
from search.searcher import open_searcher
from tests.conftest import ROOT
from tests.web_support import free_port, running_server


def test_both_returns_each_result_in_order() -> None:
    assert both(lambda: "first", lambda: 2) == ("first", 2)


def test_the_first_call_runs_on_another_thread_at_the_same_time() -> None:
    started = threading.Event()

    def first() -> int:
        started.set()
        return threading.get_native_id()

    def second() -> bool:
        return started.wait(5)  # would time out if first only ran after second

    native, overlapped = both(first, second)
    assert overlapped and native != threading.get_native_id()


def test_an_error_in_the_first_call_is_raised() -> None:
    def broken() -> None:
        raise ValueError("counted wrong")

    with pytest.raises(ValueError, match="counted wrong"):
        both(broken, lambda: None)


GEVENT_SCRIPT = """
from gevent import monkey
monkey.patch_all()
import time
import gevent
from search.parallel import both
native_id = monkey.get_original("threading", "get_native_id")
real_sleep = monkey.get_original("time", "sleep")
ticked = []
def tick():
    for _ in range(10):
        gevent.sleep(0.01)
    ticked.append(time.monotonic())
ticker = gevent.spawn(tick)
def blocking():
    real_sleep(0.5)  # blocks its thread, and the event loop too if it ran on the loop's thread
    return native_id(), time.monotonic()
(first_thread, finished), second_thread = both(blocking, native_id)
ticker.join()
print(first_thread != second_thread, ticked[0] < finished)
"""


def test_under_gevent_the_first_call_runs_on_a_real_thread_while_the_loop_serves() -> None:
    """A blocking call on gevent's thread pool: other greenlets run while the request waits."""
    done = subprocess.run(
        [sys.executable, "-c", GEVENT_SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.split() == ["True", "True"]


@pytest.mark.parametrize("query", ["development", "the", "capacity-building", "zzzunknown"])
def test_split_facet_counts_equal_one_aggregation(sample_index: Path, query: str) -> None:
    searcher = open_searcher(sample_index)
    engine = searcher._engine  # the tantivy engine: its two halves against one aggregation
    compiled = engine.compile(parse_query(query))
    split = engine.facet_counts(compiled, list(FACET_FIELDS))
    assert set(split) == set(FACET_FIELDS)
    assert split == engine._aggregate(compiled, list(FACET_FIELDS))  # type: ignore[attr-defined]
    assert query == "zzzunknown" or sum(split["kind"].values()) > 0
    searcher.close()


def test_a_served_search_counts_its_facets_on_gevent_threads(sample_index: Path) -> None:
    """gunicorn's gevent worker: the facet halves run on its real-thread pool and add up the same."""
    from web import create_app

    expected = create_app({"INDEX": str(sample_index), "TESTING": True}).test_client()
    wanted = expected.get("/search.json?q=development&sponsor=France").get_json()["facets"]
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("AGREED_")}
    arguments = ["--index", str(sample_index), "--port", str(port), "--workers", "1"]
    with running_server(arguments, env, port) as base:
        url = f"{base}/search.json?q=development&sponsor=France"
        with urllib.request.urlopen(url, timeout=10) as response:
            served = json.load(response)["facets"]
    assert served == wanted
    assert sum(item["count"] for item in served["kind"]) > 0
