"""Deciding once per tuple of resolved facts gives, for every line, the bytes that deciding
the line on its own gives (``parse_shipment`` then ``decide``, one line at a time)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson
import pyarrow as pa
import pytest

from bench.distinct_lines import make_lines
from dualuse import values
from dualuse.classify import default_classifier
from dualuse.engine import ShipmentError, decide, parse_shipment
from dualuse.io.readers import JSON_ERROR_FIELD, read_row_error
from dualuse.regime import Regime, snapshot
from dualuse.regime.model import ISO_DATE
from dualuse.screening import default_screener
from dualuse.services.check import KEY_FIELDS, NUMERIC_FIELDS, SEP, CheckRunner

TODAY = dt.date(2026, 11, 30)
ORDER = ("decision", "provisional", "unknown_after", "reasons", "items", "parties")


def one_line(regime: Regime, rec: dict[str, Any], row: int, as_of: dt.date | None) -> str:
    """The result of one line, decided alone (the meaning the batch runner must keep)."""
    present = [f for f in KEY_FIELDS if f in rec]
    present += sorted(f for f in rec if f.startswith("param_"))
    raw = {f: (rec[f] or "").replace(SEP, " ") for f in present}
    ident = rec.get("id")

    def error(field: str, message: str) -> str:
        return orjson.dumps({"id": ident, "error": {"row": row, "field": field,
                                                    "message": message}}).decode()  # fmt: skip

    day = as_of
    if day is None:
        text = (rec.get("date") or "").strip()
        if not text:
            day = TODAY
        elif not ISO_DATE.match(text):
            day = None
        else:
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                day = None
        if day is None:
            try:
                parse_shipment({"id": "-", "date": rec.get("date") or ""}, 0)
            except ShipmentError as exc:
                return error(exc.error.field, exc.error.message)
    if raw.get(JSON_ERROR_FIELD):
        return error(*read_row_error(raw[JSON_ERROR_FIELD]))
    try:
        shipment = parse_shipment({**raw, "id": "-", "date": ""}, 0)
    except ShipmentError as exc:
        return error(exc.error.field, exc.error.message)
    if not str(ident or "").strip():
        return error("id", "required field is missing")
    for f in NUMERIC_FIELDS:
        if rec.get(f):
            try:
                values.number(rec[f])
            except ValueError as exc:
                return error(f, str(exc))
    assert day is not None
    d = decide(shipment, snapshot(regime, day), default_classifier(), default_screener())
    body = d.to_dict()
    return orjson.dumps({"id": ident, "as_of": day.isoformat(),
                         **{k: body[k] for k in ORDER}}).decode()  # fmt: skip


ODD = [
    # the line's own values in every shape the templates must quote as the engine does
    {"licence_id": 'it\'s \\ "q" 許可-7', "description": "Laptop 'Pro' \"15\""},
    {"licence_id": "  L-1  ", "hs_code": "８４７１３０００００", "description": " Laptops\t"},
    {"licence_id": "L\x1f2", "description": "Gallium\x1fmetal", "consignee": "A\x1fB Co."},
    {"control_code": "3c001", "description": "", "hs_code": ""},
    {"hs_code": "", "description": "", "end_user_type": "military"},
    {"destination_country": "jp", "end_user_country": "ＪＰ", "end_user_type": "MILITARY"},
    {"exporter_country": "DE", "origin_country": "CN", "china_content_pct": "12.5"},
    {"exporter_country": "DE", "origin_country": "DE", "china_content_pct": "0.5"},
    {"parameters": '{"purity_pct": 99.99}', "hs_code": "8112929010"},
    {"parameters": "[1]"},
    {"end_use": "for the JGSDF", "end_user": "防衛省"},
    {"date": " 2026-03-02 "},
    {"date": ""},
    {"date": "2026-13-01", "destination_country": "XX"},
    {JSON_ERROR_FIELD: "(row)\x1ethe row has 3 fields, the header has 16"},
    {"quantity": "1e999", "hs_code": "81129A"},
    {"id": " ", "china_content_pct": "-1"},
]


def odd_rows(base: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for k, change in enumerate(ODD):
        rec = {**base[k % len(base)], **change}
        rec["id"] = change.get("id", f"ODD{k}")
        out.append(rec)
    return out


@pytest.mark.parametrize("as_of", [None, dt.date(2026, 3, 2)])
def test_every_line_as_if_decided_alone(regime: Regime, as_of: dt.date | None) -> None:
    rows = make_lines(1200, seed=21, errors=True).to_pylist()
    rows = rows + odd_rows(rows) + rows[:40]  # the repeats meet the caches
    names = sorted({k for r in rows for k in r})
    table = pa.table({k: pa.array([r.get(k) for r in rows], pa.string()) for k in names})
    runner = CheckRunner(regime, default_classifier(), default_screener(), today=TODAY, as_of=as_of)
    got: list[str] = []
    for batch in table.to_batches(max_chunksize=300):
        got += runner.jsonl_lines(batch, len(got) + 1)
    want = [one_line(regime, r, i + 1, as_of) for i, r in enumerate(rows)]
    for i, (a, b) in enumerate(zip(got, want, strict=True)):
        assert a == b, (i, rows[i])
    # far fewer decisions than distinct lines
    assert runner.stats()["results"] < len({tuple(sorted(r.items())) for r in rows}) / 3


@pytest.mark.parametrize(
    "columns",
    [("id",), ("id", "destination_country"), ("id", "destination_country", "description"),
     ("id", "destination_country", "param_purity_pct")],
)  # fmt: skip
def test_files_with_few_columns(regime: Regime, columns: tuple[str, ...]) -> None:
    sample = {"id": "A1", "destination_country": "JP", "description": "Gallium metal",
              "param_purity_pct": "99.99"}  # fmt: skip
    rows = [{c: sample[c] for c in columns}, {c: "" for c in columns}]
    table = pa.table({c: pa.array([r[c] for r in rows], pa.string()) for c in columns})
    runner = CheckRunner(regime, default_classifier(), default_screener(), today=TODAY)
    got = runner.jsonl_lines(table.to_batches()[0], 1)
    assert got == [one_line(regime, r, i + 1, None) for i, r in enumerate(rows)]


def test_new_names_screened_on_every_core(regime: Regime, monkeypatch: pytest.MonkeyPatch) -> None:
    """Names screened by forked workers give the lines screened in the process give."""
    from dualuse.services import parallel_screen

    monkeypatch.setattr(parallel_screen, "MIN_NAMES", 8)
    table = make_lines(400, seed=33)
    out = []
    for jobs in (1, 2):
        runner = CheckRunner(
            regime, default_classifier(), default_screener(), today=TODAY, screen_jobs=jobs
        )
        out.append(runner.jsonl_lines(table.to_batches()[0], 1))
    assert out[0] == out[1]
    rows = table.to_pylist()
    assert out[1][:50] == [one_line(regime, r, i + 1, None) for i, r in enumerate(rows[:50])]
