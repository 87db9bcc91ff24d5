"""``dualuse screen``: screen party names against the entity lists in force on a date."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from dualuse.cli.common import (
    AS_OF,
    DB,
    OVERLAY,
    REGIME,
    USER,
    get_regime,
    now_text,
    parse_date,
    stderr_is_terminal,
    today,
)
from dualuse.errors import UsageError
from dualuse.screening import DEFAULT_THRESHOLD
from dualuse.screening.lists import LIST_FORMATS
from dualuse.services.screen import (
    ROW_ERROR,
    Row,
    ScreenJob,
    check_names,
    file_rows,
    make_job,
    recorded_rows,
    screen_lines,
)


class ScreenFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


THRESHOLD = typer.Option(
    None,
    "--threshold",
    metavar="T",
    min=0.0,
    max=1.0,
    help=f"Report matches scoring at least T (0..1; default {DEFAULT_THRESHOLD}).",
)


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)


def screen(
    names: list[str] = typer.Argument(None, metavar="[NAME ...]", help="Names, any script."),
    file: str | None = typer.Option(
        None,
        "--file",
        metavar="FILE",
        help="CSV, JSON Lines, Parquet or Excel with a 'name' column (optional 'id', 'country'); "
        "- reads JSON Lines from stdin.",
    ),
    as_of: str | None = AS_OF,
    threshold: float | None = THRESHOLD,
    fmt: ScreenFormat = typer.Option(ScreenFormat.table, "--format", "-f", help="Output format."),
    lists: list[str] = typer.Option(
        None,
        "--list",
        metavar="LIST",
        help="Also screen against this list file (repeatable): OFAC SDN legacy CSV (sdn.csv, "
        "with alt.csv/add.csv beside it) or FollowTheMoney JSON entities.",
    ),
    list_format: str = typer.Option(
        "auto", "--list-format", help=f"Format of --list files: {', '.join(LIST_FORMATS)}."
    ),
    near_misses: bool = typer.Option(
        True, "--near-misses/--no-near-misses", help="Report rejected near misses and why."
    ),
    regime_dir: Path | None = REGIME,
    regime_overlay: list[Path] | None = OVERLAY,
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress", help="Progress on stderr (default: when a terminal)."
    ),
    jobs: int | None = typer.Option(
        None,
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes for --file in jsonl format (default: the number of CPUs; "
        "1 screens in this process). Output stays in input order.",
    ),
    store: bool = typer.Option(
        False,
        "--store",
        help="Record the run, the names as counterparties and their hits as cases in the "
        "store (default: embedded SQLite; see DUALUSE_DB).",
    ),
    db: str | None = DB,
    user: str | None = USER,
) -> None:
    """Screen party names (any script) against the entity lists in force on the date, with
    explanations; matches are empty when nothing reaches the threshold."""
    day = parse_date(as_of, "--as-of") or today()
    regime = get_regime(regime_dir, regime_overlay)
    job = make_job(regime, day, threshold, near_misses, lists or [], list_format)
    if names and file:
        raise UsageError("give names or --file, not both")
    if not names and not file:
        raise UsageError("give one or more names, or --file FILE")
    total = None
    input_name = "<names>"
    if file:
        rows, total, input_name = file_rows(file)
    else:
        rows = check_names(list(names))
    recorder = None
    if store or db:
        from dualuse.services.identity import current_user
        from dualuse.services.recording import Recorder
        from dualuse.store import open_store

        recorder = Recorder(
            open_store(db),
            regime,
            input_name=input_name,
            as_of=as_of,
            options={"format": fmt.value, "threshold": threshold, "lists": list(lists or [])},
            actor=current_user(user),
            clock=now_text,
            command="screen",
        )
        rows = recorded_rows(job, rows, recorder)
    if fmt is ScreenFormat.table:
        _table(job, rows)
    else:
        show = (stderr_is_terminal() if progress is None else progress) and file is not None
        workers = (jobs or os.cpu_count() or 1) if file else 1
        out = sys.stdout.buffer
        with _Spinner(show) as spinner:
            for lines in screen_lines(job, rows, workers, spinner, total=total):
                out.write(lines)
    if recorder is not None:
        head = recorder.finish()
        typer.echo(
            f"recorded as run {recorder.run_id} in {recorder.store.display_url()}; "
            f"audit head {head.seq}:{head.hash}",
            err=True,
        )


class _Spinner:
    """How many names are screened so far, on stderr."""

    def __init__(self, enabled: bool) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn

        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.completed:,} names screened"),
            console=Console(stderr=True),
            disable=not enabled,
            transient=True,
        )
        self._task: Any = None

    def __enter__(self) -> _Spinner:
        self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(None, None, None)

    def start(self, name: str, total_rows: int | None) -> None:
        self._task = self._bar.add_task(name)

    def advance(self, rows_done: int) -> None:
        self._bar.update(self._task, completed=rows_done)


def _table(job: ScreenJob, rows: Iterator[Row]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # names and explanations are data, never markup: every cell is a Text
    table = Table(show_lines=True, title=f"dualuse screen (as of {job.snap.as_of.isoformat()})")
    for col in ("query", "match", "list", "score", "why"):
        table.add_column(col)
    for meta, name in rows:
        if ROW_ERROR in meta:
            e = meta[ROW_ERROR]
            table.add_row(
                Text(name),
                Text("error", style="red"),
                "",
                "",
                Text(f"row {e['row']}, field {e['field']!r}: {e['message']}"),
            )
            continue
        res = job.result(name)
        if not res.matches:
            why = (
                "; ".join(r["note"] for r in res.related) or "no listed party reaches the threshold"
            )
            if res.near_misses:
                why += "\nnearest: " + res.near_misses[0].explanation
            table.add_row(Text(name), Text("no match", style="green"), "", "", Text(why))
        for m in res.matches:
            label = Text(m.party.caption, style="bold red")
            label.append(" (exact)" if m.exact else "")
            if m.state and m.state != "in_force":
                label.append(f" [{m.state}]")
            table.add_row(Text(name), label, m.party.list, f"{m.score:.2f}", Text(m.explanation))
    Console(soft_wrap=False).print(table)


__all__ = ["register", "screen"]
