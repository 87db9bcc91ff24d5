"""``dualuse regime``: show, diff, validate and report on the regime data."""

from __future__ import annotations

from pathlib import Path

import orjson
import typer

from dualuse.cli.common import AS_OF, OVERLAY, REGIME, OutputFormat, get_regime, parse_date, today
from dualuse.services.regime_views import diff_records, show_rows
from dualuse.services.regime_views import report as report_of

regime_app = typer.Typer(
    help="The regime as data: what is in force, what changed, data quality.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(regime_app, name="regime")


def _emit(obj: object) -> None:
    typer.echo(orjson.dumps(obj).decode())


@regime_app.command("show")
def show(
    as_of: str | None = AS_OF,
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
    all_states: bool = typer.Option(
        False, "--all", help="Also list suspended, ended and announced records."
    ),
    regime_dir: Path | None = REGIME,
    regime_overlay: list[Path] | None = OVERLAY,
) -> None:
    """List the records in force (or in any state, with --all) as of a date."""
    day = parse_date(as_of, "--as-of") or today()
    regime = get_regime(regime_dir, regime_overlay)
    rows = show_rows(regime, day, all_states)
    if fmt is OutputFormat.jsonl:
        for r in rows:
            _emit(r)
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    t = Table(title=f"Regime {regime.name} as of {day.isoformat()}: {len(rows)} record(s)")
    for col in ("type", "record", "status", "since", "citation"):
        t.add_column(col)
    for r in rows:
        status = Text(r["status"])
        if r["provisional"]:
            status = Text(f"{r['status']}\nPROVISIONAL", style="magenta")
        t.add_row(
            r["record_type"],
            Text(f"{r['record_id']}\n{r['title']}"),
            status,
            r["since"],
            Text(r["citation"]),
        )
    Console().print(t)


@regime_app.command("diff")
def diff(
    date1: str = typer.Argument(..., metavar="DATE1"),
    date2: str = typer.Argument(..., metavar="DATE2"),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
    regime_dir: Path | None = REGIME,
    regime_overlay: list[Path] | None = OVERLAY,
) -> None:
    """Records that start, end, are suspended or resume after DATE1 up to DATE2."""
    d1 = parse_date(date1, "DATE1")
    d2 = parse_date(date2, "DATE2")
    assert d1 is not None and d2 is not None
    regime = get_regime(regime_dir, regime_overlay)
    changes = diff_records(regime, d1, d2)
    if fmt is OutputFormat.jsonl:
        for c in changes:
            _emit(c)
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    t = Table(title=f"Changes after {min(d1, d2)} up to {max(d1, d2)}: {len(changes)}")
    for col in ("date", "change", "type", "record", "citation"):
        t.add_column(col)
    for d in changes:
        first = d["events"][0]
        change = Text(d["change"])
        if d["provisional"]:
            after = (d["after"] or {}).get("unknown_after")
            change = Text("suspension lapsed\nPROVISIONAL", style="magenta")
            if after:
                change.append(f"\nstatus unknown after {after}")
        t.add_row(
            first["date"],
            change,
            d["record_type"],
            Text(f"{d['record_id']}\n{d['title']}"),
            Text((d["after"] or {}).get("citation") or first.get("citation", "")),
        )
    Console().print(t)


@regime_app.command("validate")
def validate(regime_dir: Path | None = REGIME, regime_overlay: list[Path] | None = OVERLAY) -> None:
    """Load and check the regime data; list every problem with file and line (exit 2)."""
    from dualuse.errors import RegimeDataError
    from dualuse.regime.validate import check as quality_check

    regime = get_regime(regime_dir, regime_overlay, cache=False)
    problems = quality_check(regime)
    if problems:
        raise RegimeDataError(problems)
    n = len(regime.notices), len(regime.measures), len(regime.items), len(regime.entities)
    typer.echo(
        f"regime {regime.name}: OK - {n[0]} notices, {n[1]} measures, {n[2]} items, "
        f"{n[3]} entities; {len(regime.change_dates())} change dates"
    )


@regime_app.command("report")
def report(
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
    regime_dir: Path | None = REGIME,
    regime_overlay: list[Path] | None = OVERLAY,
) -> None:
    """Counts per list and measure, verified/secondary split, known conflicts and gaps."""
    from dualuse.regime.report import render_report

    rep = report_of(get_regime(regime_dir, regime_overlay))
    if fmt is OutputFormat.jsonl:
        _emit(rep)
    else:
        typer.echo(render_report(rep))
