"""``dualuse store``: recorded runs, the audit log, verification, anchors and exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import orjson
import typer

from dualuse.cli.common import DB, USER, now_text, parse_date
from dualuse.errors import DualuseError, UsageError

store_app = typer.Typer(
    help="Recorded runs, the tamper-evident audit log, anchors and exports.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(store_app, name="store")


@store_app.command("init")
def init(db: str | None = DB) -> None:
    """Create the store's tables or bring them to this version (done on first use)."""
    store = _open(db)
    typer.echo(f"store ready: {store.display_url()}")


@store_app.command("runs")
def runs(db: str | None = DB, limit: int = typer.Option(20, "--limit")) -> None:
    """The most recent runs (JSON Lines)."""
    from dualuse.store.runs import list_runs

    for run in list_runs(_open(db), limit):
        typer.echo(orjson.dumps(run, default=str).decode())


@store_app.command("show")
def show(run_id: int = typer.Argument(..., metavar="RUN"), db: str | None = DB) -> None:
    """The decisions of a run, as they were written (JSON Lines)."""
    from dualuse.store.runs import decisions_of

    rows = decisions_of(_open(db), run_id)
    if not rows:
        raise DualuseError(f"run {run_id}: no decisions recorded")
    for r in rows:
        typer.echo(orjson.dumps(r).decode())


@store_app.command("verify")
def verify(
    db: str | None = DB,
    anchor: list[str] | None = typer.Option(
        None,
        "--anchor",
        metavar="HASH",
        help="A head hash kept from an earlier run (HASH or SEQ:HASH); the log must still "
        "contain it. Repeatable.",
    ),
    anchors: Path | None = typer.Option(
        None,
        "--anchors",
        metavar="FILE",
        help="A file of anchors, one per line (SEQ:HASH or HASH; # starts a comment).",
    ),
) -> None:
    """Check every row of every table against the hash-chained audit log; exit 2 naming each
    altered, missing, inserted or reordered row."""
    from dualuse.store import open_store
    from dualuse.store.verify import check_anchors, verify_store

    store = open_store(db, create=False)
    report = verify_store(store)
    given = list(anchor or []) + (_read_anchors(anchors) if anchors else [])
    if given:
        check_anchors(report, store.audit_entries(), given)
    if report.problems:
        raise DualuseError(
            f"store {store.display_url()} fails verification ({len(report.problems)} "
            "problem(s)):\n" + "\n".join(report.problems)
        )
    rows = sum(report.rows.values())
    head = report.head
    assert head is not None
    tail = f"; {len(given)} anchor(s) found" if given else ""
    typer.echo(
        f"store intact: {report.entries} audit entries, {rows} rows in "
        f"{len(report.rows)} tables; head {head.seq}:{head.hash}{tail}"
    )


def _read_anchors(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"--anchors {path}: {exc.strerror or 'cannot be read'}") from None
    out = []
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text:
            out.append(text.split()[-1] if " " in text else text)
    if not out:
        raise UsageError(f"--anchors {path}: no anchors in the file")
    return out


@store_app.command("head")
def head(db: str | None = DB) -> None:
    """Print the last audit entry's number and hash (SEQ:HASH): the anchor to keep."""
    from dualuse.store import open_store

    entry = open_store(db, create=False).head()
    if entry is None:
        raise DualuseError("the audit log is empty")
    typer.echo(f"{entry.seq}:{entry.hash}")


@store_app.command("export")
def export(
    output: Path = typer.Option(..., "--output", "-o", metavar="DIR", help="Folder to write."),
    run: list[int] | None = typer.Option(None, "--run", metavar="N", help="Runs to export."),
    since: str | None = typer.Option(
        None, "--since", metavar="DATE", help="Records written on or after this date."
    ),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet."),
    db: str | None = DB,
) -> None:
    """Export records for an auditor: one file per table, a manifest (row counts, SHA-256
    of each file, the audit chain's head) and SHA256SUMS for sha256sum -c."""
    from dualuse.services.exporting import export_store
    from dualuse.store import open_store

    if fmt not in ("jsonl", "csv", "parquet"):
        raise UsageError(f"--format must be jsonl, csv or parquet, not {fmt!r}")
    day: date | None = parse_date(since, "--since")
    manifest = export_store(
        open_store(db, create=False), output, fmt, runs=list(run or []), since=day
    )
    for f in manifest["files"]:
        typer.echo(f"{f['file']}: {f['rows']} rows, sha256 {f['sha256']}", err=True)
    typer.echo(str(output / "manifest.json"))


@store_app.command("setting")
def setting(
    name: str = typer.Argument(..., metavar="NAME", help="review.four_eyes (on|off)"),
    value: str | None = typer.Argument(None, metavar="[VALUE]"),
    db: str | None = DB,
    user: str | None = USER,
) -> None:
    """Show or change a store setting (the change is recorded in the audit log)."""
    from dualuse.services.settings import KNOWN, change_setting

    store = _open(db)
    if name not in KNOWN:
        raise UsageError(f"unknown setting {name!r}; known: {', '.join(sorted(KNOWN))}")
    if value is None:
        typer.echo(store.setting(name, KNOWN[name]))
        return
    from dualuse.services.identity import current_user

    change_setting(store, name, value, current_user(user), now_text())
    typer.echo(f"{name} = {value}")


def _open(db: str | None) -> Any:
    """The store (imported here: SQLAlchemy loads only for commands that use it)."""
    from dualuse.store import open_store

    return open_store(db)
