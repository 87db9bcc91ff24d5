"""API keys: reads of the ``api_keys`` table (writes go through sealed transactions, see
:mod:`dualuse.services.access`).

A key is stored as the SHA-256 of its token, never the token: the token is shown once, when
the key is made. Each key belongs to one tenant and has one role. Keys live in the server's
main store; each tenant's runs, cases and licences live in the tenant's own store.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from dualuse.store.db import Store
from dualuse.store.schema import api_keys

KEY_COLUMNS = ("id", "tenant", "role", "label", "created_at", "created_by", "revoked_at")


def _key(row: Any) -> dict[str, Any]:
    return {k: getattr(row, k) for k in KEY_COLUMNS}


def key_by_hash(store: Store, token_sha256: str) -> dict[str, Any] | None:
    with store.reading() as conn:
        row = conn.execute(select(api_keys).where(api_keys.c.token_sha256 == token_sha256)).first()
    return _key(row) if row else None


def keys_of(store: Store, tenant: str | None) -> list[dict[str, Any]]:
    q = select(api_keys).order_by(api_keys.c.created_at, api_keys.c.id)
    if tenant is not None:
        q = q.where(api_keys.c.tenant == tenant)
    with store.reading() as conn:
        return [_key(r) for r in conn.execute(q)]


__all__ = ["KEY_COLUMNS", "api_keys", "key_by_hash", "keys_of"]
