"""API keys: the table and its reads and writes.

A key is stored as the SHA-256 of its token, never the token: the token is shown once, when
the key is made. Each key belongs to one tenant and has one role. Keys live in the server's
main store; each tenant's runs, cases and licences live in the tenant's own store.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Index, String, Table, insert, select, update

from dualuse.store.schema import metadata

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(16), primary_key=True),  # public part of the token
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("tenant", String(64), nullable=False),
    Column("role", String(16), nullable=False),
    Column("label", String(200), nullable=False, default=""),
    Column("created_at", String(32), nullable=False),
    Column("created_by", String(40), nullable=False),
    Column("revoked_at", String(32)),
    Index("ix_api_keys_tenant", "tenant"),
)

KEY_COLUMNS = ("id", "tenant", "role", "label", "created_at", "created_by", "revoked_at")


def _key(row: Any) -> dict[str, Any]:
    return {k: getattr(row, k) for k in KEY_COLUMNS}


def insert_key(conn: Any, values: dict[str, Any]) -> None:
    conn.execute(insert(api_keys).values(**values))


def key_by_hash(conn: Any, token_sha256: str) -> dict[str, Any] | None:
    row = conn.execute(select(api_keys).where(api_keys.c.token_sha256 == token_sha256)).first()
    return _key(row) if row else None


def key_by_id(conn: Any, key_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(api_keys).where(api_keys.c.id == key_id)).first()
    return _key(row) if row else None


def keys_of(conn: Any, tenant: str | None) -> list[dict[str, Any]]:
    q = select(api_keys).order_by(api_keys.c.created_at, api_keys.c.id)
    if tenant is not None:
        q = q.where(api_keys.c.tenant == tenant)
    return [_key(r) for r in conn.execute(q)]


def revoke_key(conn: Any, key_id: str, at: str) -> None:
    conn.execute(update(api_keys).where(api_keys.c.id == key_id).values(revoked_at=at))


__all__ = [
    "api_keys",
    "insert_key",
    "key_by_hash",
    "key_by_id",
    "keys_of",
    "revoke_key",
]
