"""Recording a check or screen run in the store as it goes.

One sealed transaction per batch writes the batch's decisions, the counterparties it names
and the cases their list hits open or re-open. A run resumed with ``--resume`` continues the
same run record: rows the interrupted process had already recorded are not written again,
and the run is finished with counts over all its rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import orjson

from dualuse.regime.load import Regime
from dualuse.screening import Result
from dualuse.services.cases import on_hit
from dualuse.services.clearing import GoodGuys
from dualuse.services.licensing import LicenceCoverage
from dualuse.services.parties import (
    CheckSightings,
    Sighting,
    counterparty_ids,
    hits_of_result,
)
from dualuse.store.audit import AuditEntry
from dualuse.store.db import Store, Tx
from dualuse.store.runs import (
    decision_rows,
    finish_run,
    resume_run,
    start_run,
    unfinished_run,
)

PARTY_COLUMNS = ("consignee", "destination_country", "end_user", "end_user_country")


class Recorder:
    """Writes a run into the store (one transaction per batch)."""

    def __init__(
        self,
        store: Store,
        regime: Regime,
        *,
        input_name: str,
        as_of: str | None,
        options: dict[str, Any],
        actor: str,
        clock: Callable[[], str],
        command: str = "check",
        run_key: str | None = None,
        resume: bool = False,
    ) -> None:
        self.store = store
        self.regime = regime
        self.actor = actor
        self.clock = clock
        self.recorded = 0  # rows stored before this process (a resumed run)
        self.sightings = CheckSightings(regime)
        run = unfinished_run(store, run_key) if resume and run_key else None
        if run is not None:
            self.run_id = int(run["id"])
            self.recorded = self._write(
                "run.resumed", lambda tx: resume_run(tx, run), rows_before=None
            )
        else:
            self.run_id = 0
            self.run_id = self._write(
                "run.started",
                lambda tx: start_run(
                    tx, command, input_name, as_of, regime.name, options, run_key=run_key
                ),
            )

    def _write(self, kind: str, fn: Callable[[Tx], Any], **payload: Any) -> Any:
        body = {k: v for k, v in payload.items() if v is not None}
        if self.run_id:
            body["run"] = self.run_id
        return self.store.write(
            kind,
            fn,
            at=self.clock(),
            actor=self.actor,
            fingerprint=self.regime.fingerprint,
            payload=body,
        )

    def licences(self) -> LicenceCoverage:
        """Licence coverage for this run (the engine's register, and the draw-downs)."""
        return LicenceCoverage(
            self.store, self.run_id, self.actor, self.clock, self.regime.fingerprint
        )

    def clearances(self, today: dt.date) -> GoodGuys:
        """The good-guy list for this run: the clearances that hold on ``today``, read once
        (a clearance recorded while the run goes applies from the next run)."""
        return GoodGuys.load(self.store, self.regime, today)

    def batch(self, first_row: int, lines: list[str], batch: Any = None) -> None:
        """Record a batch of output lines (JSON), rows numbered from ``first_row``; ``batch``
        (the input rows, Arrow) gives the counterparties."""
        skip = max(0, self.recorded - first_row + 1)
        if skip >= len(lines):
            return  # recorded before the run was interrupted
        lines = lines[skip:]
        first_row += skip
        outputs = [orjson.loads(x) for x in lines]
        rows = decision_rows(lines, outputs)
        sightings: list[Sighting] = []
        if batch is not None:
            cols = {
                c: batch.column(c).slice(skip).to_pylist()
                for c in PARTY_COLUMNS
                if c in batch.schema.names
            }
            sightings = self.sightings.read(cols, outputs)

        def fn(tx: Tx) -> None:
            tx.insert_decisions(self.run_id, first_row, rows)
            record_sightings(tx, sightings, self.run_id)

        self._write("decisions.recorded", fn, first=first_row, count=len(rows))

    def screened(
        self, first_row: int, as_of: str, found: Iterable[tuple[dict[str, Any], str, Result | None]]
    ) -> None:
        """Record a batch of screened names: (row meta, name, result or None for a row
        error whose ``error`` is in the meta) each."""
        versions = self.sightings.versions
        lines: list[str] = []
        merged: dict[tuple[str, str], Sighting] = {}
        for meta, name, result in found:
            if result is None:
                lines.append(
                    orjson.dumps({"id": meta.get("id"), "error": meta.get("error")}).decode()
                )
                continue
            body = {**meta, **result.as_dict(False)}
            body["decision"] = "match" if result.matches else "no_match"
            body["as_of"] = as_of
            lines.append(orjson.dumps(body).decode())
            s = Sighting(name.strip(), _country(meta.get("country")), as_of)
            if s.key[0]:
                merged.setdefault(s.key, s).hits.update(hits_of_result(result, versions))
        rows = decision_rows(lines)

        def fn(tx: Tx) -> None:
            tx.insert_decisions(self.run_id, first_row, rows)
            record_sightings(tx, list(merged.values()), self.run_id)

        self._write("decisions.recorded", fn, first=first_row, count=len(rows))

    def finish(self) -> AuditEntry:
        """Finish the run; returns the audit entry that seals it (the anchor to keep)."""
        self._write("run.finished", lambda tx: finish_run(tx, self.run_id))
        entry = self.store.last_entry
        assert entry is not None
        return entry


def _country(v: Any) -> str:
    text = str(v or "").strip().upper()
    return text if len(text) == 2 else ""


def record_sightings(tx: Tx, sightings: list[Sighting], run_id: int | None) -> None:
    """Counterparties (new ones added) and the cases their hits open or re-open."""
    if not sightings:
        return
    ids = counterparty_ids(tx, sightings, run_id)
    day = tx.at[:10]
    for s in sightings:
        for hit in s.hits.values():
            on_hit(tx, ids[s.key], s.name, hit, run_id, day)
