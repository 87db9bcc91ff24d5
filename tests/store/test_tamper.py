"""Tampering as an attacker with raw SQL would do it, and ``store verify`` naming it.

Each kind of change is tried on every table of a store that has rows in all of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from dualuse.regime import Regime
from dualuse.store import Store, open_store
from dualuse.store.rowhash import row_hash
from dualuse.store.schema import SEALED, audit_log, decisions
from dualuse.store.verify import check_anchors, verify_store

from .conftest import populate, run_cli

TABLES = [t.name for t in SEALED] + [decisions.name]
# a content column of each table that an attacker would edit
EDIT = {
    "settings": "value", "runs": "rows", "decisions": "decision", "counterparties": "name",
    "screenings": "hits", "cases": "status", "case_events": "reason", "clearances": "reason",
    "licences": "valid_to", "licence_items": "quantity", "licence_draws": "quantity",
    "rescreens": "changes", "rescreen_changes": "change", "api_keys": "role",
}  # fmt: skip
# values that keep a copied row clear of the tables' unique constraints
UNIQUE = {
    "counterparties": {"key": "'forged'"}, "cases": {"entity_id": "'forged'"},
    "licences": {"number": "'forged'"}, "licence_items": {"position": "99"},
    "licence_draws": {"line_id": "'forged'"}, "api_keys": {"token_sha256": "'forged'"},
}  # fmt: skip


@pytest.fixture
def full(store: Store, regime: Regime) -> Store:
    populate(store, regime)
    report = verify_store(store)
    assert report.problems == []
    assert all(n > 0 for n in report.rows.values()), report.rows
    return store


def _sql(store: Store, sql: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(sql))


def _key(table: str) -> str:
    return {"settings": "name", "screenings": "counterparty_id"}.get(table, "id")


def _first(store: Store, table: str) -> str:
    key = "row" if table == "decisions" else _key(table)
    with store.engine.connect() as conn:
        v = conn.execute(text(f'SELECT min("{key}") FROM "{table}"')).scalar()
    return f"'{v}'" if isinstance(v, str) else str(v)


def _problems(store: Store) -> list[str]:
    return verify_store(store).problems


@pytest.mark.parametrize("table", TABLES)
def test_an_altered_row_is_named(full: Store, table: str) -> None:
    col = EDIT[table]
    key = "row" if table == "decisions" else _key(table)
    value = "'1'" if col in ("rows", "changes") else "'tampered'"
    if col == "rows":
        value = "999"
    if col == "changes":
        value = "42"
    _sql(full, f'UPDATE "{table}" SET "{col}" = {value} WHERE "{key}" = {_first(full, table)}')
    problems = _problems(full)
    assert any(p.startswith(f"{table} ") and "altered" in p for p in problems), problems


@pytest.mark.parametrize("table", TABLES)
def test_a_deleted_row_is_named(full: Store, table: str) -> None:
    key = "row" if table == "decisions" else _key(table)
    _sql(full, f'DELETE FROM "{table}" WHERE "{key}" = {_first(full, table)}')
    problems = _problems(full)
    assert any(p.startswith(f"{table} ") and "missing" in p for p in problems), problems


@pytest.mark.parametrize("table", TABLES)
def test_an_inserted_row_is_named(full: Store, table: str) -> None:
    key = "row" if table == "decisions" else _key(table)
    with full.engine.connect() as conn:
        cols = [c for c in conn.execute(text(f'SELECT * FROM "{table}"')).keys()]
    new_key = "'forged'" if table == "settings" else "9999"
    unique = UNIQUE.get(table, {})
    select = ", ".join(new_key if c == key else unique.get(c, f'"{c}"') for c in cols)
    names = ", ".join(f'"{c}"' for c in cols)
    _sql(
        full,
        f'INSERT INTO "{table}" ({names}) SELECT {select} FROM "{table}" '
        f'WHERE "{key}" = {_first(full, table)}',
    )
    problems = _problems(full)
    assert any(p.startswith(f"{table} ") and "inserted" in p for p in problems), problems


@pytest.mark.parametrize("table", TABLES)
def test_an_altered_row_with_its_hash_recomputed_is_named(full: Store, table: str) -> None:
    """The attacker knows the row hash and recomputes it: the audit log's record differs."""
    tbl = next(t for t in (*SEALED, decisions) if t.name == table)
    col = EDIT[table]
    with full.engine.begin() as conn:
        row = dict(conn.execute(tbl.select().limit(1)).first()._mapping)  # type: ignore[union-attr]
        row = {str(k): v for k, v in row.items()}
        row[col] = 12345 if isinstance(row[col], int) else "tampered"
        keys = [c.name for c in tbl.primary_key.columns]
        conn.execute(
            tbl.update()
            .where(*[tbl.c[k] == row[k] for k in keys])
            .values({col: row[col], "row_hash": row_hash(tbl, row)})
        )
    problems = _problems(full)
    assert any(p.startswith(f"{table} ") and "altered" in p for p in problems), problems


def test_swapped_decisions_are_named(full: Store) -> None:
    # two rows of one run exchange their bodies (reordering what was decided)
    _sql(full, 'UPDATE decisions SET "row" = -1 WHERE "row" = 1')
    _sql(full, 'UPDATE decisions SET "row" = 1 WHERE "row" = 2')
    _sql(full, 'UPDATE decisions SET "row" = 2 WHERE "row" = -1')
    problems = _problems(full)
    assert any("decisions run_id=1 row=1" in p for p in problems), problems


