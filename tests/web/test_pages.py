"""The web UI: sign-in with a key, pages for every flow, three languages with complete
catalogues, tenants kept apart, and no page open without a key."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dualuse.web import i18n
from tests.api.conftest import EXAMPLES

TEMPLATES = Path(__file__).resolve().parents[2] / "dualuse" / "web" / "templates"
PAGES = ["/ui/check", "/ui/jobs", "/ui/runs", "/ui/screen", "/ui/match", "/ui/classify",
         "/ui/regime", "/ui/regime/report", "/ui/exposure", "/ui/admin", "/ui/review",
         "/ui/licences", "/ui/lookback"]  # fmt: skip


def test_catalogues_have_every_key_used_and_the_same_keys() -> None:
    used = set()
    for f in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""t\(["']([a-z_.0-9]+)["']""", f.read_text("utf-8")))
    en = i18n.catalogue("en")
    for lang in i18n.LANGUAGES:
        cat = i18n.catalogue(lang)
        assert set(cat) == set(en), lang
        assert {k for k in used if not k.endswith(".")} <= set(cat), lang
        assert all(v.strip() for v in cat.values())
    assert i18n.catalogue("ja")["decision.prohibited"] != en["decision.prohibited"]


def test_language_is_picked_from_query_cookie_and_browser() -> None:
    assert i18n.pick("ja", None, None) == "ja"
    assert i18n.pick(None, "zh", "ja") == "zh"
    assert i18n.pick(None, None, "zh-CN,zh;q=0.9,en;q=0.8") == "zh"
    assert i18n.pick("xx", None, "fr-FR") == "en"


