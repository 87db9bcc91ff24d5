"""``dualuse screen``: screen party names against the entity lists in force on a date."""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
from collections.abc import Iterable, Iterator
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
from dualuse.errors import InputFileError, UsageError
from dualuse.io import open_batches
from dualuse.limits import MAX_NAME_CHARS
from dualuse.regime.snapshot import snapshot
from dualuse.screening import DEFAULT_THRESHOLD, Screener, read_list
from dualuse.screening.lists import LIST_FORMATS
from dualuse.services.screen_rows import ROW_ERROR, ScreenJob, rows_of


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


def _names(names: list[str], file: str | None) -> tuple[Iterator[tuple[dict[str, Any], str]], Any]:
    if names and file:
        raise UsageError("give names or --file, not both")
    if not names and not file:
        raise UsageError("give one or more names, or --file FILE")
    if not file:
        for n in names:
            if len(n) > MAX_NAME_CHARS:
                raise UsageError(
                    f"a name is {len(n):,} characters long; at most {MAX_NAME_CHARS:,}"
                )
        return (({}, n) for n in names), None
    source = open_batches(file)
    if source.fmt != "jsonl" and "name" not in source.columns:
        raise InputFileError(source.name, "no 'name' column", field="name")

    def rows() -> Iterator[tuple[dict[str, Any], str]]:
        row = 0
        for batch in source.batches():
            yield from rows_of(batch, row + 1)
            row += batch.num_rows

    return rows(), source


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
    extra = [read_list(p, list_format) for p in (lists or [])]
    screener = Screener(extra)
    regime = get_regime(regime_dir, regime_overlay)
    snap = snapshot(regime, day)
    rows, source = _names(list(names or []), file)
    show = stderr_is_terminal() if progress is None else progress
    recorder = None
    if store or db:
        from dualuse.services.identity import current_user
        from dualuse.services.recording import Recorder
        from dualuse.store import open_store

        recorder = Recorder(
            open_store(db),
            regime,
            input_name=source.name if source is not None else "<names>",
            as_of=as_of,
            options={"format": fmt.value, "threshold": threshold, "lists": list(lists or [])},
            actor=current_user(user),
            clock=now_text,
            command="screen",
        )
        rows = _recorded(rows, recorder, screener, snap, threshold)
    if fmt is ScreenFormat.jsonl:
        workers = (jobs or os.cpu_count() or 1) if source is not None else 1
        _jsonl(screener, snap, rows, threshold, near_misses, show and source is not None, workers)
    else:
        _table(screener, snap, rows, threshold)
    if recorder is not None:
        head = recorder.finish()
        typer.echo(
            f"recorded as run {recorder.run_id} in {recorder.store.display_url()}; "
            f"audit head {head.seq}:{head.hash}",
            err=True,
        )


def _recorded(
    rows: Iterator[tuple[dict[str, Any], str]],
    recorder: Any,
    screener: Screener,
    snap: Any,
    threshold: float | None,
    size: int = 1000,
) -> Iterator[tuple[dict[str, Any], str]]:
    """Pass the rows on, recording each chunk of them (screened here; the screener's search
    cache makes the second look at a name cheap)."""
    first = 1
    for chunk in _chunks(rows, size):
        found: list[tuple[dict[str, Any], str, Any]] = []
        for meta, name in chunk:
            if ROW_ERROR in meta:
                found.append(({"id": meta.get("id"), "error": meta[ROW_ERROR]}, name, None))
            else:
                found.append((meta, name, screener.run(name, snap, threshold)))
        recorder.screened(first, snap.as_of.isoformat(), found)
        first += len(chunk)
        yield from chunk


#: names per task handed to a worker process
CHUNK = 500

# what a forked worker screens with (set in the parent before the fork, read in children)
_JOB: ScreenJob | None = None


def _line(meta: dict[str, Any], name: str) -> bytes:
    assert _JOB is not None
    return _JOB.line(meta, name)


def _chunk_lines(chunk: list[tuple[dict[str, Any], str]]) -> bytes:
    assert _JOB is not None
    return _JOB.lines(chunk)


def _chunks(
    rows: Iterable[tuple[dict[str, Any], str]], size: int
) -> Iterator[list[tuple[dict[str, Any], str]]]:
    buf: list[tuple[dict[str, Any], str]] = []
    for r in rows:
        buf.append(r)
        if len(buf) == size:
            yield buf
            buf = []
    if buf:
        yield buf


def _jsonl(
    screener: Screener,
    snap: Any,
    rows: Iterator[tuple[dict[str, Any], str]],
    threshold: float | None,
    near: bool,
    show: bool,
    workers: int = 1,
) -> None:
    """Screen ``rows`` and write JSON Lines in input order.

    With ``workers`` > 1 (and the fork start method) the index is built here once and
    forked workers share it; chunks of names go out and come back in order.
    """
    global _JOB
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    out = sys.stdout.buffer
    screener.index(snap.regime)  # built before any fork, so workers share it
    _JOB = ScreenJob(screener, snap, threshold, near)
    fork = "fork" in mp.get_all_start_methods()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.completed:,} names screened"),
        console=Console(stderr=True),
        disable=not show,
        transient=True,
    ) as bar:
        task = bar.add_task("screen")
        done = 0
        if workers > 1 and fork:
            chunks = _chunks(rows, CHUNK)
            first = next(chunks, None)
            if first is None:
                return
            if len(first) < CHUNK:  # too few names to be worth a process pool
                out.write(_chunk_lines(first))
                return
            with mp.get_context("fork").Pool(workers) as pool:
                for lines in pool.imap(_chunk_lines, _prepend(first, chunks)):
                    out.write(lines)
                    done += lines.count(b"\n")
                    bar.update(task, completed=done)
            return
        for meta, name in rows:
            out.write(_line(meta, name))
            done += 1
            if done % 1000 == 0:
                bar.update(task, completed=done)


def _prepend(
    first: list[tuple[dict[str, Any], str]],
    rest: Iterator[list[tuple[dict[str, Any], str]]],
) -> Iterator[list[tuple[dict[str, Any], str]]]:
    yield first
    yield from rest


def _table(
    screener: Screener,
    snap: Any,
    rows: Iterator[tuple[dict[str, Any], str]],
    threshold: float | None,
) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # names and explanations are data, never markup: every cell is a Text
    table = Table(show_lines=True, title=f"dualuse screen (as of {snap.as_of.isoformat()})")
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
        res = screener.run(name, snap, threshold)
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
