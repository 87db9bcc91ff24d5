"""Options and helpers shared by the commands."""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import StrEnum
from pathlib import Path

import typer

from dualuse.errors import UsageError
from dualuse.regime.load import Regime, load_regime
from dualuse.regime.model import ISO_DATE


class OutputFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def parse_date(text: str | None, option: str) -> dt.date | None:
    """Parse an ISO date given on the command line; a bad one is a usage error."""
    if text is None:
        return None
    if not ISO_DATE.match(text):
        raise UsageError(f"{option}: {text!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {text!r} is not a valid date ({exc})") from None


def today() -> dt.date:
    """The command line reads the clock here and in :func:`now_text` only."""
    return dt.date.today()


def now_text() -> str:
    """The current UTC time, ISO 8601 to the second (for records and the audit log)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


AS_OF = typer.Option(
    None,
    "--as-of",
    metavar="DATE",
    help="Evaluate the regime as of this date (YYYY-MM-DD). Default: each line's date, else today.",
)
REGIME = typer.Option(
    None,
    "--regime",
    metavar="DIR",
    help="Regime data directory (default: the bundled China regime).",
)


USER = typer.Option(
    None,
    "--user",
    metavar="NAME",
    help="Who is acting, for the records (default: DUALUSE_USER, else your login name).",
)
DB = typer.Option(
    None,
    "--db",
    metavar="URL",
    help="Store URL (sqlite:///file.db, postgresql+psycopg://...; default: DUALUSE_DB, "
    "else the embedded SQLite file).",
)


OVERLAY = typer.Option(
    None,
    "--regime-overlay",
    metavar="DIR",
    help=(
        "A local data directory laid over the regime (your own notices, records and "
        "amendments; see docs/adding-an-announcement.md). Repeatable. Also read from "
        "DUALUSE_REGIME_OVERLAY (directories separated by the path separator)."
    ),
)


def overlays(given: list[Path] | None) -> list[Path]:
    """The overlay directories: those of ``DUALUSE_REGIME_OVERLAY``, then the options."""
    env = [Path(p) for p in os.environ.get("DUALUSE_REGIME_OVERLAY", "").split(os.pathsep) if p]
    return [*env, *(given or [])]


def get_regime(path: Path | None, overlay: list[Path] | None = None, cache: bool = True) -> Regime:
    return load_regime(path, overlays=overlays(overlay), cache=cache)


def batch_rows() -> int:
    """Rows per batch: memory per batch versus per-batch overhead (``DUALUSE_BATCH_ROWS``)."""
    text = os.environ.get("DUALUSE_BATCH_ROWS", "")
    if not text:
        return 65536
    if not text.isdigit() or int(text) < 1:
        raise UsageError(f"DUALUSE_BATCH_ROWS must be a positive whole number, got {text!r}")
    return int(text)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
