"""Use case: decide shipment lines given as objects (one line, or a few), not as a file.

The HTTP API's single-line and small-batch check. Each object is read exactly as a line of a
JSON Lines file is (:func:`~dualuse.io.jsonlines.object_row`, the same bounds), and decided by
the same :class:`~dualuse.services.check.CheckRunner` as a file, so a line gets the same
output object, byte for byte, whichever door it came through.

A runner is kept per ``(today, as_of)`` and reused across requests, so a line seen before
(the same fields, the same regime version) costs a look-up. Runners are not thread-safe: each
is used under its own lock.
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
from dualuse.io.source import bound_fields, rows_to_batch
from dualuse.regime.load import Regime
from dualuse.services.check import CheckRunner, Counts

KEPT_RUNNERS = 8  # distinct (today, as_of) pairs kept warm


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

    def records(
        self, objects: Iterable[dict[str, Any]], today: dt.date, as_of: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """As :meth:`lines`, parsed."""
        return [orjson.loads(line) for line in self.lines(objects, today, as_of)[0]]


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
