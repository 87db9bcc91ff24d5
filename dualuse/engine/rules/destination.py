"""Items denied (or under stricter review) for a destination: Ann. 2024/46 clause 2."""

from __future__ import annotations

from dualuse.engine.context import Context
from dualuse.engine.outcome import Outcome, Reason
from dualuse.engine.rules.common import labels, state_phrase, tagged
from dualuse.regime.model import ItemDestinationDenial


def item_destination_denials(ctx: Context) -> list[Reason]:
    s = ctx.shipment
    out: list[Reason] = []
    if not s.from_china:
        return out
    items = ctx.items()
    confident = {e.record.id for e in ctx.confident_items()}
    for eff in ctx.measures_to("item_destination_denial"):
        rule = eff.record.rule
        assert isinstance(rule, ItemDestinationDenial)
        countries = s.countries.intersection(rule.destinations)
        if not countries:
            continue
        where = "/".join(sorted(countries))
        deny = tagged(items, rule.deny_tags)
        review = tagged(items, rule.review_tags)
        if not deny and not review:
            continue
        if not eff.in_force:
            out.append(
                ctx.reason(
                    eff,
                    Outcome.INFO,
                    f"{labels(deny + review)} to {where}: this measure is "
                    f"{state_phrase(eff.state)}; the ordinary licence requirement applies",
                )
            )
            continue
        sure = [e for e in deny if e.record.id in confident]
        unsure = [e for e in deny if e.record.id not in confident]
        if sure:
            out.append(
                ctx.reason(
                    eff, Outcome.PROHIBITED, f"{labels(sure)} to {where}: in principle not licensed"
                )
            )
        if unsure:
            out.append(
                ctx.reason(
                    eff,
                    Outcome.REVIEW,
                    f"{labels(unsure)} to {where}: not licensed if the item is this entry; "
                    "confirm the classification",
                )
            )
        if review:
            out.append(
                ctx.reason(
                    eff,
                    Outcome.REVIEW,
                    f"{labels(review)} to {where}: stricter end-user and end-use review",
                )
            )
    return out
