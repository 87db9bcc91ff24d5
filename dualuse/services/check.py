"""Decide batches of shipment lines, fast and with flat memory.

Lines that are alike in every field the engine reads get the same decision. Each batch is
keyed in two parts, both vectorised with Arrow and NumPy:

* the *fields* key: every field the engine reads except the date, joined into one string and
  dictionary-encoded; each distinct fields key gets a number (``gid``) for the whole run and
  is parsed and validated once;
* the *version*: the regime changes only on its change dates, so every day between two of
  them gives the same decision; a date enters the key as the index of the regime version it
  falls in.

Each distinct ``(gid, version)`` pair is decided once per run and its result kept,
serialised, in a result table; rows point into that table. The id and the date are the only
per-row values of a result, spliced into pre-serialised JSON with Arrow string kernels, and
the JSON Lines of a batch are written straight from the Arrow buffer.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from dualuse import values
from dualuse.engine import (
    Decision,
    ItemClassifier,
    Outcome,
    PartyScreener,
    ShipmentError,
    decide,
    parse_shipment,
)
from dualuse.engine.caching import CachedClassifier, CachedScreener
from dualuse.engine.shipment import Shipment
from dualuse.io.readers import JSON_ERROR_FIELD, read_row_error
from dualuse.regime.load import Regime
from dualuse.regime.model import ISO_DATE
from dualuse.regime.snapshot import Snapshot, snapshot
from dualuse.services.memo import (
    NOT_REUSABLE,
    Reads,
    TracedSnapshot,
    TracingScreener,
    UntracingClassifier,
    Validator,
)

if TYPE_CHECKING:
    from dualuse.services.licensing import LicenceCoverage

# Fields the engine reads (besides id and date); numeric fields that only need validation are
# not part of the key.
KEY_FIELDS = (
    "exporter_country", "origin_country", "destination_country", "consignee", "end_user",
    "end_user_country", "end_user_type", "end_use", "hs_code", "control_code", "description",
    "china_content_pct", "licence_id", "parameters", JSON_ERROR_FIELD,
)  # fmt: skip
NUMERIC_FIELDS = ("quantity", "value")
SEP = "\x1f"
BEFORE_ALL = dt.date(1900, 1, 1)
_TEXT_DICT = pa.dictionary(pa.int32(), pa.string())
OUTPUT_SCHEMA = pa.schema(
    [
        ("id", pa.string()), ("decision", _TEXT_DICT), ("as_of", pa.string()),
        ("provisional", _TEXT_DICT), ("unknown_after", _TEXT_DICT),
        ("reasons", _TEXT_DICT), ("items", _TEXT_DICT), ("parties", _TEXT_DICT),
        ("error_row", pa.int64()), ("error_field", pa.string()), ("error_message", pa.string()),
    ]
)  # fmt: skip
# Arguments of Arrow kernels are passed as Arrow scalars: a plain Python value makes pyarrow
# probe for pandas on every call (an import attempt each time where pandas is absent).
_EMPTY = pa.scalar("", pa.string())
_QUOTE = pa.scalar('"', pa.string())
_SEP = pa.scalar(SEP, pa.string())
_MINUS_ONE = pa.scalar(-1, pa.int32())
_DECISION_CODES = {"prohibited": 0, "review": 1, "licence_required": 2, "allowed": 3}
_NO_RESULT = -1  # a row not decided through the fields key (its date is invalid)
IntArray = np.ndarray[Any, np.dtype[np.int64]]
MEMO_PER_LINE = 8  # decisions kept per distinct line for reuse across versions


@dataclass(frozen=True, slots=True)
class KeyResult:
    """The outcome for one distinct key: a decision (as its JSON), or the invalid field.

    Only the serialised form is kept, so that the cache stays small.
    """

    decision: str | None
    rest_json: str = ""  # the JSON object without "{", "id" and "as_of"
    parts: tuple[str, str, str] = ("", "", "")  # reasons, items, parties as JSON
    provisional: tuple[str, str] = ("", "")  # "true"/"false", and the unknown-after date
    error_field: str = ""
    error_message: str = ""


@dataclass
class Counts:
    rows: int = 0
    errors: int = 0
    by_decision: dict[str, int] = field(default_factory=dict)
    first_error: tuple[int, str, str] | None = None  # row, field, message


@dataclass(frozen=True)
class Keyed:
    """A batch keyed: per row the result id, the id and the as-of date, and the row errors."""

    rids: IntArray
    ids: pa.Array
    as_of: pa.Array
    errors: dict[int, tuple[str, str]]
    table: ResultTable  # the results the ids point into (kept if the runner starts afresh)

    @property
    def num_rows(self) -> int:
        return len(self.rids)

    def local(self) -> tuple[IntArray, np.ndarray[Any, np.dtype[np.int32]]]:
        """The batch's distinct result ids, and per row the index into them."""
        local, inverse = np.unique(np.maximum(self.rids, 0), return_inverse=True)
        return local, inverse.reshape(-1).astype(np.int32)


