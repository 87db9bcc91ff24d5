"""Tables, in SQLAlchemy Core so the same schema serves SQLite and PostgreSQL.

The migrations (``dualuse/store/migrations``) create exactly these tables; a test compares
the two. Every table but the audit log carries ``audit_seq`` (the audit entry that last
wrote the row) and ``row_hash`` (SHA-256 of the row's content, :mod:`dualuse.store.rowhash`),
so that ``store verify`` can tell which row of which table was altered, removed or added.
JSON values are kept as canonical text, not a JSON column type, so that a row hashes the
same on every database. Amounts are decimal text, for the same reason.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()


def _sealed() -> list[Column[object]]:
    """The two columns that tie a row to the audit log."""
    return [
        Column("audit_seq", BigInteger, nullable=False),
        Column("row_hash", String(64), nullable=False),
    ]


def _who() -> list[Column[object]]:
    """Who wrote the row, when, and under which regime data."""
    return [
        Column("actor", Text, nullable=False),
        Column("at", String(32), nullable=False),
        Column("regime_fingerprint", String(64), nullable=False),
    ]


audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("payload", Text, nullable=False),  # canonical JSON
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)

settings = Table(
    "settings",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    *_who(),
    *_sealed(),
)

runs = Table(
    "runs",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("command", String(32), nullable=False),
    Column("input", Text, nullable=False),
    Column("as_of", String(10)),
    Column("regime", String(64), nullable=False),
    Column("regime_fingerprint", String(64), nullable=False),
    Column("options", Text, nullable=False),  # canonical JSON
    Column("run_key", String(64)),  # the checkpoint key of a run into -o OUT (for --resume)
    Column("actor", Text, nullable=False),
    Column("rows", BigInteger, nullable=False),
    Column("errors", BigInteger, nullable=False),
    Column("counts", Text),  # canonical JSON
    Column("resumed", Integer, nullable=False),  # times the run was continued by --resume
    *_sealed(),
    Index("ix_runs_run_key", "run_key"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("run_id", BigInteger, primary_key=True, autoincrement=False),
    Column("row", BigInteger, primary_key=True, autoincrement=False),
    Column("line_id", Text),
    Column("as_of", String(10)),
    Column("decision", String(20)),
    Column("body", Text, nullable=False),  # the output line as written (JSON)
    *_sealed(),
    Index("ix_decisions_line", "line_id"),
)

counterparties = Table(
    "counterparties",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("key", Text, nullable=False),  # the name as the screening package normalises it
    Column("country", String(2), nullable=False),  # "" when unknown
    Column("name", Text, nullable=False),  # as first seen
    Column("first_run", BigInteger),
    *_who(),
    *_sealed(),
    UniqueConstraint("key", "country", name="uq_counterparties_key_country"),
)

# the last screening of each counterparty: the baseline of the next delta re-screening
screenings = Table(
    "screenings",
    metadata,
    Column("counterparty_id", BigInteger, primary_key=True, autoincrement=False),
    Column("as_of", String(10), nullable=False),
    Column("lists", String(64), nullable=False),  # digest of imported lists ("" = none)
    Column("hits", Text, nullable=False),  # canonical JSON: [{entity_id, version, ...}]
    *_who(),
    *_sealed(),
)

cases = Table(
    "cases",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("counterparty_id", BigInteger, nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("list", String(16), nullable=False),
    Column("listed_name", Text, nullable=False),
    Column("entity_version", String(64), nullable=False),  # hash of the listed record
    Column("name", Text, nullable=False),  # the exact name that hit
    Column("score", String(16), nullable=False),
    Column("exact", Integer, nullable=False),
    Column("status", String(24), nullable=False),
    Column("pending", Text),  # canonical JSON of the decision awaiting a second reviewer
    Column("opened_run", BigInteger),
    *_who(),
    *_sealed(),
    UniqueConstraint("counterparty_id", "entity_id", name="uq_cases_pair"),
)

case_events = Table(
    "case_events",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("case_id", BigInteger, nullable=False),
    Column("kind", String(24), nullable=False),
    Column("reason", Text),
    Column("detail", Text),  # canonical JSON
    *_who(),
    *_sealed(),
    Index("ix_case_events_case", "case_id"),
)

# the good-guy list: a cleared (name, list entry version) pair
clearances = Table(
    "clearances",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("case_id", BigInteger, nullable=False),
    Column("counterparty_id", BigInteger, nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("entity_version", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("cleared_by", Text, nullable=False),
    Column("approved_by", Text),
    Column("expires", String(10)),
    Column("active", Integer, nullable=False),
    *_who(),
    *_sealed(),
    Index("ix_clearances_pair", "counterparty_id", "entity_id"),
)

licences = Table(
    "licences",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("number", Text, nullable=False, unique=True),
    Column("kind", String(16), nullable=False),  # individual | general | registration
    Column("holder", Text, nullable=False),
    Column("consignee", Text),
    Column("end_user", Text),
    Column("destination", String(2)),
    Column("valid_from", String(10), nullable=False),
    Column("valid_to", String(10), nullable=False),
    Column("note", Text),
    *_who(),
    *_sealed(),
)

licence_items = Table(
    "licence_items",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("licence_id", BigInteger, nullable=False),
    Column("position", Integer, nullable=False),
    Column("control_code", Text, nullable=False),
    Column("quantity", String(40)),  # granted, decimal text; null = no quantity limit
    Column("unit", String(16)),
    Column("value", String(40)),  # granted, decimal text; null = no value limit
    Column("currency", String(3)),
    *_sealed(),
    UniqueConstraint("licence_id", "position", name="uq_licence_items_position"),
)

# movements: one draw-down per (licence, line id), whatever the run
licence_draws = Table(
    "licence_draws",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("licence_id", BigInteger, nullable=False),
    Column("item_id", BigInteger, nullable=False),
    Column("line_id", Text, nullable=False),
    Column("run_id", BigInteger),
    Column("row", BigInteger),
    Column("quantity", String(40)),
    Column("value", String(40)),
    *_who(),
    *_sealed(),
    UniqueConstraint("licence_id", "line_id", name="uq_licence_draws_line"),
)

rescreens = Table(
    "rescreens",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("from_date", String(10)),
    Column("to_date", String(10), nullable=False),
    Column("lists", String(64), nullable=False),
    Column("counterparties", BigInteger, nullable=False),
    Column("changes", BigInteger, nullable=False),
    *_who(),
    *_sealed(),
)

rescreen_changes = Table(
    "rescreen_changes",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("rescreen_id", BigInteger, nullable=False),
    Column("counterparty_id", BigInteger, nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("change", String(8), nullable=False),  # new | changed | removed
    Column("before", Text),  # canonical JSON of the hit compared from
    Column("after", Text),  # and to
    Column("from_date", String(10)),
    Column("from_fingerprint", String(64)),
    Column("to_date", String(10), nullable=False),
    Column("to_fingerprint", String(64), nullable=False),
    Column("case_id", BigInteger),
    *_sealed(),
    Index("ix_rescreen_changes_rescreen", "rescreen_id"),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(16), primary_key=True),  # the public part of the token
    Column("token_sha256", String(64), nullable=False, unique=True),  # never the token
    Column("tenant", String(64), nullable=False),
    Column("role", String(16), nullable=False),
    Column("label", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("created_by", Text, nullable=False),
    Column("revoked_at", String(32)),
    *_who(),
    *_sealed(),
    Index("ix_api_keys_tenant", "tenant"),
)

#: tables whose rows are sealed one by one (decisions are sealed per batch, see rowhash)
SEALED = (
    settings,
    runs,
    counterparties,
    screenings,
    cases,
    case_events,
    clearances,
    licences,
    licence_items,
    licence_draws,
    rescreens,
    rescreen_changes,
    api_keys,
)
ALL_TABLES = (audit_log, *SEALED, decisions)
