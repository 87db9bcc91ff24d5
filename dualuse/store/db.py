"""Open a store, and write to it one sealed transaction at a time.

Every write goes through :meth:`Store.write`: one database transaction that holds the store's
write lock (SQLite: ``BEGIN IMMEDIATE``, retried while another process holds it; PostgreSQL:
a transaction-level advisory lock), writes its rows through a :class:`Tx` that hashes each
one, and appends one audit entry naming every row it wrote. Holding one lock for the whole
transaction keeps the audit chain linear and makes balance checks (licence draw-downs) safe
against concurrent runs.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from dualuse.errors import DualuseError
from dualuse.store.audit import GENESIS, AuditEntry, canonical, entry_hash
from dualuse.store.rowhash import digest, key_columns, row_hash, row_key
from dualuse.store.schema import audit_log, decisions

T = TypeVar("T")
CHAIN_LOCK = 0x64756C61  # PostgreSQL advisory lock: one writer of the audit chain at a time
BUSY_SECONDS = 120.0  # how long a writer waits for another process's transaction


class StoreError(DualuseError):
    """The store cannot be opened, read or written (always one line)."""


def one_line(exc: BaseException) -> str:
    """The database's own message, first line only (never the SQL statement)."""
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


def default_url() -> str:
    """``DUALUSE_DB`` if set, else an SQLite file under the user's data directory."""
    env = os.environ.get("DUALUSE_DB")
    if env:
        return env if "://" in env else f"sqlite:///{Path(env).expanduser().resolve()}"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'dualuse' / 'dualuse.db'}"


def sqlite_path(url: str) -> Path | None:
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///") :].split("?", 1)[0])
    return None


def _is_busy(exc: BaseException) -> bool:
    text_ = str(getattr(exc, "orig", exc)).lower()
    return (
        "database is locked" in text_
        or "database is busy" in text_
        or "deadlock detected" in text_
        or "could not serialize" in text_
    )


def retrying(action: Callable[[], T], seconds: float = BUSY_SECONDS) -> T:
    """Run ``action``, again after a short random pause while the database is busy."""
    deadline = time.monotonic() + seconds
    pause = 0.01
    while True:
        try:
            return action()
        except DBAPIError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
        time.sleep(pause * (0.5 + random.random()))
        pause = min(pause * 2, 0.5)


def make_engine(url: str, writable: bool = True) -> Engine:
    """An engine; SQLite connections in WAL mode with a busy timeout, writes ``IMMEDIATE``."""
    if sqlite_path(url) is None:
        return create_engine(url, pool_pre_ping=False)
    engine = create_engine(url, connect_args={"timeout": 30})

    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun by the events below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=30000")
        if writable:

            def wal() -> None:
                cur.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer

            _retry_sqlite(wal)
        cur.close()

    def on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("dualuse_write"):
            _retry_sqlite(lambda: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        else:
            conn.exec_driver_sql("BEGIN")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)
    return engine


def _retry_sqlite(action: Callable[[], Any]) -> None:
    """Retry a statement that SQLite refused because another process holds the lock."""
    import sqlite3

    deadline = time.monotonic() + BUSY_SECONDS
    pause = 0.01
    while True:
        try:
            action()
            return
        except (sqlite3.OperationalError, DBAPIError) as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
        time.sleep(pause * (0.5 + random.random()))
        pause = min(pause * 2, 0.5)


def row_dict(row: Any) -> dict[str, Any]:
    """A result row as a plain dict with plain string keys."""
    return {str(k): v for k, v in row._mapping.items()}


