"""Endpoints that read no data: liveness, version, who am I."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from dualuse.api.auth import Viewer, app_state
from dualuse.api.models import Pong
from dualuse.api.problems import responses
from dualuse.services.access import Key
from dualuse.version import __version__

router = APIRouter(tags=["meta"])


@router.get("/v1/ping", response_model=Pong, summary="Liveness (no key needed)")
async def ping() -> dict[str, bool]:
    """The cheapest answer the app gives: the framework's floor in the HTTP benchmark."""
    return {"ok": True}


@router.get("/v1/version", summary="Version and regime (no key needed)")
def version(request: Request) -> dict[str, Any]:
    state = app_state(request)
    return {
        "version": __version__,
        "regime": state.regime.name,
        "regime_fingerprint": state.regime.fingerprint,
    }


@router.get("/v1/me", summary="The key making the request", responses=responses(401, 403))
def me(key: Key = Viewer) -> dict[str, Any]:
    return {"key": key.id, "tenant": key.tenant, "role": key.role.value}
