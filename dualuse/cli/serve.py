"""``dualuse serve``: the HTTP API and the web UI; ``dualuse serve keys``: their API keys."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import TYPE_CHECKING

import orjson
import typer

from dualuse.cli.common import OVERLAY, REGIME, USER, now_text, overlays
from dualuse.errors import UsageError

if TYPE_CHECKING:
    from dualuse.store import Store

serve_app = typer.Typer(
    help="Serve the HTTP API and the web UI (see docs/api.md); 'keys' manages API keys.",
    invoke_without_command=True,
)
keys_app = typer.Typer(help="API keys: add (the token is shown once), list, revoke.",
                       no_args_is_help=True)  # fmt: skip
serve_app.add_typer(keys_app, name="keys")
DB = typer.Option(
    None, "--db", metavar="URL", help="Store URL (default: embedded SQLite, or DUALUSE_DB)."
)


def register(app: typer.Typer) -> None:
    app.add_typer(serve_app, name="serve")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@serve_app.callback()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", metavar="H", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", metavar="P", min=0, max=65535, help="TCP port."),
    db: str | None = DB,
    no_auth: bool = typer.Option(
        False,
        "--no-auth",
        help="Development only, loopback only: every request acts as an admin of the tenant "
        "'default', with no key.",
    ),
    work_dir: Path | None = typer.Option(
        None, "--work-dir", metavar="DIR", help="Uploads and job results (default: a temp dir)."
    ),
    max_upload_mb: int = typer.Option(64, "--max-upload-mb", min=1, help="Largest upload."),
    tenant_db: str | None = typer.Option(
        None,
        "--tenant-db",
        metavar="URL",
        help="Store of each tenant, with {tenant} in it (default: beside an SQLite --db, "
        "NAME.tenants/TENANT.db; the tenant 'default' uses --db itself).",
    ),
    regime_dir: Path | None = REGIME,
    regime_overlay: list[Path] | None = OVERLAY,
) -> None:
    """Serve the API (OpenAPI at /openapi.json, docs at /docs) and the web UI (/)."""
    if ctx.invoked_subcommand is not None:
        return
    if no_auth and not _loopback(host):
        raise UsageError("--no-auth is for development on this machine: use a loopback --host")
    import uvicorn

    from dualuse.api import Settings, create_app

    settings = Settings(
        db=db,
        no_auth=no_auth,
        regime_dir=regime_dir,
        overlays=overlays(regime_overlay),
        work_dir=work_dir,
        max_upload_bytes=max_upload_mb << 20,
        tenant_db=tenant_db,
    )
    if tenant_db is not None and "{tenant}" not in tenant_db:
        raise UsageError("--tenant-db: the URL must contain {tenant}")
    app = create_app(settings)
    typer.echo(f"dualuse: serving on http://{host}:{port}/ (API docs at /docs)", err=True)
    if not no_auth:
        from dualuse.services.access import list_keys

        if not any(k["revoked_at"] is None for k in list_keys(_store(db))):
            typer.echo(
                "dualuse: no API keys yet, so every data endpoint answers 401; make the first "
                "with: dualuse serve keys add --tenant NAME --role admin",
                err=True,
            )
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def _store(db: str | None) -> Store:
    from dualuse.store import open_store

    return open_store(db)


@keys_app.command("add")
def add(
    tenant: str = typer.Option(..., "--tenant", metavar="T", help="The tenant the key belongs to."),
    role: str = typer.Option(
        ..., "--role", metavar="R", help="viewer, analyst, reviewer or admin."
    ),
    label: str = typer.Option("", "--label", help="What the key is for."),
    db: str | None = DB,
    user: str | None = USER,
) -> None:
    """Make a key and print its token once (only its SHA-256 is stored)."""
    from dualuse.services.access import create_key
    from dualuse.services.identity import current_user

    key, token = create_key(
        _store(db),
        tenant,
        role,
        now_text(),
        label,
        by=current_user(user),
    )
    typer.echo(token)
    typer.echo(
        f"key {key.id} ({key.role.value}, tenant {key.tenant}): keep the token above; "
        "it is not shown again",
        err=True,
    )


@keys_app.command("list")
def list_(
    tenant: str | None = typer.Option(None, "--tenant", metavar="T"), db: str | None = DB
) -> None:
    """The keys (JSON Lines; never the tokens)."""
    from dualuse.services.access import list_keys

    for k in list_keys(_store(db), tenant):
        typer.echo(orjson.dumps(k).decode())


@keys_app.command("revoke")
def revoke_(
    key_id: str = typer.Argument(..., metavar="KEY_ID"),
    db: str | None = DB,
    user: str | None = USER,
) -> None:
    """Revoke a key: it stops working at once (within seconds on a running server)."""
    from dualuse.services.access import revoke
    from dualuse.services.identity import current_user

    if not revoke(_store(db), key_id, now_text(), by=current_user(user)):
        raise UsageError(f"no live key {key_id!r}")
    typer.echo(f"key {key_id} revoked", err=True)
