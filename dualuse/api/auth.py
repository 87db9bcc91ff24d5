"""Who is asking, and may they: API keys (``Authorization: Bearer <token>``, ``X-API-Key`` or
the web UI's cookie), roles and tenants.

A request without a valid key gets 401; a key whose role is below what the endpoint needs gets
403. Handlers read and write only their key's tenant's data. ``--no-auth`` (loopback only)
makes every request an admin of the tenant ``local``: for development on one's own machine.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Depends, Request

from dualuse.api.problems import ApiProblem
from dualuse.api.state import LOCAL_TENANT, AppState
from dualuse.services.access import Key, Role

COOKIE = "dualuse_key"
LOCAL_KEY = Key("local", LOCAL_TENANT, Role.admin, "--no-auth")


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.dualuse
    return state


def token_of(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
    key = request.headers.get("x-api-key")
    if key:
        return key.strip()
    return request.cookies.get(COOKIE)


def current_key(request: Request) -> Key | None:
    """The request's key, or None (no key or not a valid one)."""
    state = app_state(request)
    if state.settings.no_auth:
        return LOCAL_KEY
    token = token_of(request)
    if not token:
        return None
    return state.key_of(token)


def require(role: Role) -> Callable[[Request], Coroutine[Any, Any, Key]]:
    """A dependency: the request's key, which must have at least ``role``.

    Asynchronous, so that it runs on the event loop: the key is found in a small in-memory
    cache (the store is read at most every few seconds per token), and a thread hop per
    request would cost more than the look-up.
    """

    async def dependency(request: Request) -> Key:
        key = current_key(request)
        if key is None:
            given = token_of(request) is not None
            raise ApiProblem(
                401,
                "unauthenticated",
                "No valid API key",
                "the API key is not valid (unknown or revoked)"
                if given
                else "an API key is needed: Authorization: Bearer <token> (see docs/api.md)",
                headers={"WWW-Authenticate": 'Bearer realm="dualuse"'},
            )
        if not key.role.allows(role):
            raise ApiProblem(
                403,
                "forbidden",
                "Not allowed",
                f"this needs the role {role.value} or above; the key has {key.role.value}",
            )
        request.state.key = key
        return key

    return dependency


Viewer = Depends(require(Role.viewer))
Analyst = Depends(require(Role.analyst))
Reviewer = Depends(require(Role.reviewer))
Admin = Depends(require(Role.admin))

__all__ = [
    "COOKIE",
    "Admin",
    "Analyst",
    "Reviewer",
    "Viewer",
    "app_state",
    "current_key",
    "require",
]
