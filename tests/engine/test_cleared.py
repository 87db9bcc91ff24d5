"""The engine sets aside a party hit it is told was cleared: a pure function of the facts."""

from __future__ import annotations

import datetime as dt

from dualuse.classify import default_classifier
from dualuse.engine import ClearedHit, Decision, decide, parse_shipment
from dualuse.regime import Regime, snapshot
from dualuse.screening import default_screener

GD = "cn.mofcom.2025-01.news.01"
LINE = {"id": "T1", "destination_country": "US", "consignee": "Generall Dynamics",
        "hs_code": "8471300000", "description": "laptop computer"}  # fmt: skip


def _cleared(**over: object) -> ClearedHit:
    fields = {
        "case_id": 7, "entity_id": GD, "name": "Generall Dynamics", "entity_version": "v" * 64,
        "reason": "another company", "cleared_by": "alice", "cleared_at": "2026-03-01T09:00:00Z",
        "approved_by": "bob", "expires": "2026-06-30", **over,
    }  # fmt: skip
    return ClearedHit(**fields)  # type: ignore[arg-type]


def _decide(regime: Regime, cleared: ClearedHit | None, day: str = "2026-03-02",
            **over: str) -> Decision:  # fmt: skip
    facts = {("consignee", GD): cleared} if cleared else None
    return decide(
        parse_shipment({**LINE, **over}, 1),
        snapshot(regime, dt.date.fromisoformat(day)),
        default_classifier(),
        default_screener(),
        cleared=facts,
    )


def test_a_cleared_hit_is_set_aside_with_a_reason(regime: Regime) -> None:
    plain = _decide(regime, None)
    assert plain.decision.value == "review"
    d = _decide(regime, _cleared())
    assert d.decision.value == "allowed"
    rules = [(r.rule, r.effect.value) for r in d.reasons]
    assert rules == [("engine.no_control", "allowed"), ("case.cleared", "info")]
    why = d.reasons[1]
    assert why.citation == "case 7" and why.clearance == _cleared().as_dict()
    assert "by alice, approved by bob on 2026-03-01" in why.detail
    assert d.parties[0]["cleared"] == 7
    assert {k: v for k, v in d.parties[0].items() if k != "cleared"} == plain.parties[0]


def test_a_clearance_holds_only_for_its_name_and_up_to_its_expiry(regime: Regime) -> None:
    plain = _decide(regime, None).to_dict()
    assert _decide(regime, _cleared(name="Generall Dynamics Inc")).to_dict() == plain
    assert _decide(regime, _cleared(entity_id="other")).to_dict() == plain
    late = _decide(regime, _cleared(expires="2026-03-01"))
    assert late.to_dict() == plain
    assert _decide(regime, _cleared(expires="2026-03-02")).decision.value == "allowed"


def test_without_clearances_the_output_is_unchanged(regime: Regime) -> None:
    assert (
        _decide(regime, None).to_dict()
        == decide(
            parse_shipment(LINE, 1),
            snapshot(regime, dt.date(2026, 3, 2)),
            default_classifier(),
            default_screener(),
            cleared={},
        ).to_dict()
    )
