"""``dualuse check``: decide shipment lines from a file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from dualuse.classify import default_classifier
from dualuse.cli.common import (
    AS_OF,
    OVERLAY,
    REGIME,
    USER,
    OutputFormat,
    batch_rows,
    get_regime,
    now_text,
    parse_date,
    stderr_is_terminal,
    today,
)
from dualuse.errors import UsageError
from dualuse.screening import default_screener
from dualuse.services.check_file import CheckFile, CheckFileRequest

if TYPE_CHECKING:
    from dualuse.services.recording import Recorder


def register(app: typer.Typer) -> None:
    app.command("check")(check)


def check(
    file: str = typer.Argument(
        ...,
        metavar="FILE",
        help="Shipment lines: CSV, JSON Lines, "
        "Parquet or Excel .xlsx (by extension); - reads JSON Lines from stdin.",
    ),
    as_of: str | None = AS_OF,
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output format."),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="OUT",
        help="Write results to OUT (written as OUT.partial and renamed when complete).",
    ),
    resume: bool = typer.Option(
        False, "--resume", help="Continue an interrupted run into --output from its checkpoint."
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit 2 if any row has an error."),
    regime_dir: Path | None = REGIME,
    regime_overlay: list[Path] | None = OVERLAY,
    store: bool = typer.Option(
        False,
        "--store",
        help="Record the run, every decision and an audit entry in the store "
        "(default: embedded SQLite; see DUALUSE_DB).",
    ),
    db: str | None = typer.Option(
        None,
        "--db",
        metavar="URL",
        help="Store URL (sqlite:///file.db, postgresql://...); implies --store.",
    ),
    progress: bool | None = typer.Option(
        None,
        "--progress/--no-progress",
        help="Progress bar on stderr (default: when stderr is a terminal).",
    ),
    user: str | None = USER,
) -> None:
    """Decide each shipment line: prohibited, review, licence_required or allowed, with the
    rules that fired and their citations."""
    day = parse_date(as_of, "--as-of")
    if fmt is OutputFormat.table and output:
        raise UsageError("--output needs --format jsonl, csv or parquet")
    request = CheckFileRequest(
        file,
        fmt=fmt.value if fmt is not OutputFormat.table else "jsonl",
        output=output,
        as_of=day,
        resume=resume,
        batch_rows=batch_rows(),
    )
    request.validate()
    regime = get_regime(regime_dir, regime_overlay)
    recorder: Recorder | None = None
    if store or db:
        options = {"format": fmt.value, "output": output, "strict": strict}
        from dualuse.services.identity import current_user
        from dualuse.services.recording import Recorder  # SQLAlchemy only when recording
        from dualuse.store import open_store

        recorder = Recorder(
            open_store(db),
            regime,
            input_name="<stdin>" if file == "-" else file,
            as_of=as_of,
            options=options,
            actor=current_user(user),
            clock=now_text,
            run_key=request.run_key() if output else None,
            resume=resume,
        )
    day_now = today()
    job = CheckFile(
        request,
        regime,
        default_classifier(),
        default_screener(),
        day_now,
        licences=recorder.licences() if recorder is not None else None,
        cleared=recorder.clearances(day_now) if recorder is not None else None,
    )
    show_progress = stderr_is_terminal() if progress is None else progress
    with _Bar(show_progress) as bar:
        if fmt is OutputFormat.table:
            _table(job.records(recorder, bar), job.input_name)
        else:
            outcome = job.write(recorder, bar)
            if outcome.already_complete:
                typer.echo(
                    f"dualuse: {output} is complete: the run had finished "
                    "(its checkpoint is cleared)",
                    err=True,
                )
                return
    c = job.runner.counts
    if recorder is not None:
        head = recorder.finish()
        typer.echo(
            f"recorded as run {recorder.run_id} in {recorder.store.display_url()}; "
            f"audit head {head.seq}:{head.hash} (keep it to check the log later)",
            err=True,
        )
    if fmt is OutputFormat.table or output:
        summary = ", ".join(f"{k} {v}" for k, v in sorted(c.by_decision.items()))
        typer.echo(
            f"{c.rows} line(s): {summary or 'none decided'}; {c.errors} row error(s)", err=True
        )
    if strict and c.errors:
        where = ""
        if c.first_error is not None:
            row, fld, message = c.first_error
            where = f"; the first: row {row}, field {fld!r}: {message}"
        typer.echo(f"dualuse: --strict: {c.errors} row error(s){where}", err=True)
        raise typer.Exit(2)


class _Bar:
    """A rich progress bar on stderr, told of progress by the use case."""

    def __init__(self, enabled: bool) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed:,} rows"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            disable=not enabled,
            transient=True,
        )
        self._task: Any = None

    def __enter__(self) -> _Bar:
        self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(None, None, None)

    def start(self, name: str, total_rows: int | None) -> None:
        self._task = self._progress.add_task(name, total=total_rows)

    def advance(self, rows_done: int) -> None:
        self._progress.update(self._task, completed=rows_done)


_STYLE = {
    "prohibited": "bold red",
    "review": "yellow",
    "licence_required": "cyan",
    "allowed": "green",
}


def _table(records: Iterator[dict[str, Any]], input_name: str) -> None:
    """The decisions as a readable table (the first 500 lines)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(soft_wrap=False)
    title = Text(f"dualuse check {Path(input_name).name}")
    table = Table(show_lines=True, title=title)
    table.add_column("id", no_wrap=True)
    table.add_column("decision", no_wrap=True)
    table.add_column("as of", no_wrap=True)
    table.add_column("reasons (rule - citation - detail)")
    row = 0
    limit = 500
    for rec in records:
        row += 1
        if row > limit:
            continue  # the rest is still decided (and recorded), not shown
        if "error" in rec:
            e = rec["error"]
            table.add_row(
                Text(str(rec.get("id"))),
                Text("error", style="red"),
                "",
                Text(f"row {e['row']}, field {e['field']!r}: {e['message']}"),
            )
            continue
        reasons = Text()
        for r in rec["reasons"]:
            if reasons:
                reasons.append("\n")
            cite = f" - {r['citation']}" if r["citation"] else ""
            if r["effect"] == "info":
                # context only: one dim line, the JSON output has the full text
                reasons.append(f"info {r['rule']}{cite}", style="dim")
                continue
            reasons.append(r["effect"], style=_STYLE.get(r["effect"], "dim"))
            reasons.append(f" {r['rule']}{cite}\n  {r['detail']}")
        d = rec["decision"]
        decision = Text(d, style=_STYLE[d])
        if rec.get("provisional"):
            after = rec.get("unknown_after")
            decision.append("\nPROVISIONAL", style="bold magenta")
            if after:
                decision.append(f"\nstatus unknown\nafter {after}", style="magenta")
        table.add_row(Text(str(rec["id"])), decision, rec["as_of"], reasons)
    console.print(table)
    if row > limit:
        console.print(f"(first {limit} of {row} lines shown; use --format jsonl for all)")


__all__ = ["check", "register"]
