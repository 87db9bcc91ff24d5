"""A self-contained HTML report with charts (plotly; plotly.js embedded, opens offline).

Four charts: exposure by material and supplier country, time to survive vs time to recover per
part, revenue at risk over time per scenario, and the national view. Tables below them list the
ranked parts, the product lines, the measures and every source and assumption used, so the
file stands on its own as a record of the analysis.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from dualuse.exposure.analysis import ScenarioResult
from dualuse.exposure.arithmetic import cumulative_loss
from dualuse.exposure.bom import RowError
from dualuse.exposure.macro import curve, reproduction
from dualuse.exposure.mapping import PartExposure
from dualuse.exposure.resources import MacroFile

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1200px;
color:#222;padding:0 1rem}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0 1rem}
th,td{border:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;white-space:nowrap}
.note{color:#555;font-size:.85rem}.bad{color:#b00}.ok{color:#070}
.chart{margin:1rem 0}small{color:#666}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _money(value: float, currency: str) -> str:
    return f"{value:,.0f} {currency}".strip()


def _figure_html(fig: Any, div_id: str) -> str:
    body: str = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config={"displaylogo": False, "responsive": True},
    )
    return f'<div class="chart">{body}</div>'


def exposure_chart(exposures: Sequence[PartExposure]) -> Any:
    """Annual spend by material, stacked by supplier country (a part counts for each material)."""
    spend: dict[tuple[str, str], float] = defaultdict(float)
    for exp in exposures:
        mats = exp.materials or ("(none found)",)
        country = exp.part.supplier_country or "?"
        for m in mats:
            spend[(m, country)] += (exp.part.annual_spend or 0.0) / len(mats)
    materials = sorted(
        {m for m, _ in spend}, key=lambda m: -sum(v for (k, _), v in spend.items() if k == m)
    )
    countries = sorted({c for _, c in spend})
    fig = go.Figure()
    for c in countries:
        fig.add_bar(name=c, x=materials, y=[round(spend.get((m, c), 0.0), 2) for m in materials])
    fig.update_layout(
        barmode="stack",
        title="Annual spend by material and supplier country "
        "(a part's spend split over its materials)",
        xaxis_title="material",
        yaxis_title="annual spend",
        legend_title="supplier country",
        height=450,
    )
    return fig


def survive_recover_chart(sr: ScenarioResult) -> Any:
    """Time to survive vs time to recover per affected part; bars past the line are gaps."""
    rows = [r for r in sr.ranked() if r.outcome.affected]
    names = [r.part.part for r in rows]
    fig = go.Figure()
    fig.add_bar(
        name="time to survive (days)",
        y=names,
        x=[r.outcome.time_to_survive for r in rows],
        orientation="h",
        marker_color="#2a7",
    )
    fig.add_bar(
        name="time to recover (days)",
        y=names,
        x=[r.outcome.time_to_recover for r in rows],
        orientation="h",
        marker_color="#c33",
    )
    fig.update_layout(
        barmode="group",
        title=f"Time to survive vs time to recover - {sr.scenario.name} "
        "(red longer than green: the line stops)",
        xaxis_title="days",
        yaxis={"autorange": "reversed"},
        height=max(350, 28 * len(rows) + 150),
    )
    return fig


def revenue_chart(results: Sequence[ScenarioResult], currency: str) -> Any:
    """Cumulative revenue at risk by day after the as-of date, one line per scenario."""
    fig = go.Figure()
    for sr in results:
        series = cumulative_loss(sr.lines, sr.horizon)
        step = 7
        days = list(range(0, sr.horizon, step)) + [sr.horizon - 1]
        fig.add_scatter(
            name=sr.scenario.name,
            x=[(sr.as_of + dt.timedelta(days=d)).isoformat() for d in days],
            y=[round(series[d], 2) for d in days],
            mode="lines",
        )
    fig.update_layout(
        title="Revenue at risk over time (cumulative, all product lines)",
        xaxis_title="date",
        yaxis_title=f"revenue lost ({currency})",
        height=450,
    )
    return fig


def macro_chart(macro: MacroFile, values: dict[str, float] | None = None) -> Any:
    inputs = macro.model_inputs().with_values(values or {})
    months = [m / 2 for m in range(0, 37)]
    points = curve(inputs, months)
    fig = go.Figure()
    fig.add_scatter(
        name="model",
        x=months,
        y=[round(p.loss / 1e9, 1) for p in points],
        mode="lines",
    )
    fig.add_scatter(
        name="NRI published",
        x=[p.months for p in macro.published],
        y=[p.loss / 1e9 for p in macro.published],
        mode="markers",
        marker={"size": 12, "symbol": "diamond"},
    )
    for other in macro.others:
        fig.add_scatter(
            name=other.label,
            x=[other.months],
            y=[other.loss / 1e9],
            mode="markers",
            marker={"size": 10, "symbol": "x"},
        )
    fig.update_layout(
        title=f"{macro.title} (billion {macro.currency})",
        xaxis_title="length of the stop (months)",
        yaxis_title=f"loss (billion {macro.currency})",
        height=420,
    )
    return fig


def _parts_table(sr: ScenarioResult) -> str:
    head = (
        "<tr><th>rank</th><th>part</th><th>materials</th><th>controlled</th><th>route</th>"
        "<th>supplier</th><th>line</th><th>survive (d)</th><th>recover (d)</th>"
        "<th>stops</th><th>lost days</th><th>revenue at risk</th><th>act first</th></tr>"
    )
    rows = []
    for r in sr.ranked():
        o, p, exp = r.outcome, r.part, r.exposure
        stops = (
            (sr.as_of + dt.timedelta(days=o.shortfall_start)).isoformat()
            if o.shortfall_start is not None and o.lost_days
            else ""
        )
        survive = f"{o.time_to_survive}{'+' if o.survives_indefinitely else ''}"
        ctrl_class = "bad" if exp.controlled else "ok"
        rows.append(
            f"<tr><td class=n>{r.rank}</td>"
            f"<td>{_e(p.part)}<br><small>{_e(p.description)}</small></td>"
            f"<td>{_e(', '.join(exp.materials))}</td>"
            f"<td class={ctrl_class}>{'yes' if exp.controlled else 'no'}</td>"
            f"<td>{_e(exp.path)}</td><td>{_e(p.supplier)} ({_e(p.supplier_country)})</td>"
            f"<td>{_e(p.product_line)}</td><td class=n>{survive}</td>"
            f"<td class=n>{o.time_to_recover if o.affected else ''}</td><td>{stops}</td>"
            f"<td class=n>{o.lost_days}</td>"
            f"<td class=n>{_money(r.revenue_at_risk, p.currency)}</td><td>{_e(r.action)}</td></tr>"
        )
    return f"<table>{head}{''.join(rows)}</table>"


def _lines_table(sr: ScenarioResult) -> str:
    rows = []
    for line in sorted(sr.lines, key=lambda ln: -ln.revenue_at_risk):
        stops = ", ".join(
            f"{(sr.as_of + dt.timedelta(days=s)).isoformat()} to "
            f"{(sr.as_of + dt.timedelta(days=e)).isoformat()}"
            for s, e in line.stoppages
        )
        rows.append(
            f"<tr><td>{_e(line.line)}</td><td class=n>{line.annual_revenue:,.0f}</td>"
            f"<td>{stops or 'runs'}</td><td class=n>{line.lost_days}</td>"
            f"<td class=n>{line.revenue_at_risk:,.0f}</td>"
            f"<td>{_e(', '.join(line.parts_short))}</td></tr>"
        )
    return (
        "<table><tr><th>product line</th><th>annual revenue</th><th>stopped</th>"
        "<th>lost days</th><th>revenue at risk</th><th>parts short</th></tr>"
        f"{''.join(rows)}</table>"
    )


def _measures_table(exposures: Sequence[PartExposure]) -> str:
    rows = []
    for exp in exposures:
        for m in exp.measures:
            link = f'<a href="{_e(m.url)}">{_e(m.citation)}</a>' if m.url else _e(m.citation)
            rows.append(
                f"<tr><td>{_e(exp.part.part)}</td><td>{_e(m.kind)}</td><td>{_e(m.status)}</td>"
                f"<td>{_e(m.effect)}</td><td>{link}</td></tr>"
            )
    return (
        "<table><tr><th>part</th><th>measure</th><th>status</th><th>what it does</th>"
        f"<th>citation</th></tr>{''.join(rows)}</table>"
    )


def _scenario_section(sr: ScenarioResult) -> str:
    s = sr.scenario
    facts = "".join(
        f"<li>{_e(f.text)} "
        + " ".join(f'<a href="{_e(u)}">[{i}]</a>' for i, u in enumerate(f.sources, 1))
        + "</li>"
        for f in s.facts
    )
    assumptions = "".join(f"<li><b>{_e(a.key)}</b>: {_e(a.text)}</li>" for a in s.assumptions)
    return (
        f"<h3>{_e(s.name)}: {_e(s.title)}</h3><p>{_e(s.summary)}</p>"
        f"<p>Facts:</p><ul>{facts}</ul><p>Assumptions (change them in a copy of the "
        f"scenario file):</p><ul>{assumptions}</ul>"
    )


def _macro_section(macro: MacroFile, values: dict[str, float] | None) -> str:
    inputs = macro.model_inputs().with_values(values or {})
    rows = []
    for name, spec in macro.inputs.items():
        value = getattr(inputs, name)
        basis = spec.assumption or spec.note or ""
        links = " ".join(f'<a href="{_e(u)}">[{i}]</a>' for i, u in enumerate(spec.sources, 1))
        changed = " (changed)" if values and name in values else ""
        rows.append(
            f"<tr><td>{_e(name)}</td><td class=n>{value:g}{changed}</td><td>{_e(spec.unit)}</td>"
            f"<td>{_e(spec.label)}<br><small>{_e(basis)}</small></td><td>{links}</td></tr>"
        )
    rep = "".join(
        f"<tr><td>{_e(r.point.label)}</td><td class=n>{r.point.loss / 1e9:,.0f}</td>"
        f"<td class=n>{r.model.loss / 1e9:,.0f}</td><td class=n>{r.loss_error:+.1%}</td>"
        f"<td class=n>{r.point.gdp_share:.2%}</td><td class=n>{r.model.gdp_share:.3%}</td>"
        f"<td class=n>{r.gdp_share_error:+.1%}</td></tr>"
        for r in reproduction(inputs, macro.points())
    )
    return (
        "<table><tr><th>input</th><th>value</th><th>unit</th><th>what, basis</th>"
        f"<th>sources</th></tr>{''.join(rows)}</table>"
        "<p>Published points against the model (billion yen):</p>"
        "<table><tr><th>point</th><th>published</th><th>model</th><th>error</th>"
        f"<th>published GDP</th><th>model GDP</th><th>error</th></tr>{rep}</table>"
    )


def chart_divs(
    main: ScenarioResult,
    others: Sequence[ScenarioResult],
    exposures: Sequence[PartExposure],
) -> list[str]:
    """The report's three charts as HTML fragments (plotly.js not included): the report and
    the web UI's exposure dashboard draw the same charts."""
    currency = next((e.part.currency for e in exposures if e.part.currency), "")
    all_results = [main, *[o for o in others if o.scenario.name != main.scenario.name]]
    return [
        _figure_html(exposure_chart(exposures), "chart-exposure"),
        _figure_html(survive_recover_chart(main), "chart-survive-recover"),
        _figure_html(revenue_chart(all_results, currency), "chart-revenue"),
    ]


