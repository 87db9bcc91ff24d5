"""Licences: when one covers a line and why not, the register, draw-down once per line."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from dualuse.engine import parse_shipment
from dualuse.services.licence_cover import Usage, evaluate
from dualuse.services.licensing import (
    DrawRequest,
    Licence,
    LicenceCoverage,
    LicenceError,
    LicenceItem,
    add_licence,
    licence_view,
)
from dualuse.store import Store

from .conftest import Clock, run_cli

LIC = {
    "number": "L-1", "kind": "individual", "holder": "Acme", "consignee": "Tokyo Magnet K.K.",
    "end_user": None, "destination": "JP", "valid_from": "2026-01-01", "valid_to": "2026-06-30",
}  # fmt: skip
ITEMS = [{"id": 1, "control_code": "1C902", "quantity": "100", "unit": "kg", "value": "5000",
          "currency": "USD"}]  # fmt: skip


def _line(**over: str) -> object:
    raw = {"id": "A1", "destination_country": "JP", "consignee": "TOKYO MAGNET K.K.",
           "quantity": "10", "unit": "kg", "value": "500", "currency": "USD", **over}  # fmt: skip
    return parse_shipment(raw, 1)


def _cover(
    usage: Usage | None = None,
    day: str = "2026-03-02",
    codes: tuple[str, ...] = ("1C902.b",),
    **over: str,
):  # type: ignore[no-untyped-def]
    return evaluate(
        LIC, ITEMS, usage or Usage({}), "L-1", _line(**over), codes, dt.date.fromisoformat(day)
    )  # type: ignore[arg-type]


def test_a_matching_licence_covers_the_line() -> None:
    c = _cover()
    assert c.covered and c.item == 1 and c.quantity == "10" and c.value == "500"
    assert "individual licence held by 'Acme'" in c.detail and "10 kg and 500 USD" in c.detail


@pytest.mark.parametrize(
    ("kwargs", "why"),
    [
        ({"day": "2025-12-31"}, "valid from 2026-01-01"),
        ({"day": "2026-07-01"}, "expired on 2026-06-30"),
        ({"destination_country": "KR"}, "issued for destination JP"),
        ({"consignee": "Other K.K."}, "issued for consignee 'Tokyo Magnet K.K.'"),
        ({"codes": ("3A001",)}, "it lists 1C902; the line's item is 3A001"),
        ({"quantity": "101"}, "exhausted for item 1C902: 100 kg left of 100"),
        ({"value": "6000"}, "exhausted for item 1C902: 5000 USD left of 5000"),
        ({"unit": "g"}, "counted in kg; the line states g"),
        ({"quantity": ""}, "the line states no quantity"),
    ],
)
def test_a_licence_that_does_not_cover_says_why(kwargs: dict, why: str) -> None:  # type: ignore[type-arg]
    c = _cover(**kwargs)
    assert not c.covered and why in c.detail, c.detail


def test_the_balance_counts_earlier_draws() -> None:
    used = Usage({1: (Decimal(95), Decimal(0))})
    c = _cover(used)
    assert not c.covered and "5 kg left of 100, the line needs 10" in c.detail


def test_a_line_already_drawn_is_covered_by_its_draw() -> None:
    prior = {"item_id": 1, "quantity": "10", "value": "500", "run_id": 7}
    c = _cover(Usage({1: (Decimal(100), Decimal(5000))}, prior))
    assert c.covered and c.already_drawn and "run 7" in c.detail
    other = _cover(Usage({1: (Decimal(10), Decimal(500))}, {**prior, "quantity": "9"}))
    assert not other.covered and "already drawn for line id 'A1'" in other.detail


def test_a_missing_licence_is_named() -> None:
    c = evaluate(None, [], Usage({}), "X-9", _line(), ("1C902",), dt.date(2026, 3, 2))  # type: ignore[arg-type]
    assert not c.covered and c.detail == "it is not in the licence register"


def _lic(store: Store, quantity: str = "100") -> None:
    lic = Licence("L-1", "individual", "Acme", "2026-01-01", "2026-12-31",
                  [LicenceItem("1C902", quantity, "kg")])  # fmt: skip
    store.write("licence.added", lambda tx: add_licence(tx, lic), at="t", actor="a")


def test_draws_are_once_per_line_and_never_beyond_the_balance(store: Store) -> None:
    _lic(store)
    cov = LicenceCoverage(store, 1, "alice", Clock(), "f" * 64)
    want = {"licence": "L-1", "covered": True, "item": 1, "quantity": "60", "value": None}
    assert cov.draw([DrawRequest("A", 1, want), DrawRequest("A", 1, want)]) == [True, True]
    assert cov.draw([DrawRequest("B", 2, want)]) == [False]  # 40 left
    view = licence_view(store, "L-1")
    assert view["items"][0]["quantity_left"] == "40"
    assert [d["line_id"] for d in view["draws"]] == ["A"]


def test_a_licence_is_refused_when_it_cannot_be_right(store: Store) -> None:
    bad = Licence("L-2", "temporary", "Acme", "2026-01-01", "2026-12-31", [LicenceItem("1C902")])
    with pytest.raises(LicenceError, match="kind must be one of"):
        store.write("licence.added", lambda tx: add_licence(tx, bad), at="t", actor="a")
    _lic(store)
    with pytest.raises(LicenceError, match="already in the register"):
        _lic(store)


def test_licence_cli(store_url: str, tmp_path: Path) -> None:
    db = ["--db", store_url]
    add = run_cli(
        "licence", "add", "GL-7", "--kind", "general", "--holder", "Acme", "--from",
        "2026-01-01", "--to", "2026-12-31", "--item", "1C902,,,10000,USD", "--destination",
        "jp", "--user", "lee", *db,
    )  # fmt: skip
    assert add.returncode == 0, add.stderr
    csv = tmp_path / "lic.csv"
    csv.write_text(
        "number,kind,holder,valid_from,valid_to,control_code,quantity,unit\n"
        "I-1,individual,Acme,2026-01-01,2026-12-31,1C902.b,10,kg\n"
        "I-1,individual,Acme,2026-01-01,2026-12-31,1C902.a,5,kg\n"
    )
    imp = run_cli("licence", "import", str(csv), *db)
    assert imp.returncode == 0 and "1 licence(s)" in imp.stdout, imp.stderr
    listed = [
        json.loads(x) for x in run_cli("licence", "list", *db, "-f", "jsonl").stdout.splitlines()
    ]
    assert [(x["number"], x["kind"], x["actor"]) for x in listed][0] == ("GL-7", "general", "lee")
    shown = json.loads(run_cli("licence", "show", "I-1", *db, "-f", "jsonl").stdout)
    assert [i["control_code"] for i in shown["items"]] == ["1C902.b", "1C902.a"]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "number,kind,holder,valid_from,valid_to,control_code\nB-1,individual,A,2026-13-01,2026-12-31,1C902\n"
    )
    refused = run_cli("licence", "import", str(bad), *db)
    assert refused.returncode == 2 and "row 1" in refused.stderr and "2026-13-01" in refused.stderr
    for cmd in (["licence", "--help"], ["licence", "add", "--help"], ["review", "list", "--help"],
                ["rescreen", "--help"], ["review", "approve", "--help"]):  # fmt: skip
        assert run_cli(*cmd).returncode == 0


def test_without_a_store_a_declared_licence_is_only_noted(decide_line) -> None:  # type: ignore[no-untyped-def]
    dec = decide_line(
        "2026-03-02", destination_country="JP", consignee="Tokyo Magnet Trading K.K.",
        end_user_type="civilian", hs_code="2846901940", description="Samarium oxide 99.9%",
        licence_id="L-1",
    )  # fmt: skip
    assert dec.decision.value == "licence_required"
    assert any("not checked against a register" in r.detail for r in dec.reasons)
    assert all(r.licence is None for r in dec.reasons)
