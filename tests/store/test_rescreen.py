"""Delta re-screening across the listings of 2026-02-24 (MOFCOM Ann. 2026/11 and 2026/12)."""

from __future__ import annotations

import datetime as dt
import json

from dualuse.regime import Regime, snapshot
from dualuse.screening import default_screener
from dualuse.services.cases import list_cases
from dualuse.services.parties import Sighting, Versions, hits_of_result
from dualuse.services.recording import record_sightings
from dualuse.services.rescreen import rescreen
from dualuse.store import Store, Tx

from .conftest import Clock, run_cli

# listed on 2026-02-24 (control list: 2026/11; watch list: 2026/12)
BECOME_HITS = ["SUBARU Corporation", "IHI Aerospace Co., Ltd.", "Japan Marine United Corporation"]
# never listed, or listed long before
OTHERS = ["Toyota Motor Corporation", "Sony Group Corporation", "Panasonic Holdings Corporation"]


def _seen_before(store: Store, regime: Regime, day: dt.date) -> None:
    """The counterparties as a recorded screen on ``day`` saw them."""
    screener = default_screener()
    snap = snapshot(regime, day)
    versions = Versions(regime)
    sightings = []
    for name in BECOME_HITS + OTHERS:
        s = Sighting(name, "JP", day.isoformat())
        s.hits = hits_of_result(screener.run(name, snap), versions)
        sightings.append(s)
    store.write(
        "test",
        lambda tx: record_sightings(tx, sightings, None),
        at="2026-02-01T00:00:00Z",
        actor="a",
        fingerprint=regime.fingerprint,
    )


def _run(store: Store, regime: Regime, to: str, frm: str | None = None) -> dict:  # type: ignore[type-arg]
    return rescreen(
        store, regime, default_screener(), to_day=dt.date.fromisoformat(to),
        from_day=dt.date.fromisoformat(frm) if frm else None, lists_digest="", actor="rita",
        clock=Clock(f"{to}T12:00:00Z"),
    )  # fmt: skip


def test_rescreen_reports_exactly_who_became_a_hit(store: Store, regime: Regime) -> None:
    _seen_before(store, regime, dt.date(2026, 2, 23))
    assert list_cases(store) == []
    result = _run(store, regime, "2026-02-24")
    changes = result["changes"]
    assert sorted({c["counterparty"] for c in changes}) == sorted(BECOME_HITS)
    assert {c["change"] for c in changes} == {"new"}
    for c in changes:
        assert c["from"] == {"date": "2026-02-23", "regime_fingerprint": regime.fingerprint}
        assert c["to"] == {"date": "2026-02-24", "regime_fingerprint": regime.fingerprint}
        assert c["case_action"] == "opened"
    assert sorted({c["counterparty"] for c in list_cases(store)}) == sorted(BECOME_HITS)
    # since the last rescreen: nothing has changed
    assert _run(store, regime, "2026-02-25")["changes"] == []


def test_rescreen_between_two_dates(store: Store, regime: Regime) -> None:
    _seen_before(store, regime, dt.date(2026, 3, 1))  # already hits when first seen
    result = _run(store, regime, "2026-02-24", frm="2026-02-23")
    assert sorted({c["counterparty"] for c in result["changes"]}) == sorted(BECOME_HITS)
    back = _run(store, regime, "2026-02-23", frm="2026-02-24")
    assert {c["change"] for c in back["changes"]} == {"removed"}


def test_a_changed_entry_reopens_a_cleared_case(store: Store, regime: Regime) -> None:
    """A case cleared against an older version of the list entry (as after a regime
    update that changed the entry) re-opens when the re-screening sees the new version."""
    from dualuse.services.cases import decide

    _seen_before(store, regime, dt.date(2026, 2, 23))
    _run(store, regime, "2026-02-24")
    subaru = next(c for c in list_cases(store) if c["counterparty"] == "SUBARU Corporation")
    store.write(
        "t",
        lambda tx: decide(tx, subaru["id"], "clear", "another Subaru", False),
        at="2026-02-24T13:00:00Z",
        actor="rita",
    )
    # the stored baseline says the entry had another version (as after a regime update)
    from sqlalchemy import select

    from dualuse.store.schema import screenings

    cid = subaru["counterparty_id"]
    with store.reading() as conn:
        hits = json.loads(
            conn.execute(
                select(screenings.c.hits).where(screenings.c.counterparty_id == cid)
            ).scalar_one()
        )
    from dualuse.store.audit import canonical

    hits[0]["version"] = "0" * 64
    store.write(
        "t",
        lambda tx: tx.update(screenings, {"counterparty_id": cid}, {"hits": canonical(hits)}),
        at="2026-02-24T13:00:00Z",
        actor="rita",
    )
    from dualuse.services.cases import active_clearance
    from dualuse.store.schema import clearances

    def older(tx: Tx) -> None:
        cleared = active_clearance(tx, subaru["id"])
        assert cleared is not None
        tx.update(clearances, {"id": cleared["id"]}, {"entity_version": "0" * 64})

    store.write("t", older, at="2026-02-24T13:00:00Z", actor="rita")
    result = _run(store, regime, "2026-02-25")
    assert [(c["counterparty"], c["change"], c["case_action"]) for c in result["changes"]] == [
        ("SUBARU Corporation", "changed", "reopened")
    ]
    assert next(c for c in list_cases(store) if c["id"] == subaru["id"])["status"] == "open"


def test_rescreen_cli(store_url: str, regime: Regime) -> None:
    from dualuse.store import open_store

    store = open_store(store_url)
    _seen_before(store, regime, dt.date(2026, 2, 23))
    store.engine.dispose()
    p = run_cli("rescreen", "--to", "2026-02-24", "--db", store_url, "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    got = sorted({json.loads(x)["counterparty"] for x in p.stdout.splitlines()})
    assert got == sorted(BECOME_HITS)
    assert "6 counterparties, " in p.stderr


def test_rescreen_across_2026_06_29(store: Store, regime: Regime) -> None:
    """The listings of 2026-06-29 (Ann. 2026/27) reach NIKKO TOKKI; earlier hits stay quiet."""
    screener = default_screener()
    snap = snapshot(regime, dt.date(2026, 6, 28))
    versions = Versions(regime)
    sightings = []
    for name in ["NIKKO TOKKI Co., Ltd.", "SUBARU Corporation", "Toyota Motor Corporation"]:
        s = Sighting(name, "JP", "2026-06-28")
        s.hits = hits_of_result(screener.run(name, snap), versions)
        sightings.append(s)
    store.write("test", lambda tx: record_sightings(tx, sightings, None), at="t", actor="a")
    changes = _run(store, regime, "2026-06-29")["changes"]
    assert {(c["counterparty"], c["change"]) for c in changes} == {("NIKKO TOKKI Co., Ltd.", "new")}
