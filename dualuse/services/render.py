"""Rendering a keyed batch: JSON Lines (one Arrow string per row, or the whole block as one
buffer) and the Arrow table of the CSV and Parquet outputs, with the rows' own values put in
where a result is a template (:mod:`dualuse.services.templates`)."""

from __future__ import annotations

from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from dualuse.services import templates
from dualuse.services.arrays import IntArray, factorize
from dualuse.services.results import ITEM, OUTPUT_SCHEMA, Keyed, ResultTable, part

_EMPTY = pa.scalar("", pa.string())
_QUOTE = pa.scalar('"', pa.string())


class Rendering:
    """The outputs of keyed batches (the runner's; they need nothing of its state)."""

    def line_array(self, kb: Keyed, first_row: int, newline: bool = False) -> pa.Array:
        """One JSON object per row (large strings), in input order, errors in place."""
        local, inverse = kb.local()
        body = self._part_rows(kb, "rest", local, inverse).cast(pa.large_string())
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
                error = {"row": kb.row(pos, first_row), "field": fld, "message": msg}
                line = orjson.dumps({"id": kb.ids[pos].as_py(), "error": error}).decode()
                texts.append(line + "\n" if newline else line)
            mask = np.zeros(kb.num_rows, np.bool_)
            mask[order] = True
            lines = pc.replace_with_mask(lines, pa.array(mask), pa.array(texts, pa.large_string()))
        return lines

    def _part_rows(
        self, kb: Keyed, name: str, local: IntArray, inverse: np.ndarray[Any, Any]
    ) -> pa.Array:
        """Per row the serialised part ``name`` (rest or reasons) of its result, with the
        row's own values put in where the result is a template.

        The item's codes and description are put in once per distinct result and item; only
        rows whose text still has a licence number to put in are joined row by row.
        """
        if not _templated(kb.table, local):
            return kb.table.column(name, local).take(pa.array(inverse))
        item_col = kb.values.get(ITEM)
        items = (
            item_col.to_numpy(zero_copy_only=False)
            if item_col is not None
            else np.zeros(len(inverse), np.int64)
        )
        width = len(kb.item_values) + 1
        per_row = local[inverse] * width + items
        pairs, _, pair_of_row = factorize(per_row)
        texts: list[str] = []
        pieces: list[tuple[str, ...]] = []
        slots: list[tuple[str, ...]] = []
        for code in pairs.tolist():
            rid, item = divmod(code, width)
            got = self._with_item(kb, rid, name, item)
            texts.append(got[0][0] if not got[1] else "")
            pieces.append(got[0])
            slots.append(got[1])
        body = pa.array(texts, pa.string()).take(pa.array(pair_of_row))
        needs = np.array([bool(x) for x in slots], np.bool_)[pair_of_row]
        if not needs.any():
            return body
        which = np.nonzero(needs)[0]
        sub, _, sub_inverse = factorize(pair_of_row[which])
        rendered = templates.render(
            [pieces[k] for k in sub.tolist()],
            [slots[k] for k in sub.tolist()],
            sub_inverse,
            {"licence_id": kb.values["licence_id"].take(pa.array(which))},
        )
        return pc.replace_with_mask(
            body.cast(pa.large_string()), pa.array(needs), rendered.cast(pa.large_string())
        )

    @staticmethod
    def _with_item(
        kb: Keyed, rid: int, name: str, item: int
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """A result's part with the item's codes and description put in: its pieces and the
        slots left (the licence number's). Kept with the result table."""
        filled = kb.table.filled
        key = (rid, name, item)
        found = filled.get(key)
        if found is not None:
            return found
        result = kb.table.results[rid]
        if not result.slots:
            found = ((part(result, name),), ())
        else:
            given = result.rest_pieces if name == "rest" else result.reasons_pieces
            values = kb.item_values[item] if item < len(kb.item_values) else None
            merged: list[str] = [given[0]]
            left: list[str] = []
            for slot, piece in zip(result.slots, given[1:], strict=True):
                if slot == "licence_id" or values is None:
                    left.append(slot)
                    merged.append(piece)
                else:
                    merged[-1] += templates.quoted(getattr(values, slot)) + piece
            found = (tuple(merged), tuple(left))
        filled[key] = found
        return found

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
            err_row[pos], err_field[pos], err_msg[pos] = kb.row(pos, first_row), fld, msg
        indices = pa.array(inverse, mask=~keep)

        def col(name: str) -> pa.DictionaryArray:
            if name == "reasons" and _templated(kb.table, local):
                rows = self._part_rows(kb, name, local, inverse).cast(pa.string())
                rows = pc.if_else(pa.array(keep), rows, pa.scalar(None, pa.string()))
                return rows.dictionary_encode()
            return pa.DictionaryArray.from_arrays(indices, kb.table.column(name, local))

        as_of = kb.as_of if keep.all() else pc.if_else(pa.array(keep), kb.as_of, None)
        columns = [
            kb.ids.cast(pa.string()), col("decision"), as_of,
            col("provisional"), col("unknown_after"), col("reasons"), col("items"), col("parties"),
            pa.array(err_row, pa.int64()), pa.array(err_field, pa.string()),
            pa.array(err_msg, pa.string()),
        ]  # fmt: skip
        return pa.table(columns, schema=OUTPUT_SCHEMA)


def _templated(table: ResultTable, local: IntArray) -> bool:
    results = table.results
    return any(results[r].slots for r in local.tolist())


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
