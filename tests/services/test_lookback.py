"""``lookback`` reports exactly the lines that the 2026-02-24 listings (Ann. 2026/11 control
list, Ann. 2026/12 watch list: 40 Japanese entities) decide differently."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
import yaml

from dualuse.classify import default_classifier
from dualuse.engine import decide, parse_shipment
from dualuse.regime import Regime, default_regime_path, load_regime, snapshot
from dualuse.screening import Screener, default_screener
from dualuse.services.lookback import FileHistory, Lookback

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 30)
BEFORE, AFTER = dt.date(2026, 2, 20), dt.date(2026, 3, 2)
NOTICES = ("mofcom-2026-11", "mofcom-2026-12", "mofcom-briefing-2026-02-24")
MEASURES = ("cn.mofcom.2026-11.control-list", "cn.mofcom.2026-12.watch-list")
ENTITY_FILES = ("mofcom-2026-11-japan-control.yaml", "mofcom-2026-12-japan-watch.yaml")


def listed_names(regime: Regime) -> dict[str, str]:
    """English name -> list, of the entities the two notices add."""
    return {
        e.names.en[0]: e.list
        for e in regime.entities.values()
        if e.notice in NOTICES[:2] and e.names.en
    }


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Lines to Japan naming the 40 entities (as consignee or end user), other Japanese
    parties and plain companies, with a controlled and a plain item, dated before the
    notices. Returns the file and, per line id, the list of the entity it names (or "")."""
    regime = load_regime()
    names = listed_names(regime)
    others = ["IHI Aerospace Co., Ltd.", "Kawasaki Heavy Industries, Ltd.", "Sample Trading K.K.",
              "Tokyo Electronics Parts Co., Ltd.", "大阪精密株式会社"]  # fmt: skip
    rows: list[dict[str, str]] = []
    listed_by_id: dict[str, str] = {}
    for name in [*names, *others]:
        for role in ("consignee", "end_user"):
            for hs, desc in (("8112929010", "Gallium metal"), ("6109100000", "Cotton T-shirts")):
                for eut in ("civilian", ""):
                    ident = f"H{len(rows):04d}"
                    rows.append({
                        "id": ident, "date": BEFORE.isoformat(), "destination_country": "JP",
                        "consignee": name if role == "consignee" else "Plain Buyer Ltd",
                        "end_user": name if role == "end_user" else "",
                        "end_user_type": eut, "hs_code": hs, "description": desc,
                    })  # fmt: skip
                    listed_by_id[ident] = names.get(name, "")
    path = tmp_path_factory.mktemp("history") / "history.csv"
    cols = list(rows[0])
    table = pa.table({c: pa.array([r[c] for r in rows], pa.string()) for c in cols})
    pacsv.write_csv(table, path)
    return path, listed_by_id


def oracle(path: Path, regime_then: Regime, then: dt.date, regime_now: Regime,
           now: dt.date) -> set[str]:  # fmt: skip
    """The ids whose decision differs, one ``decide`` call per line and side."""
    classifier, screener = default_classifier(), Screener()
    changed = set()
    with path.open() as fh:
        import csv

        for raw in csv.DictReader(fh):
            s = parse_shipment(raw, 1)
            a = decide(s, snapshot(regime_then, then), classifier, screener)
            b = decide(s, snapshot(regime_now, now), classifier, screener)
            if a.decision != b.decision:
                changed.add(s.id)
    return changed


def reported(job: Lookback, path: Path) -> list[dict]:
    return [json.loads(line) for line in job.lines(FileHistory(str(path)))]


def test_exactly_the_lines_the_listings_change(history: tuple[Path, dict[str, str]]) -> None:
    path, listed = history
    regime = load_regime()
    job = Lookback(regime, default_classifier(), default_screener(), TODAY, now=AFTER)
    report = reported(job, path)
    got = {r["id"] for r in report}
    assert got == oracle(path, regime, BEFORE, regime, AFTER)
    # by construction: every line naming a control-listed entity moves (a controlled item
    # is now prohibited, a plain one goes to review); no line without a new entity moves
    assert {i for i, lst in listed.items() if lst == "control"} <= got
    assert all(listed[i] for i in got)
    for r in report:
        assert r["then"]["as_of"] == BEFORE.isoformat() and r["now"]["as_of"] == AFTER.isoformat()
        assert r["then"]["decision"] != r["now"]["decision"]
    assert job.counts.changed == len(got) and job.counts.errors == 0
    assert ("licence_required", "prohibited") in job.counts.moves


def without_the_notices(tmp: Path) -> Path:
    """A copy of the bundled regime without the three 2026-02-24 notices and their records."""
    root = tmp / "cn"
    shutil.copytree(default_regime_path(), root)
    for name in ENTITY_FILES:
        (root / "entities" / name).unlink()
    for rel, key, drop in (("measures/entity-lists.yaml", "measures", MEASURES),
                           ("notices/mofcom-2026.yaml", "notices", NOTICES)):  # fmt: skip
        data = yaml.safe_load((root / rel).read_text("utf-8"))
        data[key] = [r for r in data[key] if r["id"] not in drop]
        (root / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return root


def test_with_and_without_the_records(history: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """The same lines, decided on one date against the regime with and without the records."""
    path, _ = history
    regime = load_regime()
    before = load_regime(without_the_notices(tmp_path))
    job = Lookback(
        regime, default_classifier(), default_screener(), TODAY,
        then=AFTER, now=AFTER, then_regime=before,
    )  # fmt: skip
    got = {r["id"] for r in reported(job, path)}
    assert got == oracle(path, before, AFTER, regime, AFTER)
    dated = Lookback(regime, default_classifier(), default_screener(), TODAY, now=AFTER)
    assert got == {r["id"] for r in reported(dated, path)}


def test_cli_since_then_and_summary(history: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    path, _ = history
    run = [sys.executable, "-m", "dualuse", "lookback", str(path), "--as-of", AFTER.isoformat()]
    env = {**os.environ}
    p = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    lines = [json.loads(x) for x in p.stdout.splitlines()]
    assert lines and "change(s)" in p.stderr
    assert {r["row"] for r in lines} == {int(r["id"][1:]) + 1 for r in lines}
    # every line is dated before --since: nothing is left to report
    later = subprocess.run([*run, "--since", "2026-02-21"], capture_output=True, text=True,
                           check=True)  # fmt: skip
    assert later.stdout == "" and "0 line(s) re-decided" in later.stderr
    # --then on the day of the notices: the lines no longer change
    same = subprocess.run([*run, "--then", "2026-02-24"], capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert same.stdout == ""
    out = tmp_path / "changes.jsonl"
    subprocess.run([*run, "-o", str(out)], capture_output=True, text=True, check=True)
    assert out.read_text() == p.stdout
