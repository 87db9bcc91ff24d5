"""Delta re-screening: which stored counterparties became, changed or stopped being hits.

Every counterparty is screened as of the *to* date with the regime (and imported lists) in
use, and compared with a baseline: with ``--from DATE``, its screening as of that date under
the same data; otherwise the last screening the store holds for it (when it was first seen,
or the last re-screening), whatever data that used, so that an updated regime or list file
shows up too. Only differences are reported and recorded, each with the two dates and
regime fingerprints it compares. A new hit opens a case, a changed list entry re-opens a
cleared one (:func:`dualuse.services.cases.on_hit`), a removed hit is noted on its case;
clearances past their expiry date are re-opened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import select

from dualuse.regime.load import Regime
from dualuse.regime.snapshot import snapshot
from dualuse.screening import Screener
from dualuse.services.cases import _event, expire_clearances, on_hit
from dualuse.services.parties import Hit, Versions, hits_of_result
from dualuse.store.audit import canonical
from dualuse.store.db import Store, Tx, row_dict
from dualuse.store.schema import cases, counterparties, rescreen_changes, rescreens, screenings


@dataclass(frozen=True)
class Change:
    counterparty_id: int
    name: str
    country: str
    entity_id: str
    change: str  # new | changed | removed
    before: Hit | None
    after: Hit | None
    from_date: str | None
    from_fingerprint: str | None


def _diff(before: dict[str, Hit], after: dict[str, Hit]) -> list[tuple[str, str]]:
    out = []
    for eid in sorted(set(before) | set(after)):
        b, a = before.get(eid), after.get(eid)
        if b is None:
            out.append((eid, "new"))
        elif a is None:
            out.append((eid, "removed"))
        elif (b.version, b.list, b.exact) != (a.version, a.list, a.exact):
            out.append((eid, "changed"))
    return out


def rescreen(
    store: Store,
    regime: Regime,
    screener: Screener,
    *,
    to_day: dt.date,
    from_day: dt.date | None,
    lists_digest: str,
    actor: str,
    clock: Callable[[], str],
) -> dict[str, Any]:
    """Re-screen every counterparty; record and return the differences."""
    versions = Versions(regime)
    with store.reading() as conn:
        parties = [
            row_dict(r) for r in conn.execute(select(counterparties).order_by(counterparties.c.id))
        ]
        base = {int(r.counterparty_id): row_dict(r) for r in conn.execute(select(screenings))}
    to_snap = snapshot(regime, to_day)
    from_snap = snapshot(regime, from_day) if from_day else None
    fp = regime.fingerprint
    changes: list[Change] = []
    after_of: dict[int, dict[str, Hit]] = {}
    for p in parties:
        cid = int(p["id"])
        after = hits_of_result(screener.run(p["name"], to_snap), versions)
        after_of[cid] = after
        from_date: str | None
        from_fp: str | None
        if from_snap is not None:
            before = hits_of_result(screener.run(p["name"], from_snap), versions)
            from_date, from_fp = from_snap.as_of.isoformat(), fp
        else:
            stored = base.get(cid)
            before = {
                h["entity_id"]: Hit.from_dict(h)
                for h in (orjson.loads(stored["hits"]) if stored else [])
            }
            from_date = stored["as_of"] if stored else None
            from_fp = stored["regime_fingerprint"] if stored else None
        for eid, kind in _diff(before, after):
            changes.append(
                Change(
                    cid,
                    p["name"],
                    p["country"],
                    eid,
                    kind,
                    before.get(eid),
                    after.get(eid),
                    from_date,
                    from_fp,
                )
            )
    to_text = to_day.isoformat()

    def fn(tx: Tx) -> dict[str, Any]:
        run = tx.insert(
            rescreens,
            {
                "from_date": from_day.isoformat() if from_day else None,
                "to_date": to_text,
                "lists": lists_digest,
                "counterparties": len(parties),
                "changes": len(changes),
            },
        )
        reported = []
        for c in changes:
            case_id, action = _case_for(tx, c, to_text)
            tx.insert(
                rescreen_changes,
                {
                    "rescreen_id": run["id"],
                    "counterparty_id": c.counterparty_id,
                    "entity_id": c.entity_id,
                    "change": c.change,
                    "before": canonical(c.before.as_dict()) if c.before else None,
                    "after": canonical(c.after.as_dict()) if c.after else None,
                    "from_date": c.from_date,
                    "from_fingerprint": c.from_fingerprint,
                    "to_date": to_text,
                    "to_fingerprint": fp,
                    "case_id": case_id,
                },
            )
            reported.append(
                {
                    "rescreen": run["id"],
                    "counterparty_id": c.counterparty_id,
                    "counterparty": c.name,
                    "country": c.country,
                    "entity_id": c.entity_id,
                    "change": c.change,
                    "before": c.before.as_dict() if c.before else None,
                    "after": c.after.as_dict() if c.after else None,
                    "from": {"date": c.from_date, "regime_fingerprint": c.from_fingerprint},
                    "to": {"date": to_text, "regime_fingerprint": fp},
                    "case": case_id,
                    "case_action": action,
                }
            )
        for cid, after in after_of.items():
            _baseline(tx, cid, after, to_text, lists_digest, base.get(cid))
        reopened = expire_clearances(tx, tx.at[:10])
        return {
            "rescreen": run["id"],
            "changes": reported,
            "expired_reopened": reopened,
            "counterparties": len(parties),
        }

    return store.write(
        "rescreen.done",
        fn,
        at=clock(),
        actor=actor,
        fingerprint=fp,
        payload={"from": from_day.isoformat() if from_day else None, "to": to_text},
    )


def _case_for(tx: Tx, c: Change, day: str) -> tuple[int | None, str | None]:
    """Open or re-open the pair's case for a new or changed hit; note a removed one."""
    if c.after is not None:
        action = on_hit(tx, c.counterparty_id, c.name, c.after, None, day)
    else:
        action = None
    case = tx.get(cases, counterparty_id=c.counterparty_id, entity_id=c.entity_id)
    if case is None:
        return None, action
    if c.change == "removed":
        _event(
            tx,
            int(case["id"]),
            "no_longer_hit",
            "the re-screening found no hit on this entry",
            to=day,
        )
        action = "noted"
    return int(case["id"]), action


def _baseline(
    tx: Tx, cid: int, after: dict[str, Hit], day: str, lists: str, old: dict[str, Any] | None
) -> None:
    """The to-side becomes the baseline of the next re-screening (unless it is older)."""
    hits = canonical(sorted((h.as_dict() for h in after.values()), key=lambda d: d["entity_id"]))
    values = {"as_of": day, "lists": lists, "hits": hits}
    if old is None:
        tx.insert(screenings, {"counterparty_id": cid, **values})
    elif day >= old["as_of"] and (
        old["hits"] != hits
        or old["lists"] != lists
        or old["regime_fingerprint"] != tx.fingerprint
        or old["as_of"] != day
    ):
        tx.update(screenings, {"counterparty_id": cid}, values)
