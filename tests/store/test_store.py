"""Runs and decisions, the schema and its migrations, concurrency and resume, on SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text

from dualuse.regime import Regime
from dualuse.store import Store, StoreError, open_store, verify_chain
from dualuse.store.audit import GENESIS, AuditEntry, entry_hash
from dualuse.store.migrate import HEAD, script_head
from dualuse.store.runs import decisions_of, list_runs
from dualuse.store.schema import decisions, licence_draws, metadata, runs
from dualuse.store.verify import verify_store

from .conftest import ROOT, record_run, run_cli


def test_a_run_is_recorded_with_who_when_and_the_regime(store: Store, regime: Regime) -> None:
    rec = record_run(store, regime)
    assert [d["id"] for d in decisions_of(store, rec.run_id)] == ["L0", "L1", "L2"]
    run = list_runs(store)[0]
    assert run["rows"] == 3 and run["counts"] == {"licence_required": 3}
    assert run["actor"] == "alice" and run["regime_fingerprint"] == regime.fingerprint
    entries = list(store.audit_entries())
    assert [e.kind for e in entries] == ["run.started", "decisions.recorded", "run.finished"]
    assert all(json.loads(e.payload)["actor"] == "alice" for e in entries)
    assert verify_store(store).problems == []


def test_chain_verification_is_pure() -> None:
    e1 = AuditEntry(1, "t", "k", "{}", GENESIS, entry_hash(1, "t", "k", "{}", GENESIS))
    e2 = AuditEntry(2, "t", "k", "{}", e1.hash, entry_hash(2, "t", "k", "{}", e1.hash))
    assert verify_chain([e1, e2]) == []
    assert verify_chain([e2, e1]) != []


def test_the_migrations_make_exactly_the_schema(store: Store) -> None:
    assert script_head() == HEAD
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_a_store_from_before_migrations_is_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match="earlier dualuse without schema versions"):
        open_store(f"sqlite:///{path}")


def test_check_store_records_what_it_printed(store_url: str) -> None:
    p = run_cli(
        "check", str(ROOT / "examples" / "shipments.csv"), "--format", "jsonl", "--db", store_url,
        "--user", "carol",
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    printed = [json.loads(x) for x in p.stdout.splitlines()]
    store = open_store(store_url)
    run = list_runs(store, 1)[0]
    assert run["actor"] == "carol" and len(run["regime_fingerprint"]) == 64
    assert decisions_of(store, run["id"]) == printed
    head = store.head()
    assert head is not None and f"audit head {head.seq}:{head.hash}" in p.stderr
    v = run_cli("store", "verify", "--db", store_url)
    assert v.returncode == 0 and "store intact" in v.stdout, v.stderr
    store.engine.dispose()


def test_unreachable_store_is_one_line() -> None:
    env = {"DUALUSE_DB": "postgresql+psycopg://nobody@127.0.0.1:1/none"}
    p = run_cli("store", "runs", env=env)
    assert p.returncode == 2 and "cannot open the store" in p.stderr
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1


def _licensed_lines(path: Path, prefix: str, n: int, qty: int = 10) -> None:
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "date", "destination_country", "consignee", "end_user_type",
                    "hs_code", "description", "quantity", "unit", "licence_id"])  # fmt: skip
        for i in range(n):
            party = "Tokyo Magnet Trading K.K."
            item = ("2846901940", "Samarium oxide 99.9%")
            w.writerow([f"{prefix}{i:05d}", "2026-03-02", "JP", party, "civilian", *item, qty,
                        "kg", "L-1"])  # fmt: skip


@pytest.mark.slow
def test_four_processes_on_a_new_store_lose_nothing_and_never_overdraw(
    store_url: str, tmp_path: Path
) -> None:
    """Four ``check --store`` at once on a store that does not exist yet: every run recorded
    and finished, no 'locked' or 'already exists', and a licence of 100 kg covering exactly
    ten 10 kg lines among the 4 x 6 that name it."""
    env = {"DUALUSE_USER": "batch"}
    lic = tmp_path / "lic.csv"
    lic.write_text(
        "number,kind,holder,valid_from,valid_to,control_code,quantity,unit\n"
        "L-1,individual,Acme,2026-01-01,2026-12-31,1C902.b,100,kg\n"
    )
    files = []
    for k in range(4):
        f = tmp_path / f"in{k}.csv"
        _licensed_lines(f, f"P{k}-", 6)
        files.append(f)
    # the licence is imported by one of the racers' peers: first use races too
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dualuse",
                "check",
                str(f),
                "--format",
                "jsonl",
                "--db",
                store_url,
            ],  # fmt: skip
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        )
        for f in files[:2]
    ]
    imp = run_cli("licence", "import", str(lic), "--db", store_url, env=env)
    procs += [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dualuse",
                "check",
                str(f),
                "--format",
                "jsonl",
                "--db",
                store_url,
            ],  # fmt: skip
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        )
        for f in files[2:]
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert imp.returncode == 0, imp.stderr
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "locked" not in err and "already exists" not in err
    store = open_store(store_url)
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(runs)).scalar() == 4
        assert conn.execute(select(func.count()).select_from(decisions)).scalar() == 24
        assert conn.execute(select(func.count()).where(runs.c.finished_at.is_(None))).scalar() == 0
        drawn = conn.execute(select(licence_draws.c.quantity)).scalars().all()
    covered = [json.loads(x)["decision"] for out, _ in outs for x in out.splitlines()].count(
        "allowed"
    )
    # lines decided before the licence was recorded are not covered; none is overdrawn
    assert len(drawn) == covered <= 10 and sum(int(q) for q in drawn) <= 100
    assert verify_store(store).problems == []
    store.engine.dispose()


@pytest.mark.slow
def test_four_processes_fill_one_licence_exactly(store_url: str, tmp_path: Path) -> None:
    """With the licence recorded first, four concurrent runs of 6 x 10 kg lines draw exactly
    100 kg: ten lines covered, fourteen told the licence is exhausted."""
    lic = tmp_path / "lic.csv"
    lic.write_text(
        "number,kind,holder,valid_from,valid_to,control_code,quantity,unit\n"
        "L-1,individual,Acme,2026-01-01,2026-12-31,1C902.b,100,kg\n"
    )
    assert run_cli("licence", "import", str(lic), "--db", store_url).returncode == 0
    procs = []
    for k in range(4):
        f = tmp_path / f"in{k}.csv"
        _licensed_lines(f, f"Q{k}-", 6)
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "dualuse",
                    "check",
                    str(f),
                    "--format",
                    "jsonl",
                    "--db",
                    store_url,
                ],  # fmt: skip
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
        )
    outs = [p.communicate(timeout=600) for p in procs]
    decided = [json.loads(x) for out, _ in outs for x in out.splitlines()]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    assert [d["decision"] for d in decided].count("allowed") == 10
    refused = [d for d in decided if d["decision"] == "licence_required"]
    assert len(refused) == 14
    assert all("exhausted" in json.dumps(d["reasons"]) for d in refused)
    store = open_store(store_url)
    with store.engine.connect() as conn:
        drawn = conn.execute(select(licence_draws.c.quantity)).scalars().all()
    assert sorted(drawn) == ["10"] * 10
    store.engine.dispose()


@pytest.mark.slow
def test_a_killed_run_resumes_into_the_same_record(store_url: str, tmp_path: Path) -> None:
    """``check --store -o OUT`` killed part-way, then ``--resume``: one run, every row once,
    finished, each licensed line drawn once."""
    lic = tmp_path / "lic.csv"
    lic.write_text(
        "number,kind,holder,valid_from,valid_to,control_code,quantity,unit\n"
        "L-1,individual,Acme,2026-01-01,2026-12-31,1C902.b,1000000,kg\n"
    )
    assert run_cli("licence", "import", str(lic), "--db", store_url).returncode == 0
    src = tmp_path / "in.csv"
    n = 1000  # ten batches of 100: killed after the third
    _licensed_lines(src, "R", n, qty=1)
    out = tmp_path / "out.jsonl"
    args = [sys.executable, "-m", "dualuse", "check", str(src), "--format", "jsonl",
            "-o", str(out), "--db", store_url]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DUALUSE_BATCH_ROWS": "100",
           "DUALUSE_CHECKPOINT_SECONDS": "0"}  # fmt: skip
    p = subprocess.Popen(args, env=env, stderr=subprocess.PIPE, text=True)
    store = open_store(store_url)
    deadline = time.monotonic() + 300
    stored = 0
    while time.monotonic() < deadline and p.poll() is None:
        with store.engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(licence_draws)).scalar() or 0
        if stored >= 300:
            p.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    p.wait(timeout=60)
    assert p.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).where(runs.c.finished_at.is_(None))).scalar() == 1
    r = subprocess.run(args + ["--resume"], env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(runs)).scalar() == 1
        run = conn.execute(select(runs)).one()
        assert run.finished_at is not None and run.rows == n and run.resumed == 1
        assert conn.execute(select(func.count()).select_from(decisions)).scalar() == n
        assert conn.execute(select(func.count()).select_from(licence_draws)).scalar() == n
        lines = conn.execute(select(func.count(func.distinct(licence_draws.c.line_id)))).scalar()
        assert lines == n
    printed = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(printed) == n and {d["decision"] for d in printed} == {"allowed"}
    assert verify_store(store).problems == []
    store.engine.dispose()


def test_store_errors_are_one_line(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    assert run_cli("store", "init", "--db", f"sqlite:///{path}").returncode == 0
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE runs")
    p = run_cli("store", "runs", "--db", f"sqlite:///{path}")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1, p.stderr


def test_reading_a_store_never_migrates_it(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    report = verify_store(open_store(store.url, create=False))
    assert "table alembic_version is missing (schema version unknown)" in report.problems
    assert "alembic_version" not in store.table_names()
