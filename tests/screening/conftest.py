"""Shared fixtures: the bundled regime, a snapshot after the Japan listings, a screener."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dualuse.regime.load import Regime, load_regime
from dualuse.regime.snapshot import Snapshot, snapshot
from dualuse.screening import Screener

DATA = Path(__file__).parent / "data"
AFTER = dt.date(2026, 3, 2)  # after MOFCOM Ann. 2026/11 and 2026/12 (2026-02-24)
BEFORE = dt.date(2026, 2, 1)
LATE = dt.date(2026, 11, 28)  # every entity of the evaluation set is listed


@pytest.fixture(scope="session")
def regime() -> Regime:
    return load_regime()


@pytest.fixture(scope="session")
def snap(regime: Regime) -> Snapshot:
    return snapshot(regime, AFTER)


@pytest.fixture(scope="session")
def late(regime: Regime) -> Snapshot:
    return snapshot(regime, LATE)


@pytest.fixture(scope="session")
def screener() -> Screener:
    return Screener()
