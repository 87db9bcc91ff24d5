"""Use case: decide shipment lines given as objects (one line, or a few), not as a file.

The HTTP API's single-line and small-batch check. Each object is read exactly as a line of a
JSON Lines file is (:func:`~dualuse.io.jsonlines.object_row`, the same bounds), and decided by
the same :class:`~dualuse.services.check.CheckRunner` as a file, so a line gets the same
output object, byte for byte, whichever door it came through.

A runner is kept per ``(today, as_of)`` and reused across requests, so a line seen before
(the same fields, the same regime version) costs a look-up. Runners are not thread-safe: each
is used under its own lock.

A single line (:meth:`LineChecker.line`) is answered from a bounded memo of whole output lines
when the same fields (all but the id) were decided before on the same day and ``as_of``: the
id is the only per-line part of an output line (it is echoed, and a blank id is the only
error that depends on it), so the stored line is reused with the new id spliced in. This keeps
a single check over HTTP at the cost of a dictionary look-up rather than a batch's worth of
Arrow calls.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

import orjson

from dualuse.engine import ItemClassifier, PartyScreener
from dualuse.io.jsonlines import object_row
from dualuse.io.source import bound_fields, rows_to_batch, to_text
from dualuse.regime.load import Regime
from dualuse.services.check import CheckRunner, Counts

KEPT_RUNNERS = 8  # distinct (today, as_of) pairs kept warm
MEMO_LINES = 65_536  # single-line outputs kept for reuse
MEMO_KEY_CHARS = 16_384  # longer lines are decided afresh each time (not kept)
_ID = '{"id":'


class LineChecker:
    """Decides lines for a long-lived process (a server), with warm runners."""

    def __init__(
        self,
        regime: Regime,
        classifier: ItemClassifier,
        screener: PartyScreener,
        cache_size: int = 50_000,
    ) -> None:
        self.regime = regime
        self.classifier = classifier
        self.screener = screener
        self.cache_size = cache_size
        self._runners: OrderedDict[tuple[dt.date, dt.date | None], CheckRunner] = OrderedDict()
        self._locks: dict[int, threading.Lock] = {}
        self._guard = threading.Lock()
        self._memo: OrderedDict[tuple[Any, ...], str] = OrderedDict()
        self._memo_lock = threading.Lock()

    def _runner(self, today: dt.date, as_of: dt.date | None) -> tuple[CheckRunner, threading.Lock]:
        key = (today, as_of)
        with self._guard:
            runner = self._runners.get(key)
            if runner is None:
                runner = CheckRunner(
                    self.regime,
                    self.classifier,
                    self.screener,
                    today=today,
                    as_of=as_of,
                    cache_size=self.cache_size,
                )
                self._runners[key] = runner
                self._locks[id(runner)] = threading.Lock()
                while len(self._runners) > KEPT_RUNNERS:
                    _, old = self._runners.popitem(last=False)
                    self._locks.pop(id(old), None)
            else:
                self._runners.move_to_end(key)
            return runner, self._locks[id(runner)]

    def lines(
        self, objects: Iterable[dict[str, Any]], today: dt.date, as_of: dt.date | None = None
    ) -> tuple[list[str], Counts]:
        """The output line (JSON text) of each object, in order, and the counts of this call.

        ``as_of`` None decides each line on its own ``date`` (else ``today``).
        """
        keys: dict[str, None] = {}
        rows = [object_row(obj, n, keys) for n, obj in enumerate(objects, 1)]
        if not rows:
            return [], Counts()
        cols = list(keys)
        if "id" not in cols and any("id" in r for r in rows):
            cols.append("id")
        batch = bound_fields(rows_to_batch(rows, cols))
        runner, lock = self._runner(today, as_of)
        with lock:
            before = _copy(runner.counts)
            lines = runner.jsonl_lines(batch, 1)
            counts = _minus(runner.counts, before)
        return lines, counts

    def line(self, obj: dict[str, Any], today: dt.date, as_of: dt.date | None = None) -> str:
        """The output line (JSON text) of one object: as :meth:`lines` gives it."""
        key = _memo_key(obj, today, as_of)
        if key is not None:
            with self._memo_lock:
                tail = self._memo.get(key)
                if tail is not None:
                    self._memo.move_to_end(key)
            if tail is not None:
                return _ID + orjson.dumps(_id_text(obj.get("id"))).decode() + tail
        line = self.lines([obj], today, as_of)[0][0]
        if key is not None:
            head = _ID + orjson.dumps(_id_text(obj.get("id"))).decode()
            if line.startswith(head):
                with self._memo_lock:
                    self._memo[key] = line[len(head) :]
                    while len(self._memo) > MEMO_LINES:
                        self._memo.popitem(last=False)
        return line

    def records(
        self, objects: Iterable[dict[str, Any]], today: dt.date, as_of: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """As :meth:`lines`, parsed."""
        return [orjson.loads(line) for line in self.lines(objects, today, as_of)[0]]


def _id_text(value: Any) -> str | None:
    """The id as the output echoes it (text, as a file's reader reads it)."""
    return to_text(value)


def _memo_key(obj: dict[str, Any], today: dt.date, as_of: dt.date | None) -> tuple[Any, ...] | None:
    """What a single line's output depends on besides its id, or None if not kept: the other
    fields as text, whether the id is blank, and the dates."""
    ident = obj.get("id")
    if ident is not None and not isinstance(ident, str | int) or isinstance(ident, bool):
        return None  # an id the reader treats specially: decided afresh
    fields = []
    size = 0
    for k, v in obj.items():
        if k == "id":
            continue
        if v is not None and not isinstance(v, str | int | float | bool):
            return None  # nested values: decided afresh
        text = to_text(v)
        size += len(k) + len(text or "")
        fields.append((k, text))
    if size > MEMO_KEY_CHARS:
        return None
    blank = not (_id_text(ident) or "").strip()
    return (tuple(sorted(fields)), blank, today, as_of)


def _copy(c: Counts) -> Counts:
    return Counts(c.rows, c.errors, dict(c.by_decision), c.first_error)


def _minus(after: Counts, before: Counts) -> Counts:
    by = {k: v - before.by_decision.get(k, 0) for k, v in after.by_decision.items()}
    return Counts(
        after.rows - before.rows,
        after.errors - before.errors,
        {k: v for k, v in by.items() if v},
        after.first_error if after.first_error != before.first_error else None,
    )


__all__ = ["LineChecker"]
