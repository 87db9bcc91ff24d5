"""``dualuse regime``: show, diff, validate and report on the regime data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import typer

from dualuse.cli.common import AS_OF, OVERLAY, REGIME, OutputFormat, get_regime, parse_date, today
from dualuse.regime import diff as regime_diff
from dualuse.regime import snapshot
from dualuse.regime.diff import title_of

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
    snap = snapshot(regime, day)
    rows: list[dict[str, Any]] = []
    for kind, table in (
        ("measure", snap.measures),
        ("item", snap.items),
        ("entity", snap.entities),
    ):
        for rid, eff in table.items():
            if not all_states and not eff.in_force:
                continue
            notice = regime.notices[eff.record.notice]
            rows.append(
                {
                    "record_id": rid,
                    "record_type": kind,
                    "title": title_of(eff.record),
                    "status": eff.state.status.value,
                    "since": eff.state.since.isoformat(),
                    "until": eff.state.until.isoformat() if eff.state.until else None,
                    "provisional": eff.state.provisional,
                    "note": eff.state.note,
                    "citation": notice.cite(),
                    "url": notice.best_url(),
                    "source": str(regime.origins[rid]),
                }
            )
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
    changes = regime_diff(regime, d1, d2)
    if fmt is OutputFormat.jsonl:
        for c in changes:
            _emit(c.to_dict(regime))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    t = Table(title=f"Changes after {min(d1, d2)} up to {max(d1, d2)}: {len(changes)}")
    for col in ("date", "change", "type", "record", "citation"):
        t.add_column(col)
    for c in changes:
        d = c.to_dict(regime)
        first = d["events"][0]
        change = Text(c.change)
        if d["provisional"]:
            after = (d["after"] or {}).get("unknown_after")
            change = Text("suspension lapsed\nPROVISIONAL", style="magenta")
            if after:
                change.append(f"\nstatus unknown after {after}")
        t.add_row(
            first["date"],
            change,
            c.record_type,
            Text(f"{c.record_id}\n{c.title}"),
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
    from dualuse.regime.report import build_report, render_report

    rep = build_report(get_regime(regime_dir, regime_overlay))
    if fmt is OutputFormat.jsonl:
        _emit(rep)
    else:
        typer.echo(render_report(rep))
