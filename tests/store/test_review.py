"""Hit review: cases opened by hits, cleared pairs that stay cleared until the list entry or
the name changes (or the clearance expires), four eyes."""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa
import pytest

from dualuse.regime import Regime
from dualuse.services.cases import ReviewError, approve, decide, list_cases, show_case
from dualuse.services.parties import Hit, Sighting
from dualuse.services.recording import Recorder, record_sightings
from dualuse.store import Store

from .conftest import Clock, record_run, run_cli


def _write(store: Store, fn: Any, actor: str = "alice", at: str = "2026-03-02T10:00:00Z") -> Any:
    return store.write("test", fn, at=at, actor=actor, fingerprint="f" * 64)


def _sight(store: Store, name: str, hit: Hit, at: str = "2026-03-03T10:00:00Z") -> None:
    s = Sighting(name, "JP", "2026-03-03")
    s.hits[hit.entity_id] = hit
    _write(store, lambda tx: record_sightings(tx, [s], None), at=at)


def _hit(version: str = "v1") -> Hit:
    return Hit("cn.mofcom.2026-12.01", "cn:watch", "SUBARU Corporation", version, 1.0, True)


def _status(store: Store) -> list[str]:
    return [c["status"] for c in list_cases(store)]


def test_a_hit_opens_one_case_per_counterparty_and_entry(store: Store, regime: Regime) -> None:
    record_run(store, regime)
    record_run(store, regime, consignee="Subaru  corporation")  # the same after normalisation
    cases = list_cases(store)
    assert len(cases) == 1
    c = cases[0]
    assert c["status"] == "open" and c["entity_id"] == "cn.mofcom.2026-12.01"
    assert c["counterparty"] == "SUBARU Corporation" and c["country"] == "JP"
    assert c["actor"] == "alice" and len(c["entity_version"]) == 64


def test_a_cleared_hit_stays_cleared_until_its_entry_changes(store: Store) -> None:
    _sight(store, "SUBARU Corporation", _hit("v1"))
    _write(store, lambda tx: decide(tx, 1, "clear", "another Subaru", False))
    for _ in range(3):
        _sight(store, "SUBARU Corporation", _hit("v1"))
    assert _status(store) == ["cleared"]
    _sight(store, "SUBARU Corporation", _hit("v2"))  # the listed record changed
    assert _status(store) == ["open"]
    events = show_case(store, 1)["events"]
    assert events[-1]["kind"] == "reopened"
    assert "changed since it was cleared" in events[-1]["reason"]
    assert [c["active"] for c in show_case(store, 1)["clearances"]] == [0]


def test_a_cleared_hit_reopens_when_the_name_changes(store: Store) -> None:
    _sight(store, "SUBARU Corporation", _hit())
    _write(store, lambda tx: decide(tx, 1, "clear", "another Subaru", False))
    _sight(store, "Subaru Corporation", _hit())  # same counterparty, another spelling
    assert _status(store) == ["open"]
    assert "the name differs" in show_case(store, 1)["events"][-1]["reason"]


def test_a_clearance_expires(store: Store) -> None:
    _sight(store, "SUBARU Corporation", _hit())
    _write(store, lambda tx: decide(tx, 1, "clear", "checked", False, expires="2026-03-10"))
    _sight(store, "SUBARU Corporation", _hit(), at="2026-03-10T12:00:00Z")
    assert _status(store) == ["cleared"]
    _sight(store, "SUBARU Corporation", _hit(), at="2026-03-11T12:00:00Z")
    assert _status(store) == ["open"]
    assert "expired on 2026-03-10" in show_case(store, 1)["events"][-1]["reason"]


def test_four_eyes_needs_a_second_different_reviewer(store: Store) -> None:
    _sight(store, "SUBARU Corporation", _hit())
    _write(store, lambda tx: decide(tx, 1, "clear", "another Subaru", True), actor="alice")
    assert _status(store) == ["pending_clear"]
    with pytest.raises(ReviewError, match="a different reviewer"):
        _write(store, lambda tx: approve(tx, 1), actor="alice")
    _write(store, lambda tx: approve(tx, 1), actor="bob")
    case = show_case(store, 1)
    assert case["status"] == "cleared"
    assert case["clearances"][0]["cleared_by"] == "alice"
    assert case["clearances"][0]["approved_by"] == "bob"


def test_a_rejected_request_goes_back_to_open(store: Store) -> None:
    _sight(store, "SUBARU Corporation", _hit())
    _write(store, lambda tx: decide(tx, 1, "confirm", "it is Subaru", True), actor="alice")
    _write(store, lambda tx: approve(tx, 1, reject=True, note="check again"), actor="bob")
    assert _status(store) == ["open"]
    assert show_case(store, 1)["events"][-1]["kind"] == "rejected"


def test_a_decision_needs_a_reason(store: Store) -> None:
    _sight(store, "SUBARU Corporation", _hit())
    with pytest.raises(ReviewError, match="reason"):
        _write(store, lambda tx: decide(tx, 1, "clear", " ", False))


def test_review_cli(store_url: str, regime: Regime) -> None:
    from dualuse.store import open_store

    store = open_store(store_url)
    record_run(store, regime)
    store.engine.dispose()
    db = ["--db", store_url, "--format", "jsonl"]
    listed = run_cli("review", "list", *db)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout.splitlines()[0])["status"] == "open"
    assert run_cli("store", "setting", "review.four_eyes", "on", "--db", store_url).returncode == 0
    c = run_cli("review", "clear", "1", "-r", "another Subaru", "--user", "ann", *db)
    assert json.loads(c.stdout)["status"] == "pending_clear", c.stderr
    same = run_cli("review", "approve", "1", "--user", "ann", *db)
    assert same.returncode == 2 and "different reviewer" in same.stderr
    ok = run_cli("review", "approve", "1", "--user", "ben", *db)
    assert json.loads(ok.stdout)["status"] == "cleared", ok.stderr
    shown = json.loads(run_cli("review", "show", "1", *db).stdout)
    assert [e["kind"] for e in shown["events"]] == ["opened", "clear_requested", "cleared"]
    assert [e["actor"] for e in shown["events"]][1:] == ["ann", "ben"]
    missing = run_cli("review", "show", "99", *db)
    assert missing.returncode == 2 and "no case 99" in missing.stderr
    v = run_cli("store", "verify", "--db", store_url)
    assert v.returncode == 0, v.stderr


def test_recorder_reads_counterparties_from_the_input(store: Store, regime: Regime) -> None:
    rec = Recorder(store, regime, input_name="x", as_of=None, options={}, actor="a", clock=Clock())
    lines = [
        json.dumps({"id": "A", "as_of": "2026-03-02", "decision": "allowed", "parties": []}),
        json.dumps({"id": "B", "error": {"row": 2, "field": "date", "message": "bad"}}),
    ]
    batch = pa.RecordBatch.from_pydict(
        {
            "consignee": ["Toyota Motor Corporation", "Nobody"],
            "destination_country": ["JP", "JP"],
            "end_user": ["Toyota Motor Corporation", None],
            "end_user_country": ["US", None],
        }
    )
    rec.batch(1, lines, batch)
    with store.reading() as conn:
        from sqlalchemy import select

        from dualuse.store.schema import counterparties

        rows = conn.execute(select(counterparties.c.name, counterparties.c.country)).all()
    # the error row names no counterparty; the same name in two countries is two
    assert sorted(rows) == [("Toyota Motor Corporation", "JP"), ("Toyota Motor Corporation", "US")]
