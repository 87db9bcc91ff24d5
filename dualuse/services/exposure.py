"""Use case: exposure of a parts list to the measures, and the national view for Japan.

Shared by ``dualuse exposure`` and the HTTP API: read the parts list, map every part once
(classifier, screening, regime on the date), rank the parts under a scenario, and, for the
report, run every other scenario over the same mapping; the macro view's inputs, estimates and
published points as output objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dualuse.engine import ItemClassifier, PartyScreener
from dualuse.errors import UsageError
from dualuse.exposure.analysis import ScenarioResult, evaluate, map_parts, to_record
from dualuse.exposure.bom import Part, RowError, iter_bom
from dualuse.exposure.mapping import PartExposure
from dualuse.exposure.resources import (
    MacroFile,
    load_macro,
    load_materials,
    load_scenario,
    load_scenarios,
)
from dualuse.regime.load import Regime
from dualuse.regime.snapshot import snapshot

DEFAULT_SCENARIO = "stop-3m"
DEFAULT_MONTHS = "1,2,3,6,12,24"


def parse_sets(items: list[str]) -> dict[str, float]:
    """``NAME=VALUE`` changes to the macro inputs."""
    out: dict[str, float] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep:
            raise UsageError(f"--set: {item!r} is not NAME=VALUE")
        try:
            out[name.strip()] = float(text)
        except ValueError:
            raise UsageError(f"--set: {text!r} is not a number") from None
    return out


@dataclass
class BomExposure:
    """One parts list mapped on a date and ranked under a scenario."""

    source_name: str
    rows: list[Part | RowError]
    exposures: list[PartExposure]
    result: ScenarioResult
    horizon: int

    @property
    def errors(self) -> list[RowError]:
        return [r for r in self.rows if isinstance(r, RowError)]

    def records(self) -> Iterator[dict[str, Any]]:
        """One output object per row, in input order (a row error as ``{part, error}``)."""
        by_row = {r.part.row: r for r in self.result.parts}
        for rec in self.rows:
            if isinstance(rec, Part):
                yield to_record(by_row[rec.row], self.result)
            else:
                yield {"part": rec.part, "error": rec.to_dict()}

    def others(self) -> list[ScenarioResult]:
        """Every scenario evaluated over the same mapping (for comparison)."""
        day = self.result.as_of
        return [evaluate(self.exposures, s, day, self.horizon) for s in load_scenarios()]

    def charts(self) -> list[str]:
        """The report's charts as HTML fragments (the page must load plotly.js)."""
        from dualuse.exposure.report import chart_divs

        return chart_divs(self.result, self.others(), self.exposures)

    def report(self, values: dict[str, float] | None = None) -> str:
        """The self-contained HTML report: every scenario compared, charts, the national view."""
        from dualuse.exposure.report import render

        others = self.others()
        try:
            macro = load_macro()
            macro.model_inputs().with_values(values or {})
        except ValueError as exc:
            raise UsageError(f"--set: {exc}") from None
        return render(
            self.result, others, self.exposures, self.errors, macro, self.source_name, values
        )


def bom_exposure(
    path: str,
    regime: Regime,
    day: dt.date,
    classifier: ItemClassifier,
    screener: PartyScreener,
    scenario: str = DEFAULT_SCENARIO,
    destination: str = "JP",
    importer: str = "",
    horizon: int = 730,
    source_name: str | None = None,
) -> BomExposure:
    """Read, map and rank the parts list at ``path``."""
    sc = load_scenario(scenario)
    snap = snapshot(regime, day)
    rows = list(iter_bom(path))
    parts = [r for r in rows if isinstance(r, Part)]
    exposures = map_parts(
        parts, snap, classifier, screener, load_materials(), destination.upper(), importer
    )
    result = evaluate(exposures, sc, day, horizon)
    return BomExposure(source_name or Path(path).name, rows, exposures, result, horizon)


@dataclass
class MacroView:
    """The national view: the model's inputs (with changes), the loss curve, the checks."""

    macro: MacroFile
    inputs: Any
    months: list[float]
    changed: dict[str, float]

    def curve(self) -> list[Any]:
        from dualuse.exposure.macro import curve

        return curve(self.inputs, self.months)

    def reproduction(self) -> list[Any]:
        from dualuse.exposure.macro import reproduction

        return reproduction(self.inputs, self.macro.points())

    def records(self) -> Iterator[dict[str, Any]]:
        """Inputs, then estimates, then the published points against the model."""
        for name, spec in self.macro.inputs.items():
            yield {
                "kind": "input",
                "name": name,
                "value": getattr(self.inputs, name),
                "unit": spec.unit,
                "label": spec.label,
                "changed": name in self.changed,
                "sources": spec.sources,
                "assumption": spec.assumption,
                "note": spec.note,
            }
        for r in self.curve():
            yield {
                "kind": "estimate",
                "months": r.months,
                "loss": round(r.loss),
                "gdp_share": r.gdp_share,
                "currency": self.macro.currency,
            }
        for rep in self.reproduction():
            yield {
                "kind": "reproduction",
                "label": rep.point.label,
                "months": rep.point.months,
                "published_loss": rep.point.loss,
                "model_loss": round(rep.model.loss),
                "loss_error": rep.loss_error,
                "published_gdp_share": rep.point.gdp_share,
                "model_gdp_share": rep.model.gdp_share,
                "gdp_share_error": rep.gdp_share_error,
                "sources": list(rep.point.sources),
            }


def macro_chart_div(values: dict[str, float] | None = None) -> str:
    """The national view's chart as an HTML fragment (the page must load plotly.js)."""
    from dualuse.exposure.report import macro_div

    return macro_div(load_macro(), values)


def macro_view(
    months_text: str = DEFAULT_MONTHS, values: dict[str, float] | None = None
) -> MacroView:
    """The national view with ``values`` changed; a bad month or value is a usage error."""
    macro = load_macro()
    values = values or {}
    try:
        months = [float(m) for m in months_text.split(",") if m.strip()]
        inputs = macro.model_inputs().with_values(values)
    except ValueError as exc:
        raise UsageError(f"macro: {exc}") from None
    return MacroView(macro, inputs, months, values)


__all__ = [
    "DEFAULT_MONTHS",
    "DEFAULT_SCENARIO",
    "BomExposure",
    "MacroView",
    "bom_exposure",
    "macro_chart_div",
    "macro_view",
    "parse_sets",
]
