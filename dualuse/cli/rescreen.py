"""``dualuse rescreen``: which stored counterparties became (or stopped being) list hits."""

from __future__ import annotations

from pathlib import Path

import orjson
import typer

from dualuse.cli.common import DB, OVERLAY, REGIME, USER, get_regime, now_text, parse_date, today


def register(app: typer.Typer) -> None:
    app.command("rescreen")(rescreen)


def rescreen(
    from_date: str | None = typer.Option(
        None,
        "--from",
        metavar="DATE",
        help="Compare with the screening as of this date (same data). Default: each "
        "counterparty's last recorded screening (the last rescreen, or when first seen).",
    ),
    to_date: str | None = typer.Option(
        None, "--to", metavar="DATE", help="Screen as of this date (default: today)."
    ),
    lists: list[str] = typer.Option(
        None, "--list", metavar="LIST", help="Also screen against this list file (repeatable)."
    ),
    list_format: str = typer.Option("auto", "--list-format", help="Format of --list files."),
    regime_dir: Path | None = REGIME,
    regime_overlay: list[Path] | None = OVERLAY,
    db: str | None = DB,
    user: str | None = USER,
    fmt: str = typer.Option("table", "--format", "-f", help="table or jsonl."),
) -> None:
    """Screen every stored counterparty again and report only new, changed or removed hits,
    each with the two dates and regime versions it compares; new hits open cases and
    changed list entries re-open cleared ones."""
    from dualuse.screening import Screener, read_list
    from dualuse.screening.screener import _digest
    from dualuse.services.identity import current_user
    from dualuse.services.rescreen import rescreen as run
    from dualuse.store import open_store

    day_from = parse_date(from_date, "--from")
    day_to = parse_date(to_date, "--to") or today()
    extra = [read_list(p, list_format) for p in (lists or [])]
    parties = [p for lst in extra for p in lst.parties]
    result = run(
        open_store(db),
        get_regime(regime_dir, regime_overlay),
        Screener(extra),
        to_day=day_to,
        from_day=day_from,
        lists_digest=_digest(parties) if parties else "",
        actor=current_user(user),
        clock=now_text,
    )
    changes = result["changes"]
    if fmt == "jsonl":
        for c in changes:
            typer.echo(orjson.dumps(c).decode())
    else:
        for c in changes:
            hit = c["after"] or c["before"]
            typer.echo(
                f"{c['change']:8} {c['counterparty']} ({c['country'] or '??'}) -> "
                f"{hit['listed_name']} [{c['entity_id']}, {hit['list']}] "
                f"from {c['from']['date']} to {c['to']['date']}"
                + (f"; case {c['case']} {c['case_action'] or ''}" if c["case"] else "")
            )
    typer.echo(
        f"rescreen {result['rescreen']}: {result['counterparties']} counterparties, "
        f"{len(changes)} change(s); {result['expired_reopened']} expired clearance(s) re-opened",
        err=True,
    )
