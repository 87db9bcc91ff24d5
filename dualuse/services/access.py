"""Use case: API keys: make one (the token is shown once), find the key of a token, list and
revoke keys. Every change is an entry in the store's audit chain naming who made it.

A token reads ``du_<key id>_<secret>``: the key id is public (it names the key in the audit
log and in lists); only the SHA-256 of the whole token is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dualuse.errors import UsageError
from dualuse.store import keys
from dualuse.store.db import Store, Tx
from dualuse.store.schema import api_keys

TOKEN_PREFIX = "du_"
TENANT_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


class Role(StrEnum):
    """What a key may do; each role may do everything the roles before it may."""

    viewer = "viewer"  # read: regime, recorded runs and jobs, cases, licences
    analyst = "analyst"  # + run checks, screening, matching, classification, exposure
    reviewer = "reviewer"  # + review hits (clear, confirm, approve: four eyes)
    admin = "admin"  # + keys, audit export, licences

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


@dataclass(frozen=True)
class Key:
    """A valid key: who is asking."""

    id: str
    tenant: str
    role: Role
    label: str = ""

    @property
    def actor_name(self) -> str:
        """How the key is named in records and the audit chain: ``key:<id>``."""
        return f"key:{self.id}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_tenant(tenant: str) -> str:
    if not tenant or len(tenant) > 64 or not set(tenant) <= TENANT_CHARS:
        raise UsageError(f"tenant {tenant!r}: 1 to 64 letters, digits, '-', '_' or '.' expected")
    return tenant


def create_key(
    store: Store, tenant: str, role: str, at: str, label: str = "", by: str = "cli"
) -> tuple[Key, str]:
    """Make a key; returns it and its token (shown once: only its hash is kept). The row is
    written in one sealed transaction whose audit entry names ``by``."""
    check_tenant(tenant)
    try:
        r = Role(role)
    except ValueError:
        raise UsageError(
            f"role {role!r}: expected one of {', '.join(x.value for x in Role)}"
        ) from None
    if len(label) > 200:
        raise UsageError("label: at most 200 characters")
    key_id = secrets.token_hex(6)
    token = f"{TOKEN_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    values = {
        "id": key_id,
        "token_sha256": token_hash(token),
        "tenant": tenant,
        "role": r.value,
        "label": label,
        "created_at": at,
        "created_by": by,
        "revoked_at": None,
        "regime_fingerprint": "",
    }
    store.write(
        "key.created",
        lambda tx: tx.insert(api_keys, values),
        at=at,
        actor=by,
        payload={"key": key_id, "tenant": tenant, "role": r.value, "label": label},
    )
    return Key(key_id, tenant, r, label), token


def find_key(store: Store, token: str) -> Key | None:
    """The live key of ``token``, or None (unknown, malformed or revoked)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = keys.key_by_hash(store, token_hash(token))
    if row is None or row["revoked_at"]:
        return None
    # the stored hash matched, so the token is this key's; compare ids in constant time too
    _, _, rest = token.partition(TOKEN_PREFIX)
    if not secrets.compare_digest(rest.split("_", 1)[0], row["id"]):
        return None
    return Key(row["id"], row["tenant"], Role(row["role"]), row["label"])


def list_keys(store: Store, tenant: str | None = None) -> list[dict[str, Any]]:
    return keys.keys_of(store, tenant)


def revoke(store: Store, key_id: str, at: str, by: str, tenant: str | None = None) -> bool:
    """Revoke a key (of ``tenant`` only, when given); False if there is no such live key."""

    def fn(tx: Tx) -> bool:
        row = tx.get(api_keys, id=key_id)
        if row is None or row["revoked_at"] or (tenant is not None and row["tenant"] != tenant):
            return False
        tx.update(api_keys, {"id": key_id}, {"revoked_at": at, "regime_fingerprint": ""})
        return True

    found = [r for r in keys.keys_of(store, tenant) if r["id"] == key_id and not r["revoked_at"]]
    if not found:
        return False
    return store.write(
        "key.revoked",
        fn,
        at=at,
        actor=by,
        payload={"key": key_id, "tenant": found[0]["tenant"]},
    )


def audit_state(store: Store) -> dict[str, Any]:
    """Whether a store's audit chain and every sealed row are intact (an empty store, a
    tenant's before its first write, is intact)."""
    from dualuse.store.verify import verify_store

    report = verify_store(store)
    problems = [] if report.entries == 0 else report.problems
    return {"intact": not problems, "entries": report.entries, "problems": len(problems)}


__all__ = [
    "Key",
    "Role",
    "audit_state",
    "check_tenant",
    "create_key",
    "find_key",
    "list_keys",
    "revoke",
]