class Tx:
    """The rows one write transaction adds or changes, hashed as they are written."""

    def __init__(
        self, conn: Connection, seq: int, prev: str, at: str, actor: str, fingerprint: str
    ) -> None:
        self.conn = conn
        self.seq = seq
        self.prev = prev
        self.at = at
        self.actor = actor
        self.fingerprint = fingerprint
        self.rows: list[list[Any]] = []  # [table, key, hash]
        self.batches: list[dict[str, Any]] = []
        self._ids: dict[str, int] = {}

    def next_id(self, table: Table) -> int:
        """The next id of ``table`` (the writer holds the lock, so no one else takes it)."""
        if table.name not in self._ids:
            top = self.conn.execute(select(func.max(table.c.id))).scalar()
            self._ids[table.name] = int(top or 0)
        self._ids[table.name] += 1
        return self._ids[table.name]

    def _complete(self, table: Table, values: dict[str, Any]) -> dict[str, Any]:
        row = dict(values)
        for col, value in (
            ("actor", self.actor),
            ("at", self.at),
            ("regime_fingerprint", self.fingerprint),
        ):
            if col in table.c and col not in row:
                row[col] = value
        if "id" in table.c and row.get("id") is None:
            row["id"] = self.next_id(table)
        return row

    def insert(self, table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
        row = self._complete(table, dict(values))
        row["audit_seq"] = self.seq
        row["row_hash"] = row_hash(table, row)
        self.conn.execute(insert(table).values(**row))
        self.rows.append([table.name, row_key(table, row), row["row_hash"]])
        return row

    def get(self, table: Table, **key: Any) -> dict[str, Any] | None:
        cond = [table.c[k] == v for k, v in key.items()]
        found = self.conn.execute(select(table).where(*cond)).first()
        return row_dict(found) if found else None

    def update(
        self, table: Table, key: Mapping[str, Any], changes: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Change a row; its hash and audit entry are renewed."""
        current = self.get(table, **key)
        if current is None:
            raise StoreError(f"{table.name} {list(key.values())}: no such row")
        row = {**current, **changes}
        if "at" in table.c:  # a record that says who changed it last, when, under which data
            for col, value in (
                ("actor", self.actor),
                ("at", self.at),
                ("regime_fingerprint", self.fingerprint),
            ):
                if col not in changes:
                    row[col] = value
        row["audit_seq"] = self.seq
        row["row_hash"] = row_hash(table, row)
        cond = [table.c[k] == row[k] for k in key_columns(table)]
        new = {k: v for k, v in row.items() if k not in key_columns(table)}
        self.conn.execute(update(table).where(*cond).values(**new))
        self.rows.append([table.name, row_key(table, row), row["row_hash"]])
        return row

    def insert_decisions(self, run_id: int, first_row: int, rows: Sequence[dict[str, Any]]) -> None:
        """A batch of decision rows (numbered from ``first_row``), sealed by one digest."""
        if not rows:
            return
        hashes = []
        full = []
        for i, r in enumerate(rows):
            row = {"run_id": run_id, "row": first_row + i, **r, "audit_seq": self.seq}
            row["row_hash"] = row_hash(decisions, row)
            hashes.append(row["row_hash"])
            full.append(row)
        self.conn.execute(insert(decisions), full)
        self.batches.append(
            {"run": run_id, "first": first_row, "count": len(full), "digest": digest(hashes)}
        )


class Store:
    """A database of runs, decisions, cases, licences and the audit log."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.last_entry: AuditEntry | None = None  # the entry this process appended last

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def display_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the store: {one_line(exc)}") from None

    def write(
        self,
        kind: str,
        fn: Callable[[Tx], T],
        *,
        at: str,
        actor: str,
        fingerprint: str = "",
        payload: Mapping[str, Any] | None = None,
    ) -> T:
        """Run ``fn`` in one locked transaction and seal what it wrote with an audit entry.

        ``payload`` (or the dict ``fn`` returns under the key ``"audit"``) goes into the
        entry with the rows' hashes.
        """

        def attempt() -> T:
            with self.engine.connect() as base:
                conn = base.execution_options(dualuse_write=True)
                with conn.begin():
                    if not self.is_sqlite:
                        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHAIN_LOCK})
                    last = conn.execute(
                        select(audit_log.c.seq, audit_log.c.hash)
                        .order_by(audit_log.c.seq.desc())
                        .limit(1)
                    ).first()
                    seq, prev = (int(last.seq) + 1, str(last.hash)) if last else (1, GENESIS)
                    tx = Tx(conn, seq, prev, at, actor, fingerprint)
                    result = fn(tx)
                    body: dict[str, Any] = dict(payload or {})
                    body.update(actor=actor, regime_fingerprint=fingerprint)
                    if tx.rows:
                        body["rows"] = tx.rows
                    if tx.batches:
                        body["decisions"] = tx.batches
                    text_ = canonical(body)
                    entry = AuditEntry(
                        seq, at, kind, text_, prev, entry_hash(seq, at, kind, text_, prev)
                    )
                    conn.execute(
                        insert(audit_log).values(
                            seq=seq,
                            at=at,
                            kind=kind,
                            payload=text_,
                            prev_hash=prev,
                            hash=entry.hash,
                        )
                    )
            self.last_entry = entry
            return result

        try:
            return retrying(attempt)
        except DualuseError:
            raise
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the store: {one_line(exc)}") from None

    # reading the log ---------------------------------------------------------------------
    def audit_entries(self) -> Iterator[AuditEntry]:
        with self.reading() as conn:
            for r in conn.execute(select(audit_log).order_by(audit_log.c.seq)):
                yield AuditEntry(r.seq, r.at, r.kind, r.payload, r.prev_hash, r.hash)

    def head(self) -> AuditEntry | None:
        """The last audit entry: what an auditor keeps as an anchor."""
        with self.reading() as conn:
            r = conn.execute(select(audit_log).order_by(audit_log.c.seq.desc()).limit(1)).first()
        return AuditEntry(r.seq, r.at, r.kind, r.payload, r.prev_hash, r.hash) if r else None

    def setting(self, name: str, default: str = "") -> str:
        from dualuse.store.schema import settings

        with self.reading() as conn:
            value = conn.execute(select(settings.c.value).where(settings.c.name == name)).scalar()
        return str(value) if value is not None else default

    def table_names(self) -> set[str]:
        with self.reading() as conn:
            return set(inspect(conn).get_table_names())


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open the store at ``url`` (default: :func:`default_url`).

    With ``create`` (every command that records) a missing store is created and its schema
    brought to the current version under a lock; without it (``store verify``, exports) the
    store is read as it is, and a missing SQLite file is an error rather than a new file.
    """
    url = url or default_url()
    path = sqlite_path(url)
    try:
        if path is not None:
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            elif not path.is_file():
                raise StoreError(f"no store at {path}")
        engine = make_engine(url, writable=create)
        store = Store(engine, url)
        with engine.connect():
            pass
        if create:
            from dualuse.store.migrate import upgrade

            upgrade(store)
    except DualuseError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise StoreError(f"cannot open the store {_safe(url)}: {one_line(exc)}") from None
    return store


def _safe(url: str) -> str:
    """The URL without a password."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url
