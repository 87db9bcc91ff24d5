"""Licences for foreign parties' transfers of China-origin items (Ann. 2025/61 style rules)."""

from __future__ import annotations

from dualuse.engine.context import Context
from dualuse.engine.outcome import Outcome, Reason
from dualuse.engine.rules.common import labels, state_phrase, tagged
from dualuse.regime.model import ExtraterritorialLicence


def extraterritorial_licences(ctx: Context) -> list[Reason]:
    s = ctx.shipment
    out: list[Reason] = []
    if s.from_china:
        return out
    items = ctx.items()
    confident = {e.record.id for e in ctx.confident_items()}
    for eff in ctx.measures_of("extraterritorial_licence"):
        rule = eff.record.rule
        assert isinstance(rule, ExtraterritorialLicence)
        if s.china_origin:
            hit = tagged(items, rule.origin_tags)
            why = f"China-origin {labels(hit)} re-exported from {s.exporter_country}"
        elif (
            rule.de_minimis_pct is not None
            and s.china_content_pct is not None
            and s.china_content_pct >= rule.de_minimis_pct
        ):
            hit = tagged(items, rule.content_tags)
            why = (
                f"{labels(hit)} made outside China with {s.china_content_pct:g}% China-origin "
                f"content (threshold {rule.de_minimis_pct:g}%)"
            )
        else:
            continue
        if not hit:
            continue
        if not eff.in_force:
            out.append(
                ctx.reason(eff, Outcome.INFO, f"{why}: this rule is {state_phrase(eff.state)}")
            )
            continue
        sure = all(e.record.id in confident for e in hit)
        effect = Outcome.LICENCE_REQUIRED if sure else Outcome.REVIEW
        out.append(ctx.reason(eff, effect, f"{why}: a licence from MOFCOM is required"))
    return out
