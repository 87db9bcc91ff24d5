"""``dualuse lookback``: the past lines a new notice would decide differently."""

from __future__ import annotations

from pathlib import Path

import typer

from dualuse.classify import default_classifier
from dualuse.cli.common import OVERLAY, REGIME, get_regime, parse_date, today
from dualuse.io.writers import JsonlWriter, check_output
from dualuse.screening import default_screener
from dualuse.services.lookback import FileHistory, Lookback, LookbackCounts


def register(app: typer.Typer) -> None:
    app.command("lookback")(lookback)


SINCE = typer.Option(
    None,
    "--since",
    metavar="DATE",
    help="Only the lines dated on or after DATE (lines without a date are kept).",
)
THEN = typer.Option(
    None,
    "--then",
    metavar="DATE",
    help="Decide the old side as of DATE (default: each line on its own date).",
)
NOW = typer.Option(
    None,
    "--as-of",
    metavar="DATE",
    help="Decide the new side as of DATE (default: today).",
)


def lookback(
    file: str = typer.Argument(
        ..., metavar="FILE", help="Shipment history: CSV, JSON Lines or Parquet (as for check)."
    ),
    since: str | None = SINCE,
    then: str | None = THEN,
    as_of: str | None = NOW,
    output: str | None = typer.Option(
        None, "--output", "-o", metavar="OUT", help="Write the JSON Lines to OUT."
    ),
    regime_dir: Path | None = REGIME,
    regime_overlay: list[Path] | None = OVERLAY,
) -> None:
    """Re-decide past shipment lines against the regime of today (or --as-of) and report, as
    JSON Lines, only those whose decision changes: ``id``, ``row``, ``then`` and ``now``
    (each the line's full ``check`` result). Rows that cannot be decided are reported as
    ``check`` reports them."""
    since_day = parse_date(since, "--since")
    then_day = parse_date(then, "--then")
    now_day = parse_date(as_of, "--as-of")
    check_output(output, file)
    history = FileHistory(file)
    regime = get_regime(regime_dir, regime_overlay)
    job = Lookback(
        regime,
        default_classifier(),
        default_screener(),
        today(),
        then=then_day,
        now=now_day,
        since=since_day,
    )
    writer = JsonlWriter(output)
    row = 0
    for batch in history.batches():
        writer.write_lines(job.batch(batch, row + 1))
        row += batch.num_rows
    writer.close()
    typer.echo(summary(job.counts), err=True)


def summary(c: LookbackCounts) -> str:
    """``N line(s) re-decided: K change (allowed -> prohibited 3, ...); E row error(s)``."""
    moves = ", ".join(f"{a} -> {b} {n}" for (a, b), n in sorted(c.moves.items()))
    return (
        f"{c.rows} line(s) re-decided: {c.changed} change(s)"
        + (f" ({moves})" if moves else "")
        + f"; {c.errors} row error(s)"
    )


__all__ = ["lookback", "register", "summary"]
