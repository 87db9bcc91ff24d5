"""``dualuse licence``: the licence register that ``check --store`` draws down."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import typer

from dualuse.cli.common import DB, USER, now_text
from dualuse.errors import UsageError

licence_app = typer.Typer(
    help="Individual, general and registration licences: record, import, list, show (with "
    "what is left and every draw-down).",
    no_args_is_help=True,
)
FORMAT = typer.Option("table", "--format", "-f", help="table or jsonl.")


def register(app: typer.Typer) -> None:
    app.add_typer(licence_app, name="licence")


def _store(db: str | None) -> Any:
    from dualuse.store import open_store

    return open_store(db)


def _item(text: str) -> Any:
    """``CODE[,QUANTITY[,UNIT[,VALUE[,CURRENCY]]]]``"""
    from dualuse.services.licensing import LicenceItem

    parts = [p.strip() or None for p in text.split(",")]
    if len(parts) > 5 or not parts[0]:
        raise UsageError(f"--item {text!r}: expected CODE[,QUANTITY[,UNIT[,VALUE[,CURRENCY]]]]")
    parts += [None] * (5 - len(parts))
    return LicenceItem(str(parts[0]), parts[1], parts[2], parts[3], parts[4])


def _record(db: str | None, user: str | None, licences: list[Any]) -> list[dict[str, Any]]:
    from dualuse.services.identity import current_user, regime_fingerprint
    from dualuse.services.review import record_licences

    return record_licences(
        _store(db), licences, actor=current_user(user), at=now_text(),
        fingerprint=regime_fingerprint(),
    )  # fmt: skip


@licence_app.command("add")
def add(
    number: str = typer.Argument(..., metavar="NUMBER", help="The licence number."),
    kind: str = typer.Option("individual", "--kind", help="individual, general or registration."),
    holder: str = typer.Option(
        ..., "--holder", metavar="NAME", help="The exporter it is issued to."
    ),
    valid_from: str = typer.Option(..., "--from", metavar="DATE", help="First valid day."),
    valid_to: str = typer.Option(..., "--to", metavar="DATE", help="Last valid day."),
    item: list[str] = typer.Option(
        ...,
        "--item",
        metavar="CODE[,QTY[,UNIT[,VALUE[,CUR]]]]",
        help="A licensed item: control code, and the quantity and value granted (empty = no "
        "limit). Repeatable.",
    ),
    consignee: str | None = typer.Option(None, "--consignee", metavar="NAME"),
    end_user: str | None = typer.Option(None, "--end-user", metavar="NAME"),
    destination: str | None = typer.Option(None, "--destination", metavar="CC"),
    note: str | None = typer.Option(None, "--note", metavar="TEXT"),
    db: str | None = DB,
    user: str | None = USER,
) -> None:
    """Record a licence (its number must be new)."""
    from dualuse.services.licensing import Licence

    lic = Licence(
        number=number,
        kind=kind,
        holder=holder,
        valid_from=valid_from,
        valid_to=valid_to,
        items=[_item(t) for t in item],
        consignee=consignee,
        end_user=end_user,
        destination=destination.upper() if destination else None,
        note=note,
    )
    _record(db, user, [lic])
    typer.echo(f"licence {number} recorded")


@licence_app.command("import")
def import_(
    file: Path = typer.Argument(..., metavar="FILE.csv", help="One row per licence item."),
    db: str | None = DB,
    user: str | None = USER,
) -> None:
    """Record the licences of a CSV file (columns: number, kind, holder, consignee, end_user,
    destination, valid_from, valid_to, control_code, quantity, unit, value, currency, note),
    all or none."""
    from dualuse.services.licensing import read_csv

    found = read_csv(file)
    _record(db, user, found)
    typer.echo(f"{len(found)} licence(s) recorded")


@licence_app.command("list")
def list_(db: str | None = DB, fmt: str = FORMAT) -> None:
    """The licences in the register."""
    from dualuse.services.licensing import list_licences

    rows = list(list_licences(_store(db)))
    if fmt == "jsonl":
        for r in rows:
            typer.echo(orjson.dumps(r).decode())
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    cols = (
        "number",
        "kind",
        "holder",
        "consignee",
        "end_user",
        "destination",
        "valid_from",
        "valid_to",
    )
    table = Table()
    for c in cols:
        table.add_column(c)
    for r in rows:
        table.add_row(*(Text(str(r.get(c) or "")) for c in cols))
    Console(soft_wrap=False).print(table)


@licence_app.command("show")
def show(
    number: str = typer.Argument(..., metavar="NUMBER"), db: str | None = DB, fmt: str = FORMAT
) -> None:
    """A licence, its items with what is left, and every draw-down (run, row, line id)."""
    from dualuse.services.licensing import licence_view

    view = licence_view(_store(db), number)
    if fmt == "jsonl":
        typer.echo(orjson.dumps(view).decode())
        return
    for k, v in view.items():
        if k not in ("items", "draws"):
            typer.echo(f"{k}: {v}")
    for it in view["items"]:
        typer.echo(
            f"item {it['position']}: {it['control_code']} quantity {it['quantity'] or '-'} "
            f"{it['unit'] or ''} (left {it['quantity_left'] or '-'}), value "
            f"{it['value'] or '-'} {it['currency'] or ''} (left {it['value_left'] or '-'})"
        )
    for d in view["draws"]:
        typer.echo(
            f"draw {d['id']}: line {d['line_id']} run {d['run_id']} row {d['row']}: "
            f"quantity {d['quantity']} value {d['value']} ({d['actor']}, {d['at']})"
        )
