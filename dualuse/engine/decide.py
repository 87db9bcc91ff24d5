"""The decision: a pure function of a shipment line and the regime as of a date.

No I/O, no clock, no database: the caller passes the snapshot (which fixes the date) and the
two ports that identify items and parties. Every rule that fires adds a reason with its
citation; the decision is the reason with the highest precedence.
"""

from __future__ import annotations

from dualuse.engine.context import Context, PartyFinding
from dualuse.engine.outcome import Decision, Outcome, Reason, combine
from dualuse.engine.ports import (
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
) -> Decision:
    """Decide one line as of ``snap.as_of``.

    With ``licences`` a declared licence is looked up: a licence requirement it covers is
    met (the reason is ``allowed`` and cites the licence); without, it is only noted.
    """
    evidence = gather_evidence(shipment, snap, classifier.classify(shipment, snap))
    parties = screen_parties(shipment, snap, screener)
    ctx = Context(shipment, snap, evidence, parties, licences)
    reasons: list[Reason] = []
    for rule in RULES:
        reasons.extend(rule(ctx))
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
        parties=tuple(
            {
                "role": p.role,
                "entity_id": p.hit.entity_id,
                "name": p.hit.matched_name,
                "list": p.entity.record.list,
                "score": round(p.hit.score, 4),
                "exact": p.hit.exact,
            }
            for p in parties
        ),
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