class ResultTable:
    """Every distinct result of the run, in the order they were found."""

    def __init__(self) -> None:
        self.results: list[KeyResult] = []
        self._codes = np.empty(0, np.int8)
        self._columns: dict[str, tuple[pa.Array, int]] = {}

    def __len__(self) -> int:
        return len(self.results)

    def add(self, result: KeyResult) -> int:
        self.results.append(result)
        return len(self.results) - 1

    def column(self, name: str, rids: IntArray) -> pa.Array:
        """The serialised part ``name`` of the results ``rids`` (never null: errors are "").

        Taken from an Arrow column over all results, which is extended only when results
        were added since it was last used: in the long run of a large file, never.
        """
        whole, done = self._columns.get(name, (None, 0))
        upto = len(self.results)  # results may be added meanwhile (by the deciding thread)
        if whole is None or done < upto:
            new = pa.array([_part(r, name) for r in self.results[done:upto]], pa.string())
            whole = new if whole is None else pa.concat_arrays([whole, new])
            self._columns[name] = (whole, upto)
        return whole.take(pa.array(rids))

    def codes(self) -> np.ndarray[Any, np.dtype[np.int8]]:
        """Per result: the decision as a small number, or -1 for an error."""
        if len(self._codes) < len(self.results):
            new = self.results[len(self._codes) :]
            codes = np.array([_DECISION_CODES.get(r.decision or "", -1) for r in new], np.int8)
            self._codes = np.concatenate([self._codes, codes])
        return self._codes


def _part(result: KeyResult, name: str) -> str:
    if name == "rest":
        return result.rest_json
    if name == "decision":
        return result.decision or ""
    if name == "provisional":
        return result.provisional[0]
    if name == "unknown_after":
        return result.provisional[1]
    return result.parts[("reasons", "items", "parties").index(name)]


def _iso_day(text: str) -> dt.date | None:
    if not ISO_DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


