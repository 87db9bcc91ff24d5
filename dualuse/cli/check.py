"""``dualuse check``: decide shipment lines from a file."""

from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
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
from dualuse.io import open_batches, open_writer
from dualuse.io.readers import BatchSource, prefetched
from dualuse.io.writers import JsonlWriter, Writer, check_output
from dualuse.screening import default_screener
from dualuse.services.check import OUTPUT_SCHEMA, CheckRunner, Keyed

if TYPE_CHECKING:
    from dualuse.services.recording import Recorder


def register(app: typer.Typer) -> None:
    app.command("check")(check)


def check(
    file: str = typer.Argument(
        ...,
        metavar="FILE",
        help="Shipment lines: CSV, JSON Lines or "
        "Parquet (by extension); - reads JSON Lines from stdin.",
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
    if resume and not output:
        raise UsageError("--resume needs --output")
    if fmt is OutputFormat.parquet and not output:
        raise UsageError("--format parquet needs --output FILE")
    check_output(output, file)
    source = open_batches(file, batch_rows=batch_rows())
    regime = get_regime(regime_dir, regime_overlay)
    run_key = _run_key(file, as_of, fmt.value) if fmt is not OutputFormat.table else None
    recorder = None
    if store or db:
        options = {"format": fmt.value, "output": output, "strict": strict}
        from dualuse.services.identity import current_user
        from dualuse.services.recording import Recorder  # SQLAlchemy only when recording
        from dualuse.store import open_store

        recorder = Recorder(
            open_store(db),
            regime,
            input_name=source.name,
            as_of=as_of,
            options=options,
            actor=current_user(user),
            clock=now_text,
            run_key=run_key if output else None,
            resume=resume,
        )
    runner = CheckRunner(
        regime,
        default_classifier(),
        default_screener(),
        today=today(),
        as_of=day,
        licences=recorder.licences() if recorder is not None else None,
    )
    show_progress = stderr_is_terminal() if progress is None else progress
    if fmt is OutputFormat.table:
        _table(runner, source, output, show_progress, recorder)
    else:
        assert run_key is not None
        _write(runner, source, fmt.value, output, resume, run_key, show_progress, recorder)
    c = runner.counts
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


def _run_key(file: str, as_of: str | None, fmt: str) -> str:
    p = Path(file)
    stat = f"{p.stat().st_size}:{p.stat().st_mtime_ns}" if file != "-" else "stdin"
    return hashlib.sha256(f"{p.resolve()}|{stat}|{as_of}|{fmt}".encode()).hexdigest()[:16]


def _progress(source: BatchSource, enabled: bool) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,} rows"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not enabled,
        transient=True,
    )


def _write(
    runner: CheckRunner,
    source: BatchSource,
    fmt: str,
    output: str | None,
    resume: bool,
    run_key: str,
    show_progress: bool,
    recorder: Recorder | None = None,
) -> None:
    """Decide and write batch by batch.

    Rendering a decided batch (Arrow string kernels, which release the GIL) and writing it
    run on a second thread while the next batch is keyed and decided; only one batch is in
    flight, so batches stay in order, memory stays bounded, and the checkpoint after a batch
    follows its write.
    """
    if file_is_output(source, output):
        raise UsageError("--output must not be the input file")
    writer = open_writer(fmt, output, resume=resume, run_key=run_key)
    if writer.already_complete:
        typer.echo(
            f"dualuse: {output} is complete: the run had finished (its checkpoint is cleared)",
            err=True,
        )
        return
    skip = writer.resumed_rows
    row = 0
    with _progress(source, show_progress) as bar, ThreadPoolExecutor(1) as pool:
        pending: Future[None] | None = None
        task = bar.add_task(Path(source.name).name, total=source.total_rows)
        for batch in prefetched(source.batches()):
            n = batch.num_rows
            if row + n <= skip:
                row += n
                continue
            if row < skip:
                batch = batch.slice(skip - row)
                row = skip
            first = row + 1
            kb = runner.key_batch(batch, first)
            if pending is not None:
                pending.result()
            if recorder is not None:
                recorder.batch(first, runner.lines_of(kb, first), batch)
            pending = pool.submit(_write_batch, runner, writer, kb, first)
            row += batch.num_rows
            bar.update(task, completed=row)
        if pending is not None:
            pending.result()
    if fmt == "parquet" and writer.rows == 0:
        writer.write_table(OUTPUT_SCHEMA.empty_table())  # no rows: still a readable file
    writer.close()


def _write_batch(runner: CheckRunner, writer: Writer, kb: Keyed, first: int) -> None:
    """Render a keyed batch (Arrow kernels, which release the GIL) and write it."""
    if isinstance(writer, JsonlWriter):
        writer.write_blob(runner.jsonl_buffer(kb, first), kb.num_rows)
    else:
        writer.write_table(runner.table_of(kb, first))
    writer.checkpoint()


def file_is_output(source: BatchSource, output: str | None) -> bool:
    if not output or source.name in ("-", "<stdin>"):
        return False
    return Path(source.name).resolve() == Path(output).resolve()


_STYLE = {
    "prohibited": "bold red",
    "review": "yellow",
    "licence_required": "cyan",
    "allowed": "green",
}


def _table(
    runner: CheckRunner,
    source: BatchSource,
    output: str | None,
    show_progress: bool,
    recorder: Recorder | None = None,
) -> None:
    if output:
        raise UsageError("--output needs --format jsonl, csv or parquet")
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(soft_wrap=False)
    title = Text(f"dualuse check {Path(source.name).name}")
    table = Table(show_lines=True, title=title)
    table.add_column("id", no_wrap=True)
    table.add_column("decision", no_wrap=True)
    table.add_column("as of", no_wrap=True)
    table.add_column("reasons (rule - citation - detail)")
    row = 0
    shown = 0
    limit = 500
    for batch in source.batches():
        lines = runner.jsonl_lines(batch, row + 1)
        if recorder is not None:
            recorder.batch(row + 1, lines, batch)
        for rec in map(orjson.loads, lines):
            if shown >= limit:
                continue
            shown += 1
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
        row += batch.num_rows
    console.print(table)
    if row > limit:
        console.print(f"(first {limit} of {row} lines shown; use --format jsonl for all)")


__all__ = ["check", "register"]