def test_a_changed_decision_is_named(full: Store) -> None:
    _sql(full, "UPDATE decisions SET decision = 'allowed' WHERE line_id = 'L1'")
    assert _problems(full) == [
        "decisions run_id=1 row=2 (line L1): content does not match its hash (altered)"
    ]


def test_edited_run_counts_are_named(full: Store) -> None:
    _sql(full, "UPDATE runs SET rows = 1, counts = NULL WHERE id = 1")
    assert _problems(full) == ["runs id=1: content does not match its hash (altered)"]


def test_a_deleted_last_run_is_named(full: Store) -> None:
    _sql(full, "DELETE FROM runs WHERE id = (SELECT max(id) FROM runs)")
    assert any(p.startswith("runs id=1: missing") for p in _problems(full))


def test_a_deleted_last_audit_entry_is_named(full: Store) -> None:
    _sql(full, "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    problems = _problems(full)
    assert any("not in the audit log" in p or "does not match audit entry" in p for p in problems)


def test_audit_entries_altered_removed_reordered(full: Store) -> None:
    _sql(full, "UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE seq = 2")
    assert "audit_log entry 2: content does not match its hash (altered)" in _problems(full)


def test_a_reordered_audit_log_is_named(full: Store) -> None:
    _sql(full, "UPDATE audit_log SET seq = -2 WHERE seq = 2")
    _sql(full, "UPDATE audit_log SET seq = 2 WHERE seq = 3")
    _sql(full, "UPDATE audit_log SET seq = 3 WHERE seq = -2")
    problems = _problems(full)
    assert any(p.startswith("audit_log entry 2") for p in problems), problems


def test_a_dropped_audit_table_is_named_and_not_recreated(full: Store) -> None:
    _sql(full, "DROP TABLE audit_log")
    assert "table audit_log is missing" in _problems(full)
    assert "audit_log" not in full.table_names()


def test_a_dropped_table_is_named(full: Store) -> None:
    _sql(full, "DROP TABLE licence_draws")
    assert "table licence_draws is missing" in _problems(full)


def test_an_empty_store_is_an_error(store: Store) -> None:
    problems = _problems(store)
    assert problems == ["the audit log is empty: the store is empty or truncated"]


def test_a_zero_byte_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    p = run_cli("store", "verify", "--db", f"sqlite:///{path}")
    assert p.returncode == 2 and "empty or truncated" in p.stderr, p.stderr
    assert "Traceback" not in p.stderr and path.stat().st_size == 0


def test_a_missing_file_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    p = run_cli("store", "verify", "--db", f"sqlite:///{path}")
    assert p.returncode == 2 and "no store at" in p.stderr
    assert not path.exists()


def test_a_recomputed_chain_is_caught_by_an_anchor(full: Store) -> None:
    """The attacker rewrites a decision and recomputes every hash after it: the chain is
    consistent again, but the head an auditor kept is gone."""
    from dualuse.store.audit import GENESIS, canonical, entry_hash
    from dualuse.store.rowhash import digest

    anchor = full.head()
    assert anchor is not None
    kept = f"{anchor.seq}:{anchor.hash}"
    with full.engine.begin() as conn:
        conn.execute(text("UPDATE decisions SET decision = 'allowed' WHERE \"row\" = 1"))
        rows = [
            {str(k): v for k, v in r._mapping.items()}
            for r in conn.execute(decisions.select().order_by(decisions.c.row))
        ]
        hashes = []
        for r in rows:
            r["row_hash"] = row_hash(decisions, r)
            hashes.append(r["row_hash"])
            conn.execute(
                decisions.update()
                .where(decisions.c.run_id == r["run_id"], decisions.c.row == r["row"])
                .values(row_hash=r["row_hash"])
            )
        import orjson

        prev = GENESIS
        entries = list(conn.execute(audit_log.select().order_by(audit_log.c.seq)))
        for e in entries:
            payload = orjson.loads(e.payload)
            for b in payload.get("decisions", []):
                b["digest"] = digest(hashes)
            text_ = canonical(payload)
            h = entry_hash(e.seq, e.at, e.kind, text_, prev)
            conn.execute(
                audit_log.update()
                .where(audit_log.c.seq == e.seq)
                .values(payload=text_, prev_hash=prev, hash=h)
            )
            prev = h
    report = verify_store(full)
    assert report.problems == []  # self-consistent: only an anchor can tell
    check_anchors(report, full.audit_entries(), [kept])
    assert report.problems and report.problems[0].startswith(f"anchor {kept}: not in the audit log")


def test_anchors_of_an_intact_store_are_found(full: Store, tmp_path: Path) -> None:
    head = full.head()
    assert head is not None
    anchors = tmp_path / "anchors.txt"
    anchors.write_text(f"# kept by the auditor\n2026-03-02 run 1 {head.seq}:{head.hash}\n")
    p = run_cli("store", "verify", "--db", full.url, "--anchors", str(anchors))
    assert p.returncode == 0 and "1 anchor(s) found" in p.stdout, p.stderr
    h = run_cli("store", "head", "--db", full.url)
    assert h.stdout.strip() == f"{head.seq}:{head.hash}"
    bad = run_cli("store", "verify", "--db", full.url, "--anchor", "0" * 64)
    assert bad.returncode == 2 and "not in the audit log" in bad.stderr


def test_verify_reports_on_a_store_opened_read_only(full: Store) -> None:
    again = open_store(full.url, create=False)
    assert verify_store(again).problems == []
