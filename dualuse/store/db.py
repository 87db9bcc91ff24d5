"""Open a store and record runs, decisions and audit entries."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from dualuse.errors import DualuseError
from dualuse.store import keys as _keys  # noqa: F401  (its table is part of the schema)
from dualuse.store.audit import GENESIS, AuditEntry, canonical, entry_hash, verify_chain
from dualuse.store.schema import audit_log, decisions, metadata, runs


class StoreError(DualuseError):
    """The store cannot be opened or written."""


def default_url() -> str:
    """``DUALUSE_DB`` if set, else an SQLite file under the user's data directory."""
    env = os.environ.get("DUALUSE_DB")
    if env:
        return env if "://" in env else f"sqlite:///{Path(env).expanduser().resolve()}"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'dualuse' / 'dualuse.db'}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


class Store:
    """A database of runs, decisions and the audit log."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # audit ----------------------------------------------------------------------------
    def append(self, conn: Any, at: str, kind: str, payload: dict[str, Any]) -> AuditEntry:
        last = conn.execute(
            select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
        ).first()
        seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
        text = canonical(payload)
        h = entry_hash(seq, at, kind, text, prev)
        conn.execute(
            insert(audit_log).values(
                seq=seq, at=at, kind=kind, payload=text, prev_hash=prev, hash=h
            )
        )
        return AuditEntry(seq, at, kind, text, prev, h)

    def record(self, at: str, kind: str, payload: dict[str, Any]) -> AuditEntry:
        """Append one audit entry in its own transaction (a write that has no rows of its
        own in the tables above, such as a key made or revoked)."""
        with self.engine.begin() as conn:
            return self.append(conn, at, kind, payload)

    def audit_entries(self) -> Iterator[AuditEntry]:
        with self.engine.connect() as conn:
            for r in conn.execute(select(audit_log).order_by(audit_log.c.seq)):
                yield AuditEntry(r.seq, r.at, r.kind, r.payload, r.prev_hash, r.hash)

    def verify(self) -> list[str]:
        return verify_chain(self.audit_entries())

    # runs -------------------------------------------------------------------------------
    def start_run(
        self,
        at: str,
        command: str,
        input_name: str,
        as_of: str | None,
        regime: str,
        fingerprint: str,
        options: dict[str, Any],
        actor: dict[str, Any] | None = None,
    ) -> int:
        """Open a run; ``actor`` (who started it: an API key's id, tenant and role) goes into
        the audit entry."""
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(runs).values(
                    started_at=at,
                    command=command,
                    input=input_name,
                    as_of=as_of,
                    regime=regime,
                    regime_fingerprint=fingerprint,
                    options=options,
                    rows=0,
                    errors=0,
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            run_id = int(key[0])
            self.append(
                conn,
                at,
                "run.started",
                {
                    "run": run_id,
                    "command": command,
                    "input": input_name,
                    "as_of": as_of,
                    "regime": regime,
                    "regime_fingerprint": fingerprint,
                    "options": options,
                    **({"actor": actor} if actor else {}),
                },
            )
        return run_id

    def add_decisions(self, run_id: int, first_row: int, lines: list[str]) -> None:
        """Record a batch of output lines (JSON), rows numbered from ``first_row``."""
        rows = []
        for i, line in enumerate(lines):
            obj = orjson.loads(line)
            rows.append(
                {
                    "run_id": run_id,
                    "row": first_row + i,
                    "line_id": obj.get("id"),
                    "as_of": obj.get("as_of"),
                    "decision": obj.get("decision"),
                    "body": line,
                }
            )
        if rows:
            with self.engine.begin() as conn:
                conn.execute(insert(decisions), rows)

    def finish_run(
        self,
        run_id: int,
        at: str,
        rows: int,
        errors: int,
        counts: dict[str, int],
        actor: dict[str, Any] | None = None,
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(runs)
                .where(runs.c.id == run_id)
                .values(finished_at=at, rows=rows, errors=errors, counts=counts)
            )
            stored = conn.execute(
                select(func.count()).select_from(decisions).where(decisions.c.run_id == run_id)
            ).scalar_one()
            self.append(
                conn,
                at,
                "run.finished",
                {
                    "run": run_id,
                    "rows": rows,
                    "errors": errors,
                    "counts": counts,
                    "decisions_stored": stored,
                    **({"actor": actor} if actor else {}),
                },
            )

    def list_runs(self, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """The most recent runs first."""
        q = select(runs).order_by(runs.c.id.desc()).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [{str(k): v for k, v in r._mapping.items()} for r in conn.execute(q)]

    def count_runs(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(runs)).scalar_one())

    def get_run(self, run_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(runs).where(runs.c.id == run_id)).first()
            return {str(k): v for k, v in r._mapping.items()} if r else None

    def decisions_page(self, run_id: int, limit: int, offset: int = 0) -> list[dict[str, Any]]:
        """Decisions of a run in row order, ``limit`` from ``offset``."""
        with self.engine.connect() as conn:
            result = conn.execute(
                select(decisions.c.body)
                .where(decisions.c.run_id == run_id)
                .order_by(decisions.c.row)
                .limit(limit)
                .offset(offset)
            )
            return [orjson.loads(r.body) for r in result]

    def decisions_of(self, run_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            result = conn.execute(
                select(decisions.c.body)
                .where(decisions.c.run_id == run_id)
                .order_by(decisions.c.row)
            )
            return [orjson.loads(r.body) for r in result]


def open_store(url: str | None = None) -> Store:
    """Open (creating tables if needed) the store at ``url`` (default: :func:`default_url`)."""
    url = url or default_url()
    try:
        if url.startswith("sqlite:///"):
            Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        metadata.create_all(engine)
    except (SQLAlchemyError, OSError) as exc:
        raise StoreError(f"cannot open the store {url}: {exc}") from None
    return Store(engine)
