"""Lines given as objects are decided exactly as the lines of a file, whether they come one by
one (through the memo of whole output lines) or as a batch."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from dualuse.classify import default_classifier
from dualuse.regime import Regime
from dualuse.screening import default_screener
from dualuse.services.check_lines import LineChecker

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(scope="module")
def checker(regime: Regime) -> LineChecker:
    return LineChecker(regime, default_classifier(), default_screener())


def _lines() -> list[dict[str, Any]]:
    with (EXAMPLES / "shipments.csv").open(encoding="utf-8") as f:
        return [{k: v for k, v in r.items() if v} for r in csv.DictReader(f)]


def test_one_by_one_equals_the_batch_twice_over(checker: LineChecker) -> None:
    lines = _lines()
    batch, counts = checker.lines(lines, TODAY)
    assert counts.rows == len(lines) and counts.errors == 0
    for _ in range(2):  # the second pass is answered from the memo
        single = [checker.line(x, TODAY) for x in lines]
        # a single line is row 1 of its own request; no errors here, so rows do not show
        assert single == batch


def test_memo_splices_the_new_id_and_keeps_id_errors(checker: LineChecker) -> None:
    base = {"destination_country": "JP", "end_user": "三菱重工航空发动机", "date": "2026-03-02"}
    first = json.loads(checker.line({**base, "id": "A"}, TODAY))
    again = json.loads(checker.line({**base, "id": 7}, TODAY))
    assert again == {**first, "id": "7"}
    blank = json.loads(checker.line({**base, "id": "  "}, TODAY))
    assert blank["error"]["field"] == "id"
    missing = json.loads(checker.line(base, TODAY))
    assert missing == {
        "id": None,
        "error": {"row": 1, "field": "id", "message": "required field is missing"},
    }
    assert json.loads(checker.line({**base, "id": "B"}, TODAY)) == {**first, "id": "B"}


def test_memo_respects_dates_and_as_of(checker: LineChecker) -> None:
    line = {
        "id": "G",
        "destination_country": "US",
        "hs_code": "8112929010",
        "description": "gallium",
    }
    early = json.loads(checker.line(line, TODAY, dt.date(2024, 12, 10)))
    late = json.loads(checker.line(line, TODAY, dt.date(2026, 3, 2)))
    assert early["as_of"] == "2024-12-10" and late["as_of"] == "2026-03-02"
    assert json.loads(checker.line(line, TODAY, dt.date(2024, 12, 10))) == early
    bad = json.loads(checker.line({**line, "date": "2026-13-45"}, TODAY))
    assert bad["error"]["field"] == "date"
