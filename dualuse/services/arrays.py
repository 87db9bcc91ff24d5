"""Array helpers of the batch runner: distinct values and rows by hashing, integer maps
looked up a whole array at a time, and two text clean-ups done with kernels."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

IntArray = np.ndarray[Any, np.dtype[np.int64]]
SEP = "\x1f"


class IntMap:
    """Numbers for numbers, looked up a whole array at a time (an Arrow hash look-up)."""

    def __init__(self) -> None:
        self._keys = pa.array([], pa.int64())
        self._values = np.empty(0, np.int64)

    def lookup(self, keys: IntArray) -> IntArray:
        """Per key its number, or -1 when it has none yet."""
        if not len(self._keys):
            return np.full(len(keys), -1, np.int64)
        pos = pc.index_in(pa.array(keys, pa.int64()), value_set=self._keys)
        at = pc.fill_null(pos, pa.scalar(-1, pa.int32())).to_numpy(zero_copy_only=False)
        found: IntArray = np.where(at < 0, -1, self._values[np.maximum(at, 0)])
        return found

    def add(self, keys: IntArray, values: IntArray) -> None:
        """Number new (distinct, unknown) keys."""
        if len(keys):
            self._keys = pa.concat_arrays([self._keys, pa.array(keys, pa.int64())])
            self._values = np.concatenate([self._values, values.astype(np.int64)])


def factorize(values: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """The distinct values (in the order first met), the position of each one's first row,
    and per row the index of its value: a hash table (Arrow's), no sort."""
    enc = pa.array(values, pa.int64()).dictionary_encode()
    uniq = enc.dictionary.to_numpy(zero_copy_only=False).astype(np.int64)
    inverse = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    first = np.empty(len(uniq), np.int64)
    first[inverse[::-1]] = np.arange(len(values) - 1, -1, -1, dtype=np.int64)
    return uniq, first, inverse


def distinct_rows(matrix: np.ndarray[Any, Any]) -> tuple[IntArray, IntArray]:
    """The first row of each distinct row of an integer matrix, and per row its index there.

    Rows are hashed to one integer; a collision (two different rows with one hash) is found
    by comparing every row with its group's first, and then the exact, slower way is used.
    """
    h = np.zeros(len(matrix), np.uint64)
    with np.errstate(over="ignore"):
        for j in range(matrix.shape[1]):
            h = (h ^ matrix[:, j].astype(np.uint64)) * np.uint64(0x100000001B3)
            h ^= h >> np.uint64(29)
    _, first, inverse = factorize(h.view(np.int64))
    if not (matrix[first][inverse] == matrix).all():
        _, first, inverse = np.unique(matrix, axis=0, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
    return first.astype(np.int64), inverse.astype(np.int64)


def without_separator(batch: pa.RecordBatch, fields: list[str]) -> pa.RecordBatch:
    """The batch with the unit separator in key fields read as a space (as lines were keyed
    by joining their fields with it, values holding it have always been read so)."""
    cols = dict(zip(batch.schema.names, batch.columns, strict=True))
    changed = False
    for f in fields:
        col = cols[f]
        if pa.types.is_string(col.type) and pc.any(pc.match_substring(col, SEP)).as_py():
            cols[f] = pc.replace_substring(col, SEP, " ")
            changed = True
    if not changed:
        return batch
    return pa.RecordBatch.from_arrays(list(cols.values()), names=list(cols))


def stripped(col: pa.Array) -> pa.Array:
    """``str.strip()`` of each value: a kernel for printable ASCII, Python for the rest."""
    plain = pc.match_substring_regex(col, r"^[ -~]*$")
    if pc.all(plain).as_py():
        return pc.utf8_trim(col, " ")
    enc = col.dictionary_encode()
    texts = pa.array([t.strip() for t in enc.dictionary.to_pylist()], pa.string())
    return texts.take(enc.indices)
