"""The map page in a real browser: Debian's Chromium driven by Playwright, reaching nothing but loopback.

Load the page on a served test store, see markers, filter and see fewer, open a story and find its spans
highlighted, and check that a story holding <script> ran nothing. Screenshots go to $EVENTWIRE_SCREENSHOT_DIR (the
ones in docs/ were made with EVENTWIRE_SCREENSHOT_DIR=docs), else to the test's temporary folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM") or shutil.which("chromium")
ARGS = ["--headless=new", "--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM, reason="no Chromium (apt install chromium; .ci/run does)")


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("EVENTWIRE_SCREENSHOT_DIR")
    return Path(folder) if folder else tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def base_url(app):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(base_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 850})
        pg = context.new_page()
        pg.errors = []
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        pg.goto(base_url)
        pg.wait_for_function("document.body.dataset.ready === '1'", timeout=30_000)
        yield pg
        browser.close()


def _drawn(page) -> int:
    return int(page.get_attribute("#map", "data-events") or 0)


def _apply(page, **fields) -> None:
    page.evaluate("document.body.dataset.ready = '0'")
    for name, value in fields.items():
        if name in ("type", "min_confidence"):
            page.select_option(f"#f-{name}", value)
        else:
            page.fill(f"#f-{name}", value)
    page.click("#apply")
    page.wait_for_function("document.querySelector('#status').textContent.includes('match')", timeout=15_000)
    page.wait_for_timeout(300)


def test_page_shows_markers_and_a_filter_shows_fewer(page, served_store):
    assert not page.errors
    everything = _drawn(page)
    placed = sum(1 for e in served_store.iter_events() if e["lat"] is not None)
    assert everything == placed > 0
    assert page.locator(".leaflet-marker-icon").count() > 0
    assert page.locator("#timeline rect.bar").count() > 0
    happenings = page.locator("#timeline rect.bar title").first.text_content()
    page.select_option("#unit", "events")
    page.wait_for_function("document.querySelector('#timeline rect.bar title').textContent.includes('events')")
    assert "happenings" in happenings
    rarest = served_store.stats(by="type")[-1]["key"]
    _apply(page, type=rarest)
    fewer = _drawn(page)
    assert 0 < fewer < everything or fewer == 0 < everything
    assert all(rarest in t for t in page.locator("#events li strong").all_inner_texts())
    _apply(page, type="")
    assert _drawn(page) == everything
    _apply(page, min_confidence="0.5")  # the surer events only
    from eventwire.store import Filters
    assert _drawn(page) == sum(1 for e in served_store.iter_events(Filters(min_confidence=0.5)) if e["lat"] is not None)
    assert 0 < _drawn(page) < everything
    _apply(page, min_confidence="")


def test_opening_an_event_highlights_its_story(page, shots):
    page.uncheck("#in-view")
    page.wait_for_timeout(300)
    page.locator("#events li").first.click()
    page.wait_for_selector("#story:not([hidden]) mark.evidence", timeout=10_000)
    marks = page.locator("#story-text mark")
    assert marks.count() > 0
    assert page.locator("#story-event dt").count() >= 3
    labels = page.locator("#story-event dt").all_inner_texts()
    assert "rules" in labels  # the ids of the rules behind the coding (evidence.rule)
    rules = page.locator("#story-event dd").nth(labels.index("rules")).inner_text()
    assert "lexicon:" in rules or "cameo:" in rules or "-" in rules
    page.screenshot(path=str(shots / "map-story.png"))
    page.click("#story-close")
    assert page.locator("#story").is_hidden()


def test_a_story_with_script_runs_nothing(page):
    page.uncheck("#in-view")
    _apply(page, text="protesters parliament")
    assert page.locator("#events li").count() > 0
    page.locator("#events li").first.click()
    page.wait_for_selector("#story:not([hidden])", timeout=10_000)
    text = page.inner_text("#story-text")
    assert "<script>window.__pwned = 1</script>" in text
    assert page.locator("#story-text script, #story-text img").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    page.click("#story-close")
    _apply(page, text="")


def test_screenshot_for_the_docs(page, shots):
    page.check("#in-view")
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / "map.png"))
    assert (shots / "map.png").stat().st_size > 10_000
