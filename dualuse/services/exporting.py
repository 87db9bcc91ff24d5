"""Export store records for an auditor, checkable without dualuse.

One file per table (JSON Lines, CSV or Parquet) with the rows chosen (``--run``: those runs,
their decisions and draw-downs; ``--since``: records written on or after a date), every
column as stored, ``row_hash`` and ``audit_seq`` included; the audit log entries the rows
point to, up to the chain's head; ``manifest.json`` with each file's row count and SHA-256
and the head; and ``SHA256SUMS``, which ``sha256sum -c SHA256SUMS`` checks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from sqlalchemy import Table, select

from dualuse.errors import UsageError
from dualuse.store.db import Store, row_dict
from dualuse.store.schema import ALL_TABLES, audit_log, decisions, licence_draws, runs


def _rows_of(
    store: Store, table: Table, run_ids: list[int], since: str | None
) -> list[dict[str, Any]]:
    q = select(table)
    if run_ids:
        if table is runs:
            q = q.where(runs.c.id.in_(run_ids))
        elif table is decisions:
            q = q.where(decisions.c.run_id.in_(run_ids))
        elif table is licence_draws:
            q = q.where(licence_draws.c.run_id.in_(run_ids))
        elif table is not audit_log:
            return []
    if since and table is not audit_log:
        if "at" in table.c:
            q = q.where(table.c.at >= since)
        elif table is runs:
            q = q.where(runs.c.started_at >= since)
        elif table is decisions and not run_ids:
            started = select(runs.c.id).where(runs.c.started_at >= since)
            q = q.where(decisions.c.run_id.in_(started))
    order = [c for c in table.primary_key.columns]
    with store.reading() as conn:
        return [row_dict(r) for r in conn.execute(q.order_by(*order))]


def _write(path: Path, rows: list[dict[str, Any]], table: Table, fmt: str) -> None:
    if fmt == "jsonl":
        with path.open("wb") as f:
            for r in rows:
                f.write(orjson.dumps(r) + b"\n")
        return
    columns = {c.name: [r.get(c.name) for r in rows] for c in table.columns}
    arrow = pa.table(
        {k: pa.array(v) if v else pa.array([], pa.string()) for k, v in columns.items()}
    )
    if fmt == "csv":
        pacsv.write_csv(arrow, path)
    else:
        pq.write_table(arrow, path)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def export_store(
    store: Store, folder: Path, fmt: str, runs: list[int], since: dt.date | None
) -> dict[str, Any]:
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"--output {folder}: the folder is not empty")
    folder.mkdir(parents=True, exist_ok=True)
    head = store.head()
    if head is None:
        raise UsageError("the store's audit log is empty: nothing to export")
    since_text = since.isoformat() if since else None
    files = []
    seqs: set[int] = set()
    chosen: dict[str, list[dict[str, Any]]] = {}
    for table in ALL_TABLES:
        if table is audit_log:
            continue
        rows = _rows_of(store, table, runs, since_text)
        chosen[table.name] = rows
        seqs.update(int(r["audit_seq"]) for r in rows)
    entries = _rows_of(store, audit_log, [], None)
    if runs or since:
        # the entries that sealed the rows exported, and every entry from the first of them
        # to the head, so that the chain between them can be followed
        first = min(seqs) if seqs else int(head.seq)
        entries = [e for e in entries if int(e["seq"]) >= first]
    chosen[audit_log.name] = entries
    ext = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet"}[fmt]
    for table in ALL_TABLES:
        rows = chosen[table.name]
        path = folder / f"{table.name}.{ext}"
        _write(path, rows, table, fmt)
        files.append(
            {"file": path.name, "table": table.name, "rows": len(rows), "sha256": _sha256(path)}
        )
    manifest = {
        "store": store.display_url(),
        "format": fmt,
        "runs": runs,
        "since": since_text,
        "head": {"seq": head.seq, "hash": head.hash, "at": head.at},
        "files": files,
    }
    (folder / "manifest.json").write_bytes(
        orjson.dumps(manifest, option=orjson.OPT_INDENT_2) + b"\n"
    )
    sums = [f"{f['sha256']}  {f['file']}" for f in files]
    sums.append(f"{_sha256(folder / 'manifest.json')}  manifest.json")
    (folder / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    return manifest
