"""The regime as data: in force on a date, changes between dates, the timeline, the report."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from dualuse.api.auth import Viewer, app_state
from dualuse.api.common import invalid, parse_day, slice_page
from dualuse.api.models import Page, RegimeChange, RegimeRecord, TimelineEvent
from dualuse.api.problems import responses
from dualuse.services.access import Key
from dualuse.services.regime_views import (
    RECORD_TYPES,
    diff_records,
    report,
    show_rows,
    timeline,
    validate,
)

router = APIRouter(tags=["regime"])
LIMIT = Query(100, ge=1, le=1000)
OFFSET = Query(0, ge=0, le=10**12)
TYPE = Query(None, pattern="^(measure|item|entity)$", description=", ".join(RECORD_TYPES))


@router.get(
    "/v1/regime",
    response_model=Page[RegimeRecord],
    summary="Records in force on a date",
    responses=responses(401, 403, 422),
)
def show(
    request: Request,
    as_of: str | None = Query(None, description="YYYY-MM-DD; default today"),
    all: bool = Query(False, description="every record with a state, not only those in force"),
    type: str | None = TYPE,
    limit: int = LIMIT,
    offset: int = OFFSET,
    key: Key = Viewer,
) -> Any:
    """Each record with its status, since when, whether it is provisional, the notice to cite,
    its source URL and the data file and line."""
    state = app_state(request)
    rows = show_rows(state.regime, parse_day(as_of) or state.today(), all)
    if type:
        rows = [r for r in rows if r["record_type"] == type]
    return slice_page(request, rows, limit, offset)


@router.get(
    "/v1/regime/diff",
    response_model=Page[RegimeChange],
    summary="What started, ended, was suspended or resumed between two dates",
    responses=responses(401, 403, 422),
)
def diff(
    request: Request,
    from_: str = Query(..., alias="from", description="YYYY-MM-DD"),
    to: str = Query(..., description="YYYY-MM-DD"),
    limit: int = LIMIT,
    offset: int = OFFSET,
    key: Key = Viewer,
) -> Any:
    d1, d2 = parse_day(from_, "from"), parse_day(to, "to")
    if d1 is None or d2 is None:
        raise invalid("from" if d1 is None else "to", "a date is required")
    return slice_page(request, diff_records(app_state(request).regime, d1, d2), limit, offset)


@router.get(
    "/v1/regime/timeline",
    response_model=Page[TimelineEvent],
    summary="Every change of state, oldest first",
    responses=responses(401, 403, 422),
)
def regime_timeline(
    request: Request,
    start: str | None = Query(None, description="YYYY-MM-DD"),
    end: str | None = Query(None, description="YYYY-MM-DD"),
    type: str | None = TYPE,
    limit: int = LIMIT,
    offset: int = OFFSET,
    key: Key = Viewer,
) -> Any:
    """What came into force, was announced, suspended or ended, and what is back in force only
    provisionally (a suspension ran out with no source for what followed)."""
    rows = timeline(
        app_state(request).regime, parse_day(start, "start"), parse_day(end, "end"), type
    )
    return slice_page(request, rows, limit, offset)


@router.get(
    "/v1/regime/report",
    summary="Counts, verified/secondary split, known conflicts and gaps",
    responses={
        200: {"content": {"application/json": {"schema": {"type": "object"}}}},
        **responses(401, 403),
    },
)
def regime_report(request: Request, key: Key = Viewer) -> dict[str, Any]:
    return report(app_state(request).regime)


@router.get(
    "/v1/regime/validate",
    summary="Data-quality checks of the loaded regime",
    responses={
        200: {"content": {"application/json": {"schema": {"type": "object"}}}},
        **responses(401, 403),
    },
)
def regime_validate(request: Request, key: Key = Viewer) -> dict[str, Any]:
    """As ``dualuse regime validate``: every problem with its file and line (none: ``ok``)."""
    regime = app_state(request).regime
    problems = validate(regime)
    return {
        "ok": not problems,
        "regime": regime.name,
        "counts": {
            "notices": len(regime.notices),
            "measures": len(regime.measures),
            "items": len(regime.items),
            "entities": len(regime.entities),
            "change_dates": len(regime.change_dates()),
        },
        "problems": problems,
    }
