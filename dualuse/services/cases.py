"""Hit review: a list hit opens a case; a reviewer clears or confirms it.

A case is one (counterparty, listed entry) pair. Clearing it (a false positive, with a
reason) puts the pair on the good-guy list, keyed to the exact list-entry version (a hash of
the listed record's content) and the exact name that hit; while both stay the same, and the
clearance has not expired, later hits of the pair open nothing. When the entry changes (a
new alias, a new state, a move to another list), the name is written differently, or the
clearance expires, the next sighting (a recorded check or screen, or ``rescreen``) re-opens
the case by itself and says why. In four-eyes mode (the store setting ``review.four_eyes``
or ``--four-eyes``) a clear or a confirm waits for a second, different reviewer's approval.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import orjson
from sqlalchemy import select

from dualuse.errors import DualuseError
from dualuse.services.parties import Hit
from dualuse.store.audit import canonical
from dualuse.store.db import Store, Tx, row_dict
from dualuse.store.schema import case_events, cases, clearances, counterparties

FOUR_EYES = "review.four_eyes"


class Status(StrEnum):
    OPEN = "open"
    PENDING_CLEAR = "pending_clear"
    PENDING_CONFIRM = "pending_confirm"
    CLEARED = "cleared"
    CONFIRMED = "confirmed"


class ReviewError(DualuseError):
    """A review action that cannot be taken (no such case, wrong state, same reviewer)."""


def _event(tx: Tx, case_id: int, kind: str, reason: str | None = None, **detail: Any) -> None:
    tx.insert(
        case_events,
        {
            "case_id": case_id,
            "kind": kind,
            "reason": reason,
            "detail": canonical(detail) if detail else None,
        },
    )


def active_clearance(tx: Tx, case_id: int) -> dict[str, Any] | None:
    r = tx.conn.execute(
        select(clearances)
        .where(clearances.c.case_id == case_id, clearances.c.active == 1)
        .order_by(clearances.c.id.desc())
        .limit(1)
    ).first()
    return row_dict(r) if r else None


def stale(clearance: dict[str, Any], hit: Hit, name: str, day: str) -> str | None:
    """Why a clearance no longer holds for this sighting, or None while it does."""
    if clearance["entity_version"] != hit.version:
        return f"the list entry {hit.entity_id} changed since it was cleared"
    if clearance["name"] != name:
        return f"the name differs: {clearance['name']!r} was cleared, {name!r} was seen"
    if clearance["expires"] and day > clearance["expires"]:
        return f"the clearance expired on {clearance['expires']}"
    return None


def on_hit(
    tx: Tx, counterparty_id: int, name: str, hit: Hit, run_id: int | None, day: str
) -> str | None:
    """Open, re-open or leave the pair's case; returns what happened (None: nothing)."""
    found = tx.get(cases, counterparty_id=counterparty_id, entity_id=hit.entity_id)
    seen = {
        "list": hit.list,
        "listed_name": hit.listed_name,
        "entity_version": hit.version,
        "name": name,
        "score": f"{hit.score:.4f}",
        "exact": int(hit.exact),
    }
    if found is None:
        case = tx.insert(
            cases,
            {
                "counterparty_id": counterparty_id,
                "entity_id": hit.entity_id,
                **seen,
                "status": Status.OPEN.value,
                "pending": None,
                "opened_run": run_id,
            },
        )
        _event(tx, int(case["id"]), "opened", None, run=run_id, hit=hit.as_dict(), name=name)
        return "opened"
    if found["status"] != Status.CLEARED:
        return None
    clearance = active_clearance(tx, int(found["id"]))
    why = "the clearance is missing" if clearance is None else stale(clearance, hit, name, day)
    if why is None:
        return None
    if clearance is not None:
        tx.update(clearances, {"id": clearance["id"]}, {"active": 0})
    tx.update(cases, {"id": found["id"]}, {**seen, "status": Status.OPEN.value, "pending": None})
    _event(tx, int(found["id"]), "reopened", why, run=run_id, hit=hit.as_dict(), name=name)
    return "reopened"


def expire_clearances(tx: Tx, day: str) -> int:
    """Re-open every case whose clearance expired before ``day``."""
    done = 0
    rows = tx.conn.execute(
        select(clearances).where(
            clearances.c.active == 1, clearances.c.expires.is_not(None), clearances.c.expires < day
        )
    ).all()
    for r in rows:
        tx.update(clearances, {"id": r.id}, {"active": 0})
        tx.update(cases, {"id": r.case_id}, {"status": Status.OPEN.value, "pending": None})
        _event(tx, int(r.case_id), "reopened", f"the clearance expired on {r.expires}")
        done += 1
    return done


# reviewing -------------------------------------------------------------------------------
def _case(tx: Tx, case_id: int) -> dict[str, Any]:
    case = tx.get(cases, id=case_id)
    if case is None:
        raise ReviewError(f"no case {case_id}")
    return case


