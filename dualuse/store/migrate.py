"""Bring a store's schema to the current version (Alembic), safely when processes race.

The common case, a store already at the current version, costs one query and never loads
Alembic. Otherwise the migration runs under the store's lock: SQLite's write lock
(``BEGIN IMMEDIATE``, the DDL inside that transaction) or, on PostgreSQL, a session-level
advisory lock held around the migration's own transaction. Whoever gets the lock second
finds the schema current and does nothing, so four processes creating one new store at once
all succeed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from dualuse.store.db import StoreError, one_line

if TYPE_CHECKING:
    from dualuse.store.db import Store

HEAD = "0002"  # the newest revision in migrations/versions (a test keeps them equal)
MIGRATE_LOCK = 0x64756D67
SCRIPTS = Path(__file__).parent / "migrations"


def current_revision(conn: Connection) -> str | None:
    """The store's schema revision; None for an empty database."""
    names = set(inspect(conn).get_table_names())
    if "alembic_version" not in names:
        if "runs" in names or "audit_log" in names:
            raise StoreError(
                "this store was written by an earlier dualuse without schema versions; "
                "keep it for reference and record into a new store (--db or DUALUSE_DB)"
            )
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(store: Store) -> None:
    """Create or upgrade the schema (under the lock); nothing to do at the current version."""
    try:
        with store.engine.connect() as conn:
            if current_revision(conn) == HEAD:
                return
            conn.rollback()
        if store.is_sqlite:
            with store.engine.connect() as base:
                conn = base.execution_options(dualuse_write=True)
                with conn.begin():
                    _migrate(conn)
        else:
            with store.engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATE_LOCK})
                conn.commit()
                try:
                    with conn.begin():
                        _migrate(conn)
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATE_LOCK})
                    conn.commit()
    except StoreError:
        raise
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot prepare the store's tables: {one_line(exc)}") from None


def _config(conn: Connection | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    cfg.attributes["connection"] = conn
    return cfg


def _migrate(conn: Connection) -> None:
    """Run the migrations on ``conn`` (already locked, inside its transaction)."""
    current = current_revision(conn)
    if current == HEAD:
        return
    from alembic import command

    command.upgrade(_config(conn), "head")


def script_head() -> str | None:
    """The head revision of the migration scripts (for the test that keeps HEAD honest)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def _revision(message: str) -> None:  # pragma: no cover - a developer's tool
    """Write a new revision: the difference between schema.py and a store at the head."""
    import tempfile

    from alembic import command

    from dualuse.store.db import make_engine

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/head.db")
        with engine.begin() as conn:
            command.upgrade(_config(conn), "head")
            command.revision(_config(conn), message=message, autogenerate=True)


if __name__ == "__main__":  # pragma: no cover
    if len(sys.argv) == 3 and sys.argv[1] == "revision":
        _revision(sys.argv[2])
    else:
        print('usage: python -m dualuse.store.migrate revision "message"', file=sys.stderr)
