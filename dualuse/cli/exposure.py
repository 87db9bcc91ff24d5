"""``dualuse exposure``: which parts depend on China-controlled items, and what a stop costs.

``dualuse exposure BOM`` ranks the parts of a parts list under a scenario; ``--report`` writes
an HTML report with charts; ``dualuse exposure macro`` prints the national view for Japan.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import orjson
import typer

from dualuse.cli.common import AS_OF, OVERLAY, REGIME, get_regime, parse_date, today
from dualuse.errors import UsageError
from dualuse.services.exposure import (
    DEFAULT_MONTHS,
    DEFAULT_SCENARIO,
    MacroView,
    bom_exposure,
    macro_view,
    parse_sets,
)

MACRO = "macro"


def register(app: typer.Typer) -> None:
    app.command("exposure")(exposure)


def _fmt(value: str) -> str:
    if value not in ("table", "jsonl"):
        raise UsageError(f"--format: {value!r} is not one of table, jsonl")
    return value


def exposure(
    file: str = typer.Argument(
        ...,
        metavar="BOM",
        help="Parts list (CSV, JSON Lines, Parquet or Excel .xlsx), or 'macro' for the national "
        "view for Japan.",
    ),
    as_of: str | None = AS_OF,
    scenario: str = typer.Option(
        DEFAULT_SCENARIO,
        "--scenario",
        "-s",
        metavar="NAME",
        help="Scenario to rank by: licence-delay, stop-2m-2010, stop-3m, stop-12m, rule-return, "
        "or a path to a scenario .yaml file.",
    ),
    fmt: str = typer.Option("table", "--format", "-f", help="Output format: table or jsonl."),
    report: Path | None = typer.Option(
        None, "--report", metavar="OUT.html", help="Also write a self-contained HTML report."
    ),
    importer: str = typer.Option(
        "", "--importer", metavar="NAME", help="Your company's name, screened against the lists."
    ),
    destination: str = typer.Option(
        "JP", "--destination", metavar="CC", help="Country the parts are imported into."
    ),
    horizon: int = typer.Option(
        730, "--horizon", min=30, max=3650, help="Days looked ahead (caps 'no recovery')."
    ),
    months: str = typer.Option(
        DEFAULT_MONTHS,
        "--months",
        metavar="LIST",
        help="macro: stop lengths in months, comma-separated.",
    ),
    set_: list[str] = typer.Option(
        [],
        "--set",
        metavar="NAME=VALUE",
        help="macro (and the report's national view): change an input, e.g. china_share=0.4.",
    ),
    regime_dir: Path | None = REGIME,
    regime_overlay: list[Path] | None = OVERLAY,
) -> None:
    """Map each part to the China-controlled items it contains and the measures that touch it,
    apply a disruption scenario, and rank the parts by revenue at risk."""
    fmt = _fmt(fmt)
    values = parse_sets(set_)
    if file == MACRO:
        _macro(fmt, macro_view(months, values))
        return
    from dualuse.classify import default_classifier
    from dualuse.screening import default_screener

    day = parse_date(as_of, "--as-of") or today()
    run = bom_exposure(
        file,
        get_regime(regime_dir, regime_overlay),
        day,
        default_classifier(),
        default_screener(),
        scenario,
        destination,
        importer,
        horizon,
    )
    if fmt == "jsonl":
        for rec in run.records():
            _dump(rec)
    else:
        _table(run.result, run.errors, file)
    if report is not None:
        text = run.report(values)
        try:
            report.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"--report: cannot write {report}: {exc.strerror}") from None
        typer.echo(f"report written to {report}", err=True)


def _dump(obj: Any) -> None:
    sys.stdout.buffer.write(orjson.dumps(obj) + b"\n")


def _macro(fmt: str, view: MacroView) -> None:
    if fmt == "jsonl":
        for rec in view.records():
            _dump(rec)
        return
    from rich.table import Table

    macro, inputs, values = view.macro, view.inputs, view.changed
    console = _console()
    t = Table(title=macro.title, show_lines=False)
    for col in ("input", "value", "unit", "basis"):
        t.add_column(col)
    for name, spec in macro.inputs.items():
        basis = spec.assumption or spec.note or (spec.sources[0] if spec.sources else "")
        t.add_row(
            name + (" *" if name in values else ""), f"{getattr(inputs, name):g}", spec.unit, basis
        )
    console.print(t)
    e = Table(title="Estimate")
    for col in ("months", f"loss (billion {macro.currency})", "GDP share"):
        e.add_column(col, justify="right")
    for r in view.curve():
        e.add_row(f"{r.months:g}", f"{r.loss / 1e9:,.0f}", f"{r.gdp_share:.3%}")
    console.print(e)
    p = Table(title="Published points vs model")
    for col in ("point", "published", "model", "error", "GDP pub.", "GDP model", "error"):
        p.add_column(col)
    for rep in view.reproduction():
        p.add_row(
            rep.point.label,
            f"{rep.point.loss / 1e9:,.0f}",
            f"{rep.model.loss / 1e9:,.0f}",
            f"{rep.loss_error:+.1%}",
            f"{rep.point.gdp_share:.2%}",
            f"{rep.model.gdp_share:.3%}",
            f"{rep.gdp_share_error:+.1%}",
        )
    console.print(p)
    console.print("* changed with --set. Sources: dualuse exposure macro --format jsonl")


def _console() -> Any:
    """A console as wide as the terminal, or 200 columns when the output is piped."""
    from rich.console import Console

    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200)


def _table(result: Any, errors: list[Any], file: str) -> None:
    from rich.table import Table

    console = _console()
    sc = result.scenario
    table = Table(
        title=f"dualuse exposure {Path(file).name} - {sc.name} as of {result.as_of.isoformat()}",
        show_lines=False,
    )
    for col, justify in (
        ("rank", "right"),
        ("part", "left"),
        ("materials", "left"),
        ("ctrl", "left"),
        ("route", "left"),
        ("survive d", "right"),
        ("recover d", "right"),
        ("lost d", "right"),
        ("revenue at risk", "right"),
        ("act first", "left"),
    ):
        table.add_column(col, justify=justify, no_wrap=col != "act first")  # type: ignore[arg-type]
    for r in result.ranked():
        o = r.outcome
        risk = f"{r.revenue_at_risk:,.0f} {r.part.currency}".strip()
        table.add_row(
            str(r.rank),
            r.part.part,
            ", ".join(r.exposure.materials) or "-",
            "[red]yes[/]" if r.exposure.controlled else "no",
            r.exposure.path,
            f"{o.time_to_survive}{'+' if o.survives_indefinitely else ''}",
            str(o.time_to_recover) if o.affected else "-",
            str(o.lost_days),
            f"[bold red]{risk}[/]" if r.revenue_at_risk else risk,
            r.action,
        )
    console.print(table)
    stopped = [ln for ln in result.lines if ln.lost_days]
    total = result.total_revenue_at_risk()
    console.print(
        f"{len(result.parts)} part(s), {sum(1 for r in result.parts if r.exposure.controlled)} "
        f"controlled; {len(stopped)} product line(s) stop; revenue at risk {total:,.0f}. "
        f"Scenario: {sc.title}."
    )
    for e in errors:
        console.print(f"[red]row {e.row}[/], field {e.field!r}: {e.message}", highlight=False)


__all__ = ["exposure", "register"]
