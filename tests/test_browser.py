"""A real Chromium (Debian's, driven by Playwright) against `agreed serve` on a loopback port."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.web_support import free_port, running_server

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def server(sample_index: Path) -> Iterator[str]:
    """`agreed serve` itself (gunicorn, one worker), the index given through the environment."""
    port = free_port()
    env = {**os.environ, "AGREED_INDEX": str(sample_index)}
    with running_server(["--port", str(port), "--workers", "1"], env, port) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        # `make test` installs it where apt exists; CI (.ci/run) sets AGREED_REQUIRE_BROWSER so it cannot skip.
        reason = f"{CHROMIUM} is missing: `make debs` installs Debian's chromium (root or sudo)"
        if os.environ.get("AGREED_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


def test_search_facet_document_and_bookmark(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))  # CSP violations show up here

    page.goto(f"{server}/")
    page.get_by_label("Search paragraphs").fill("capacity-building")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=capacity-building")
    assert "of 12 paragraphs" in page.locator("#results-title").inner_text()

    page.locator("#facet-session + ul a", has_text="74").first.click()
    page.wait_for_url("**/search?q=capacity-building&f=session%3A74")
    assert "of 7 paragraphs" in page.locator("#results-title").inner_text()
    assert page.locator(".chip").inner_text().startswith("Session: 74")
    bookmarked, listing = page.url, page.locator("main").inner_text()
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=str(DOCS / "screenshot-search.png"), full_page=True)

    page.locator(".hit-link", has_text="A/C.3/74/L.11/Rev.1").first.click()
    page.wait_for_load_state()
    assert "/doc/A/C.3/74/L.11/Rev.1?q=capacity-building#" in page.url
    anchor = page.url.rsplit("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    assert target.evaluate("element => element.matches(':target')")
    background = target.evaluate("element => getComputedStyle(element).backgroundColor")
    assert background == "rgb(255, 248, 214)"  # the :target highlight from style.css
    assert target.locator("mark").count() >= 1
    page.screenshot(path=str(DOCS / "screenshot-document.png"))

    fresh = browser.new_page(viewport={"width": 1280, "height": 900})
    fresh.goto(bookmarked)
    assert fresh.locator("main").inner_text() == listing
    assert not [m for m in messages if "Content Security Policy" in m]


def test_keyboard_only_reaches_the_search_box_and_results(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(f"{server}/search?q=capacity-building")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # focus is visible
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
