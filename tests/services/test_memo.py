"""Reusing decisions across regime versions never changes a decision.

The batch runner decides each distinct line once per regime version, and reuses a decision
from another version when nothing it read has changed (``dualuse.services.memo``). These
tests decide SYNTHETIC lines (drawn with a fixed seed from pools of destinations, end uses,
items and the listed parties' own names) on every change date of the regime, the day before
each and a few days between, through the runner, and compare every result with a decision
made directly by the engine for that exact day.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import random
from pathlib import Path

import pyarrow as pa
import pytest

from dualuse.classify import default_classifier
from dualuse.engine import decide, parse_shipment
from dualuse.regime import Regime, load_regime, snapshot
from dualuse.screening import default_screener
from dualuse.services.check import CheckRunner
from dualuse.services.memo import (
    NOT_REUSABLE,
    TracedSnapshot,
    TracingScreener,
    UntracingClassifier,
    still_valid,
)

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 23)

ITEMS = [
    ("2846901940", "Samarium oxide"),
    ("8112929010", "Gallium metal"),
    ("2825600002", "Germanium dioxide"),
    ("2504101000", "Natural flake graphite"),
    ("3801100030", "Artificial graphite anode material"),
    ("8110101000", "Antimony ingots"),
    ("2846901940", "Dysprosium oxide 99.9%"),
    ("7318159090", "Steel bolts"),
    ("", "Laptop computers"),
    ("", "酸化ジスプロシウム"),
]
END_USES = ["", "production", "防衛装備品の製造", "missile guidance", "军工", "research"]


@pytest.fixture(scope="module")
def regime() -> Regime:
    return load_regime()


def _lines(regime: Regime, count: int, seed: int = 11) -> list[dict[str, str]]:
    rng = random.Random(seed)
    names = [n for e in regime.entities.values() for n in e.names.all()]
    names = rng.sample(names, 40) + ["Synthetic Trading Co., Ltd.", "三菱電機株式会社", ""]
    lines = []
    for i in range(count):
        hs, desc = rng.choice(ITEMS)
        exporter = rng.choice(["CN", "CN", "CN", "SG"])
        line = {
            "id": f"S{i}",
            "exporter_country": exporter,
            "origin_country": rng.choice(["CN", ""]) if exporter != "CN" else "",
            "china_content_pct": rng.choice(["", "30", "0"]) if exporter != "CN" else "",
            "destination_country": rng.choice(["JP", "JP", "US", "DE", "KR", "TW"]),
            "consignee": rng.choice(names),
            "end_user": rng.choice(names),
            "end_user_type": rng.choice(["", "civilian", "military", "government", "unknown"]),
            "end_use": rng.choice(END_USES),
            "hs_code": hs,
            "description": desc,
        }
        lines.append(line)
    return lines


def _days(regime: Regime) -> list[dt.date]:
    days: set[dt.date] = set()
    for d in regime.change_dates():
        if dt.date(2023, 1, 1) <= d <= dt.date(2027, 1, 1):
            days |= {d, d - dt.timedelta(days=1), d + dt.timedelta(days=3)}
    return sorted(days)


def _direct(regime: Regime, line: dict[str, str], day: dt.date) -> dict[str, object]:
    shipment = parse_shipment({**line, "date": day.isoformat()}, 1)
    body = decide(
        shipment, snapshot(regime, day), default_classifier(), default_screener()
    ).to_dict()
    del body["id"], body["as_of"]
    return body


def test_batch_decisions_equal_direct_decisions_on_every_version(regime: Regime) -> None:
    lines = _lines(regime, 60)
    days = _days(regime)
    rng = random.Random(5)
    rows = [(line, day) for line in lines for day in days]
    rng.shuffle(rows)  # versions met in any order, as dates come in real files
    table = pa.table(
        {
            k: pa.array([line[k] if k != "date" else day.isoformat() for line, day in rows])
            for k in [*lines[0], "date"]
        }
    )
    runner = CheckRunner(regime, default_classifier(), default_screener(), today=TODAY)
    out = []
    for batch in table.to_batches(max_chunksize=4096):
        out += runner.jsonl_lines(batch, len(out) + 1)
    assert len(out) == len(rows)
    decided = sum(len(v) for v in runner._memo.values())
    # the shortcut was taken (far fewer decisions than distinct fact-version pairs) ...
    assert decided < runner.stats()["fact_versions"] / 2
    # ... and every row still has exactly the engine's decision for its own day
    for (line, day), text in zip(rows, out, strict=True):
        got = json.loads(text)
        assert got["as_of"] == day.isoformat()
        del got["id"], got["as_of"]
        assert got == _direct(regime, line, day), (line, day)


def test_a_changed_record_invalidates_what_read_it(regime: Regime) -> None:
    day_before, day_of = dt.date(2026, 1, 5), dt.date(2026, 1, 6)
    line = {"id": "J", "destination_country": "JP", "end_user_type": "military"}
    line |= {"hs_code": "2846901940", "description": "Samarium oxide"}
    shipment = parse_shipment(line, 1)
    reads: dict = {}
    screener = default_screener()
    traced = TracedSnapshot(snapshot(regime, day_before), reads)
    ports = UntracingClassifier(default_classifier()), TracingScreener(screener)
    decide(shipment, traced, *ports)  # type: ignore[arg-type]
    assert reads and NOT_REUSABLE not in reads
    assert still_valid(reads, snapshot(regime, day_before), screener)
    # Ann. 2026/1 (the ban on Japanese military end users) takes effect on 2026-01-06
    assert not still_valid(reads, snapshot(regime, day_of), screener)


def test_reading_the_whole_regime_makes_a_decision_not_reusable(regime: Regime) -> None:
    reads: dict = {}
    traced = TracedSnapshot(snapshot(regime, TODAY), reads)
    assert traced.regime is regime
    assert NOT_REUSABLE in reads
    assert not still_valid(reads, snapshot(regime, TODAY), default_screener())


def test_rules_do_not_read_the_snapshot_date() -> None:
    """Decisions may depend on the date only through the snapshot's records."""
    sources = [*(ROOT / "dualuse" / "engine" / "rules").glob("*.py")]
    sources.append(ROOT / "dualuse" / "engine" / "context.py")
    for path in sources:
        tree = ast.parse(path.read_text("utf-8"))
        uses = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "as_of"]
        assert not uses, f"{path.name} reads as_of at line {uses[0].lineno}"


def test_results_survive_the_runner_forgetting_its_caches(regime: Regime) -> None:
    """A tiny cache makes the runner start afresh between batches: same output."""
    lines = _lines(regime, 40, seed=3)
    days = _days(regime)[::5]
    rows = [{**line, "date": day.isoformat()} for line in lines for day in days]
    table = pa.Table.from_pylist(rows)
    outputs = []
    for size in (200_000, 7):
        runner = CheckRunner(
            regime, default_classifier(), default_screener(), today=TODAY, cache_size=size
        )
        out: list[str] = []
        for batch in table.to_batches(max_chunksize=50):
            kb = runner.key_batch(batch, len(out) + 1)
            out += runner.lines_of(kb, len(out) + 1)
        outputs.append(out)
        if size == 7:
            assert len(runner.table) < 200  # it did start afresh
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == len(rows)
