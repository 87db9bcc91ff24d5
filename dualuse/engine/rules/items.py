"""Controlled items need a licence for export from China, to every destination."""

from __future__ import annotations

from dataclasses import replace

from dualuse.engine.context import Context
from dualuse.engine.outcome import Outcome, Reason
from dualuse.engine.ports import Confidence, LicenceCover
from dualuse.engine.rules.common import item_label, state_phrase
from dualuse.regime.model import Item
from dualuse.regime.snapshot import Effective


def licence_requirements(ctx: Context) -> list[Reason]:
    s = ctx.shipment
    out: list[Reason] = []
    seen: set[str] = set()
    cover: LicenceCover | None = None
    for match in ctx.evidence.matches:
        eff = ctx.snap.items.get(match.item_id)
        if eff is None:
            continue
        item = eff.record
        label = item_label(item)
        if not eff.in_force:
            out.append(
                ctx.reason(
                    eff,
                    Outcome.INFO,
                    f"{label}: {match.detail}; control is {state_phrase(eff.state)} on the "
                    "decision date, so no licence is required for it",
                    rule=item.measure,
                )
            )
            continue
        if not s.from_china:
            out.append(
                ctx.reason(
                    eff,
                    Outcome.INFO,
                    f"{label}: {match.detail}; controlled for export from China. This line ships "
                    f"from {s.exporter_country}, so China's licence requirement does not apply to "
                    "it; the rules on China-origin items below do",
                    rule=item.measure,
                )
            )
            continue
        if match.confidence is Confidence.CONFIDENT:
            detail = (
                f"{label}: {match.detail}. Export from China needs a dual-use export "
                "licence, whatever the destination"
            )
            if s.licence_id and ctx.licences is not None:
                if cover is None:
                    cover = ctx.licences.cover(s.licence_id, s, _codes(ctx), ctx.snap)
                out.append(_licence_reason(ctx, eff, detail, item.measure, cover))
                out.extend(_guidance(ctx, item.measure, seen))
                continue
            if s.licence_id:
                detail += f"; licence {s.licence_id!r} declared (not checked against a register)"
            out.append(ctx.reason(eff, Outcome.LICENCE_REQUIRED, detail, rule=item.measure))
            out.extend(_guidance(ctx, item.measure, seen))
        else:
            out.append(
                ctx.reason(
                    eff,
                    Outcome.REVIEW,
                    f"{label}: {match.detail}. The line may fall under this entry; confirm the "
                    "classification (a licence is needed if it does)",
                    rule=item.measure,
                )
            )
    return out


def _codes(ctx: Context) -> tuple[str, ...]:
    """The control codes of the entries the line is confidently identified as."""
    return tuple(e.record.control_code or e.record.id for e in ctx.confident_items())


def _licence_reason(
    ctx: Context, eff: Effective[Item], detail: str, rule: str, cover: LicenceCover
) -> Reason:
    """The licence requirement, met (allowed, citing the licence) or not (and why not)."""
    number = cover.licence_id
    if cover.covered:
        text = f"{detail}; covered by licence {number!r}: {cover.detail}"
        reason = ctx.reason(eff, Outcome.ALLOWED, text, rule=rule)
    else:
        text = f"{detail}; licence {number!r} does not cover this line: {cover.detail}"
        reason = ctx.reason(eff, Outcome.LICENCE_REQUIRED, text, rule=rule)
    return replace(reason, licence=cover.as_dict())


def _guidance(ctx: Context, measure_id: str, seen: set[str]) -> list[Reason]:
    """Official commentary on the licence measure (e.g. general licences), once per measure."""
    if measure_id in seen:
        return []
    seen.add(measure_id)
    eff = ctx.snap.measures.get(measure_id)
    if eff is None:
        return []
    return [
        ctx.cite_notice(g.ref, measure_id, Outcome.INFO, g.text)
        for g in eff.record.guidance
        if g.when == "always"
        and (not g.destinations or ctx.shipment.countries.intersection(g.destinations))
    ]
