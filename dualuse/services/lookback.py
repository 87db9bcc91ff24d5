"""Use case: after a new notice, which past shipment lines would be decided differently?

Each line of a shipment history is decided twice with the same engine: *then* (on the line's
own date, or on the date given) and *now* (today, or the date given). Only the lines whose
decision differs are reported, with both decisions in full; a line that cannot be decided is
reported as the same error object ``dualuse check`` gives. The history comes from a
:class:`History`: a file today (:class:`FileHistory`); recorded runs of the store can supply
the same batches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from dualuse.engine import ItemClassifier, PartyScreener
from dualuse.io import open_batches
from dualuse.io.readers import BATCH_ROWS
from dualuse.regime.load import Regime
from dualuse.services.check import CheckRunner, IntArray

_ISO = r"^\s*\d{4}-\d{2}-\d{2}\s*$"


def _not_before(dates: pa.Array, since: dt.date) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """Per row: False where the text is an ISO date before ``since``."""
    text = pc.utf8_trim_whitespace(pc.fill_null(dates.cast(pa.string()), pa.scalar("")))
    iso = pc.match_substring_regex(text, _ISO)
    before = pc.and_(iso, pc.less(text, pa.scalar(since.isoformat())))
    keep: np.ndarray[Any, np.dtype[np.bool_]] = ~before.to_numpy(zero_copy_only=False)
    return keep


class History(Protocol):
    """Shipment lines already decided (or shipped), as Arrow batches of text columns."""

    @property
    def name(self) -> str: ...

    def batches(self) -> Iterator[pa.RecordBatch]: ...


class FileHistory:
    """A shipment file (CSV, JSON Lines, Parquet), read as ``dualuse check`` reads it."""

    def __init__(self, path: str, batch_rows: int = BATCH_ROWS) -> None:
        self._source = open_batches(path, batch_rows=batch_rows)

    @property
    def name(self) -> str:
        return self._source.name

    def batches(self) -> Iterator[pa.RecordBatch]:
        return self._source.batches()


@dataclass
class LookbackCounts:
    rows: int = 0
    changed: int = 0
    errors: int = 0
    moves: dict[tuple[str, str], int] = field(default_factory=dict)  # (then, now) -> lines


class Lookback:
    """Decides batches then and now, and keeps the lines whose decision moves."""

    def __init__(
        self,
        regime: Regime,
        classifier: ItemClassifier,
        screener: PartyScreener,
        today: dt.date,
        then: dt.date | None = None,
        now: dt.date | None = None,
        then_regime: Regime | None = None,
        since: dt.date | None = None,
    ) -> None:
        """``then`` None decides each line on its own date; ``now`` None decides on today.
        ``then_regime`` decides the *then* side against another regime (e.g. one without
        a notice), the *now* side always uses ``regime``. ``since`` leaves out the lines
        dated before it (lines without a date, or with one that is not a date, stay)."""
        self.now_date = now or today
        self.since = since
        self.old = CheckRunner(then_regime or regime, classifier, screener, today, as_of=then)
        self.new = CheckRunner(regime, classifier, screener, today, as_of=self.now_date)
        self.counts = LookbackCounts()

    def batch(
        self, batch: pa.RecordBatch, first_row: int, rows: IntArray | None = None
    ) -> list[bytes]:
        """The report lines (JSON, no newline) of one batch: changed lines and errors.

        The batch holds the input's rows from ``first_row`` on, or the rows numbered ``rows``.
        """
        if rows is None:
            rows = np.arange(first_row, first_row + batch.num_rows, dtype=np.int64)
        if self.since is not None and "date" in batch.schema.names:
            keep = _not_before(batch.column("date"), self.since)
            if not keep.all():
                batch, rows = batch.filter(pa.array(keep)), rows[keep]
        old = self.old.key_batch(batch, first_row, rows)
        new = self.new.key_batch(batch, first_row, rows)
        old_codes = old.table.codes()[old.rids]
        new_codes = new.table.codes()[new.rids]
        bad = np.zeros(batch.num_rows, np.bool_)
        for errors in (old.errors, new.errors):
            if errors:
                bad[np.fromiter(errors, np.int64, len(errors))] = True
        moved = (old_codes != new_codes) & ~bad
        picked = np.nonzero(moved | bad)[0]
        self.counts.rows += batch.num_rows
        self.counts.errors += int(bad.sum())
        self.counts.changed += int(moved.sum())
        if not len(picked):
            return []
        take = pa.array(picked)
        old_lines = self.old.line_array(old, first_row).take(take).to_pylist()
        new_lines = self.new.line_array(new, first_row).take(take).to_pylist()
        out: list[bytes] = []
        for pos, then_line, now_line in zip(picked.tolist(), old_lines, new_lines, strict=True):
            if bad[pos]:
                out.append((then_line if pos in old.errors else now_line).encode())
                continue
            then_text = old.table.results[old.rids[pos]].decision or ""
            now_text = new.table.results[new.rids[pos]].decision or ""
            key = (then_text, now_text)
            self.counts.moves[key] = self.counts.moves.get(key, 0) + 1
            head = orjson.dumps({"id": old.ids[pos].as_py(), "row": int(rows[pos])}).decode()
            out.append(f'{head[:-1]},"then":{then_line},"now":{now_line}}}'.encode())
        return out

    def lines(self, history: History) -> Iterator[bytes]:
        """Every report line of a history, in its order."""
        row = 0
        for batch in history.batches():
            yield from self.batch(batch, row + 1)
            row += batch.num_rows


__all__ = ["FileHistory", "History", "Lookback", "LookbackCounts"]
