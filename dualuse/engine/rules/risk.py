"""Reported practice with no published rule: shown as context, never changes the decision."""

from __future__ import annotations

from dualuse.engine.context import Context
from dualuse.engine.outcome import Outcome, Reason
from dualuse.engine.rules.common import labels, tagged
from dualuse.regime.model import RiskNote


def risk_notes(ctx: Context) -> list[Reason]:
    out: list[Reason] = []
    items = ctx.items()
    for eff in ctx.measures_of("risk_note"):
        rule = eff.record.rule
        assert isinstance(rule, RiskNote)
        if not eff.in_force or not ctx.shipment.countries.intersection(rule.destinations):
            continue
        hit = tagged(items, rule.tags)
        if hit:
            out.append(ctx.reason(eff, Outcome.INFO, f"{labels(hit)}: {eff.record.summary}"))
    return out
