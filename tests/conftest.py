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


# the HTTP API and web UI --------------------------------------------------------------
@pytest.fixture(scope="session")
def api_state(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One app state for the API and UI tests (the regime and the screening index load
    once per test process), with its store in a temporary folder."""
    from dualuse.api import AppState, Settings

    base = tmp_path_factory.mktemp("api")
    state = AppState(Settings(db=f"sqlite:///{base / 'store.db'}", work_dir=base / "work"))
    state.warm()
    return state


@pytest.fixture(scope="session")
def tokens(api_state: Any) -> dict[str, str]:
    """A key of every role in two tenants: ``{"acme:admin": token, "other:viewer": ...}``."""
    from dualuse.services.access import Role, create_key

    out = {}
    for tenant in ("acme", "other"):
        for role in Role:
            _, token = create_key(api_state.store, tenant, role.value, "2026-11-30T00:00:00Z")
            out[f"{tenant}:{role.value}"] = token
    return out


@pytest.fixture(scope="session")
def client(api_state: Any) -> Any:
    from fastapi.testclient import TestClient

    from dualuse.api import create_app

    with TestClient(create_app(api_state.settings, api_state)) as c:
        yield c
