"""Cases and licences over HTTP, in the tenant's own store: a recorded job opens cases for its
list hits; a reviewer's clear waits for a second, different key (four eyes by key identity);
a licence recorded by an admin covers a later job's line and is drawn down once."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import auth

LINES = [
    {"id": "H1", "date": "2026-03-02", "destination_country": "JP",
     "end_user": "Mitsubishi Heavy Industries Aero Engines, Ltd.", "hs_code": "2846901940",
     "description": "Samarium oxide"},
    {"id": "C1", "date": "2026-03-02", "destination_country": "JP", "end_user_type": "civilian",
     "consignee": "Tokyo Magnet Trading K.K.", "end_user": "Tokyo Magnet Trading K.K.",
     "hs_code": "2846901940", "description": "Samarium oxide 99.9%", "quantity": "30",
     "unit": "kg", "licence_id": "L-API-1"},
]  # fmt: skip


def _job(client: TestClient, token: str, lines: list[dict[str, Any]], name: str) -> dict[str, Any]:
    body = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode()
    h = auth(token)
    job = client.post("/v1/jobs/check", files={"file": (name, body)}, headers=h).json()
    for _ in range(300):
        job = client.get(f"/v1/jobs/{job['id']}", headers=h).json()
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert job["status"] == "done", job
    return job


@pytest.fixture(scope="module")
def tokens(api_state: Any) -> dict[str, str]:
    """Keys of a tenant of this module's own ("acme" here is a name, the tenant is
    "casework"), so that what other tests write (schemathesis among them) is not in its
    store; "other:admin" is a key of another tenant."""
    from dualuse.services.access import Role, create_key

    out = {}
    for role in Role:
        _, token = create_key(api_state.store, "casework", role.value, "2026-11-30T00:00:00Z")
        out[f"acme:{role.value}"] = token
    _, out["other:admin"] = create_key(
        api_state.store, "elsewhere", "admin", "2026-11-30T00:00:00Z"
    )
    return out


@pytest.fixture(scope="module")
def hit_case(client: TestClient, tokens: dict[str, str]) -> int:
    _job(client, tokens["acme:analyst"], LINES[:1], "hits.jsonl")
    cases = client.get("/v1/cases?status=open", headers=auth(tokens["acme:viewer"])).json()
    assert cases["total"] >= 1
    return int(cases["items"][0]["id"])


def test_a_recorded_job_opens_cases_only_for_its_tenant(
    client: TestClient, tokens: dict[str, str], hit_case: int
) -> None:
    mine = client.get(f"/v1/cases/{hit_case}", headers=auth(tokens["acme:viewer"])).json()
    assert mine["status"] == "open" and mine["entity_id"]
    theirs = client.get(f"/v1/cases/{hit_case}", headers=auth(tokens["other:admin"]))
    assert theirs.status_code == 404
    assert client.get("/v1/cases", headers=auth(tokens["other:admin"])).json()["total"] == 0


def test_four_eyes_by_key(client: TestClient, tokens: dict[str, str], hit_case: int) -> None:
    reviewer, admin = auth(tokens["acme:reviewer"]), auth(tokens["acme:admin"])
    url = f"/v1/cases/{hit_case}"
    r = client.post(f"{url}/clear", json={"reason": "different company: other address"},
                    headers=auth(tokens["acme:analyst"]))  # fmt: skip
    assert r.status_code == 403
    r = client.post(f"{url}/clear", json={"reason": "different company: other address"},
                    headers=reviewer)  # fmt: skip
    assert r.status_code == 200 and r.json()["status"] == "pending_clear"
    me = client.get("/v1/me", headers=reviewer).json()["key"]
    assert r.json()["pending"]["by"] == f"key:{me}"
    again = client.post(f"{url}/approve", json={}, headers=reviewer)
    assert again.status_code == 409 and again.json()["type"].endswith("/four-eyes")
    busy = client.post(f"{url}/confirm", json={"reason": "x"}, headers=admin)
    assert busy.status_code == 409
    ok = client.post(f"{url}/approve", json={"note": "checked the address"}, headers=admin)
    assert ok.status_code == 200 and ok.json()["status"] == "cleared"
    events = client.get(url, headers=reviewer).json()["events"]
    actors = [e["actor"] for e in events]
    assert f"key:{me}" in actors and any(a != f"key:{me}" and a.startswith("key:") for a in actors)


def test_case_errors_are_problems(client: TestClient, tokens: dict[str, str]) -> None:
    h = auth(tokens["acme:reviewer"])
    assert client.get("/v1/cases/999999", headers=h).status_code == 404
    r = client.post("/v1/cases/999999/clear", json={"reason": "x"}, headers=h)
    assert r.status_code == 404 and r.json()["field"] == "case_id"
    r = client.post("/v1/cases/1/clear", json={"reason": ""}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "reason"
    r = client.post("/v1/cases/1/clear", json={"reason": "x", "expires": "2026-02-30"}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "expires"
    assert client.get("/v1/cases?status=bogus", headers=h).status_code == 422


def test_licence_recorded_then_drawn_down_once(client: TestClient, tokens: dict[str, str]) -> None:
    admin = auth(tokens["acme:admin"])
    body = {"number": "L-API-1", "holder": "Acme Export Co", "valid_from": "2026-01-01",
            "valid_to": "2026-12-31", "destination": "jp",
            "items": [{"control_code": "1C902.b", "quantity": "100", "unit": "kg"}]}  # fmt: skip
    assert (
        client.post("/v1/licences", json=body, headers=auth(tokens["acme:reviewer"])).status_code
        == 403
    )
    r = client.post("/v1/licences", json=body, headers=admin)
    assert r.status_code == 201 and r.json()["items"][0]["quantity_left"] == "100"
    assert client.post("/v1/licences", json=body, headers=admin).status_code in (409, 422)
    for _ in range(2):  # the same line twice: drawn once
        job = _job(client, tokens["acme:analyst"], LINES[1:], "licensed.jsonl")
        assert job["decisions"] == {"allowed": 1}
    view = client.get("/v1/licences/L-API-1", headers=auth(tokens["acme:viewer"])).json()
    assert view["items"][0]["quantity_left"] == "70" and len(view["draws"]) == 1
    assert view["draws"][0]["actor"].startswith("key:")
    listed = client.get("/v1/licences", headers=auth(tokens["acme:viewer"])).json()
    assert [x["number"] for x in listed["items"]] == ["L-API-1"]
    assert (
        client.get("/v1/licences/L-API-1", headers=auth(tokens["other:admin"])).status_code == 404
    )
    assert client.get("/v1/licences", headers=auth(tokens["other:admin"])).json()["total"] == 0
    bad = client.post(
        "/v1/licences", json={**body, "number": "L-2", "valid_to": "2026-13-01"}, headers=admin
    )
    assert bad.status_code == 422 and bad.json()["field"] == "valid_to"


def test_rescreen_reports_changes(
    client: TestClient, tokens: dict[str, str], hit_case: int
) -> None:
    r = client.post("/v1/rescreen", json={"from": "2025-01-01", "to": "2026-03-02"},
                    headers=auth(tokens["acme:analyst"]))  # fmt: skip
    assert r.status_code == 200 and isinstance(r.json(), dict)
    assert (
        client.post("/v1/rescreen", json={}, headers=auth(tokens["acme:viewer"])).status_code == 403
    )