def macro_div(macro: MacroFile, values: dict[str, float] | None = None) -> str:
    """The national view's chart as an HTML fragment (plotly.js not included)."""
    return _figure_html(macro_chart(macro, values), "chart-macro")


def render(
    main: ScenarioResult,
    others: Sequence[ScenarioResult],
    exposures: Sequence[PartExposure],
    errors: Sequence[RowError],
    macro: MacroFile | None,
    source_name: str,
    macro_values: dict[str, float] | None = None,
) -> str:
    """The report as one HTML string (plotly.js inlined once)."""
    currency = next((e.part.currency for e in exposures if e.part.currency), "")
    all_results = [main, *[o for o in others if o.scenario.name != main.scenario.name]]
    figures = chart_divs(main, others, exposures)
    controlled = sum(1 for e in exposures if e.controlled)
    totals = "".join(
        f"<tr><td>{_e(sr.scenario.name)}</td><td>{_e(sr.scenario.title)}</td>"
        f"<td class=n>{sum(1 for r in sr.parts if r.outcome.lost_days)}</td>"
        f"<td class=n>{sum(1 for ln in sr.lines if ln.lost_days)}</td>"
        f"<td class=n>{_money(sr.total_revenue_at_risk(), currency)}</td></tr>"
        for sr in all_results
    )
    err_rows = "".join(
        f"<tr><td class=n>{e.row}</td><td>{_e(e.part)}</td><td>{_e(e.field)}</td>"
        f"<td>{_e(e.message)}</td></tr>"
        for e in errors
    )
    errors_html = (
        f"<table><tr><th>row</th><th>part</th><th>field</th><th>problem</th></tr>{err_rows}</table>"
        if errors
        else "<p>None.</p>"
    )
    macro_html = ""
    if macro is not None:
        macro_html = (
            "<h2>National view: Japan</h2><p class=note>How much a stop of Chinese rare-earth "
            "exports costs Japan, scaled from NRI's published estimate; every input is listed "
            "with its source or marked as an assumption.</p>"
            + macro_div(macro, macro_values)
            + _macro_section(macro, macro_values)
        )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Exposure report - {_e(source_name)}</title>
