"""A real Chromium (Debian's, driven by Playwright) against `agreed serve` on a loopback port."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.web_support import free_port, running_server

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"


def shots(tmp_path: Path) -> Path:
    """Screenshots go to a scratch folder; AGREED_SCREENSHOTS=docs refreshes the README's pictures."""
    wanted = os.environ.get("AGREED_SCREENSHOTS")
    folder = ROOT / wanted if wanted else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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


def test_search_facet_document_and_bookmark(server: str, browser, tmp_path: Path) -> None:
    folder = shots(tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))  # CSP violations show up here

    page.goto(f"{server}/")
    page.get_by_label("Search paragraphs").fill("capacity-building")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=capacity-building")
    assert "of 12 paragraphs" in page.locator("#results-title").inner_text()

    page.locator("#facet-session + ul a", has_text="74").first.click()
    page.wait_for_url("**/search?q=capacity-building&f=session%3A74#facet-section-session")
    assert "of 7 paragraphs" in page.locator("#results-title").inner_text()
    assert page.locator(".chip").inner_text().startswith("Session: 74")
    bookmarked, listing = page.url, page.locator("main").inner_text()
    page.screenshot(path=str(folder / "screenshot-search.png"), full_page=True)

    page.locator(".hit-link", has_text="A/C.3/74/L.11/Rev.1").first.click()
    page.wait_for_load_state()
    assert "/doc/A/C.3/74/L.11/Rev.1?q=capacity-building#" in page.url
    anchor = page.url.rsplit("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    assert target.evaluate("element => element.matches(':target')")
    background = target.evaluate("element => getComputedStyle(element).backgroundColor")
    assert background == "rgb(255, 248, 214)"  # the :target highlight from style.css
    assert target.locator("mark").count() >= 1
    page.screenshot(path=str(folder / "screenshot-document.png"))

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


AXE = ROOT / "var" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
AUDITED = (
    "/",
    "/search?q=capacity-building",
    "/search?q=capacity-building&f=session%3A74&more=sponsor",
    "/search?q=cybercrme",
    "/doc/A/RES/80/224?q=peace",
    "/compare?a=A/C.3/80/L.31&b=A/RES/80/224",
    "/timeline?q=capacity-building",
    "/concordance?q=capacity-building",
    "/cited",
    "/help",
    "/coverage",
)


def test_phone_shows_results_first_and_nothing_wider_than_the_screen(server: str, browser) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/search?q=capacity-building")
    assert page.locator("#q").bounding_box()["y"] < 300
    assert page.locator(".hit").first.bounding_box()["y"] < PHONE["height"]
    assert not page.locator("aside.facets").is_visible()  # behind a control
    page.get_by_role("link", name="Filter the results").click()
    assert page.locator("#facet-session").is_visible()
    for path in AUDITED:
        page.goto(f"{server}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width} px wide"


def test_keyboard_reaches_the_facets_and_stays_there_after_choosing(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/search?q=capacity-building")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#facets"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.closest('.facet')?.id")
    assert first == "facet-section-session"
    page.keyboard.press("Enter")  # choose the first session
    page.wait_for_url("**f=session*")
    assert page.url.endswith("#facet-section-session")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.facet')?.id") == "facet-section-session"


def test_axe_finds_no_accessibility_violations(server: str, browser) -> None:
    """WCAG 2.2 AA rules of axe-core (from npm, `make browser`), injected with the CSP bypassed in
    this test browser only: the served pages keep their strict policy."""
    if not AXE.exists():
        reason = f"{AXE} is missing: `make browser` installs axe-core with npm"
        if os.environ.get("AGREED_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    context = browser.new_context(bypass_csp=True)
    found = {}
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        page = context.new_page()
        page.set_viewport_size(viewport)
        for path in AUDITED:
            page.goto(f"{server}{path}")
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(
                """async () => (await axe.run(document, {runOnly: {type: 'tag', values:
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations
                .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
            )
            if violations:
                found[f"{path} at {viewport['width']} px"] = violations
    context.close()
    assert not found, json.dumps(found, indent=1)