def four_eyes_on(store: Store) -> bool:
    return store.setting(FOUR_EYES, "off") in ("on", "true", "1", "yes")


def decide(
    tx: Tx,
    case_id: int,
    action: str,
    reason: str,
    four_eyes: bool,
    expires: str | None = None,
) -> dict[str, Any]:
    """Clear (``action`` = "clear") or confirm a case, or ask for approval in four-eyes mode."""
    case = _case(tx, case_id)
    if case["status"] in (Status.PENDING_CLEAR, Status.PENDING_CONFIRM):
        raise ReviewError(
            f"case {case_id} awaits approval of a {case['status'][8:]} "
            "(dualuse review approve, or --reject)"
        )
    if not reason.strip():
        raise ReviewError("give the reason for the decision (--reason)")
    if four_eyes:
        pending = {"action": action, "by": tx.actor, "reason": reason, "expires": expires}
        status = Status.PENDING_CLEAR if action == "clear" else Status.PENDING_CONFIRM
        _event(tx, case_id, f"{action}_requested", reason, expires=expires)
        return tx.update(
            cases, {"id": case_id}, {"status": status.value, "pending": canonical(pending)}
        )
    return _apply(tx, case, action, reason, tx.actor, None, expires)


def _apply(
    tx: Tx,
    case: dict[str, Any],
    action: str,
    reason: str,
    by: str,
    approved_by: str | None,
    expires: str | None,
) -> dict[str, Any]:
    old = active_clearance(tx, int(case["id"]))
    if old is not None:
        tx.update(clearances, {"id": old["id"]}, {"active": 0})
    if action == "clear":
        tx.insert(
            clearances,
            {
                "case_id": case["id"],
                "counterparty_id": case["counterparty_id"],
                "entity_id": case["entity_id"],
                "entity_version": case["entity_version"],
                "name": case["name"],
                "reason": reason,
                "cleared_by": by,
                "approved_by": approved_by,
                "expires": expires,
                "active": 1,
            },
        )
        status = Status.CLEARED
    else:
        status = Status.CONFIRMED
    kind = "cleared" if action == "clear" else "confirmed"
    _event(tx, int(case["id"]), kind, reason, by=by, approved_by=approved_by, expires=expires)
    return tx.update(cases, {"id": case["id"]}, {"status": status.value, "pending": None})


def approve(tx: Tx, case_id: int, reject: bool = False, note: str = "") -> dict[str, Any]:
    """The second reviewer's approval (or rejection) of a pending clear or confirm."""
    case = _case(tx, case_id)
    if not case["pending"]:
        raise ReviewError(f"case {case_id} has nothing awaiting approval (status {case['status']})")
    pending = orjson.loads(case["pending"])
    if pending["by"] == tx.actor:
        raise ReviewError(
            f"four eyes: {tx.actor} asked for this {pending['action']}; a different reviewer "
            "must approve it"
        )
    if reject:
        _event(tx, case_id, "rejected", note or None, requested_by=pending["by"])
        return tx.update(cases, {"id": case_id}, {"status": Status.OPEN.value, "pending": None})
    return _apply(
        tx, case, pending["action"], pending["reason"], pending["by"], tx.actor, pending["expires"]
    )


def list_cases(store: Store, status: str | None = None) -> list[dict[str, Any]]:
    with store.reading() as conn:
        q = (
            select(cases, counterparties.c.country, counterparties.c.name.label("counterparty"))
            .join(counterparties, counterparties.c.id == cases.c.counterparty_id)
            .order_by(cases.c.id)
        )
        if status:
            q = q.where(cases.c.status == status)
        return [_public(row_dict(r)) for r in conn.execute(q)]


def show_case(store: Store, case_id: int) -> dict[str, Any]:
    with store.reading() as conn:
        q = (
            select(cases, counterparties.c.country, counterparties.c.name.label("counterparty"))
            .join(counterparties, counterparties.c.id == cases.c.counterparty_id)
            .where(cases.c.id == case_id)
        )
        r = conn.execute(q).first()
        if r is None:
            raise ReviewError(f"no case {case_id}")
        out = _public(row_dict(r))
        out["events"] = [
            _public(row_dict(e))
            for e in conn.execute(
                select(case_events)
                .where(case_events.c.case_id == case_id)
                .order_by(case_events.c.id)
            )
        ]
        out["clearances"] = [
            _public(row_dict(c))
            for c in conn.execute(
                select(clearances).where(clearances.c.case_id == case_id).order_by(clearances.c.id)
            )
        ]
        return out


def _public(row: dict[str, Any]) -> dict[str, Any]:
    """A row as shown to a user: JSON text read back, sealing columns left out."""
    for k in ("pending", "detail"):
        if row.get(k):
            row[k] = orjson.loads(row[k])
    for k in ("audit_seq", "row_hash"):
        row.pop(k, None)
    return row
