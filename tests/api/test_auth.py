"""Every endpoint, tried with no key, a wrong key, a revoked key, each role, and another
tenant's key: 401 without a valid key, 403 below the endpoint's role, and one tenant never
reads another's jobs, runs or keys."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dualuse.api import create_app
from dualuse.services.access import create_key, revoke
from tests.api.conftest import EXAMPLES, auth

PUBLIC = {("GET", "/v1/ping"), ("GET", "/v1/version")}
# the least role each endpoint needs: a new endpoint must be added here to pass
NEEDS = {
    ("GET", "/v1/me"): "viewer",
    ("POST", "/v1/check"): "analyst",
    ("POST", "/v1/check/batch"): "analyst",
    ("POST", "/v1/check/file"): "analyst",
    ("POST", "/v1/jobs/check"): "analyst",
    ("POST", "/v1/lookback"): "analyst",
    ("GET", "/v1/jobs"): "viewer",
    ("GET", "/v1/jobs/{job_id}"): "viewer",
    ("GET", "/v1/jobs/{job_id}/results"): "viewer",
    ("POST", "/v1/screen"): "analyst",
    ("POST", "/v1/screen/file"): "analyst",
    ("POST", "/v1/match"): "analyst",
    ("POST", "/v1/match/file"): "analyst",
    ("POST", "/v1/classify"): "analyst",
    ("POST", "/v1/classify/file"): "analyst",
    ("GET", "/v1/regime"): "viewer",
    ("GET", "/v1/regime/diff"): "viewer",
    ("GET", "/v1/regime/timeline"): "viewer",
    ("GET", "/v1/regime/report"): "viewer",
    ("GET", "/v1/regime/validate"): "viewer",
    ("POST", "/v1/exposure"): "analyst",
    ("POST", "/v1/exposure/report"): "analyst",
    ("GET", "/v1/exposure/macro"): "viewer",
    ("GET", "/v1/runs"): "viewer",
    ("GET", "/v1/runs/{run_id}"): "viewer",
    ("GET", "/v1/runs/{run_id}/decisions"): "viewer",
    ("GET", "/v1/audit"): "admin",
    ("GET", "/v1/audit/verify"): "admin",
    ("GET", "/v1/cases"): "viewer",
    ("GET", "/v1/cases/{case_id}"): "viewer",
    ("POST", "/v1/cases/{case_id}/clear"): "reviewer",
    ("POST", "/v1/cases/{case_id}/confirm"): "reviewer",
    ("POST", "/v1/cases/{case_id}/approve"): "reviewer",
    ("GET", "/v1/licences"): "viewer",
    ("GET", "/v1/licences/{number}"): "viewer",
    ("POST", "/v1/licences"): "admin",
    ("POST", "/v1/rescreen"): "analyst",
    ("GET", "/v1/keys"): "admin",
    ("POST", "/v1/keys"): "admin",
    ("DELETE", "/v1/keys/{key_id}"): "admin",
}
ROLES = ("viewer", "analyst", "reviewer", "admin")
CSV = (EXAMPLES / "shipments.csv").read_bytes()
BOM = (EXAMPLES / "bom-ev-motor-plant.csv").read_bytes()


def _routes() -> list[tuple[str, str]]:
    """Every operation of the OpenAPI document (which lists every API endpoint)."""
    doc = create_app().openapi()
    return sorted((m.upper(), p) for p, ops in doc["paths"].items() for m in ops)


ROUTES = _routes()
GUARDED = [r for r in ROUTES if r not in PUBLIC]


def test_every_endpoint_is_classified() -> None:
    assert set(GUARDED) == set(NEEDS), set(GUARDED) ^ set(NEEDS)


def _request(
    client: TestClient, method: str, path: str, headers: dict[str, str], ids: dict[str, str]
) -> Any:
    url = path.format(**ids)
    kwargs: dict[str, Any] = {}
    if path in ("/v1/check/file", "/v1/jobs/check", "/v1/lookback"):
        kwargs["files"] = {"file": ("s.csv", CSV)}
    elif path in ("/v1/screen/file",):
        kwargs["files"] = {"file": ("n.csv", b"id,name\nA,Sample K.K.\n")}
    elif path in ("/v1/match/file",):
        kwargs["files"] = {"file": ("p.csv", b"name1,name2\nA,B\n")}
    elif path in ("/v1/classify/file",):
        kwargs["files"] = {"file": ("i.csv", b"id,hs_code\nI,2846.90\n")}
    elif path.startswith("/v1/exposure") and method == "POST":
        kwargs["files"] = {"file": ("b.csv", BOM)}
    elif method == "POST":
        kwargs["json"] = {
            "/v1/check": {"id": "A", "destination_country": "JP"},
            "/v1/check/batch": {"lines": [{"id": "A", "destination_country": "JP"}]},
            "/v1/screen": {"names": ["Sample K.K."]},
            "/v1/match": {"name1": "A", "name2": "B"},
            "/v1/classify": {"hs_code": "2846.90"},
            "/v1/keys": {"role": "viewer"},
            "/v1/cases/{case_id}/clear": {"reason": "auth test"},
            "/v1/cases/{case_id}/confirm": {"reason": "auth test"},
            "/v1/cases/{case_id}/approve": {},
            "/v1/licences": {
                "number": "L-AUTH",
                "holder": "x",
                "valid_from": "2026-01-01",
                "valid_to": "2026-12-31",
                "items": [{"control_code": "1C902"}],
            },
            "/v1/rescreen": {},
        }[path]
    if path == "/v1/regime/diff":
        url += "?from=2026-01-01&to=2026-03-01"
    return client.request(method, url, headers=headers, **kwargs)


@pytest.fixture(scope="module")
def acme_ids(client: TestClient, tokens: dict[str, str], api_state: Any) -> dict[str, str]:
    """A finished, recorded job of acme, and a key of acme to revoke."""
    h = auth(tokens["acme:analyst"])
    job = client.post("/v1/jobs/check", files={"file": ("s.csv", CSV)}, headers=h).json()
    for _ in range(300):
        job = client.get(f"/v1/jobs/{job['id']}", headers=h).json()
        if job["status"] == "done":
            break
        time.sleep(0.1)
    assert job["status"] == "done" and job["run_id"]
    victim, _ = create_key(api_state.store, "acme", "viewer", "2026-11-30T00:00:00Z")
    return {"job_id": job["id"], "run_id": str(job["run_id"]), "key_id": victim.id,
            "case_id": "1", "number": "L-NONE"}  # fmt: skip


@pytest.mark.parametrize(("method", "path"), GUARDED)
def test_no_key_and_wrong_keys_are_401(
    client: TestClient, method: str, path: str, acme_ids: dict[str, str], api_state: Any
) -> None:
    for headers in (
        {},
        auth("du_000000000000_wrong"),
        auth("not-a-token"),
        {"X-API-Key": "du_000000000000_wrong"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
    ):
        r = _request(client, method, path, headers, acme_ids)
        assert r.status_code == 401, (method, path, headers, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.headers["www-authenticate"].startswith("Bearer")


def test_revoked_key_is_401(client: TestClient, api_state: Any) -> None:
    key, token = create_key(api_state.store, "acme", "admin", "2026-11-30T00:00:00Z")
    assert client.get("/v1/me", headers=auth(token)).status_code == 200
    revoke(api_state.store, key.id, "2026-11-30T00:00:01Z", "test")
    api_state.forget_keys()
    assert client.get("/v1/me", headers=auth(token)).status_code == 401


@pytest.mark.parametrize(("method", "path"), GUARDED)
def test_roles_below_the_endpoint_are_403(
    client: TestClient, method: str, path: str, tokens: dict[str, str], acme_ids: dict[str, str]
) -> None:
    need = ROLES.index(NEEDS[(method, path)])
    for role in ROLES[:need]:
        r = _request(client, method, path, auth(tokens[f"acme:{role}"]), acme_ids)
        assert r.status_code == 403, (method, path, role, r.text)
        assert r.json()["type"].endswith("/forbidden")
    # the least role that may: not refused (any other outcome is the endpoint's business)
    if path != "/v1/keys/{key_id}":
        r = _request(client, method, path, auth(tokens[f"acme:{ROLES[need]}"]), acme_ids)
        assert r.status_code not in (401, 403), (method, path, r.text)


@pytest.mark.parametrize(
    "path",
    ["/v1/jobs/{job_id}", "/v1/jobs/{job_id}/results", "/v1/runs/{run_id}",
     "/v1/runs/{run_id}/decisions", "/v1/cases/{case_id}"],
)  # fmt: skip
def test_another_tenants_records_are_not_found(
    client: TestClient, path: str, tokens: dict[str, str], acme_ids: dict[str, str]
) -> None:
    url = path.format(**acme_ids)
    assert client.get(url, headers=auth(tokens["acme:viewer"])).status_code == 200
    for role in ROLES:
        r = client.get(url, headers=auth(tokens[f"other:{role}"]))
        assert r.status_code == 404, (path, role, r.text)
        assert acme_ids["job_id"] not in r.text or "no job" in r.text


def test_another_tenants_lists_are_empty_of_ours(
    client: TestClient, tokens: dict[str, str], acme_ids: dict[str, str]
) -> None:
    other = auth(tokens["other:admin"])
    jobs = client.get("/v1/jobs", headers=other).json()["items"]
    assert acme_ids["job_id"] not in {j["id"] for j in jobs}
    runs = client.get("/v1/runs", headers=other).json()["items"]
    assert int(acme_ids["run_id"]) not in {r["id"] for r in runs}
    keys = client.get("/v1/keys", headers=other).json()["items"]
    assert keys and all(k["tenant"] == "other" for k in keys)
    audit = client.get("/v1/audit", headers=other).text
    acme_keys = {
        k["id"] for k in client.get("/v1/keys", headers=auth(tokens["acme:admin"])).json()["items"]
    }
    assert not any(k in audit for k in acme_keys)
    # nor may another tenant's admin revoke our key
    r = client.delete(f"/v1/keys/{acme_ids['key_id']}", headers=other)
    assert r.status_code == 404
    assert client.get("/v1/keys", headers=auth(tokens["acme:admin"])).status_code == 200


def test_writes_are_attributed_to_their_key(
    client: TestClient, tokens: dict[str, str], acme_ids: dict[str, str], api_state: Any
) -> None:
    me = client.get("/v1/me", headers=auth(tokens["acme:analyst"])).json()
    import orjson

    store = api_state.store_for("acme")
    entries = [orjson.loads(e.payload) | {"kind": e.kind} for e in store.audit_entries()]
    started = [
        e
        for e in entries
        if e["kind"] == "run.started" and ["runs", [int(acme_ids["run_id"])]] == e["rows"][0][:2]
    ]
    assert started and started[0]["actor"] == f"key:{me['key']}"
    # and the run's own row says who started it
    from dualuse.store.runs import get_run

    assert get_run(store, int(acme_ids["run_id"]))["actor"] == f"key:{me['key']}"


def test_no_auth_mode_acts_as_local_admin(api_state: Any) -> None:
    from dataclasses import replace

    settings = replace(api_state.settings, no_auth=True)
    app = create_app(settings, api_state)
    saved = api_state.settings
    api_state.settings = settings
    try:
        with TestClient(app) as c:
            me = c.get("/v1/me").json()
            assert me == {"key": "local", "tenant": "default", "role": "admin"}
    finally:
        api_state.settings = saved


def test_each_tenant_has_its_own_store(api_state: Any, acme_ids: dict[str, str]) -> None:
    acme, other = api_state.store_for("acme"), api_state.store_for("other")
    assert acme.engine.url != other.engine.url != api_state.store.engine.url
    assert str(acme.engine.url).endswith("store.tenants/acme.db")
    assert api_state.store_for("default") is api_state.store
    run = int(acme_ids["run_id"])
    from dualuse.store.runs import get_run, runs_page

    assert get_run(acme, run) is not None
    assert all(r["id"] != run or r["input"] != "s.csv" for r in runs_page(other, 1000))
