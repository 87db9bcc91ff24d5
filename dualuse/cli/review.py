"""``dualuse review``: the cases that list hits opened, and their review (four eyes optional)."""

from __future__ import annotations

from typing import Any

import orjson
import typer

from dualuse.cli.common import DB, USER, now_text, parse_date

review_app = typer.Typer(
    help="Review list hits: list and show cases, clear (false positive) or confirm them, "
    "approve another reviewer's decision in four-eyes mode.",
    no_args_is_help=True,
)
FORMAT = typer.Option("table", "--format", "-f", help="table or jsonl.")
CASE = typer.Argument(..., metavar="CASE", help="The case number.")
REASON = typer.Option("", "--reason", "-r", metavar="TEXT", help="Why (required).")
FOUR_EYES = typer.Option(
    None,
    "--four-eyes/--no-four-eyes",
    help="Require a second reviewer's approval (default: the store setting review.four_eyes).",
)


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")


def _emit(rows: list[dict[str, Any]], fmt: str, columns: tuple[str, ...]) -> None:
    if fmt == "jsonl":
        for r in rows:
            typer.echo(orjson.dumps(r, default=str).decode())
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False)
    for c in columns:
        table.add_column(c)
    for r in rows:
        table.add_row(*(Text("" if r.get(c) is None else str(r.get(c))) for c in columns))
    Console(soft_wrap=False).print(table)


def _store(db: str | None) -> Any:
    from dualuse.store import open_store

    return open_store(db)


@review_app.command("list")
def list_(
    status: str | None = typer.Option(
        None,
        "--status",
        help="open, pending_clear, pending_confirm, cleared or confirmed (default: all).",
    ),
    db: str | None = DB,
    fmt: str = FORMAT,
) -> None:
    """Cases, one per counterparty and listed entry."""
    from dualuse.services.cases import list_cases

    rows = list_cases(_store(db), status)
    columns = ("id", "status", "counterparty", "country", "name", "entity_id", "list", "score")
    _emit(rows, fmt, columns)


@review_app.command("show")
def show(case: int = CASE, db: str | None = DB, fmt: str = FORMAT) -> None:
    """A case with its events (who did what, when, why) and its clearances."""
    from dualuse.services.cases import show_case

    found = show_case(_store(db), case)
    if fmt == "jsonl":
        typer.echo(orjson.dumps(found, default=str).decode())
        return
    head = {k: v for k, v in found.items() if k not in ("events", "clearances")}
    for k, v in head.items():
        typer.echo(f"{k}: {v}")
    _emit(found["events"], "table", ("id", "at", "actor", "kind", "reason"))
    if found["clearances"]:
        _emit(
            found["clearances"],
            "table",
            ("id", "active", "cleared_by", "approved_by", "expires", "name", "entity_version"),
        )


def _done(row: dict[str, Any], fmt: str) -> None:
    if fmt == "jsonl":
        typer.echo(orjson.dumps(row, default=str).decode())
    else:
        typer.echo(f"case {row['id']}: {row['status']}")


def _who(user: str | None) -> dict[str, str]:
    from dualuse.services.identity import current_user, regime_fingerprint

    return {"actor": current_user(user), "at": now_text(), "fingerprint": regime_fingerprint()}


@review_app.command("clear")
def clear(
    case: int = CASE,
    reason: str = REASON,
    expires: str | None = typer.Option(
        None, "--expires", metavar="DATE", help="The clearance lapses after this date."
    ),
    four_eyes: bool | None = FOUR_EYES,
    db: str | None = DB,
    user: str | None = USER,
    fmt: str = FORMAT,
) -> None:
    """Clear a hit as a false positive: the pair goes on the good-guy list until the list
    entry or the name changes (or the clearance expires)."""
    from dualuse.services.review import decide_case

    day = parse_date(expires, "--expires")
    row = decide_case(
        _store(db), case, "clear", reason, four_eyes=four_eyes,
        expires=day.isoformat() if day else None, **_who(user),
    )  # fmt: skip
    _done(row, fmt)


@review_app.command("confirm")
def confirm(
    case: int = CASE,
    reason: str = REASON,
    four_eyes: bool | None = FOUR_EYES,
    db: str | None = DB,
    user: str | None = USER,
    fmt: str = FORMAT,
) -> None:
    """Confirm a hit: the counterparty is the listed entry."""
    from dualuse.services.review import decide_case

    row = decide_case(_store(db), case, "confirm", reason, four_eyes=four_eyes, **_who(user))
    _done(row, fmt)


@review_app.command("approve")
def approve(
    case: int = CASE,
    reject: bool = typer.Option(False, "--reject", help="Send the case back to open."),
    note: str = typer.Option("", "--note", metavar="TEXT", help="A note with the approval."),
    db: str | None = DB,
    user: str | None = USER,
    fmt: str = FORMAT,
) -> None:
    """Approve (or --reject) another reviewer's pending clear or confirm (four eyes)."""
    from dualuse.services.review import approve_case

    _done(approve_case(_store(db), case, reject=reject, note=note, **_who(user)), fmt)
