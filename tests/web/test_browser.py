"""The main flows in a real browser (headless Chromium driven by Playwright): sign in, upload
a shipment file and watch it decided, read the decisions with their citations, screen names,
read the regime timeline, the exposure dashboard's charts, and switch language.

``scripts/test`` installs Chromium (scripts/services/chromium) and exports its path as
``DUALUSE_TEST_CHROMIUM``; under CI a missing browser is a failure, not a skip. Screenshots
are saved under tests/output/browser/ (ignored by git) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.api.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.browser
SHOTS = ROOT / "tests" / "output" / "browser"


def _chromium() -> str:
    path = os.environ.get("DUALUSE_TEST_CHROMIUM") or shutil.which("chromium")
    if not path:
        if os.environ.get("CI"):
            pytest.fail("no Chromium: scripts/test installs it for CI")
        pytest.skip("no Chromium (run scripts/services/chromium)")
    return path


@pytest.fixture(scope="module")
def server(api_state: Any) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread of this process."""
    import uvicorn

    from dualuse.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        create_app(api_state.settings, api_state), host="127.0.0.1", port=port,
        log_level="warning", access_log=False,
    )  # fmt: skip
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = _chromium()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=path, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )  # fmt: skip
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    ctx = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    ctx.close()


def _sign_in(page: Any, token: str) -> None:
    page.goto("/?lang=en")
    page.fill("#token", token)
    page.click("#login button[type=submit]")
    page.wait_for_selector("ul.tiles")


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_upload_watch_progress_and_read_decisions(page: Any, tokens: dict[str, str]) -> None:
    _sign_in(page, tokens["acme:analyst"])
    page.click("text=Check shipments")
    page.set_input_files("#file", str(EXAMPLES / "shipments.csv"))
    _shot(page, "01-upload")
    page.click("#check-form button[type=submit]")
    page.wait_for_url("**/ui/jobs/*")
    # the page polls the job and reloads itself when it is done
    page.wait_for_selector("#job[data-status=done]", timeout=120_000)
    page.wait_for_selector("table.decisions")
    _shot(page, "02-decisions")
    assert page.locator("table.decisions tbody tr").count() == 20
    assert page.locator(".badge.prohibited").count() >= 1
    assert page.locator("table.decisions .badge.provisional").count() >= 1
    link = page.locator("a.citation").first
    assert link.get_attribute("href").startswith("http")
    assert link.get_attribute("target") == "_blank"
    # the downloads are real files
    with page.expect_download() as dl:
        page.click("a[href$='format=csv']")
    assert dl.value.suggested_filename.endswith(".csv")


def test_screen_highlights_and_explains(page: Any, tokens: dict[str, str]) -> None:
    _sign_in(page, tokens["acme:analyst"])
    page.goto("/ui/screen")
    page.fill("#names", "MHI Aero Engines Ltd\n三菱重工航空发动机\n三菱電機株式会社")
    page.fill("#as_of", "2026-03-02")
    page.click("#screen-form button[type=submit]")
    page.wait_for_selector("#screen-results")
    _shot(page, "03-screen")
    assert page.locator(".screen-result").count() == 3
    assert page.locator(".forms mark").count() >= 2
    assert "matched" in page.locator(".why").first.inner_text()


def test_regime_timeline_shows_provisional_states(page: Any, tokens: dict[str, str]) -> None:
    _sign_in(page, tokens["acme:viewer"])
    page.goto("/ui/regime")
    page.wait_for_selector("#timeline")
    _shot(page, "04-regime-timeline")
    page.select_option("select[name=status]", "provisional")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("#timeline li.provisional")
    assert page.locator("#timeline li").count() == page.locator("#timeline li.provisional").count()
    _shot(page, "05-regime-provisional")


def test_exposure_dashboard_draws_its_charts(page: Any, tokens: dict[str, str]) -> None:
    _sign_in(page, tokens["acme:analyst"])
    page.goto("/ui/exposure")
    page.set_input_files("#file", str(EXAMPLES / "bom-ev-motor-plant.csv"))
    page.fill("#as_of", "2026-03-01")
    page.click("#exposure-form button[type=submit]")
    page.wait_for_selector("#exposure-summary")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3")
    _shot(page, "06-exposure")
    assert page.locator("#parts tbody tr").count() > 5


@pytest.mark.parametrize(
    ("lang", "label", "nav"), [("ja", "日本語", "出荷判定"), ("zh", "中文", "出口判定")]
)
def test_language_switch(
    page: Any, tokens: dict[str, str], lang: str, label: str, nav: str
) -> None:
    _sign_in(page, tokens["acme:viewer"])
    page.click(f"header .langs a[lang={lang}]")
    page.wait_for_selector(f"html[lang={lang}]")
    assert nav in page.locator("header nav").inner_text()
    page.goto("/ui/regime")  # the choice is kept (cookie)
    assert page.locator("html").get_attribute("lang") == lang
    _shot(page, f"07-{lang}")
