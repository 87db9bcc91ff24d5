"""Use case: read the regime as data: what is in force on a date, what changed between two
dates, every change in order (the timeline), and the data-quality report.

Shared by ``dualuse regime`` and the HTTP API; every row carries the notice to cite, its source
URL and the data file and line of the record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dualuse.regime import diff as regime_diff
from dualuse.regime import snapshot
from dualuse.regime.diff import title_of
from dualuse.regime.load import Regime

RECORD_TYPES = ("measure", "item", "entity")


def show_rows(regime: Regime, day: dt.date, all_states: bool = False) -> list[dict[str, Any]]:
    """The records in force on ``day`` (every record with a state, with ``all_states``)."""
    snap = snapshot(regime, day)
    rows: list[dict[str, Any]] = []
    for kind, table in (
        ("measure", snap.measures),
        ("item", snap.items),
        ("entity", snap.entities),
    ):
        for rid, eff in table.items():
            if not all_states and not eff.in_force:
                continue
            notice = regime.notices[eff.record.notice]
            rows.append(
                {
                    "record_id": rid,
                    "record_type": kind,
                    "title": title_of(eff.record),
                    "status": eff.state.status.value,
                    "since": eff.state.since.isoformat(),
                    "until": eff.state.until.isoformat() if eff.state.until else None,
                    "provisional": eff.state.provisional,
                    "note": eff.state.note,
                    "citation": notice.cite(),
                    "url": notice.best_url(),
                    "source": str(regime.origins[rid]),
                }
            )
    return rows


def diff_records(regime: Regime, day1: dt.date, day2: dt.date) -> list[dict[str, Any]]:
    """Records that start, end, are suspended or resume after the earlier date up to the later."""
    return [c.to_dict(regime) for c in regime_diff(regime, day1, day2)]


def timeline(
    regime: Regime,
    start: dt.date | None = None,
    end: dt.date | None = None,
    record_type: str | None = None,
) -> list[dict[str, Any]]:
    """Every change of state of every record, oldest first: what came into force, was
    announced, suspended, ended, or (``provisional``) is back in force only because a
    suspension ran out with no source for what followed."""
    out: list[dict[str, Any]] = []
    for kind, rec in regime.records():
        if record_type and kind != record_type:
            continue
        for event in regime.timelines[rec.id]:
            if (start and event.date < start) or (end and event.date > end):
                continue
            s = event.state
            notice = regime.notices[s.ref]
            out.append(
                {
                    "date": event.date.isoformat(),
                    "record_id": rec.id,
                    "record_type": kind,
                    "title": title_of(rec),
                    "status": s.status.value,
                    "until": s.until.isoformat() if s.until else None,
                    "provisional": s.provisional,
                    "unknown_after": s.unknown_after.isoformat() if s.unknown_after else None,
                    "note": s.note,
                    "citation": notice.cite(),
                    "url": notice.best_url(),
                    "source": str(regime.origins[rec.id]),
                }
            )
    out.sort(key=lambda r: (r["date"], r["record_type"], r["record_id"]))
    return out


def report(regime: Regime) -> dict[str, Any]:
    """Counts per list and measure, verified/secondary split, known conflicts and gaps."""
    from dualuse.regime.report import build_report

    return build_report(regime)


def validate(regime: Regime) -> list[dict[str, Any]]:
    """Data-quality problems of the loaded regime, each with its file and line."""
    from dualuse.regime.validate import check

    return [
        {"file": f, "line": line, "key": key, "message": msg} for f, line, key, msg in check(regime)
    ]


__all__ = ["RECORD_TYPES", "diff_records", "report", "show_rows", "timeline", "validate"]
