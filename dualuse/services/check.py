"""Decide batches of shipment lines, fast and with flat memory.

Lines that are alike in every field the engine reads get the same decision, so each batch is
keyed by those fields (one vectorised string join), each distinct key is validated and
decided once, and results are broadcast back to the rows with Arrow ``take``. The id is the
only per-row value in a result; it is spliced into pre-serialised JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.compute as pc

from dualuse.engine import ItemClassifier, PartyScreener, ShipmentError, decide, parse_shipment
from dualuse.engine.outcome import Decision
from dualuse.io.readers import JSON_ERROR_FIELD
from dualuse.regime.load import Regime
from dualuse.regime.snapshot import snapshot

# Fields the engine reads (besides id); numeric fields that only need validation are not keys.
KEY_FIELDS = (
    "date",
    "exporter_country",
    "origin_country",
    "destination_country",
    "consignee",
    "end_user",
    "end_user_country",
    "end_user_type",
    "end_use",
    "hs_code",
    "control_code",
    "description",
    "china_content_pct",
    "licence_id",
    "parameters",
    JSON_ERROR_FIELD,
)
NUMERIC_FIELDS = ("quantity", "value")
SEP = "\x1f"
NUMBER_RX = r"^\s*[-+]?(\d[\d,]*)?(\.\d+)?([eE][-+]?\d+)?\s*$"
OUTPUT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("decision", pa.string()),
        ("as_of", pa.string()),
        ("reasons", pa.string()),
        ("items", pa.string()),
        ("parties", pa.string()),
        ("error_row", pa.int64()),
        ("error_field", pa.string()),
        ("error_message", pa.string()),
    ]
)


@dataclass(frozen=True)
class KeyResult:
    """The outcome for one distinct key: a decision, or the invalid field."""

    decision: Decision | None
    rest_json: bytes = b""  # the JSON object without its opening brace and without "id"
    error_field: str = ""
    error_message: str = ""


@dataclass
class Counts:
    rows: int = 0
    errors: int = 0
    by_decision: dict[str, int] = field(default_factory=dict)


class CheckRunner:
    """Decides batches; holds the regime, the ports and a bounded cache of key results."""

    def __init__(
        self,
        regime: Regime,
        classifier: ItemClassifier,
        screener: PartyScreener,
        today: dt.date,
        as_of: dt.date | None = None,
        cache_size: int = 200_000,
    ) -> None:
        self.regime = regime
        self.classifier = classifier
        self.screener = screener
        self.today = today
        self.as_of = as_of
        self.cache: dict[str, KeyResult] = {}
        self.cache_size = cache_size
        self.counts = Counts()

    # one key ------------------------------------------------------------------------
    def decide_raw(self, raw: dict[str, Any], row: int) -> KeyResult:
        if raw.get(JSON_ERROR_FIELD):
            return KeyResult(None, error_field="(line)", error_message=str(raw[JSON_ERROR_FIELD]))
        try:
            shipment = parse_shipment({**raw, "id": raw.get("id") or "-"}, row)
        except ShipmentError as exc:
            return KeyResult(None, error_field=exc.error.field, error_message=exc.error.message)
        day = self.as_of or shipment.date or self.today
        dec = decide(shipment, snapshot(self.regime, day), self.classifier, self.screener)
        body = dec.to_dict()
        del body["id"]
        return KeyResult(dec, rest_json=orjson.dumps(body)[1:])

    # one batch ----------------------------------------------------------------------
    def run_batch(
        self, batch: pa.RecordBatch, first_row: int
    ) -> tuple[pa.Array, list[KeyResult], pa.Array]:
        """Key every row; return (key index per row, results per distinct key, ids)."""
        n = batch.num_rows
        names = batch.schema.names
        present = [f for f in KEY_FIELDS if f in names] + sorted(
            f for f in names if f.startswith("param_")
        )
        empty = pa.array([""] * n, pa.string()) if not present else None
        cols = [pc.fill_null(batch.column(f), "") for f in present]
        if any(pc.any(pc.match_substring(c, SEP)).as_py() for c in cols):
            raise ValueError("a field contains the reserved character U+001F")
        if len(cols) == 1:
            key = cols[0]
        elif cols:
            key = pc.binary_join_element_wise(*cols, SEP)
        else:
            key = empty
        enc = key.dictionary_encode()
        indices, uniques = enc.indices, enc.dictionary.to_pylist()
        # first row of each distinct key (row numbers in errors point at a real row)
        first_index = _first_positions(indices, len(uniques))
        results: list[KeyResult] = []
        for k, text in enumerate(uniques):
            cached = self.cache.get(text)
            if cached is None or cached.decision is None:
                raw = dict(zip(present, text.split(SEP), strict=True)) if present else {}
                cached = self.decide_raw(raw, first_row + first_index[k])
                if len(self.cache) >= self.cache_size:
                    self.cache.clear()
                self.cache[text] = cached
            results.append(cached)
        ids = batch.column("id") if "id" in names else pa.array([None] * n, pa.string())
        return indices, results, ids

    def batch_errors(
        self,
        batch: pa.RecordBatch,
        indices: pa.Array,
        results: list[KeyResult],
        ids: pa.Array,
        first_row: int,
    ) -> dict[int, tuple[str, str]]:
        """Row position -> (field, message) for every row that cannot be decided."""
        errors: dict[int, tuple[str, str]] = {}
        bad_keys = {k for k, r in enumerate(results) if r.decision is None}
        if bad_keys:
            mask = pc.is_in(indices, pa.array(sorted(bad_keys), indices.type))
            for pos in pc.indices_nonzero(mask).to_pylist():
                r = results[indices[pos].as_py()]
                errors[pos] = (r.error_field, r.error_message)
        missing_id = pc.or_(
            pc.is_null(ids), pc.equal(pc.utf8_trim_whitespace(pc.fill_null(ids, "")), "")
        )
        for pos in pc.indices_nonzero(missing_id).to_pylist():
            errors.setdefault(pos, ("id", "required field is missing"))
        for f in NUMERIC_FIELDS:
            if f in batch.schema.names:
                col = pc.fill_null(batch.column(f), "")
                ok = pc.match_substring_regex(col, NUMBER_RX)
                bad = pc.and_(pc.invert(ok), pc.not_equal(col, ""))
                for pos in pc.indices_nonzero(bad).to_pylist():
                    errors.setdefault(pos, (f, f"{col[pos].as_py()!r} is not a number"))
        return errors

    # outputs --------------------------------------------------------------------------
    def jsonl_lines(self, batch: pa.RecordBatch, first_row: int) -> list[bytes]:
        indices, results, ids = self.run_batch(batch, first_row)
        errors = self.batch_errors(batch, indices, results, ids, first_row)
        rests = pa.array(
            [r.rest_json.decode() if r.decision else "}" for r in results], pa.string()
        )
        body = rests.take(indices)
        id_json = _json_strings(ids)
        lines = pc.binary_join_element_wise('{"id":', id_json, ",", body, "")
        out = [s.encode() for s in lines.to_pylist()]
        for pos, (fld, msg) in errors.items():
            rid = ids[pos].as_py()
            out[pos] = orjson.dumps(
                {"id": rid, "error": {"row": first_row + pos, "field": fld, "message": msg}}
            )
        self._count(indices, results, errors, batch.num_rows)
        return out

    def arrow_table(self, batch: pa.RecordBatch, first_row: int) -> pa.Table:
        indices, results, ids = self.run_batch(batch, first_row)
        errors = self.batch_errors(batch, indices, results, ids, first_row)

        def col(get: Any) -> pa.Array:
            return pa.array([get(r) if r.decision else None for r in results], pa.string()).take(
                indices
            )

        decision = col(lambda r: r.decision.decision.value)
        as_of = col(lambda r: r.decision.as_of.isoformat())
        reasons = col(lambda r: orjson.dumps([x.to_dict() for x in r.decision.reasons]).decode())
        items = col(lambda r: orjson.dumps(list(r.decision.items)).decode())
        parties = col(lambda r: orjson.dumps(list(r.decision.parties)).decode())
        n = batch.num_rows
        err_row: list[int | None] = [None] * n
        err_field: list[str | None] = [None] * n
        err_msg: list[str | None] = [None] * n
        if errors:
            keep = pa.array([i not in errors for i in range(n)])
            null = pa.nulls(n, pa.string())
            decision, as_of, reasons, items, parties = (
                pc.if_else(keep, c, null) for c in (decision, as_of, reasons, items, parties)
            )
            for pos, (fld, msg) in errors.items():
                err_row[pos], err_field[pos], err_msg[pos] = first_row + pos, fld, msg
        self._count(indices, results, errors, n)
        return pa.table(
            [
                ids.cast(pa.string()),
                decision,
                as_of,
                reasons,
                items,
                parties,
                pa.array(err_row, pa.int64()),
                pa.array(err_field, pa.string()),
                pa.array(err_msg, pa.string()),
            ],
            schema=OUTPUT_SCHEMA,
        )

    def records(self, batch: pa.RecordBatch, first_row: int) -> Iterator[dict[str, Any]]:
        """Plain dicts (for tables and the HTTP API)."""
        for line in self.jsonl_lines(batch, first_row):
            yield orjson.loads(line)

    def _count(
        self, indices: pa.Array, results: list[KeyResult], errors: dict[int, Any], n: int
    ) -> None:
        self.counts.rows += n
        self.counts.errors += len(errors)
        vc = pc.value_counts(indices)
        for entry in vc.to_pylist():
            r = results[entry["values"]]
            if r.decision is not None:
                k = r.decision.decision.value
                self.counts.by_decision[k] = self.counts.by_decision.get(k, 0) + entry["counts"]
        for pos in errors:
            r = results[indices[pos].as_py()]
            if r.decision is not None:
                k = r.decision.decision.value
                self.counts.by_decision[k] -= 1


def _first_positions(indices: pa.Array, n: int) -> list[int]:
    first = [-1] * n
    seen = 0
    for pos, k in enumerate(indices.to_pylist()):
        if first[k] < 0:
            first[k] = pos
            seen += 1
            if seen == n:
                break
    return first


def _json_strings(ids: pa.Array) -> pa.Array:
    """JSON-encode a string array: plain values by concatenation, the rest one by one."""
    text = pc.fill_null(ids.cast(pa.string()), "")
    plain = pc.binary_join_element_wise('"', text, '"', "")
    special = pc.or_(pc.match_substring_regex(text, r'["\\\x00-\x1f\x7f]'), pc.is_null(ids))
    if not pc.any(special).as_py():
        return plain
    values = plain.to_pylist()
    for pos in pc.indices_nonzero(special).to_pylist():
        v = ids[pos].as_py()
        values[pos] = orjson.dumps(v).decode()
    return pa.array(values, pa.string())
