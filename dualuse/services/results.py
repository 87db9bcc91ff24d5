"""The results of a batch run: what each distinct key decided (serialised), the table they
are kept in, a keyed batch (per row, which result), and the counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from dualuse.io.readers import JSON_ERROR_FIELD
from dualuse.services.arrays import IntArray, factorize

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
TEXT_DICT = pa.dictionary(pa.int32(), pa.string())
OUTPUT_SCHEMA = pa.schema(
    [
        ("id", pa.string()), ("decision", TEXT_DICT), ("as_of", pa.string()),
        ("provisional", TEXT_DICT), ("unknown_after", TEXT_DICT),
        ("reasons", TEXT_DICT), ("items", TEXT_DICT), ("parties", TEXT_DICT),
        ("error_row", pa.int64()), ("error_field", pa.string()), ("error_message", pa.string()),
    ]
)  # fmt: skip
# Arguments of Arrow kernels are passed as Arrow scalars: a plain Python value makes pyarrow
# probe for pandas on every call (an import attempt each time where pandas is absent).
DECISION_CODES = {"prohibited": 0, "review": 1, "licence_required": 2, "allowed": 3}
ITEM = "item"  # Keyed.values: per row, the number of its parsed item
NO_RESULT = -1  # a row not decided through the fields key (its date is invalid)


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
    # where the line's own values go (see dualuse.services.templates): the pieces of the
    # rest JSON and of the reasons around them, and the slot kinds in order; empty: none
    rest_pieces: tuple[str, ...] = ()
    reasons_pieces: tuple[str, ...] = ()
    slots: tuple[str, ...] = ()


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
    rows: IntArray | None = None  # per row its number in the input, when not consecutive
    values: dict[str, pa.Array] = field(default_factory=dict)  # per row, what results quote
    item_values: list[Any] = field(default_factory=list)  # the parsed items values[ITEM] number

    @property
    def num_rows(self) -> int:
        return len(self.rids)

    def row(self, pos: int, first_row: int) -> int:
        """The input row number (data rows from 1) of the batch's row ``pos``."""
        return first_row + pos if self.rows is None else int(self.rows[pos])

    def local(self) -> tuple[IntArray, np.ndarray[Any, np.dtype[np.int32]]]:
        """The batch's distinct result ids, and per row the index into them."""
        local, _, inverse = factorize(np.maximum(self.rids, 0))
        return local, inverse.astype(np.int32)


class ResultTable:
    """Every distinct result of the run, in the order they were found."""

    def __init__(self) -> None:
        self.results: list[KeyResult] = []
        # (result, part, item) -> the part's pieces with the item put in, and slots left
        self.filled: dict[tuple[int, str, int], tuple[tuple[str, ...], tuple[str, ...]]] = {}
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
            new = pa.array([part(r, name) for r in self.results[done:upto]], pa.string())
            whole = new if whole is None else pa.concat_arrays([whole, new])
            self._columns[name] = (whole, upto)
        return whole.take(pa.array(rids))

    def codes(self) -> np.ndarray[Any, np.dtype[np.int8]]:
        """Per result: the decision as a small number, or -1 for an error."""
        if len(self._codes) < len(self.results):
            new = self.results[len(self._codes) :]
            codes = np.array([DECISION_CODES.get(r.decision or "", -1) for r in new], np.int8)
            self._codes = np.concatenate([self._codes, codes])
        return self._codes


def part(result: KeyResult, name: str) -> str:
    if name == "rest":
        return result.rest_json
    if name == "decision":
        return result.decision or ""
    if name == "provisional":
        return result.provisional[0]
    if name == "unknown_after":
        return result.provisional[1]
    return result.parts[("reasons", "items", "parties").index(name)]
