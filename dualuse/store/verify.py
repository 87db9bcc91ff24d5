"""Check a store against its audit log: every row of every table, and the chain itself.

The audit log is the record of what was written: each entry names the rows its transaction
wrote (table, key, hash) or, for decisions, each batch (run, first row, count, digest of
the rows' hashes). Verification replays the log into the state it describes (the last hash
recorded for each row) and compares every table with it, so a row that was altered, removed,
added or moved, in any table, is named. Nothing is created or changed: a missing table, an
empty or truncated store are errors. A chain rewritten from scratch stays self-consistent;
anchors (hashes kept elsewhere, :func:`check_anchors`) catch that.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, Table, inspect, select

from dualuse.store.audit import AuditEntry, verify_chain
from dualuse.store.db import Store, row_dict
from dualuse.store.migrate import HEAD
from dualuse.store.rowhash import digest, key_columns, row_hash, row_key
from dualuse.store.schema import ALL_TABLES, SEALED, audit_log, decisions

MAX_PROBLEMS = 200  # a store rewritten wholesale would otherwise print every row


@dataclass
class Report:
    entries: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    head: AuditEntry | None = None

    def add(self, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(text)
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append("... (more problems not shown)")


def _key_text(table: Table, key: Iterable[Any]) -> str:
    parts = [f"{c}={v}" for c, v in zip(key_columns(table), key, strict=True)]
    return f"{table.name} {' '.join(parts)}"


def verify_store(store: Store) -> Report:
    report = Report()
    with store.reading() as conn:
        names = set(inspect(conn).get_table_names())
        if not names:
            report.add("the store has no tables: it is empty or truncated, not a dualuse store")
            return report
        missing = [t.name for t in ALL_TABLES if t.name not in names]
        for name in missing:
            report.add(f"table {name} is missing")
        if "alembic_version" not in names:
            report.add("table alembic_version is missing (schema version unknown)")
        else:
            from sqlalchemy import text

            rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if rev != HEAD:
                report.add(f"schema version is {rev!r}, expected {HEAD!r}")
        if audit_log.name in missing:
            return report
        expected, batches = _replay(conn, report)
        if report.entries == 0:
            report.add("the audit log is empty: the store is empty or truncated")
        for table in SEALED:
            if table.name not in missing:
                _check_table(conn, table, expected.get(table.name, {}), report)
        if decisions.name not in missing:
            _check_decisions(conn, batches, report)
        for name, keys in expected.items():
            if name not in {t.name for t in SEALED}:
                for key in keys:
                    report.add(f"audit log names a row of unknown table {name} {key}")
    return report


def _replay(
    conn: Connection, report: Report
) -> tuple[dict[str, dict[str, tuple[int, str, list[Any]]]], dict[int, list[dict[str, Any]]]]:
    """The state the audit log describes, after checking the chain."""
    expected: dict[str, dict[str, tuple[int, str, list[Any]]]] = {}
    batches: dict[int, list[dict[str, Any]]] = {}

    def entries() -> Iterator[AuditEntry]:
        for r in conn.execute(select(audit_log).order_by(audit_log.c.seq)):
            e = AuditEntry(r.seq, r.at, r.kind, r.payload, r.prev_hash, r.hash)
            report.entries += 1
            report.head = e
            try:
                payload = orjson.loads(e.payload)
            except orjson.JSONDecodeError:
                payload = {}
            for name, key, h in payload.get("rows", []):
                expected.setdefault(name, {})[orjson.dumps(key).decode()] = (e.seq, h, key)
            for b in payload.get("decisions", []):
                batches.setdefault(int(b["run"]), []).append({**b, "seq": e.seq})
            yield e

    for problem in verify_chain(entries()):
        report.add(f"audit_log {problem}")
    return expected, batches


def _check_table(
    conn: Connection,
    table: Table,
    expected: dict[str, tuple[int, str, list[Any]]],
    report: Report,
) -> None:
    seen: set[str] = set()
    count = 0
    order = [table.c[c] for c in key_columns(table)]
    for r in conn.execute(select(table).order_by(*order)):
        row = row_dict(r)
        count += 1
        key = row_key(table, row)
        k = orjson.dumps(key).decode()
        seen.add(k)
        where = _key_text(table, key)
        want = expected.get(k)
        if want is None:
            report.add(f"{where}: not in the audit log (inserted)")
            continue
        seq, h, _ = want
        if row_hash(table, row) != row["row_hash"]:
            report.add(f"{where}: content does not match its hash (altered)")
        elif row["row_hash"] != h:
            report.add(f"{where}: does not match audit entry {seq}, which last wrote it (altered)")
        elif row["audit_seq"] != seq:
            report.add(f"{where}: points to audit entry {row['audit_seq']}, not {seq} (altered)")
    for k, (seq, _, key) in expected.items():
        if k not in seen:
            report.add(f"{_key_text(table, key)}: missing (written by audit entry {seq})")
    report.rows[table.name] = count


def _check_decisions(
    conn: Connection, batches: dict[int, list[dict[str, Any]]], report: Report
) -> None:
    """Decision rows, streamed run by run in row order, against the batches the log sealed."""
    count = 0
    state: _RunDecisions | None = None
    for r in conn.execute(select(decisions).order_by(decisions.c.run_id, decisions.c.row)):
        row = row_dict(r)
        count += 1
        run = int(row["run_id"])
        if state is None or state.run != run:
            if state is not None:
                state.finish()
            state = _RunDecisions(run, batches.pop(run, []), report)
        state.add(row)
    if state is not None:
        state.finish()
    for run, left in sorted(batches.items()):
        _RunDecisions(run, left, report).finish()
    report.rows[decisions.name] = count


class _RunDecisions:
    """One run's decision rows as they stream past, matched to its sealed batches."""

    def __init__(self, run: int, sealed: list[dict[str, Any]], report: Report) -> None:
        self.run = run
        self.batches = sorted(sealed, key=lambda b: int(b["first"]))
        self.report = report
        self.i = 0
        self._open()

    def _open(self) -> None:
        self.next_row = int(self.batches[self.i]["first"]) if self.i < len(self.batches) else 0
        self.hashes: list[str] = []
        self.intact = True

    def _last(self, b: dict[str, Any]) -> int:
        return int(b["first"]) + int(b["count"]) - 1

    def _where(self, n: int, line: Any = None) -> str:
        text = f"decisions run_id={self.run} row={n}"
        return f"{text} (line {line})" if line is not None else text

    def _close(self) -> None:
        b = self.batches[self.i]
        for n in range(self.next_row, self._last(b) + 1):
            self.report.add(f"{self._where(n)}: missing (written by audit entry {b['seq']})")
            self.intact = False
        if self.intact and digest(self.hashes) != b["digest"]:
            self.report.add(
                f"decisions run_id={self.run} rows {b['first']}-{self._last(b)}: do not match "
                f"the digest of audit entry {b['seq']} (altered)"
            )
        self.i += 1
        self._open()

    def add(self, row: dict[str, Any]) -> None:
        n = int(row["row"])
        while self.i < len(self.batches) and n > self._last(self.batches[self.i]):
            self._close()
        if self.i >= len(self.batches) or n < int(self.batches[self.i]["first"]):
            self.report.add(f"{self._where(n, row['line_id'])}: not in the audit log (inserted)")
            return
        b = self.batches[self.i]
        for missing in range(self.next_row, n):
            self.report.add(f"{self._where(missing)}: missing (written by audit entry {b['seq']})")
            self.intact = False
        self.next_row = n + 1
        where = self._where(n, row["line_id"])
        if row_hash(decisions, row) != row["row_hash"]:
            self.report.add(f"{where}: content does not match its hash (altered)")
            self.intact = False
        elif row["audit_seq"] != b["seq"]:
            self.report.add(f"{where}: points to audit entry {row['audit_seq']}, not {b['seq']}")
            self.intact = False
        self.hashes.append(row["row_hash"])

    def finish(self) -> None:
        while self.i < len(self.batches):
            self._close()


def check_anchors(report: Report, entries: Iterable[AuditEntry], anchors: list[str]) -> None:
    """Each anchor (``HASH`` or ``SEQ:HASH``) must be an entry of the chain as it is now."""
    by_hash = {e.hash: e.seq for e in entries}
    for anchor in anchors:
        seq_text, _, h = anchor.rpartition(":")
        h = h.strip().lower()
        seq = by_hash.get(h)
        if seq is None:
            report.add(f"anchor {anchor}: not in the audit log (the chain was rewritten or cut)")
        elif seq_text and seq_text.strip() != str(seq):
            report.add(f"anchor {anchor}: found as entry {seq}, not {seq_text} (renumbered)")
