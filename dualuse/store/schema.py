"""Tables, in SQLAlchemy Core so the same schema serves SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("command", String(32), nullable=False),
    Column("input", Text, nullable=False),
    Column("as_of", String(10)),
    Column("regime", String(64), nullable=False),  # regime name
    Column("regime_fingerprint", String(64), nullable=False),
    Column("options", JSON, nullable=False),
    Column("rows", BigInteger, nullable=False, default=0),
    Column("errors", BigInteger, nullable=False, default=0),
    Column("counts", JSON),
)

decisions = Table(
    "decisions",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("row", BigInteger, nullable=False),
    Column("line_id", Text),
    Column("as_of", String(10)),
    Column("decision", String(20)),
    Column("body", Text, nullable=False),  # the output line as written (JSON)
    Index("ix_decisions_run_row", "run_id", "row", unique=True),
    Index("ix_decisions_line", "line_id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("payload", Text, nullable=False),  # canonical JSON
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)
