"""Shared fixtures: the bundled regime, and a one-call decision helper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from dualuse.classify import default_classifier
from dualuse.engine import Decision, decide, parse_shipment
from dualuse.regime import Regime, load_regime, snapshot
from dualuse.screening import default_screener


@pytest.fixture(scope="session")
def regime() -> Regime:
    return load_regime()


Decider = Callable[..., Decision]


@pytest.fixture(scope="session")
def decide_line(regime: Regime) -> Decider:
    """``decide_line("2026-03-02", destination_country="JP", ...)`` -> Decision."""
    classifier = default_classifier()
    screener = default_screener()

    def run(day: str, **fields: Any) -> Decision:
        raw = {"id": "T1", **fields}
        shipment = parse_shipment(raw, 1)
        return decide(shipment, snapshot(regime, dt.date.fromisoformat(day)), classifier, screener)

    return run


def rules_of(decision: Decision, effect: str | None = None) -> list[str]:
    """The rule ids of a decision's reasons (optionally only those with one effect)."""
    return [r.rule for r in decision.reasons if effect is None or r.effect.value == effect]
