"""Reported practice with no published rule: shown as context, never changes the decision."""

from __future__ import annotations

from dualuse.engine.context import Context
from dualuse.engine.outcome import Outcome, Reason
from dualuse.engine.rules.common import labels, tagged
from dualuse.regime.model import RiskNote


def risk_notes(ctx: Context) -> list[Reason]:
    out: list[Reason] = []
    items = ctx.items()
    for eff in ctx.measures_to("risk_note"):
        rule = eff.record.rule
        assert isinstance(rule, RiskNote)
        # what the record says first, its state last: a note on other items does not depend
        # on whether it is in force
        hit = tagged(items, rule.tags)
        if hit and eff.in_force:
            out.append(ctx.reason(eff, Outcome.INFO, f"{labels(hit)}: {eff.record.summary}"))
    return out
