"""The engine asks a licence register (a port) whether a declared licence covers the line."""

from __future__ import annotations

import datetime as dt

from dualuse.classify import default_classifier
from dualuse.engine import LicenceCover, Outcome, Shipment, decide, parse_shipment
from dualuse.regime import Regime, Snapshot, snapshot
from dualuse.screening import default_screener

LINE = {
    "id": "T1", "destination_country": "JP", "consignee": "Tokyo Magnet Trading K.K.",
    "end_user_type": "civilian", "hs_code": "2846901940", "description": "Samarium oxide 99.9%",
    "licence_id": "L-1", "quantity": "10", "unit": "kg",
}  # fmt: skip


class Register:
    def __init__(self, covered: bool) -> None:
        self.covered = covered
        self.asked: list[tuple[str, tuple[str, ...], dt.date]] = []

    def cover(
        self, licence_id: str, shipment: Shipment, control_codes: tuple[str, ...], snap: Snapshot
    ) -> LicenceCover:
        self.asked.append((licence_id, control_codes, snap.as_of))
        why = "valid and enough left" if self.covered else "it expired on 2026-01-31"
        return LicenceCover(licence_id, self.covered, why, kind="individual", item=1)


def _decide(regime: Regime, register: Register) -> object:
    snap = snapshot(regime, dt.date(2026, 3, 2))
    return decide(parse_shipment(LINE, 1), snap, default_classifier(), default_screener(), register)


def test_a_covered_requirement_is_allowed_and_cites_the_licence(regime: Regime) -> None:
    reg = Register(True)
    dec = _decide(regime, reg)
    assert reg.asked == [("L-1", ("1C902.b",), dt.date(2026, 3, 2))]
    assert dec.decision is Outcome.ALLOWED  # type: ignore[attr-defined]
    top = dec.reasons[0]  # type: ignore[attr-defined]
    assert top.effect is Outcome.ALLOWED and top.citation  # the licence measure is cited
    assert "covered by licence 'L-1': valid and enough left" in top.detail
    assert top.licence == {"licence": "L-1", "covered": True, "kind": "individual", "item": 1,
                           "quantity": None, "value": None}  # fmt: skip
    assert not any(r.rule == "engine.no_control" for r in dec.reasons)  # type: ignore[attr-defined]


def test_an_uncovered_requirement_says_why(regime: Regime) -> None:
    dec = _decide(regime, Register(False))
    assert dec.decision is Outcome.LICENCE_REQUIRED  # type: ignore[attr-defined]
    r = next(r for r in dec.reasons if r.licence)  # type: ignore[attr-defined]
    assert "licence 'L-1' does not cover this line: it expired on 2026-01-31" in r.detail
