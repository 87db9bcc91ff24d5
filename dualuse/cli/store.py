"""``dualuse store``: the recorded runs and the audit log."""

from __future__ import annotations

from typing import Any

import orjson
import typer

from dualuse.errors import DualuseError

store_app = typer.Typer(
    help="Recorded check runs and the tamper-evident audit log.", no_args_is_help=True
)
DB = typer.Option(
    None, "--db", metavar="URL", help="Store URL (default: embedded SQLite, or DUALUSE_DB)."
)


def register(app: typer.Typer) -> None:
    app.add_typer(store_app, name="store")


@store_app.command("init")
def init(db: str | None = DB) -> None:
    """Create the store's tables (done automatically on first use)."""
    store = _open(db)
    typer.echo(f"store ready: {store.engine.url!r}")


@store_app.command("runs")
def runs(db: str | None = DB, limit: int = typer.Option(20, "--limit")) -> None:
    """The most recent runs (JSON Lines)."""
    for run in _open(db).list_runs(limit):
        typer.echo(orjson.dumps(run, default=str).decode())


@store_app.command("show")
def show(run_id: int = typer.Argument(..., metavar="RUN"), db: str | None = DB) -> None:
    """The decisions of a run, as they were written (JSON Lines)."""
    rows = _open(db).decisions_of(run_id)
    if not rows:
        raise DualuseError(f"run {run_id}: no decisions recorded")
    for r in rows:
        typer.echo(orjson.dumps(r).decode())


@store_app.command("verify")
def verify(db: str | None = DB) -> None:
    """Check the audit log's hash chain; exit 2 and name every broken entry."""
    store = _open(db)
    problems = store.verify()
    count = sum(1 for _ in store.audit_entries())
    if problems:
        raise DualuseError("audit log altered:\n" + "\n".join(problems))
    typer.echo(f"audit log intact: {count} entries ({store.engine.url!r})")


def _open(db: str | None) -> Any:
    """The store (imported here: SQLAlchemy loads only for commands that use it)."""
    from dualuse.store import open_store

    return open_store(db)
