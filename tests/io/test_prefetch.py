"""Reading ahead on a second thread keeps order, raises errors in place, and can be left early."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pyarrow as pa
import pytest

from dualuse.errors import InputFileError
from dualuse.io.readers import prefetched


def batches(n: int, fail_at: int | None = None) -> Iterator[pa.RecordBatch]:
    for i in range(n):
        if i == fail_at:
            raise InputFileError("lines.csv", "cannot parse as CSV: broken quote", row=i)
        yield pa.RecordBatch.from_pydict({"i": [i]})


def test_batches_come_in_order() -> None:
    got = [b.column("i")[0].as_py() for b in prefetched(batches(50), depth=2)]
    assert got == list(range(50))


def test_an_error_is_raised_after_the_batches_before_it() -> None:
    seen = []
    with pytest.raises(InputFileError, match="broken quote"):
        for b in prefetched(batches(10, fail_at=6)):
            seen.append(b.column("i")[0].as_py())
    assert seen == [0, 1, 2, 3, 4, 5]


def test_leaving_early_stops_the_reader() -> None:
    produced = []

    def endless() -> Iterator[pa.RecordBatch]:
        i = 0
        while True:
            produced.append(i)
            yield pa.RecordBatch.from_pydict({"i": [i]})
            i += 1

    it = prefetched(endless(), depth=2)
    assert next(it).column("i")[0].as_py() == 0
    it.close()  # the consumer stops (as on an exception in the caller)
    count = len(produced)
    time.sleep(0.3)
    assert len(produced) <= count + 1  # the reader thread has stopped