<style>{_CSS}</style>
<script type="text/javascript">{get_plotlyjs()}</script>
</head><body>
<h1>Exposure to China's dual-use export controls</h1>
<p>Parts list <b>{_e(source_name)}</b>, regime as of <b>{main.as_of.isoformat()}</b>,
ranking scenario <b>{_e(main.scenario.name)}</b>. {len(exposures)} part(s) read,
{controlled} with an item under a control in force, {len(errors)} row(s) with errors.
Times are calendar days from the as-of date; "survive" with + means an alternative is qualified
before stock runs out. This report is an aid to planning, not legal advice.</p>
<h2>Scenarios compared</h2>
<table><tr><th>scenario</th><th>what</th><th>parts short</th><th>lines stopped</th>
<th>revenue at risk</th></tr>{totals}</table>
<h2>Charts</h2>
{"".join(figures)}
<h2>What to act on first ({_e(main.scenario.name)})</h2>
{_parts_table(main)}
<h2>Product lines ({_e(main.scenario.name)})</h2>
{_lines_table(main)}
<h2>Measures touching each part on {main.as_of.isoformat()}</h2>
{_measures_table(exposures)}
<h2>Scenarios: facts and assumptions</h2>
{"".join(_scenario_section(sr) for sr in all_results)}
{macro_html}
<h2>Rows left out</h2>
{errors_html}
<p class=note>Generated by dualuse. Arithmetic: docs/exposure.md.</p>
</body></html>
"""
