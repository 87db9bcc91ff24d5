"""Decide batches of shipment lines, fast and with flat memory.

Lines that are alike in every field the engine reads get the same decision, so each batch is
keyed by those fields (one vectorised string join), each distinct key is validated and
decided once, and results are broadcast back to the rows with Arrow ``take``. The date enters
the key as the *regime version* it falls in: the regime changes only on its change dates, so
every day between two of them gives the same decision. The id and the date are the only
per-row values in a result; they are spliced into pre-serialised JSON.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from dualuse.engine import ItemClassifier, PartyScreener, ShipmentError, decide, parse_shipment
from dualuse.engine.caching import CachedClassifier, CachedScreener
from dualuse.io.readers import JSON_ERROR_FIELD
from dualuse.regime.load import Regime
from dualuse.regime.model import ISO_DATE
from dualuse.regime.snapshot import snapshot

# Fields the engine reads (besides id and date); numeric fields that only need validation are
# not part of the key.
KEY_FIELDS = (
    "exporter_country", "origin_country", "destination_country", "consignee", "end_user",
    "end_user_country", "end_user_type", "end_use", "hs_code", "control_code", "description",
    "china_content_pct", "licence_id", "parameters", JSON_ERROR_FIELD,
)  # fmt: skip
NUMERIC_FIELDS = ("quantity", "value")
SEP = "\x1f"
VERSION_PREFIX = "\x1ev:"
BEFORE_ALL = dt.date(1900, 1, 1)
NUMBER_RX = r"^\s*[-+]?(\d[\d,]*)?(\.\d+)?([eE][-+]?\d+)?\s*$"
_TEXT_DICT = pa.dictionary(pa.int32(), pa.string())
OUTPUT_SCHEMA = pa.schema(
    [
        ("id", pa.string()), ("decision", _TEXT_DICT), ("as_of", pa.string()),
        ("reasons", _TEXT_DICT), ("items", _TEXT_DICT), ("parties", _TEXT_DICT),
        ("error_row", pa.int64()), ("error_field", pa.string()), ("error_message", pa.string()),
    ]
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class KeyResult:
    """The outcome for one distinct key: a decision (as its JSON), or the invalid field.

    Only the serialised form is kept, so that the cache stays small.
    """

    decision: str | None
    rest_json: str = ""  # the JSON object without "{", "id" and "as_of"
    parts: tuple[str, str, str] = ("", "", "")  # reasons, items, parties as JSON
    error_field: str = ""
    error_message: str = ""


@dataclass
class Counts:
    rows: int = 0
    errors: int = 0
    by_decision: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Keyed:
    """A batch keyed: per row the distinct-key index, the id and the as-of date."""

    indices: pa.Array
    results: list[KeyResult]
    ids: pa.Array
    as_of: pa.Array
    errors: dict[int, tuple[str, str]]


def _iso_day(text: str) -> dt.date | None:
    if not ISO_DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


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
        self.classifier = CachedClassifier(classifier)
        self.screener = CachedScreener(screener)
        self.change_dates = regime.change_dates()
        self.today = today
        self.as_of = as_of
        self.cache: dict[str, KeyResult] = {}
        self.cache_size = cache_size
        self.counts = Counts()

    # one key ------------------------------------------------------------------------
    def decide_raw(self, raw: dict[str, Any], row: int) -> KeyResult:
        """Validate and decide one distinct key (its date is a version token or raw text)."""
        if raw.get(JSON_ERROR_FIELD):
            return KeyResult(None, error_field="(row)", error_message=str(raw[JSON_ERROR_FIELD]))
        token = raw.get("date") or ""
        day: dt.date | None = None
        if token.startswith(VERSION_PREFIX):
            day = dt.date.fromisoformat(token[len(VERSION_PREFIX) :])
            raw = {**raw, "date": day.isoformat() if day != BEFORE_ALL else ""}
        try:
            shipment = parse_shipment({**raw, "id": raw.get("id") or "-"}, row)
        except ShipmentError as exc:
            return KeyResult(None, error_field=exc.error.field, error_message=exc.error.message)
        day = day or self.as_of or shipment.date or self.today
        dec = decide(shipment, snapshot(self.regime, day), self.classifier, self.screener)
        body = dec.to_dict()
        del body["id"], body["as_of"]
        parts = tuple(orjson.dumps(body[k]).decode() for k in ("reasons", "items", "parties"))
        return KeyResult(
            dec.decision.value,
            rest_json=orjson.dumps(body)[1:].decode(),
            parts=(parts[0], parts[1], parts[2]),
        )

    def version_start(self, day: dt.date) -> dt.date:
        """The first day of the regime version that ``day`` falls in."""
        i = bisect.bisect_right(self.change_dates, day)
        return self.change_dates[i - 1] if i else BEFORE_ALL

    def _dates(self, batch: pa.RecordBatch) -> tuple[pa.Array, pa.Array]:
        """Per row: the date key (a version token, or the raw text if invalid) and as_of."""
        n = batch.num_rows
        if self.as_of is not None or "date" not in batch.schema.names:
            day = self.as_of or self.today
            token = VERSION_PREFIX + self.version_start(day).isoformat()
            return pa.array([token] * n, pa.string()), pa.array([day.isoformat()] * n, pa.string())
        enc = pc.fill_null(batch.column("date"), "").dictionary_encode()
        tokens: list[str] = []
        as_of: list[str | None] = []
        for text in enc.dictionary.to_pylist():
            found = self.today if not text.strip() else _iso_day(text.strip())
            if found is None:
                tokens.append(text)
                as_of.append(None)
            else:
                day = found
                tokens.append(VERSION_PREFIX + self.version_start(day).isoformat())
                as_of.append(day.isoformat())
        return (
            pa.array(tokens, pa.string()).take(enc.indices),
            pa.array(as_of, pa.string()).take(enc.indices),
        )

    # one batch ----------------------------------------------------------------------
    def key_batch(self, batch: pa.RecordBatch, first_row: int) -> Keyed:
        """Key every row, decide each distinct key once, and find the row errors."""
        n = batch.num_rows
        names = batch.schema.names
        present = [f for f in KEY_FIELDS if f in names]
        present += sorted(f for f in names if f.startswith("param_"))
        cols = [pc.fill_null(batch.column(f), "") for f in present]
        if any(pc.any(pc.match_substring(c, SEP)).as_py() for c in cols):
            # the separator cannot be told apart from data: decide these rows one by one
            cols = [pc.replace_substring(c, SEP, " ") for c in cols]
        date_key, as_of = self._dates(batch)
        key = pc.binary_join_element_wise(date_key, *cols, SEP)
        enc = key.dictionary_encode()
        indices, uniques = enc.indices, enc.dictionary.to_pylist()
        first_index = _first_positions(indices, len(uniques))
        fields = ["date", *present]
        results: list[KeyResult] = []
        for k, text in enumerate(uniques):
            cached = self.cache.get(text)
            if cached is None or cached.decision is None:
                raw = dict(zip(fields, text.split(SEP), strict=True))
                cached = self.decide_raw(raw, first_row + first_index[k])
                if len(self.cache) >= self.cache_size:
                    self.cache.clear()
                self.cache[text] = cached
            results.append(cached)
        ids = batch.column("id") if "id" in names else pa.nulls(n, pa.string())
        errors = self._row_errors(batch, indices, results, ids)
        self._count(indices, results, errors, n)
        return Keyed(indices, results, ids, as_of, errors)

    def _row_errors(
        self, batch: pa.RecordBatch, indices: pa.Array, results: list[KeyResult], ids: pa.Array
    ) -> dict[int, tuple[str, str]]:
        """Row position -> (field, message) for every row that cannot be decided."""
        errors: dict[int, tuple[str, str]] = {}
        bad_keys = [k for k, r in enumerate(results) if r.decision is None]
        if bad_keys:
            mask = pc.is_in(indices, pa.array(bad_keys, indices.type))
            for pos in pc.indices_nonzero(mask).to_pylist():
                r = results[indices[pos].as_py()]
                errors[pos] = (r.error_field, r.error_message)
        text_ids = pc.utf8_trim_whitespace(pc.fill_null(ids.cast(pa.string()), ""))
        for pos in pc.indices_nonzero(pc.equal(text_ids, "")).to_pylist():
            errors.setdefault(pos, ("id", "required field is missing"))
        for f in NUMERIC_FIELDS:
            if f in batch.schema.names:
                col = pc.fill_null(batch.column(f), "")
                bad = pc.and_(
                    pc.invert(pc.match_substring_regex(col, NUMBER_RX)), pc.not_equal(col, "")
                )
                for pos in pc.indices_nonzero(bad).to_pylist():
                    errors.setdefault(pos, (f, f"{col[pos].as_py()!r} is not a number"))
        return errors

    # outputs --------------------------------------------------------------------------
    def jsonl_lines(self, batch: pa.RecordBatch, first_row: int) -> list[str]:
        """One JSON object per row, in input order (errors in place of their rows)."""
        return self.lines_of(self.key_batch(batch, first_row), first_row)

    def lines_of(self, kb: Keyed, first_row: int) -> list[str]:
        """The JSON Lines of a keyed batch."""
        rests = pa.array([r.rest_json for r in kb.results], pa.string())
        body = rests.take(kb.indices)
        as_of = pc.fill_null(kb.as_of, "")
        lines = pc.binary_join_element_wise(
            '{"id":', _json_strings(kb.ids), ',"as_of":"', as_of, '",', body, ""
        )
        out: list[str] = lines.to_pylist()
        for pos, (fld, msg) in kb.errors.items():
            error = {"row": first_row + pos, "field": fld, "message": msg}
            out[pos] = orjson.dumps({"id": kb.ids[pos].as_py(), "error": error}).decode()
        return out

    def jsonl_blob(self, batch: pa.RecordBatch, first_row: int) -> bytes:
        """The batch's JSON Lines as one block of bytes, newline-terminated."""
        lines = self.jsonl_lines(batch, first_row)
        return ("\n".join(lines) + "\n").encode() if lines else b""

    def arrow_table(self, batch: pa.RecordBatch, first_row: int) -> pa.Table:
        """Results as an Arrow table (for CSV and Parquet output)."""
        return self.table_of(self.key_batch(batch, first_row), first_row)

    def table_of(self, kb: Keyed, first_row: int) -> pa.Table:
        """The Arrow table of a keyed batch.

        Result columns are dictionary-encoded over the batch's distinct keys, so a million
        lines with a few thousand distinct decisions cost a few thousand strings, not a
        million (Parquet stores them as dictionary pages; CSV output decodes them).
        """
        n = len(kb.indices)
        indices = kb.indices.cast(pa.int32())
        as_of = kb.as_of
        err_row: list[int | None] = [None] * n
        err_field: list[str | None] = [None] * n
        err_msg: list[str | None] = [None] * n
        if kb.errors:
            keep = pa.array([i not in kb.errors for i in range(n)])
            indices = pc.if_else(keep, indices, pa.nulls(n, pa.int32()))
            as_of = pc.if_else(keep, as_of, pa.nulls(n, pa.string()))
            for pos, (fld, msg) in kb.errors.items():
                err_row[pos], err_field[pos], err_msg[pos] = first_row + pos, fld, msg

        def col(values: list[str | None]) -> pa.DictionaryArray:
            return pa.DictionaryArray.from_arrays(indices, pa.array(values, pa.string()))

        def part(i: int) -> pa.DictionaryArray:
            return col([r.parts[i] if r.decision else None for r in kb.results])

        columns = [
            kb.ids.cast(pa.string()), col([r.decision for r in kb.results]), as_of,
            part(0), part(1), part(2),
            pa.array(err_row, pa.int64()), pa.array(err_field, pa.string()),
            pa.array(err_msg, pa.string()),
        ]  # fmt: skip
        return pa.table(columns, schema=OUTPUT_SCHEMA)

    def records(self, batch: pa.RecordBatch, first_row: int) -> Iterator[dict[str, Any]]:
        """Plain dicts (for tables and the HTTP API)."""
        for line in self.jsonl_lines(batch, first_row):
            yield orjson.loads(line)

    def _count(
        self, indices: pa.Array, results: list[KeyResult], errors: dict[int, Any], n: int
    ) -> None:
        self.counts.rows += n
        self.counts.errors += len(errors)
        per_key = np.bincount(indices.to_numpy(zero_copy_only=False), minlength=len(results))
        for pos in errors:
            per_key[indices[pos].as_py()] -= 1
        for r, count in zip(results, per_key.tolist(), strict=True):
            if r.decision is not None and count:
                self.counts.by_decision[r.decision] = (
                    self.counts.by_decision.get(r.decision, 0) + count
                )


def _first_positions(indices: pa.Array, n: int) -> list[int]:
    """The first row position of each distinct key."""
    idx = indices.to_numpy(zero_copy_only=False)
    first = np.full(n, -1, dtype=np.int64)
    # writing in reverse leaves the earliest position of each key
    first[idx[::-1]] = np.arange(len(idx) - 1, -1, -1)
    return [int(x) for x in first.tolist()]


def _json_strings(ids: pa.Array) -> pa.Array:
    """JSON-encode a string array: plain values by concatenation, the rest one by one."""
    text = pc.fill_null(ids.cast(pa.string()), "")
    plain = pc.binary_join_element_wise('"', text, '"', "")
    special = pc.or_(pc.match_substring_regex(text, r'["\\\x00-\x1f\x7f]'), pc.is_null(ids))
    if not pc.any(special).as_py():
        return plain
    values = plain.to_pylist()
    for pos in pc.indices_nonzero(special).to_pylist():
        values[pos] = orjson.dumps(ids[pos].as_py()).decode()
    return pa.array(values, pa.string())
