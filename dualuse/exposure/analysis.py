"""Put it together: map every part once, then run one or more scenarios over the mapping.

Mapping (classifier, screening, regime on the date) is the expensive step and does not depend
on the scenario, so a report that compares five scenarios maps each part once. Everything after
the mapping is pure arithmetic (:mod:`dualuse.exposure.arithmetic`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dualuse.engine import ItemClassifier, PartyScreener
from dualuse.exposure.arithmetic import (
    DEFAULT_HORIZON_DAYS,
    LineOutcome,
    PartOutcome,
    RankInput,
    line_outcomes,
    part_outcome,
    rank,
    revenue_at_risk,
)
from dualuse.exposure.bom import Part
from dualuse.exposure.mapping import PartExposure, map_part
from dualuse.exposure.resources import Materials, Scenario
from dualuse.exposure.scenarios import Impact, impact
from dualuse.regime import Snapshot


def map_parts(
    parts: Sequence[Part],
    snap: Snapshot,
    classifier: ItemClassifier,
    screener: PartyScreener,
    materials: Materials,
    destination: str = "JP",
    importer: str = "",
) -> list[PartExposure]:
    return [
        map_part(p, snap, classifier, screener, materials, destination, importer) for p in parts
    ]


@dataclass(frozen=True)
class PartResult:
    """One part under one scenario."""

    exposure: PartExposure
    impact: Impact
    outcome: PartOutcome
    revenue_at_risk: float
    rank: int
    action: str

    @property
    def part(self) -> Part:
        return self.exposure.part


@dataclass(frozen=True)
class ScenarioResult:
    """All parts and product lines under one scenario."""

    scenario: Scenario
    as_of: dt.date
    horizon: int
    parts: tuple[PartResult, ...]  # in input order
    lines: tuple[LineOutcome, ...]

    def ranked(self) -> list[PartResult]:
        return sorted(self.parts, key=lambda r: r.rank)

    def total_revenue_at_risk(self) -> float:
        return sum(line.revenue_at_risk for line in self.lines)


def _action(exp: PartExposure, imp: Impact, out: PartOutcome) -> str:
    """The first thing to do about the part, in one line."""
    if not out.affected:
        if exp.controlled:
            return "watch: controlled, but this scenario does not stop it"
        if exp.entries:
            return "watch: a suspended or announced control covers it"
        return "none: no dependence on China-controlled items found"
    if not out.recovers_within_horizon and not exp.part.alt_lead_days:
        return f"qualify a source outside China now ({imp.reason})"
    if out.lost_days == 0:
        if out.survives_indefinitely:
            return "keep the alternative qualified; stock covers its lead time"
        spare = out.time_to_survive - out.time_to_recover
        return f"hold: stock covers the disruption with {spare} day(s) to spare"
    steps = [f"add {out.stock_needed} days of stock"]
    if exp.part.alt_lead_days is None:
        steps.append("qualify an alternative (none known)")
    elif exp.part.alt_lead_days > (exp.part.stock_days or 0):
        steps.append(
            f"shorten the alternative's {exp.part.alt_lead_days:g}-day qualification "
            "below the stock cover"
        )
    if any(m.kind == "licence_required" for m in exp.measures) and exp.path == "direct":
        steps.append("ask the supplier to file licences early")
    return "; ".join(steps)


def evaluate(
    exposures: Sequence[PartExposure],
    scenario: Scenario,
    as_of: dt.date,
    horizon: int = DEFAULT_HORIZON_DAYS,
) -> ScenarioResult:
    """Apply ``scenario`` to mapped parts: outcomes, product lines and a ranking (pure)."""
    rows: list[tuple[PartExposure, Impact, PartOutcome, float]] = []
    for exp in exposures:
        imp = impact(scenario, exp, as_of)
        out = part_outcome(
            exp.part.stock_days or 0.0, exp.part.alt_lead_days, imp.disruption, horizon
        )
        rar = revenue_at_risk(exp.part.line_revenue or 0.0, out.lost_days)
        rows.append((exp, imp, out, rar))
    lines = line_outcomes(
        [(e.part.part, e.part.line, e.part.line_revenue or 0.0, o) for e, _, o, _ in rows]
    )
    keys = [f"{i}" for i in range(len(rows))]
    ranks = rank(
        [
            RankInput(
                key=k,
                controlled=e.controlled,
                affected=o.affected,
                revenue_at_risk=r,
                lost_days=o.lost_days,
                margin_days=o.time_to_survive - o.time_to_recover,
                annual_spend=e.part.annual_spend or 0.0,
            )
            for k, (e, _, o, r) in zip(keys, rows, strict=True)
        ]
    )
    results = tuple(
        PartResult(e, i, o, r, ranks[k], _action(e, i, o))
        for k, (e, i, o, r) in zip(keys, rows, strict=True)
    )
    return ScenarioResult(scenario, as_of, horizon, results, tuple(lines))


def _day(as_of: dt.date, offset: int | None) -> str | None:
    return None if offset is None else (as_of + dt.timedelta(days=offset)).isoformat()


def to_record(result: PartResult, sr: ScenarioResult) -> dict[str, Any]:
    """The contract's JSON object for one part (extra keys after the contract's)."""
    exp, out, part = result.exposure, result.outcome, result.part
    return {
        "part": part.part,
        "controlled": exp.controlled,
        "entries": [e.to_dict() for e in exp.entries],
        "measures": [m.to_dict() for m in exp.measures],
        "time_to_survive_days": out.time_to_survive,
        "time_to_recover_days": out.time_to_recover,
        "revenue_at_risk": round(result.revenue_at_risk, 2),
        "rank": result.rank,
        "row": part.row,
        "as_of": sr.as_of.isoformat(),
        "scenario": sr.scenario.name,
        "description": part.description,
        "supplier": part.supplier,
        "supplier_country": part.supplier_country,
        "product_line": part.product_line,
        "currency": part.currency,
        "materials": list(exp.materials),
        "path": exp.path,
        "china_share": exp.china_share,
        "affected": out.affected,
        "impact": result.impact.reason,
        "disruption_start": _day(sr.as_of, result.impact.disruption.start)
        if result.impact.disruption
        else None,
        "survives_indefinitely": out.survives_indefinitely,
        "recovers_within_horizon": out.recovers_within_horizon,
        "restored_by": out.restored_by,
        "shortfall_start": _day(sr.as_of, out.shortfall_start),
        "shortfall_end": _day(sr.as_of, out.shortfall_end),
        "lost_days": out.lost_days,
        "stock_needed_days": out.stock_needed,
        "action": result.action,
        "notes": list(exp.notes),
    }
