"""Parties on MOFCOM's control list, watch list or unreliable entity list."""

from __future__ import annotations

from dualuse.engine.context import Context, PartyFinding
from dualuse.engine.outcome import Outcome, Reason
from dualuse.engine.ports import ItemStatus
from dualuse.engine.rules.common import labels, state_phrase
from dualuse.regime.model import EntityListMeasure

_LIST_NAMES = {"control": "control list", "watch": "watch list", "uel": "unreliable entity list"}


def entity_lists(ctx: Context) -> list[Reason]:
    out: list[Reason] = []
    for finding in ctx.parties:
        out.extend(_judge(ctx, finding))
    return out


def _judge(ctx: Context, f: PartyFinding) -> list[Reason]:
    s = ctx.shipment
    ev = ctx.evidence
    ent = f.entity
    listed = _LIST_NAMES[ent.record.list]
    name = (ent.record.names.en or ent.record.names.all())[0]
    who = f"{f.role} {f.hit.query!r}"
    if not ent.in_force:
        return [
            ctx.reason(
                ent,
                Outcome.INFO,
                f"{who} matches {name} ({listed}); the listing is {state_phrase(ent.state)}",
            )
        ]
    if not f.hit.exact:
        return [
            ctx.reason(
                ent,
                Outcome.REVIEW,
                f"{who} may be {name} ({listed}, score {f.hit.score:.2f}): {f.hit.explanation}. "
                "A person must confirm or clear the match",
            )
        ]
    measure = ctx.snap.measures.get(ent.record.measure)
    rule = measure.record.rule if measure else None
    conditions = rule.conditions if isinstance(rule, EntityListMeasure) else []
    items = labels(ctx.confident_items()) or "the item"
    base = f"{who} is {name} on the {listed}"
    if not s.from_china:
        if ent.record.list == "control" and s.china_origin and ev.maybe_dual_use:
            effect = Outcome.PROHIBITED if ev.status is ItemStatus.CONTROLLED else Outcome.REVIEW
            return [
                ctx.reason(
                    ent,
                    effect,
                    f"{base}: foreign parties may not transfer China-origin dual-use items to it "
                    f"({items})",
                )
            ]
        if ent.record.list == "control" and s.has_china_content:
            return [
                ctx.reason(
                    ent,
                    Outcome.REVIEW,
                    f"{base}; the item has {s.china_content_pct:g}% China-origin content: a person "
                    "must decide whether the transfer provides China-origin dual-use items",
                )
            ]
        return [ctx.reason(ent, Outcome.INFO, f"{base}; the line does not ship from China")]
    if ent.record.list == "uel" or (isinstance(rule, EntityListMeasure) and not rule.dual_use_only):
        return [
            ctx.reason(
                ent, Outcome.PROHIBITED, f"{base}: China-related exports to it are prohibited"
            )
        ]
    if ent.record.list == "control":
        if ev.status is ItemStatus.CONTROLLED:
            return [
                ctx.reason(
                    ent,
                    Outcome.PROHIBITED,
                    f"{base}: no dual-use item may be exported to it ({items})",
                )
            ]
        if ev.status is ItemStatus.NOT_CONTROLLED:
            return [
                ctx.reason(
                    ent,
                    Outcome.REVIEW,
                    f"{base}. The item is not identified as dual-use, which the listing does not "
                    "prohibit; confirm the classification and the catch-all (Export Control Law "
                    "Art. 12(3), Regulations Art. 14)",
                )
            ]
        return [
            ctx.reason(
                ent, Outcome.REVIEW, f"{base}: prohibited if the item is dual-use; classify it"
            )
        ]
    # watch list
    if ev.status is ItemStatus.NOT_CONTROLLED:
        return [
            ctx.reason(
                ent,
                Outcome.INFO,
                f"{base}; the item is not identified as dual-use, so no licence is required",
            )
        ]
    cond = ("; ".join(conditions)) or "individual licence with risk assessment"
    if ev.status is ItemStatus.CONTROLLED:
        return [ctx.reason(ent, Outcome.LICENCE_REQUIRED, f"{base} ({items}). Conditions: {cond}")]
    return [
        ctx.reason(
            ent,
            Outcome.REVIEW,
            f"{base}; the item is not positively identified. If dual-use: {cond}",
        )
    ]
