"""The decision: a pure function of a shipment line and the regime as of a date.

No I/O, no clock, no database: the caller passes the snapshot (which fixes the date) and the
two ports that identify items and parties. Every rule that fires adds a reason with its
citation; the decision is the reason with the highest precedence. Hits that a reviewer cleared
(facts the caller passes, see :class:`~dualuse.engine.ports.ClearedHit`) are set aside before
the rules run, and each is named in a ``case.cleared`` reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dualuse.engine.context import Context, PartyFinding
from dualuse.engine.outcome import Decision, Outcome, Reason, combine
from dualuse.engine.ports import (
    ClearedHit,
    Confidence,
    ItemClassifier,
    ItemEvidence,
    ItemMatch,
    ItemStatus,
    LicenceRegister,
    PartyScreener,
)
from dualuse.engine.rules import RULES
from dualuse.engine.rules.common import ruled_out_text
from dualuse.engine.shipment import Shipment
from dualuse.regime.snapshot import Snapshot

NO_CONTROL = "engine.no_control"
CLEARED = "case.cleared"
_LIST_NAMES = {"control": "control list", "watch": "watch list", "uel": "unreliable entity list"}


def gather_evidence(shipment: Shipment, snap: Snapshot, matches: list[ItemMatch]) -> ItemEvidence:
    """Sum up what the classifier found, counting only entries in force on the date."""
    ruled_out = tuple(m for m in matches if m.ruled_out)
    matches = [m for m in matches if not m.ruled_out]
    live = [m for m in matches if m.item_id in snap.items and snap.items[m.item_id].in_force]
    if any(m.confidence is Confidence.CONFIDENT for m in live):
        status = ItemStatus.CONTROLLED
    elif live:
        status = ItemStatus.POSSIBLE
    elif shipment.hs_code or shipment.control_code or shipment.description:
        status = ItemStatus.NOT_CONTROLLED
    else:
        status = ItemStatus.UNKNOWN
    return ItemEvidence(status=status, matches=tuple(matches), ruled_out=ruled_out)


def screen_parties(
    shipment: Shipment, snap: Snapshot, screener: PartyScreener
) -> tuple[PartyFinding, ...]:
    found: list[PartyFinding] = []
    seen: set[tuple[str, str]] = set()
    for role, name in (("consignee", shipment.consignee), ("end_user", shipment.end_user)):
        if not name:
            continue
        country = shipment.end_user_country if role == "end_user" else shipment.destination_country
        for hit in screener.screen(name, snap, country):
            eff = snap.entities.get(hit.entity_id)
            if eff is None or (role, hit.entity_id) in seen:
                continue
            seen.add((role, hit.entity_id))
            found.append(PartyFinding(role, hit, eff))
    return tuple(found)


def decide(
    shipment: Shipment,
    snap: Snapshot,
    classifier: ItemClassifier,
    screener: PartyScreener,
    licences: LicenceRegister | None = None,
    cleared: Mapping[tuple[str, str], ClearedHit] | None = None,
) -> Decision:
    """Decide one line as of ``snap.as_of``.

    With ``licences`` a declared licence is looked up: a licence requirement it covers is
    met (the reason is ``allowed`` and cites the licence); without, it is only noted.
    ``cleared``: per (role, listed entity id), a reviewer's clearance of that party's hit; it
    holds for the exact name cleared, up to its expiry date, and the line is then decided as
    if the hit were not there (the hit stays in ``parties``, marked with its case).
    """
    evidence = gather_evidence(shipment, snap, classifier.classify(shipment, snap))
    found = screen_parties(shipment, snap, screener)
    set_aside = _set_aside(shipment, snap, found, cleared) if cleared else {}
    parties = tuple(p for p in found if (p.role, p.hit.entity_id) not in set_aside)
    ctx = Context(shipment, snap, evidence, parties, licences)
    reasons: list[Reason] = []
    for rule in RULES:
        reasons.extend(rule(ctx))
    for p in found:
        c = set_aside.get((p.role, p.hit.entity_id))
        if c is not None:
            reasons.append(_cleared_reason(p, c))
    outcome = combine(reasons)
    if outcome is Outcome.ALLOWED and not any(r.effect is Outcome.ALLOWED for r in reasons):
        reasons.insert(0, _allowed_reason(ctx))
    reasons.sort(key=lambda r: -r.effect.rank)
    return Decision(
        id=shipment.id,
        as_of=snap.as_of,
        decision=outcome,
        reasons=tuple(reasons),
        items=tuple(m.item_id for m in evidence.matches),
        parties=tuple(_party(p, set_aside.get((p.role, p.hit.entity_id))) for p in found),
    )


def _party(p: PartyFinding, cleared: ClearedHit | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "role": p.role,
        "entity_id": p.hit.entity_id,
        "name": p.hit.matched_name,
        "list": p.entity.record.list,
        "score": round(p.hit.score, 4),
        "exact": p.hit.exact,
    }
    if cleared is not None:
        out["cleared"] = cleared.case_id
    return out


def _set_aside(
    shipment: Shipment,
    snap: Snapshot,
    found: tuple[PartyFinding, ...],
    cleared: Mapping[tuple[str, str], ClearedHit],
) -> dict[tuple[str, str], ClearedHit]:
    """The hits a clearance covers: the same entity, the exact name, not expired on the date."""
    day = snap.as_of.isoformat()
    out: dict[tuple[str, str], ClearedHit] = {}
    for p in found:
        key = (p.role, p.hit.entity_id)
        c = cleared.get(key)
        name = shipment.consignee if p.role == "consignee" else shipment.end_user
        if c is None or c.entity_id != p.hit.entity_id or c.name != name:
            continue
        if c.expires and day > c.expires:
            continue
        out[key] = c
    return out


def _cleared_reason(p: PartyFinding, c: ClearedHit) -> Reason:
    rec = p.entity.record
    listed = (rec.names.en or rec.names.all())[0]
    who = c.cleared_by + (f", approved by {c.approved_by}" if c.approved_by else "")
    detail = (
        f"{p.role} {p.hit.query!r} matches {listed} ({_LIST_NAMES.get(rec.list, rec.list)}, "
        f"score {p.hit.score:.2f}); this hit was cleared as a false positive in case "
        f"{c.case_id} by {who} on {c.cleared_at[:10]}: {c.reason!r}"
    )
    if c.expires:
        detail += f" (the clearance holds up to {c.expires})"
    detail += "; the line is decided as if the hit were not there"
    return Reason(
        rule=CLEARED,
        effect=Outcome.INFO,
        citation=f"case {c.case_id}",
        detail=detail,
        clearance=c.as_dict(),
    )


def _allowed_reason(ctx: Context) -> Reason:
    s = ctx.shipment
    if ctx.evidence.status is ItemStatus.UNKNOWN:
        detail = (
            "no rule in force on the decision date applies to this line; the item was not "
            "described (no HS code, control code or description), so it was assumed not dual-use"
        )
    else:
        given = ", ".join(
            f"{k} {v!r}"
            for k, v in (
                ("HS", s.hs_code),
                ("control code", s.control_code),
                ("description", s.description),
            )
            if v
        )
        detail = f"no entry of the control list in force on the decision date matches {given}"
        if ctx.evidence.ruled_out:
            detail += "; " + ruled_out_text(ctx)
        if not s.from_china:
            detail = (
                f"the line ships from {s.exporter_country}; no China-origin rule in force "
                f"on the decision date applies ({given})"
            )
    return Reason(rule=NO_CONTROL, effect=Outcome.ALLOWED, citation="", detail=detail)
