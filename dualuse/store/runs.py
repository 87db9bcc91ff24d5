"""Runs and their decisions: started, written batch by batch, resumed, finished."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import func, select

from dualuse.store.audit import canonical
from dualuse.store.db import Store, StoreError, Tx, row_dict
from dualuse.store.schema import decisions, runs


def start_run(
    tx: Tx,
    command: str,
    input_name: str,
    as_of: str | None,
    regime: str,
    options: dict[str, Any],
    run_key: str | None = None,
) -> int:
    row = tx.insert(
        runs,
        {
            "started_at": tx.at,
            "finished_at": None,
            "command": command,
            "input": input_name,
            "as_of": as_of,
            "regime": regime,
            "regime_fingerprint": tx.fingerprint,
            "options": canonical(options),
            "run_key": run_key,
            "actor": tx.actor,
            "rows": 0,
            "errors": 0,
            "counts": None,
            "resumed": 0,
        },
    )
    return int(row["id"])


def unfinished_run(store: Store, run_key: str) -> dict[str, Any] | None:
    """The newest unfinished run into the same output with the same options, if any."""
    with store.reading() as conn:
        r = conn.execute(
            select(runs)
            .where(runs.c.run_key == run_key, runs.c.finished_at.is_(None))
            .order_by(runs.c.id.desc())
            .limit(1)
        ).first()
    return row_dict(r) if r else None


def resume_run(tx: Tx, run: dict[str, Any]) -> int:
    """Continue ``run``: the same record, resumed once more; returns its last stored row."""
    if run["regime_fingerprint"] != tx.fingerprint:
        raise StoreError(
            f"run {run['id']} was recorded under regime data {run['regime_fingerprint'][:12]}, "
            f"this resume uses {tx.fingerprint[:12]}: run it again without --resume"
        )
    tx.update(runs, {"id": run["id"]}, {"resumed": int(run["resumed"]) + 1})
    return last_row(tx, int(run["id"]))


def last_row(tx: Tx, run_id: int) -> int:
    top = tx.conn.execute(select(func.max(decisions.c.row)).where(decisions.c.run_id == run_id))
    return int(top.scalar() or 0)


def decision_rows(
    lines: Sequence[str], parsed: Sequence[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """The columns of each output line (JSON) as a decisions row (``parsed``: the lines
    already read)."""
    out = []
    objs = parsed if parsed is not None else [orjson.loads(x) for x in lines]
    for line, obj in zip(lines, objs, strict=True):
        out.append(
            {
                "line_id": _text(obj.get("id")),
                "as_of": obj.get("as_of"),
                "decision": obj.get("decision"),
                "body": line,
            }
        )
    return out


def _text(v: Any) -> str | None:
    return None if v is None else str(v)


def finish_run(tx: Tx, run_id: int) -> dict[str, Any]:
    """Mark the run finished, its counts taken from the rows stored (all of them, resumed
    or not)."""
    counts: dict[str, int] = {}
    errors = 0
    total = 0
    for decision, n in tx.conn.execute(
        select(decisions.c.decision, func.count())
        .where(decisions.c.run_id == run_id)
        .group_by(decisions.c.decision)
    ):
        total += int(n)
        if decision is None:
            errors += int(n)
        else:
            counts[str(decision)] = int(n)
    return tx.update(
        runs,
        {"id": run_id},
        {
            "finished_at": tx.at,
            "rows": total,
            "errors": errors,
            "counts": canonical(counts),
        },
    )


def list_runs(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    with store.reading() as conn:
        result = conn.execute(select(runs).order_by(runs.c.id.desc()).limit(limit))
        out = []
        for r in result:
            row = {str(k): v for k, v in r._mapping.items()}
            row["options"] = orjson.loads(row["options"])
            row["counts"] = orjson.loads(row["counts"]) if row["counts"] else None
            out.append(row)
        return out


def decisions_of(store: Store, run_id: int) -> list[dict[str, Any]]:
    with store.reading() as conn:
        result = conn.execute(
            select(decisions.c.body).where(decisions.c.run_id == run_id).order_by(decisions.c.row)
        )
        return [orjson.loads(r.body) for r in result]


def _run_row(r: Any) -> dict[str, Any]:
    row = {str(k): v for k, v in r._mapping.items()}
    row["options"] = orjson.loads(row["options"]) if row.get("options") else {}
    row["counts"] = orjson.loads(row["counts"]) if row.get("counts") else None
    return row


def runs_page(store: Store, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """The runs, newest first, ``limit`` from ``offset`` (the HTTP API's pages)."""
    with store.reading() as conn:
        result = conn.execute(select(runs).order_by(runs.c.id.desc()).limit(limit).offset(offset))
        return [_run_row(r) for r in result]


def count_runs(store: Store) -> int:
    with store.reading() as conn:
        return int(conn.execute(select(func.count()).select_from(runs)).scalar_one())


def get_run(store: Store, run_id: int) -> dict[str, Any] | None:
    with store.reading() as conn:
        r = conn.execute(select(runs).where(runs.c.id == run_id)).first()
    return _run_row(r) if r else None


def decisions_page(store: Store, run_id: int, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """A run's decisions in row order, ``limit`` from ``offset``."""
    with store.reading() as conn:
        result = conn.execute(
            select(decisions.c.body)
            .where(decisions.c.run_id == run_id)
            .order_by(decisions.c.row)
            .limit(limit)
            .offset(offset)
        )
        return [orjson.loads(r.body) for r in result]
