"""Recorded runs and their decisions (the tenant's own), and the audit chain."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import StreamingResponse

from dualuse.api.auth import Admin, Viewer, app_state
from dualuse.api.common import NDJSON, as_json, page, streamed
from dualuse.api.models import AuditVerify, Decision, Page, Run
from dualuse.api.problems import ApiProblem, responses
from dualuse.services.access import Key, audit_state
from dualuse.store.runs import count_runs, decisions_page, get_run, runs_page

router = APIRouter(tags=["records"])
RUN_ID = Path(..., ge=1, le=2**62, description="run number")
LIMIT = Query(100, ge=1, le=1000)
OFFSET = Query(0, ge=0, le=10**12)


@router.get(
    "/v1/runs",
    response_model=Page[Run],
    summary="The tenant's recorded runs, newest first",
    responses=responses(401, 403, 422),
)
def runs(request: Request, limit: int = LIMIT, offset: int = OFFSET, key: Key = Viewer) -> Any:
    store = app_state(request).store_for(key.tenant)
    items = runs_page(store, limit, offset)
    return as_json(page(request, items, count_runs(store), limit, offset))


def _run(request: Request, run_id: int, key: Key) -> dict[str, Any]:
    """The run, from the key's tenant's store (another tenant's run is not there)."""
    run = get_run(app_state(request).store_for(key.tenant), run_id)
    if run is None:
        raise ApiProblem(404, "not-found", "Not found", f"no run {run_id}", "run_id")
    return run


@router.get(
    "/v1/runs/{run_id}",
    response_model=Run,
    summary="One recorded run",
    responses=responses(401, 403, 404, 422),
)
def run(request: Request, run_id: int = RUN_ID, key: Key = Viewer) -> Any:
    return as_json(_run(request, run_id, key))


@router.get(
    "/v1/runs/{run_id}/decisions",
    response_model=Page[Decision],
    summary="The decisions of a recorded run, as written",
    responses=responses(401, 403, 404, 422),
)
def run_decisions(
    request: Request,
    run_id: int = RUN_ID,
    limit: int = LIMIT,
    offset: int = OFFSET,
    key: Key = Viewer,
) -> Any:
    r = _run(request, run_id, key)
    items = decisions_page(app_state(request).store_for(key.tenant), run_id, limit, offset)
    return as_json(page(request, items, int(r["rows"]), limit, offset))


def _mine(payload: dict[str, Any], tenant: str) -> bool:
    """Whether an entry of the tenant's store is about the tenant (the tenant ``default``
    shares the main store, where every tenant's key changes are recorded)."""
    named = payload.get("tenant")
    actor = payload.get("actor")
    if isinstance(actor, dict):
        named = named or actor.get("tenant")
    return named is None or named == tenant


@router.get(
    "/v1/audit",
    summary="Export the tenant's audit entries (JSON Lines, with their hashes)",
    response_class=StreamingResponse,
    responses=streamed(401, 403),
)
def audit_export(request: Request, key: Key = Admin) -> Any:
    """Every entry of the tenant's audit chain, in order, with ``seq``, ``prev_hash`` and
    ``hash``, so that the chain can be checked again outside (for the tenant ``default``,
    whose store is the main one, entries about other tenants' keys are left out)."""
    store = app_state(request).store_for(key.tenant)

    def lines() -> Any:
        for e in store.audit_entries():
            payload = orjson.loads(e.payload)
            if _mine(payload, key.tenant):
                yield orjson.dumps(
                    {"seq": e.seq, "at": e.at, "kind": e.kind, "payload": payload,
                     "prev_hash": e.prev_hash, "hash": e.hash}
                ) + b"\n"  # fmt: skip

    return StreamingResponse(lines(), media_type=NDJSON)


@router.get(
    "/v1/audit/verify",
    response_model=AuditVerify,
    summary="Check the whole audit chain",
    responses=responses(401, 403),
)
def audit_verify(request: Request, key: Key = Admin) -> Any:
    """Whether every entry of the tenant's chain is intact and in order (details:
    ``dualuse store verify`` on the tenant's store)."""
    return audit_state(app_state(request).store_for(key.tenant))
