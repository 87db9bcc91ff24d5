"""Cleared hits shape later decisions: a recorded check sets aside a party hit that a reviewer
cleared (the exact name, the list entry's version, not expired, approved under four eyes) and
names the case in the decision; anything else decides as before."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from dualuse.classify import default_classifier
from dualuse.engine.ports import ItemClassifier, PartyScreener
from dualuse.regime import Regime
from dualuse.screening import default_screener
from dualuse.services.cases import list_cases, show_case
from dualuse.services.check_file import CheckFile, CheckFileRequest
from dualuse.services.clearing import GoodGuys
from dualuse.services.licensing import Licence, LicenceItem, add_licence
from dualuse.services.recording import Recorder
from dualuse.services.review import approve_case, decide_case
from dualuse.services.settings import change_setting
from dualuse.store import Store
from dualuse.store.schema import cases, clearances, decisions

from .conftest import Clock

GD = "cn.mofcom.2025-01.news.01"  # General Dynamics, MOFCOM's control list
NAME = "Generall Dynamics"  # a fuzzy hit on it (score 0.95): review
DAY = dt.date(2026, 3, 2)


@pytest.fixture(scope="module")
def ports() -> tuple[ItemClassifier, PartyScreener]:
    return default_classifier(), default_screener()


@pytest.fixture(autouse=True)
def _one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUALUSE_SCREEN_JOBS", "1")


def _row(i: str, consignee: str = NAME, date: str = "2026-03-02", **over: str) -> dict[str, str]:
    return {
        "id": i,
        "date": date,
        "destination_country": "US",
        "consignee": consignee,
        "hs_code": "8471300000",
        "description": "laptop computer",
        **over,
    }


class Checker:
    """Recorded check runs (as ``check --store``) over rows written to a CSV file."""

    def __init__(self, store: Store, regime: Regime, ports: Any, tmp: Path) -> None:
        self.store, self.regime, self.ports, self.tmp = store, regime, ports, tmp
        self.runs = 0

    def __call__(
        self, rows: list[dict[str, str]], today: dt.date = DAY, clock: str = "2026-03-02T12:00:00Z"
    ) -> list[dict[str, Any]]:
        self.runs += 1
        path = self.tmp / f"in{self.runs}.csv"
        fields = sorted({k for r in rows for k in r})
        with path.open("w", newline="") as f:
            w = csv.DictWriter(f, fields)
            w.writeheader()
            w.writerows(rows)
        rec = Recorder(
            self.store,
            self.regime,
            input_name=path.name,
            as_of=None,
            options={},
            actor="clerk",
            clock=Clock(clock),
        )
        job = CheckFile(
            CheckFileRequest(str(path)),
            self.regime,
            *self.ports,
            today,
            licences=rec.licences(),
            cleared=rec.clearances(today),
        )
        out = list(job.records(rec))
        rec.finish()
        return out


@pytest.fixture
def check(store: Store, regime: Regime, ports: Any, tmp_path: Path) -> Checker:
    return Checker(store, regime, ports, tmp_path)


def _review(
    store: Store,
    regime: Regime,
    action: str,
    actor: str = "alice",
    four_eyes: bool | None = False,
    expires: str | None = None,
    at: str = "2026-03-02T11:00:00Z",
) -> dict[str, Any]:
    return decide_case(
        store,
        1,
        action,
        "a bakery in Ohio, not the listed company: other address and registration",
        actor=actor,
        at=at,
        fingerprint=regime.fingerprint,
        four_eyes=four_eyes,
        expires=expires,
    )


def _cleared_reasons(out: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in out["reasons"] if r["rule"] == "case.cleared"]


def test_a_cleared_hit_is_set_aside_and_the_decision_names_the_case(
    store: Store, regime: Regime, check: Checker
) -> None:
    first = check([_row("A1"), _row("A2", consignee="Acme Tools Inc")])
    assert [o["decision"] for o in first] == ["review", "allowed"]
    assert [c["status"] for c in list_cases(store)] == ["open"]
    _review(store, regime, "clear")

    again = check([_row("B1"), _row("B2"), _row("B3", consignee="Acme Tools Inc")])
    assert [o["decision"] for o in again] == ["allowed", "allowed", "allowed"]
    b1 = again[0]
    assert b1["id"] == "B1" and again[1]["id"] == "B2"
    (why,) = _cleared_reasons(b1)
    assert why["effect"] == "info" and why["citation"] == "case 1"
    assert "cleared as a false positive in case 1 by alice on 2026-03-02" in why["detail"]
    assert "a bakery in Ohio" in why["detail"]
    c = why["clearance"]
    assert c["case"] == 1 and c["entity_id"] == GD and c["name"] == NAME
    assert c["cleared_by"] == "alice" and c["approved_by"] is None
    assert c["cleared_at"] == "2026-03-02T11:00:00Z" and len(c["entity_version"]) == 64
    assert b1["parties"] == [
        {"role": "consignee", "entity_id": GD, "name": "General Dynamics", "list": "control",
         "score": 0.9535, "exact": False, "cleared": 1}
    ]  # fmt: skip
    assert not _cleared_reasons(again[2]) and "cleared" not in json.dumps(again[2]["parties"])
    # the recorded decision is the one relied on; the case stays cleared, nothing re-opens
    with store.reading() as conn:
        body = conn.execute(
            select(decisions.c.body).where(decisions.c.run_id == 2, decisions.c.row == 1)
        ).scalar_one()
    assert json.loads(body)["reasons"] == b1["reasons"]
    assert [c["status"] for c in list_cases(store)] == ["cleared"]


def test_another_spelling_of_the_name_is_not_covered(
    store: Store, regime: Regime, check: Checker
) -> None:
    check([_row("A1")])
    _review(store, regime, "clear")
    out = check([_row("B1", consignee="GENERALL DYNAMICS")])  # the same counterparty
    assert out[0]["decision"] == "review" and not _cleared_reasons(out[0])
    assert "cleared" not in out[0]["parties"][0]
    case = show_case(store, 1)
    assert case["status"] == "open" and "the name differs" in case["events"][-1]["reason"]


def test_another_spelling_in_the_same_batch_reopens_the_case(
    store: Store, regime: Regime, check: Checker
) -> None:
    check([_row("A1")])
    _review(store, regime, "clear")
    out = check([_row("B1"), _row("B2", consignee="Generall  Dynamics")])
    assert [o["decision"] for o in out] == ["allowed", "review"]
    case = show_case(store, 1)
    assert case["status"] == "open" and "the name differs" in case["events"][-1]["reason"]
    assert check([_row("C1")])[0]["decision"] == "review"  # the clearance went with it


def test_a_changed_list_entry_is_not_covered(store: Store, regime: Regime, check: Checker) -> None:
    check([_row("A1")])
    _review(store, regime, "clear")
    # the clearance was given for an earlier version of the listed record
    old = "0" * 64
    store.write(
        "test",
        lambda tx: (
            tx.update(clearances, {"id": 1}, {"entity_version": old}),
            tx.update(cases, {"id": 1}, {"entity_version": old}),
        ),
        at="2026-03-02T11:30:00Z",
        actor="test",
        fingerprint=regime.fingerprint,
    )
    assert not GoodGuys.load(store, regime, DAY)
    out = check([_row("B1")])
    assert out[0]["decision"] == "review" and not _cleared_reasons(out[0])
    case = show_case(store, 1)
    assert case["status"] == "open"
    assert "changed since it was cleared" in case["events"][-1]["reason"]


@pytest.mark.parametrize(
    ("expires", "line_date", "covered"),
    [
        ("2026-03-02", "2026-03-02", True),  # holds up to and including its date
        ("2026-03-01", "2026-03-02", False),  # expired before the run's day
        ("2026-03-03", "2026-03-04", False),  # the line's date is past it
    ],
)
def test_an_expired_clearance_is_not_covered(
    store: Store, regime: Regime, check: Checker, expires: str, line_date: str, covered: bool
) -> None:
    check([_row("A1")])
    _review(store, regime, "clear", expires=expires)
    out = check([_row("B1", date=line_date)])
    assert out[0]["decision"] == ("allowed" if covered else "review")
    assert bool(_cleared_reasons(out[0])) is covered
    if covered:
        assert "holds up to 2026-03-02" in _cleared_reasons(out[0])[0]["detail"]


def test_four_eyes_a_pending_clear_is_not_covered_until_approved(
    store: Store, regime: Regime, check: Checker
) -> None:
    change_setting(store, "review.four_eyes", "on", "boss", "2026-03-02T10:30:00Z")
    check([_row("A1")])
    assert _review(store, regime, "clear", four_eyes=None)["status"] == "pending_clear"
    assert check([_row("B1")])[0]["decision"] == "review"
    approve_case(store, 1, actor="bob", at="2026-03-02T11:10:00Z", fingerprint=regime.fingerprint)
    out = check([_row("C1")])
    assert out[0]["decision"] == "allowed"
    (why,) = _cleared_reasons(out[0])
    assert why["clearance"]["cleared_by"] == "alice"
    assert why["clearance"]["approved_by"] == "bob"
    assert "by alice, approved by bob" in why["detail"]


def test_four_eyes_turned_on_later_needs_an_approved_clearance(
    store: Store, regime: Regime, check: Checker
) -> None:
    check([_row("A1")])
    _review(store, regime, "clear")  # one reviewer, while four eyes were off
    assert check([_row("B1")])[0]["decision"] == "allowed"
    change_setting(store, "review.four_eyes", "on", "boss", "2026-03-02T12:30:00Z")
    assert check([_row("C1")])[0]["decision"] == "review"


def test_a_confirmed_hit_decides_as_before(store: Store, regime: Regime, check: Checker) -> None:
    before = check([_row("A1")])[0]
    assert _review(store, regime, "confirm")["status"] == "confirmed"
    after = check([_row("A1")])[0]
    assert after == before and not _cleared_reasons(after)


def test_a_cleared_line_that_needs_a_licence_is_covered_by_it(
    store: Store, regime: Regime, check: Checker
) -> None:
    """A hit set aside can leave a licence requirement, which the licence register meets."""
    item = {"hs_code": "", "description": "", "control_code": "1C902.b", "quantity": "10",
            "unit": "kg", "destination_country": "KR", "licence_id": "L-1"}  # fmt: skip
    assert check([_row("A1", **item)])[0]["decision"] == "review"
    _review(store, regime, "clear")
    lic = Licence("L-1", "individual", "Acme", "2026-01-01", "2026-12-31",
                  [LicenceItem("1C902.b", "100", "kg")])  # fmt: skip
    store.write(
        "licence.added",
        lambda tx: add_licence(tx, lic),
        at="2026-03-02T11:20:00Z",
        actor="alice",
        fingerprint=regime.fingerprint,
    )
    out = check([_row("C1", **item)])[0]
    assert out["decision"] == "allowed", out
    rules = [r["rule"] for r in out["reasons"]]
    assert "case.cleared" in rules
    assert any(r.get("licence", {}).get("covered") for r in out["reasons"])
