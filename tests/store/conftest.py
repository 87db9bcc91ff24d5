"""Store fixtures: every store test runs on embedded SQLite and on a real PostgreSQL server.

``scripts/test`` starts the server (``scripts/services/postgres``) and exports its URL as
``DUALUSE_TEST_PG_URL``. Under CI a missing server is a failure, not a skip. Each PostgreSQL
test starts from an empty schema.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from sqlalchemy import create_engine, text

from dualuse.regime import Regime
from dualuse.services.cases import decide as review
from dualuse.services.licensing import (
    DrawRequest,
    Licence,
    LicenceCoverage,
    LicenceItem,
    add_licence,
)
from dualuse.services.recording import Recorder
from dualuse.services.settings import change_setting
from dualuse.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]
FP = "f" * 64


def _pg_url() -> str | None:
    url = os.environ.get("DUALUSE_TEST_PG_URL")
    if not url and os.environ.get("CI"):
        pytest.fail("DUALUSE_TEST_PG_URL is not set: scripts/test starts PostgreSQL for CI")
    return url


def empty_pg(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


BACKENDS = [
    "sqlite",
    pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.xdist_group("postgres")]),
]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    url = _pg_url()
    if url is None:
        pytest.skip("no PostgreSQL server (run scripts/services/postgres start)")
    empty_pg(url)
    yield url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.engine.dispose()


class Clock:
    """A clock for records: fixed, advanced by hand."""

    def __init__(self, at: str = "2026-03-02T10:00:00Z") -> None:
        self.at = at

    def __call__(self) -> str:
        return self.at


def line(i: str, decision: str = "allowed", parties: list[dict[str, Any]] | None = None) -> str:
    return json.dumps(
        {
            "id": i,
            "as_of": "2026-03-02",
            "decision": decision,
            "reasons": [],
            "parties": parties or [],
        }
    )


SUBARU_HIT = {
    "role": "consignee",
    "entity_id": "cn.mofcom.2026-12.01",
    "name": "SUBARU Corporation",
    "list": "watch",
    "score": 1.0,
    "exact": True,
}


def record_run(
    store: Store,
    regime: Regime,
    n: int = 3,
    consignee: str = "SUBARU Corporation",
    actor: str = "alice",
) -> Recorder:
    """A finished check run of ``n`` lines whose consignee hits SUBARU (watch list)."""
    rec = Recorder(
        store, regime, input_name="lines.csv", as_of=None, options={}, actor=actor, clock=Clock()
    )
    lines = [line(f"L{i}", "licence_required", [SUBARU_HIT]) for i in range(n)]
    batch = pa.RecordBatch.from_pydict(
        {"consignee": [consignee] * n, "destination_country": ["JP"] * n}
    )
    rec.batch(1, lines, batch)
    rec.finish()
    return rec


def populate(store: Store, regime: Regime) -> None:
    """A store with a row in every table: a run with a hit, a reviewed case, a setting, a
    licence with a draw-down, a re-screening, an API key."""
    from dualuse.screening import default_screener
    from dualuse.services.access import create_key
    from dualuse.services.rescreen import rescreen

    rec = record_run(store, regime)
    change_setting(store, "review.four_eyes", "off", "boss", "2026-03-02T10:01:00Z")
    write = lambda kind, fn, actor="alice": store.write(  # noqa: E731
        kind, fn, at="2026-03-02T10:02:00Z", actor=actor, fingerprint=regime.fingerprint
    )
    write("case.cleared", lambda tx: review(tx, 1, "clear", "not the listed Subaru", False))
    lic = Licence(
        "L-1",
        "individual",
        "Acme",
        "2026-01-01",
        "2026-12-31",
        [LicenceItem("1C902.b", "100", "kg")],
    )
    write("licence.added", lambda tx: add_licence(tx, lic))
    cov = LicenceCoverage(store, rec.run_id, "alice", Clock(), regime.fingerprint)
    cover = {"licence": "L-1", "covered": True, "item": 1, "quantity": "10", "value": None}
    assert cov.draw([DrawRequest("L0", 1, cover)]) == [True]
    import datetime as dt

    rescreen(
        store,
        regime,
        default_screener(),
        to_day=dt.date(2026, 3, 2),
        from_day=dt.date(2026, 2, 1),
        lists_digest="",
        actor="alice",
        clock=Clock("2026-03-02T10:03:00Z"),
    )
    create_key(store, "acme", "analyst", "2026-03-02T10:04:00Z", "ERP", by="alice")


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dualuse", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=timeout,
    )


CLI = Callable[..., subprocess.CompletedProcess[str]]
