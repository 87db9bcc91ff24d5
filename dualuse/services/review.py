"""Use case: act on cases and licences as one sealed write each, attributed to an actor.

The command line (``dualuse review``, ``dualuse licence add|import``) and the HTTP API share
these: the actor is a person's name on the command line and ``key:<id>`` over HTTP, so four
eyes (:func:`~dualuse.services.cases.approve` refuses the requester) hold by key identity.
Whether a clear or a confirm needs a second reviewer is the store's setting
``review.four_eyes`` unless the caller says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dualuse.services.cases import approve, decide, four_eyes_on
from dualuse.services.licensing import Licence, add_licence
from dualuse.store.db import Store, Tx

ACTIONS = {"clear": "case.cleared", "confirm": "case.confirmed"}


def _public(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ("audit_seq", "row_hash")}


def _write(
    store: Store, kind: str, fn: Callable[[Tx], Any], actor: str, at: str, fingerprint: str
) -> dict[str, Any]:
    row = store.write(kind, fn, at=at, actor=actor, fingerprint=fingerprint)
    return _public(row)


def decide_case(
    store: Store,
    case_id: int,
    action: str,
    reason: str,
    *,
    actor: str,
    at: str,
    fingerprint: str,
    four_eyes: bool | None = None,
    expires: str | None = None,
) -> dict[str, Any]:
    """Clear (a false positive: onto the good-guy list) or confirm a case; with four eyes it
    waits, pending, for another reviewer's approval. Returns the case row."""
    eyes = four_eyes_on(store) if four_eyes is None else four_eyes
    return _write(
        store,
        ACTIONS[action],
        lambda tx: decide(tx, case_id, action, reason, eyes, expires),
        actor,
        at,
        fingerprint,
    )


def approve_case(
    store: Store,
    case_id: int,
    *,
    actor: str,
    at: str,
    fingerprint: str,
    reject: bool = False,
    note: str = "",
) -> dict[str, Any]:
    """A second, different reviewer approves (or rejects) a pending clear or confirm."""
    return _write(
        store,
        "case.approved",
        lambda tx: approve(tx, case_id, reject, note),
        actor,
        at,
        fingerprint,
    )


def record_licences(
    store: Store, licences: list[Licence], *, actor: str, at: str, fingerprint: str
) -> list[dict[str, Any]]:
    """Record licences, all or none (their numbers must be new)."""
    rows: list[dict[str, Any]] = store.write(
        "licence.added",
        lambda tx: [add_licence(tx, lic) for lic in licences],
        at=at,
        actor=actor,
        fingerprint=fingerprint,
        payload={"licences": [lic.number for lic in licences]},
    )
    return [_public(r) for r in rows]


__all__ = ["approve_case", "decide_case", "record_licences"]
