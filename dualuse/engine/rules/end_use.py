"""Destination bans on military users and uses (Ann. 2024/46 cl. 1 and 3; Ann. 2026/1)."""

from __future__ import annotations

from dualuse.engine.context import Context
from dualuse.engine.outcome import Outcome, Reason
from dualuse.engine.ports import ItemStatus
from dualuse.engine.rules.common import labels, missing_text, nexus, ruled_out_text, state_phrase
from dualuse.engine.shipment import EndUserType
from dualuse.regime.model import EndUseBan, Measure
from dualuse.regime.snapshot import Effective


def end_use_bans(ctx: Context) -> list[Reason]:
    s = ctx.shipment
    ev = ctx.evidence
    out: list[Reason] = []
    for eff in ctx.measures_to("end_use_ban"):
        rule = eff.record.rule
        assert isinstance(rule, EndUseBan)
        countries = s.countries.intersection(rule.destinations)
        if not countries:
            continue
        how = nexus(s, rule.re_export)
        if how is None:
            continue
        where = "/".join(sorted(countries))
        if not eff.in_force:
            if ev.maybe_dual_use:
                out.append(
                    ctx.reason(
                        eff,
                        Outcome.INFO,
                        f"{eff.record.title}: {state_phrase(eff.state)} on the decision date",
                    )
                )
            continue
        eut = s.end_user_type
        if ev.status is ItemStatus.NOT_CONTROLLED:
            # an entry matched but is not in force on the date: the item is identified, and
            # the licence rule says why it is not controlled then
            if eut is EndUserType.MILITARY and how != "china_content" and not ev.matches:
                out.append(_unidentified(ctx, eff, where))
            continue
        items = labels(ctx.confident_items()) or "the item"
        who = {
            "export": "",
            "china_origin": " (transfer of a China-origin item by a party "
            f"outside China, from {s.exporter_country})",
            "china_content": "",
        }[how]
        if eut is EndUserType.MILITARY:
            if ev.status is ItemStatus.CONTROLLED and how != "china_content":
                out.append(
                    ctx.reason(
                        eff,
                        Outcome.PROHIBITED,
                        f"military end user in {where}; {items} is a dual-use item{who}",
                    )
                )
            elif how == "china_content":
                out.append(
                    ctx.reason(
                        eff,
                        Outcome.REVIEW,
                        f"military end user in {where}; the item is made outside China with "
                        f"{s.china_content_pct:g}% China-origin controlled content: whether the "
                        "transfer counts as providing China-origin dual-use items must be decided "
                        "by a person",
                    )
                )
            else:
                out.append(
                    ctx.reason(
                        eff,
                        Outcome.REVIEW,
                        f"military end user in {where}; the item is not positively identified "
                        f"(it is prohibited if it is a dual-use item): {missing_text(ctx)}",
                    )
                )
        elif eut is EndUserType.GOVERNMENT:
            what = (
                "a use enhancing military capabilities"
                if rule.capability_clause
                else "a military user or use"
            )
            out.append(
                ctx.reason(
                    eff,
                    Outcome.REVIEW,
                    f"government end user in {where}: a person must establish that this is not "
                    f"{what} ({items})",
                )
            )
        elif eut is EndUserType.UNKNOWN:
            out.append(
                ctx.reason(
                    eff,
                    Outcome.REVIEW,
                    f"end-user type unknown for {items} to {where}: the measure prohibits military "
                    "users and uses"
                    + (" and capability-enhancing end uses" if rule.capability_clause else "")
                    + "; establish who the end user is",
                )
            )
        else:
            for g in eff.record.guidance:
                if g.when in ("civilian", "always"):
                    out.append(
                        ctx.cite_notice(
                            g.ref,
                            eff.record.id,
                            Outcome.INFO,
                            f"civilian end user declared; {g.text}",
                        )
                    )
    return out


def _unidentified(ctx: Context, eff: Effective[Measure], where: str) -> Reason:
    """No entry matched the line, and the end user is one the measure bars.

    Never a silent ``allowed``: either the classifier showed the line is not the entries it
    resembles (below a threshold, under an exclusion), and the reason says so, or a person
    must confirm the classification.
    """
    if ctx.evidence.ruled_out:
        return ctx.reason(
            eff,
            Outcome.INFO,
            f"military end user in {where}; the item is not a dual-use item of the list: "
            + ruled_out_text(ctx),
        )
    return ctx.reason(
        eff,
        Outcome.REVIEW,
        f"military end user in {where}: every dual-use item is prohibited to this end user, and "
        "the item was not identified as an entry of the list from what the line gives; a "
        f"person must confirm it is not dual-use ({missing_text(ctx)})",
    )
