"""API keys of the admin's own tenant: list, make (the token is shown once), revoke."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from dualuse.api.auth import Admin, app_state
from dualuse.api.common import slice_page
from dualuse.api.models import KeyCreate, KeyCreated, KeyInfo, Page
from dualuse.api.problems import ApiProblem, responses
from dualuse.services.access import Key, create_key, list_keys, revoke

router = APIRouter(tags=["keys"])


@router.get(
    "/v1/keys",
    response_model=Page[KeyInfo],
    summary="The tenant's keys",
    responses=responses(401, 403, 422),
)
def keys(
    request: Request,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10**12),
    key: Key = Admin,
) -> Any:
    return slice_page(request, list_keys(app_state(request).store, key.tenant), limit, offset)


@router.post(
    "/v1/keys",
    status_code=201,
    response_model=KeyCreated,
    summary="Make a key for the tenant (the token is in this answer only)",
    responses=responses(401, 403, 413, 422),
)
def add_key(body: KeyCreate, request: Request, key: Key = Admin) -> Any:
    state = app_state(request)
    made, token = create_key(
        state.store, key.tenant, body.role, state.now_text(), body.label, by=f"key:{key.id}"
    )
    info = next(k for k in list_keys(state.store, key.tenant) if k["id"] == made.id)
    return {**info, "token": token}


@router.delete(
    "/v1/keys/{key_id}",
    status_code=204,
    summary="Revoke a key of the tenant",
    responses=responses(401, 403, 404),
)
def delete_key(key_id: str, request: Request, key: Key = Admin) -> None:
    state = app_state(request)
    if not revoke(state.store, key_id, state.now_text(), f"key:{key.id}", tenant=key.tenant):
        raise ApiProblem(404, "not-found", "Not found", f"no live key {key_id!r}", "key_id")
    state.forget_keys()