class CheckRunner:
    """Decides batches; holds the regime, the ports and a bounded table of results."""

    def __init__(
        self,
        regime: Regime,
        classifier: ItemClassifier,
        screener: PartyScreener,
        today: dt.date,
        as_of: dt.date | None = None,
        cache_size: int = 50_000,
        licences: LicenceCoverage | None = None,
    ) -> None:
        self.regime = regime
        # with a store: declared licences are looked up and covered lines drawn down
        self.licences = licences
        self.classifier = CachedClassifier(classifier)
        self.screener = CachedScreener(screener)
        self._traced_ports = (UntracingClassifier(self.classifier), TracingScreener(self.screener))
        self.change_dates = regime.change_dates()
        # version i starts on versions[i]; version 0 is everything before the first change
        self.versions = [BEFORE_ALL, *self.change_dates]
        self.stride = len(self.versions) + 1  # the extra slot marks rows with an invalid date
        self.today = today
        self.as_of = as_of
        self.cache_size = cache_size
        self.counts = Counts()
        self._reset()

    def _reset(self) -> None:
        """Forget every key and result (keeps memory flat on endless distinct input)."""
        self.table = ResultTable()
        self._fields: list[tuple[tuple[str, ...], str]] = []
        self._parsed: list[Shipment | int] = []  # per gid: the shipment, or its error's rid
        # result id per gid * stride + version (-1: not decided yet), grown as gids are added
        self._rids = np.full(0, _NO_RESULT, np.int64)
        self._known: dict[tuple[str, ...], pa.Array] = {}  # fields -> texts seen
        self._gid_numbers: dict[tuple[str, ...], IntArray] = {}  # their gids, in that order
        self._memo: dict[int, list[tuple[Reads, int]]] = {}  # gid -> (what it read, result)
        self._validator = Validator(self.screener)
        # date text -> (version, result id of its error or -1, as_of text)
        self._date_info: dict[str, tuple[int, int, str | None]] = {}

    def stats(self) -> dict[str, int]:
        """How much work the run's caches saved: distinct lines (fields without the date),
        distinct line-version pairs, and results computed (decisions and error results)."""
        return {
            "lines": len(self._fields),
            "line_versions": int((self._rids >= 0).sum()),
            "results": len(self.table),
        }

    # one key ------------------------------------------------------------------------
    def _decide(self, shipment: Shipment, day: dt.date, reads: Reads | None = None) -> KeyResult:
        """Decide and serialise; with ``reads``, record what the decision looked up."""
        snap = snapshot(self.regime, day)
        if reads is None:
            dec = decide(shipment, snap, self.classifier, self.screener)
        else:
            traced = cast(Snapshot, TracedSnapshot(snap, reads))
            dec = decide(shipment, traced, *self._traced_ports)
        return _result_of(dec)

    def _decide_licensed(self, raw: dict[str, Any], row: int) -> Decision | None:
        """One line that names a licence, decided on its own date with the licence register
        (its quantity, value and id matter, so it shares no result with other lines)."""
        assert self.licences is not None
        try:
            shipment = parse_shipment({k: v for k, v in raw.items() if v is not None}, row)
        except ShipmentError:
            return None  # the row's error is reported as usual
        day = self.as_of or shipment.date or self.today
        return decide(
            shipment,
            snapshot(self.regime, day),
            self.classifier,
            self.screener,
            self.licences.register,
        )

    def _cover_licences(self, batch: pa.RecordBatch, rids: IntArray, first_row: int) -> None:
        """Lines whose decision is ``licence_required`` and that name a licence: decided again
        with the register, and the covered ones drawn down (again, if another run took the
        balance between the answer and the draw)."""
        from dualuse.services.licensing import DrawRequest

        assert self.licences is not None
        named = pc.not_equal(
            pc.utf8_trim_whitespace(
                pc.fill_null(batch.column("licence_id").cast(pa.string()), _EMPTY)
            ),
            _EMPTY,
        ).to_numpy(zero_copy_only=False)
        codes = self.table.codes()[rids]
        todo = np.nonzero((codes == _DECISION_CODES["licence_required"]) & named)[0]
        if not len(todo):
            return
        raws = dict(zip(todo.tolist(), batch.take(pa.array(todo)).to_pylist(), strict=True))
        for _ in range(5):
            decided: dict[int, Decision] = {}
            requests: list[tuple[int, DrawRequest]] = []
            for pos, raw in raws.items():
                dec = self._decide_licensed(raw, first_row + pos)
                if dec is None:
                    continue
                decided[pos] = dec
                cover = next((r.licence for r in dec.reasons if r.licence), None)
                if (
                    dec.decision is Outcome.ALLOWED
                    and cover
                    and cover.get("covered")
                    and not cover.get("already_drawn")
                ):
                    requests.append((pos, DrawRequest(dec.id, first_row + pos, cover)))
            drawn = self.licences.draw([r for _, r in requests])
            refused = {pos for (pos, _), ok in zip(requests, drawn, strict=True) if not ok}
            for pos, dec in decided.items():
                if pos not in refused:
                    rids[pos] = self.table.add(_result_of(dec))
            if not refused:
                return
            raws = {pos: raws[pos] for pos in refused}  # the balance went meanwhile: again

    def version_of(self, day: dt.date) -> int:
        """The index of the regime version that ``day`` falls in."""
        return bisect.bisect_right(self.change_dates, day)

    def _add_gid(self, fields: tuple[str, ...], text: str) -> int:
        gid = len(self._fields)
        self._fields.append((fields, text))
        self._parsed.append(self._parse(fields, text))
        return gid

    def _parse(self, fields: tuple[str, ...], text: str) -> Shipment | int:
        raw = dict(zip(fields, text.split(SEP), strict=True)) if fields else {}
        if raw.get(JSON_ERROR_FIELD):
            fld, message = read_row_error(raw[JSON_ERROR_FIELD])
            return self.table.add(KeyResult(None, error_field=fld, error_message=message))
        try:
            # the date is checked per distinct date text; the id per row
            return parse_shipment({**raw, "id": "-", "date": ""}, 0)
        except ShipmentError as exc:
            return self.table.add(_error(exc))

    def _result(self, code: int) -> int:
        """The result id of a new ``gid * stride + version`` code, deciding it."""
        gid, version = divmod(code, self.stride)
        parsed = self._parsed[gid]
        rid = parsed if isinstance(parsed, int) else self._decide_memo(gid, parsed, version)
        self._rids[code] = rid
        return rid

    def _gid_array(self, fields: tuple[str, ...], texts: pa.Array) -> IntArray:
        """The run-wide number (gid) of each of a batch's distinct fields keys.

        Keys seen before are found with one Arrow hash look-up; new ones are numbered, and
        parsed and validated once, here.
        """
        known = self._known.get(fields)
        if known is None:
            found = np.full(len(texts), _NO_RESULT, np.int64)
        else:
            pos = pc.fill_null(pc.index_in(texts, value_set=known), _MINUS_ONE).to_numpy()
            found = np.where(pos < 0, _NO_RESULT, self._gid_numbers[fields][np.maximum(pos, 0)])
        new = np.nonzero(found == _NO_RESULT)[0]
        if len(new):
            new_texts = texts.take(pa.array(new))
            numbers = np.array([self._add_gid(fields, t) for t in new_texts.to_pylist()])
            found[new] = numbers
            self._known[fields] = (
                new_texts if known is None else pa.concat_arrays([known, new_texts])
            )
            before = self._gid_numbers.get(fields, np.empty(0, np.int64))
            self._gid_numbers[fields] = np.concatenate([before, numbers.astype(np.int64)])
            need = len(self._fields) * self.stride
            if len(self._rids) < need:
                grown = np.full(max(need, 2 * len(self._rids)), _NO_RESULT, np.int64)
                grown[: len(self._rids)] = self._rids
                self._rids = grown
        return found

    def _decide_memo(self, gid: int, shipment: Shipment, version: int) -> int:
        """The result id for a line in a version: reused if an earlier version's decision
        read nothing that differs in this one (see :mod:`dualuse.services.memo`)."""
        day = self.versions[version]
        snap = snapshot(self.regime, day)
        known = self._memo.setdefault(gid, [])
        for reads, rid in known:
            if self._validator.still_valid(reads, snap, version):
                return rid
        reads = {}
        rid = self.table.add(self._decide(shipment, day, reads))
        if NOT_REUSABLE not in reads and len(known) < MEMO_PER_LINE:
            known.append((reads, rid))
        return rid

    def _date_error(self, text: str) -> int:
        """The result id of the error for an invalid date text (called once per text)."""
        try:
            parse_shipment({"id": "-", "date": text}, 0)
            result = KeyResult(None, error_field="date", error_message=f"{text!r} is invalid")
        except ShipmentError as exc:
            result = _error(exc)
        return self.table.add(result)

    # one batch ----------------------------------------------------------------------
    def _dates(self, batch: pa.RecordBatch) -> tuple[IntArray, IntArray, pa.Array]:
        """Per row: the version index, the result id of an invalid date (else -1), as_of."""
        n = batch.num_rows
        if self.as_of is not None or "date" not in batch.schema.names:
            day = self.as_of or self.today
            return (
                np.full(n, self.version_of(day), np.int64),
                np.full(n, _NO_RESULT, np.int64),
                pa.array([day.isoformat()] * n, pa.string()),
            )
        enc = pc.fill_null(batch.column("date"), _EMPTY).dictionary_encode()
        texts = enc.dictionary.to_pylist()
        versions = np.empty(len(texts), np.int64)
        bad = np.full(len(texts), _NO_RESULT, np.int64)
        as_of: list[str | None] = []
        for k, text in enumerate(texts):
            known = self._date_info.get(text)
            if known is None:
                found = self.today if not text.strip() else _iso_day(text.strip())
                if found is None:
                    known = (self.stride - 1, self._date_error(text), None)
                else:
                    known = (self.version_of(found), _NO_RESULT, found.isoformat())
                self._date_info[text] = known
            versions[k], bad[k] = known[0], known[1]
            as_of.append(known[2])
        idx = enc.indices.to_numpy(zero_copy_only=False)
        return versions[idx], bad[idx], pa.array(as_of, pa.string()).take(enc.indices)

    def key_batch(self, batch: pa.RecordBatch, first_row: int) -> Keyed:
        """Key every row, decide each new distinct key once, and find the row errors."""
        if len(self.table) >= self.cache_size:
            self._reset()
        n = batch.num_rows
        names = batch.schema.names
        present = [f for f in KEY_FIELDS if f in names]
        present += sorted(f for f in names if f.startswith("param_"))
        fields = tuple(present)
        cols = [pc.fill_null(batch.column(f), _EMPTY) for f in present]
        fenc = _join(cols, n).dictionary_encode()
        if (
            cols
            and pc.any(
                pc.not_equal(
                    pc.count_substring(fenc.dictionary, SEP), pa.scalar(len(cols) - 1, pa.int32())
                )
            ).as_py()
        ):
            # the separator inside a value would shift the fields: replace it by a space
            cols = [pc.replace_substring(c, SEP, " ") for c in cols]
            fenc = _join(cols, n).dictionary_encode()
        gids = self._gid_array(fields, fenc.dictionary)
        versions, date_rids, as_of = self._dates(batch)
        codes = gids[fenc.indices.to_numpy(zero_copy_only=False)] * self.stride + versions
        rids = self._rids[codes]
        invalid_date = date_rids != _NO_RESULT
        missing = (rids == _NO_RESULT) & ~invalid_date
        if missing.any():
            for code in np.unique(codes[missing]).tolist():
                self._result(code)
            rids = self._rids[codes]
        if invalid_date.any():
            rids[invalid_date] = date_rids[invalid_date]
        if self.licences is not None and "licence_id" in names:
            self._cover_licences(batch, rids, first_row)
        ids = batch.column("id") if "id" in names else pa.nulls(n, pa.string())
        errors = self._row_errors(batch, rids, ids)
        self._count(rids, errors)
        if errors and self.counts.first_error is None:
            pos = min(errors)
            self.counts.first_error = (first_row + pos, *errors[pos])
        return Keyed(rids, ids, as_of, errors, self.table)

    def _row_errors(
        self, batch: pa.RecordBatch, rids: IntArray, ids: pa.Array
    ) -> dict[int, tuple[str, str]]:
        """Row position -> (field, message) for every row that cannot be decided."""
        errors: dict[int, tuple[str, str]] = {}
        bad_rows = np.nonzero(self.table.codes()[rids] < 0)[0]
        results = self.table.results
        for pos in bad_rows.tolist():
            r = results[rids[pos]]
            errors[pos] = (r.error_field, r.error_message)
        text_ids = pc.utf8_trim_whitespace(pc.fill_null(ids.cast(pa.string()), _EMPTY))
        for pos in pc.indices_nonzero(pc.equal(text_ids, _EMPTY)).to_pylist():
            errors.setdefault(pos, ("id", "required field is missing"))
        for f in NUMERIC_FIELDS:
            if f in batch.schema.names:
                for pos, message in _bad_amounts(pc.fill_null(batch.column(f), _EMPTY)):
                    errors.setdefault(pos, (f, message))
        return errors

    def _count(self, rids: IntArray, errors: dict[int, Any]) -> None:
        self.counts.rows += len(rids)
        self.counts.errors += len(errors)
        codes = self.table.codes()[rids]
        if errors:
            codes = codes.copy()
            codes[np.fromiter(errors, np.int64, len(errors))] = -1
        per_code = np.bincount(codes[codes >= 0], minlength=len(_DECISION_CODES))
        for decision, code in _DECISION_CODES.items():
            if per_code[code]:
                self.counts.by_decision[decision] = self.counts.by_decision.get(decision, 0) + int(
                    per_code[code]
                )

    # outputs --------------------------------------------------------------------------
    def line_array(self, kb: Keyed, first_row: int, newline: bool = False) -> pa.Array:
        """One JSON object per row (large strings), in input order, errors in place."""
        local, inverse = kb.local()
        body = kb.table.column("rest", local).take(pa.array(inverse))
        body = body.cast(pa.large_string())
        lines = pc.binary_join_element_wise(
            _large('{"id":'), _json_strings(kb.ids).cast(pa.large_string()),
            _large(',"as_of":"'), pc.fill_null(kb.as_of, _EMPTY).cast(pa.large_string()),
            _large('",'), body, _large("\n" if newline else ""), _large(""),
        )  # fmt: skip
        if kb.errors:
            order = sorted(kb.errors)
            texts = []
            for pos in order:
                fld, msg = kb.errors[pos]
                error = {"row": first_row + pos, "field": fld, "message": msg}
                line = orjson.dumps({"id": kb.ids[pos].as_py(), "error": error}).decode()
                texts.append(line + "\n" if newline else line)
            mask = np.zeros(kb.num_rows, np.bool_)
            mask[order] = True
            lines = pc.replace_with_mask(lines, pa.array(mask), pa.array(texts, pa.large_string()))
        return lines

    def lines_of(self, kb: Keyed, first_row: int) -> list[str]:
        """The JSON Lines of a keyed batch, as Python strings."""
        out: list[str] = self.line_array(kb, first_row).to_pylist()
        return out

    def jsonl_buffer(self, kb: Keyed, first_row: int) -> memoryview:
        """The batch's JSON Lines as one newline-terminated block, without copying it."""
        lines = self.line_array(kb, first_row, newline=True)
        if len(lines) == 0:
            return memoryview(b"")
        _, offsets, data = lines.buffers()
        off = np.frombuffer(offsets, np.int64, len(lines) + 1, lines.offset * 8)
        return memoryview(data)[int(off[0]) : int(off[-1])]

    def jsonl_lines(self, batch: pa.RecordBatch, first_row: int) -> list[str]:
        """One JSON object per row, in input order (errors in place of their rows)."""
        return self.lines_of(self.key_batch(batch, first_row), first_row)

    def table_of(self, kb: Keyed, first_row: int) -> pa.Table:
        """The Arrow table of a keyed batch.

        Result columns are dictionary-encoded over the batch's distinct results, so a million
        lines with a few thousand distinct decisions cost a few thousand strings in memory, not
        a million (the CSV and Parquet writers decode them; Parquet encodes its own
        dictionaries).
        """
        n = kb.num_rows
        local, inverse = kb.local()
        keep = np.ones(n, np.bool_)
        err_row: list[int | None] = [None] * n
        err_field: list[str | None] = [None] * n
        err_msg: list[str | None] = [None] * n
        for pos, (fld, msg) in kb.errors.items():
            keep[pos] = False
            err_row[pos], err_field[pos], err_msg[pos] = first_row + pos, fld, msg
        indices = pa.array(inverse, mask=~keep)

        def col(name: str) -> pa.DictionaryArray:
            return pa.DictionaryArray.from_arrays(indices, kb.table.column(name, local))

        as_of = kb.as_of if keep.all() else pc.if_else(pa.array(keep), kb.as_of, None)
        columns = [
            kb.ids.cast(pa.string()), col("decision"), as_of,
            col("provisional"), col("unknown_after"), col("reasons"), col("items"), col("parties"),
            pa.array(err_row, pa.int64()), pa.array(err_field, pa.string()),
            pa.array(err_msg, pa.string()),
        ]  # fmt: skip
        return pa.table(columns, schema=OUTPUT_SCHEMA)


