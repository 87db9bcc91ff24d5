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
from pathlib import Path
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


def test_lookback_lists_the_lines_that_change(page: Any, tokens: dict[str, str]) -> None:
    _sign_in(page, tokens["acme:analyst"])
    page.click("ul.tiles >> text=Look back")
    page.set_input_files("#file", str(EXAMPLES / "shipments.csv"))
    page.fill("#then", "2025-06-01")
    page.fill("#as_of", "2026-03-02")
    page.click("#lookback-form button[type=submit]")
    page.wait_for_selector("#lookback-lines")
    _shot(page, "03-lookback")
    assert page.locator("#lookback-lines tbody tr").count() >= 1
    assert "20 line(s) re-decided" in page.locator("#lookback-summary").inner_text()


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


def test_upload_decisions_review_with_four_eyes_then_licence(
    browser: Any, server: str, tokens: dict[str, str], tmp_path: Path
) -> None:
    """The team flow: an analyst's upload opens a case for a listed party; one reviewer
    clears it, a second approves (four eyes); an admin records a licence; a licensed line of
    the next upload is allowed and the licence shows what is left."""

    def page_as(role: str) -> Any:
        ctx = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
        pg = ctx.new_page()
        pg.set_default_timeout(60_000)
        _sign_in(pg, tokens[f"acme:{role}"])
        return pg

    def upload(pg: Any, path: Path) -> None:
        pg.goto("/ui/check")
        pg.set_input_files("#file", str(path))
        pg.click("#check-form button[type=submit]")
        pg.wait_for_selector("#job[data-status=done]", timeout=120_000)

    hits = tmp_path / "hits.csv"
    hits.write_text(
        "id,date,destination_country,end_user,hs_code\n"
        "B1,2026-03-02,JP,SUBARU Corporation,2846901940\n",
        "utf-8",
    )
    analyst = page_as("analyst")
    upload(analyst, hits)
    assert analyst.locator("table.decisions tbody tr").count() == 1

    reviewer = page_as("reviewer")
    reviewer.goto("/ui/review?status=open")
    reviewer.click("#cases a >> nth=0")
    reviewer.wait_for_selector("#decide-form")
    case_url = reviewer.url
    _shot(reviewer, "08-case")
    reviewer.fill("#reason", "a different company of the same name: other address")
    reviewer.click("#decide-form button[value=clear]")
    reviewer.wait_for_selector("#approve-form")
    assert "pending_clear" in reviewer.locator("#case-status").get_attribute("class")
    reviewer.click("#approve-form button[value=approve]")  # the same key: refused
    reviewer.wait_for_selector(".problem")
    _shot(reviewer, "09-four-eyes-refused")

    admin = page_as("admin")
    admin.goto(case_url)
    admin.fill("#note", "checked")
    admin.click("#approve-form button[value=approve]")
    admin.wait_for_selector("#case-status.case-cleared")
    _shot(admin, "10-case-cleared")

    admin.goto("/ui/licences")
    admin.fill("#number", "L-BROWSER-1")
    admin.fill("#holder", "Acme Export Co")
    admin.fill("#valid_from", "2026-01-01")
    admin.fill("#valid_to", "2026-12-31")
    admin.fill("#control_code", "1C902.b")
    admin.fill("#quantity", "100")
    admin.fill("#unit", "kg")
    admin.click("#licence-form button[type=submit]")
    admin.wait_for_selector("#items")

    licensed = tmp_path / "licensed.csv"
    licensed.write_text(
        "id,date,destination_country,end_user_type,consignee,end_user,hs_code,description,"
        "quantity,unit,licence_id\n"
        "LIC1,2026-03-02,JP,civilian,Tokyo Magnet Trading K.K.,Tokyo Magnet Trading K.K.,"
        "2846901940,Samarium oxide 99.9%,30,kg,L-BROWSER-1\n",
        "utf-8",
    )
    upload(analyst, licensed)
    assert analyst.locator("table.decisions .badge.allowed").count() == 1
    assert "L-BROWSER-1" in analyst.locator("table.decisions").inner_text()
    _shot(analyst, "11-licensed-decision")
    admin.goto("/ui/licences")
    assert "70" in admin.locator("#licences").inner_text()
    _shot(admin, "12-licences")
