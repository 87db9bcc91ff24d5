"""The evaluation set is well formed, and the screener clears a floor on it.

The full figures (per variant kind, against the peers) are in bench/RESULTS.md; this test
only guards against a regression large enough to matter.
"""

from __future__ import annotations

import datetime as dt

from bench.screening.evaluate import evaluate, load_pairs
from dualuse.regime.load import Regime
from dualuse.regime.snapshot import snapshot
from dualuse.screening import Screener


def test_eval_set_is_large_and_labelled(regime: Regime) -> None:
    rows = load_pairs()
    assert len(rows) >= 500
    assert {r["source"] for r in rows} == {"curated", "synthetic"}
    assert sum(not r["label"] for r in rows) >= 100
    assert all(r["entity"] in regime.entities for r in rows)
    assert {r["split"] for r in rows} == {"dev", "test"}


def test_split_keeps_a_group_on_one_side(regime: Regime) -> None:
    side: dict[str, set[str]] = {}
    for r in load_pairs():
        unit = regime.entities[r["entity"]].group or r["entity"]
        side.setdefault(unit, set()).add(r["split"])
    assert all(len(v) == 1 for v in side.values())


def test_screener_on_eval_set(regime: Regime, screener: Screener) -> None:
    rows = load_pairs()
    snap = snapshot(regime, dt.date.fromisoformat(rows[0]["as_of"]))
    res = evaluate(rows, lambda q, e: any(m.party.id == e for m in screener.run(q, snap).matches))
    p, r, _, _ = res["overall"]
    assert p >= 0.98 and r >= 0.95
    held = evaluate(
        [row for row in rows if row["split"] == "test"],
        lambda q, e: any(m.party.id == e for m in screener.run(q, snap).matches),
    )
    p, r, _, _ = held["cross_script"]
    assert p >= 0.98 and r >= 0.95