def _result_of(dec: Decision) -> KeyResult:
    """A decision serialised once (the id and the date are spliced in per row)."""
    body = dec.to_dict()
    parts = tuple(orjson.dumps(body[k]).decode() for k in ("reasons", "items", "parties"))
    after = orjson.dumps(body["unknown_after"]).decode()
    provisional = "true" if dec.provisional else "false"
    # the same bytes as dumping the decision's fields after "id" and "as_of", in order
    rest = (
        f'"decision":"{body["decision"]}","provisional":{provisional},'
        f'"unknown_after":{after},"reasons":{parts[0]},'
        f'"items":{parts[1]},"parties":{parts[2]}}}'
    )
    return KeyResult(
        dec.decision.value,
        rest_json=rest,
        parts=(parts[0], parts[1], parts[2]),
        provisional=(provisional, body["unknown_after"] or ""),
    )


def _join(cols: list[pa.Array], n: int) -> pa.Array:
    """The fields of each row joined by the separator (one Arrow kernel)."""
    if len(cols) > 1:
        return pc.binary_join_element_wise(*cols, _SEP)
    return cols[0] if cols else pa.array([""] * n, pa.string())


def _bad_amounts(col: pa.Array) -> list[tuple[int, str]]:
    """Positions and messages of present values that are not amounts (:func:`values.number`).

    Plain ASCII digits of modest length, the common case, are settled by cheap kernels; the
    rest are read once per distinct text.
    """
    plain = pc.or_(
        pc.and_(
            pc.and_(pc.utf8_is_decimal(col), pc.string_is_ascii(col)),
            pc.less_equal(pc.utf8_length(col), pa.scalar(15, pa.int32())),
        ),
        pc.equal(col, _EMPTY),
    )
    if pc.all(plain).as_py():
        return []
    others = pc.indices_nonzero(pc.invert(plain))
    enc = col.take(others).dictionary_encode()
    verdicts: list[str | None] = []
    for text in enc.dictionary.to_pylist():
        try:
            values.number(text)
            verdicts.append(None)
        except ValueError as exc:
            verdicts.append(str(exc))
    found: list[tuple[int, str]] = []
    for pos, k in zip(others.to_pylist(), enc.indices.to_pylist(), strict=True):
        message = verdicts[k]
        if message is not None:
            found.append((pos, message))
    return found


def _error(exc: ShipmentError) -> KeyResult:
    return KeyResult(None, error_field=exc.error.field, error_message=exc.error.message)


def _large(text: str) -> pa.Scalar:
    return pa.scalar(text, pa.large_string())


def _json_strings(ids: pa.Array) -> pa.Array:
    """JSON-encode a string array: plain values by concatenation, the rest one by one."""
    text = pc.fill_null(ids.cast(pa.string()), _EMPTY)
    plain = pc.binary_join_element_wise(_QUOTE, text, _QUOTE, _EMPTY)
    if ids.null_count == 0 and pc.all(pc.utf8_is_alnum(text)).as_py():
        return plain  # letters and digits only (the usual ids): nothing to escape
    special = pc.or_(pc.match_substring_regex(text, r'["\\\x00-\x1f\x7f]'), pc.is_null(ids))
    if not pc.any(special).as_py():
        return plain
    values = plain.to_pylist()
    for pos in pc.indices_nonzero(special).to_pylist():
        values[pos] = orjson.dumps(ids[pos].as_py()).decode()
    return pa.array(values, pa.string())
