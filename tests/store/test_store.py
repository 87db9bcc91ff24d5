"""Runs, decisions and the hash-chained audit log, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import delete, update

from dualuse.store import Store, open_store, verify_chain
from dualuse.store.audit import GENESIS, AuditEntry, entry_hash
from dualuse.store.schema import audit_log

ROOT = Path(__file__).resolve().parents[2]


def _record(store: Store, n: int = 3) -> int:
    run = store.start_run("2026-03-02T10:00:00Z", "check", "lines.csv", None, "cn", "f" * 64, {})
    lines = [
        json.dumps({"id": f"L{i}", "as_of": "2026-03-02", "decision": "allowed"}) for i in range(n)
    ]
    store.add_decisions(run, 1, lines)
    store.finish_run(run, "2026-03-02T10:00:01Z", n, 0, {"allowed": n})
    return run


def test_a_run_is_recorded_with_its_decisions_and_audit_entries(store: Store) -> None:
    run = _record(store)
    assert [d["id"] for d in store.decisions_of(run)] == ["L0", "L1", "L2"]
    runs = store.list_runs()
    assert runs[0]["rows"] == 3 and runs[0]["counts"] == {"allowed": 3}
    entries = list(store.audit_entries())
    assert [e.kind for e in entries] == ["run.started", "run.finished"]
    assert json.loads(entries[1].payload)["decisions_stored"] == 3
    assert store.verify() == []


def test_altering_an_entry_is_detected(store: Store) -> None:
    _record(store)
    _record(store)
    with store.engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.seq == 2).values(payload='{"rows":99}'))
    problems = store.verify()
    assert problems == ["entry 2: content does not match its hash (altered)"]


def test_removing_an_entry_is_detected(store: Store) -> None:
    _record(store)
    _record(store)
    with store.engine.begin() as conn:
        conn.execute(delete(audit_log).where(audit_log.c.seq == 2))
    problems = store.verify()
    assert any("entry 3" in p for p in problems)


def test_chain_verification_is_pure() -> None:
    e1 = AuditEntry(1, "t", "k", "{}", GENESIS, entry_hash(1, "t", "k", "{}", GENESIS))
    e2 = AuditEntry(2, "t", "k", "{}", e1.hash, entry_hash(2, "t", "k", "{}", e1.hash))
    assert verify_chain([e1, e2]) == []
    assert verify_chain([e2, e1]) != []


def test_check_store_records_what_it_printed(store_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "DUALUSE_DB": store_url}
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "dualuse",
            "check",
            str(ROOT / "examples" / "shipments.csv"),
            "--format",
            "jsonl",
            "--store",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    printed = [json.loads(x) for x in p.stdout.splitlines()]
    store = open_store(store_url)
    run = store.list_runs(1)[0]
    assert run["regime_fingerprint"] and len(run["regime_fingerprint"]) == 64
    assert store.decisions_of(run["id"]) == printed
    v = subprocess.run(
        [sys.executable, "-m", "dualuse", "store", "verify"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert v.returncode == 0 and "intact" in v.stdout
    store.engine.dispose()


def test_unreachable_store_is_a_clear_error(tmp_path: Path) -> None:
    env = {**os.environ, "DUALUSE_DB": "postgresql+psycopg://nobody@127.0.0.1:1/none"}
    p = subprocess.run(
        [sys.executable, "-m", "dualuse", "store", "runs"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert p.returncode == 2 and "cannot open the store" in p.stderr and "Traceback" not in p.stderr