def _signed_in(client: TestClient, token: str) -> None:
    client.cookies.clear()
    r = client.post("/ui/login", data={"token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert "httponly" in r.headers["set-cookie"].lower()
    assert "samesite=strict" in r.headers["set-cookie"].lower()


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_a_key(client: TestClient, path: str) -> None:
    client.cookies.clear()
    r = client.get(path)
    assert r.status_code == 401 and 'id="login"' in r.text


def test_wrong_key_does_not_sign_in(client: TestClient) -> None:
    client.cookies.clear()
    r = client.post("/ui/login", data={"token": "du_nope_nope"})
    assert r.status_code == 401 and "set-cookie" not in r.headers


def test_viewer_cannot_open_analyst_pages(client: TestClient, tokens: dict[str, str]) -> None:
    _signed_in(client, tokens["acme:viewer"])
    assert client.get("/ui/check").status_code == 403
    assert client.get("/ui/lookback").status_code == 403
    assert client.get("/ui/regime").status_code == 200


@pytest.mark.parametrize("lang", ["en", "ja", "zh"])
def test_every_page_in_every_language(
    client: TestClient, tokens: dict[str, str], lang: str
) -> None:
    _signed_in(client, tokens["acme:admin"])
    for path in ["/", *PAGES]:
        r = client.get(path, params={"lang": lang})
        assert r.status_code == 200, path
        assert f'<html lang="{lang}">' in r.text
        assert i18n.catalogue(lang)["nav.check"] in r.text


def test_upload_job_decisions_with_links_and_provisional(
    client: TestClient, tokens: dict[str, str]
) -> None:
    _signed_in(client, tokens["acme:analyst"])
    upload = {"file": ("shipments.csv", (EXAMPLES / "shipments.csv").read_bytes())}
    r = client.post("/ui/check", files=upload, data={"record": "true"}, follow_redirects=False)
    assert r.status_code == 303
    url = r.headers["location"]
    for _ in range(300):
        page = client.get(url)
        if 'data-status="done"' in page.text:
            break
        time.sleep(0.1)
    assert 'class="badge prohibited"' in page.text
    assert re.search(r'<a class="citation" href="https?://', page.text)
    assert "badge provisional" in page.text  # US gallium after the suspension ran out
    assert "results?format=parquet" in page.text


def test_screen_page_highlights_matched_forms(client: TestClient, tokens: dict[str, str]) -> None:
    _signed_in(client, tokens["acme:analyst"])
    r = client.post(
        "/ui/screen", data={"names": "MHI Aero Engines Ltd\n<b>x</b>", "as_of": "2026-03-02"}
    )
    assert "<mark>MHI</mark>" in r.text and "&lt;b&gt;x&lt;/b&gt;" in r.text


def test_regime_timeline_marks_provisional_and_filters(
    client: TestClient, tokens: dict[str, str]
) -> None:
    _signed_in(client, tokens["acme:viewer"])
    r = client.get("/ui/regime", params={"status": "provisional"})
    assert r.status_code == 200 and 'class="ev' in r.text
    assert all("provisional" in li for li in re.findall(r'<li class="ev[^"]*"', r.text))
    r = client.get("/ui/regime", params={"as_of": "2026-03-02", "type": "measure"})
    assert 'id="regime-records"' in r.text
    assert client.get("/ui/regime", params={"start": "2026-02-30"}).status_code == 422


def test_exposure_dashboard_draws_the_reports_charts(
    client: TestClient, tokens: dict[str, str]
) -> None:
    _signed_in(client, tokens["acme:analyst"])
    upload = {"file": ("bom.csv", (EXAMPLES / "bom-ev-motor-plant.csv").read_bytes())}
    r = client.post(
        "/ui/exposure", files=upload, data={"as_of": "2026-03-01", "scenario": "stop-3m"}
    )
    assert r.status_code == 200 and r.text.count('class="plotly-graph-div"') == 4
    assert '<script src="/ui/plotly.js">' in r.text
    assert client.get("/ui/plotly.js").headers["content-type"].startswith("text/javascript")


def test_other_tenant_cannot_open_our_job_or_run(
    client: TestClient, tokens: dict[str, str], api_state: Any
) -> None:
    jobs = api_state.jobs.of_tenant("acme")
    assert jobs
    _signed_in(client, tokens["other:admin"])
    assert client.get(f"/ui/jobs/{jobs[0].id}").status_code == 404
    run_id = next(j.run_id for j in jobs if j.run_id)
    assert client.get(f"/ui/runs/{run_id}").status_code == 404
    assert jobs[0].input_name not in client.get("/ui/jobs").text or all(
        j.tenant == "other" for j in api_state.jobs.of_tenant("other")
    )


def test_long_cjk_names_are_cut_whole_in_tables(
    client: TestClient, tokens: dict[str, str], tmp_path: Path
) -> None:
    _signed_in(client, tokens["acme:analyst"])
    name = "三菱重工航空发动机株式会社" * 10
    body = json.dumps({"id": name, "destination_country": "JP"}, ensure_ascii=False) + "\n"
    r = client.post(
        "/ui/check", files={"file": ("long.jsonl", body.encode())}, follow_redirects=False
    )
    url = r.headers["location"]
    for _ in range(300):
        page = client.get(url)
        if 'data-status="done"' in page.text:
            break
        time.sleep(0.1)
    cell = re.search(r'<td title="[^"]*">([^<]*)</td>', page.text)
    assert cell is not None
    shown = cell.group(1)
    assert shown.endswith("…") and len(shown) == 40 and name.startswith(shown[:-1])


def test_admin_page_makes_and_revokes_keys(client: TestClient, tokens: dict[str, str]) -> None:
    _signed_in(client, tokens["acme:analyst"])
    assert client.get("/ui/admin").status_code == 403
    _signed_in(client, tokens["acme:admin"])
    page = client.get("/ui/admin")
    assert page.status_code == 200 and "badge allowed" in page.text  # chain intact
    made = client.post("/ui/admin/keys", data={"role": "viewer", "label": "<i>ui</i>"})
    token = re.search(r"<pre>(du_[^<]+)</pre>", made.text)
    assert token and "&lt;i&gt;ui&lt;/i&gt;" in made.text
    key_id = token.group(1).split("_")[1]
    assert client.post(f"/ui/admin/keys/{key_id}/revoke", follow_redirects=False).status_code == 303
    assert (
        client.get("/v1/me", headers={"Authorization": f"Bearer {token.group(1)}"}).status_code
        == 401
    )


def test_regime_report_page_and_validate_endpoint(
    client: TestClient, tokens: dict[str, str]
) -> None:
    _signed_in(client, tokens["acme:viewer"])
    page = client.get("/ui/regime/report")
    assert page.status_code == 200 and "data report" in page.text
    body = client.get(
        "/v1/regime/validate", headers={"Authorization": f"Bearer {tokens['acme:viewer']}"}
    ).json()
    assert body["ok"] is True and body["counts"]["measures"] > 0


def _hit_case(client: TestClient, tokens: dict[str, str]) -> int:
    """A case opened by a recorded job of acme (a listed party as end user)."""
    line = {"id": "W1", "date": "2026-03-02", "destination_country": "JP",
            "end_user": "IHI Aerospace Co., Ltd.", "hs_code": "2846901940"}  # fmt: skip
    h = {"Authorization": f"Bearer {tokens['acme:analyst']}"}
    body = (json.dumps(line) + "\n").encode()
    job = client.post("/v1/jobs/check", files={"file": ("w.jsonl", body)}, headers=h).json()
    for _ in range(300):
        if client.get(f"/v1/jobs/{job['id']}", headers=h).json()["status"] == "done":
            break
        time.sleep(0.1)
    cases = client.get("/v1/cases?status=open&limit=1000", headers=h).json()["items"]
    return int(next(c["id"] for c in cases if "IHI" in c["name"]))


def test_review_queue_with_four_eyes_in_the_ui(client: TestClient, tokens: dict[str, str]) -> None:
    case = _hit_case(client, tokens)
    _signed_in(client, tokens["acme:viewer"])
    page = client.get("/ui/review")
    assert page.status_code == 200 and f'href="/ui/review/{case}"' in page.text
    assert 'id="decide-form"' not in client.get(f"/ui/review/{case}").text  # a viewer reads
    _signed_in(client, tokens["acme:reviewer"])
    r = client.post(f"/ui/review/{case}", data={"action": "clear", "reason": "other firm"},
                    follow_redirects=True)  # fmt: skip
    assert "case-pending_clear" in r.text and 'id="approve-form"' in r.text
    own = client.post(f"/ui/review/{case}", data={"action": "approve"})
    assert own.status_code == 409 and "four eyes" in own.text
    _signed_in(client, tokens["acme:admin"])
    r = client.post(f"/ui/review/{case}", data={"action": "approve", "note": "ok"},
                    follow_redirects=True)  # fmt: skip
    assert 'id="case-status">' in r.text and "case-cleared" in r.text


def test_licences_page_shows_what_is_left(client: TestClient, tokens: dict[str, str]) -> None:
    _signed_in(client, tokens["acme:reviewer"])
    assert 'id="licence-form"' not in client.get("/ui/licences").text
    _signed_in(client, tokens["acme:admin"])
    form = {"number": "L-UI-1", "holder": "Acme", "valid_from": "2026-01-01",
            "valid_to": "2026-12-31", "control_code": "1C902.b", "quantity": "50",
            "unit": "kg"}  # fmt: skip
    r = client.post("/ui/licences", data=form, follow_redirects=True)
    assert r.status_code == 200 and "L-UI-1" in r.text and "<b>50</b>" in r.text
    again = client.post("/ui/licences", data=form)
    assert again.status_code == 422 and 'class="problem"' in again.text
    listing = client.get("/ui/licences")
    assert "L-UI-1" in listing.text and 'class="left">50</b>' in listing.text


def test_lookback_page_lists_the_lines_that_change(
    client: TestClient, tokens: dict[str, str]
) -> None:
    _signed_in(client, tokens["acme:analyst"])
    src = EXAMPLES / "shipments.csv"
    r = client.post(
        "/ui/lookback",
        files={"file": ("shipments.csv", src.read_bytes())},
        data={"then": "2025-06-01", "as_of": "2026-03-02", "since": ""},
    )
    assert r.status_code == 200 and 'id="lookback-lines"' in r.text
    changed = client.post(
        "/v1/lookback",
        files={"file": ("shipments.csv", src.read_bytes())},
        data={"then": "2025-06-01", "as_of": "2026-03-02"},
        headers={"Authorization": f"Bearer {tokens['acme:analyst']}"},
    ).text.splitlines()
    rows = re.findall(r'<tr class="(?:d-[a-z_]+|error)">', r.text)
    assert len(rows) == len(changed) > 0
    assert "2026-03-02" in r.text and "shipments.csv" in r.text
    r = client.post("/ui/lookback", files={"file": ("h.txt", b"x")}, data={"then": ""})
    assert r.status_code == 415 and 'role="alert"' in r.text
