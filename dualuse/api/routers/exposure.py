"""Exposure of a parts list (records, or the HTML report with charts) and the national view."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse

from dualuse.api.auth import Analyst, Viewer, app_state
from dualuse.api.common import display_name, invalid, parse_day, save_upload
from dualuse.api.problems import ApiProblem, responses
from dualuse.api.routers.parties import _file_error
from dualuse.errors import DualuseError
from dualuse.exposure.resources import scenario_names
from dualuse.services.access import Key
from dualuse.services.exposure import (
    DEFAULT_MONTHS,
    DEFAULT_SCENARIO,
    BomExposure,
    bom_exposure,
    macro_view,
    parse_sets,
)

router = APIRouter(tags=["exposure"])


async def _run(
    request: Request,
    file: UploadFile,
    as_of: str | None,
    scenario: str,
    destination: str,
    importer: str,
    horizon: int,
) -> BomExposure:
    state = app_state(request)
    if scenario not in scenario_names():
        raise invalid("scenario", f"{scenario!r}: expected one of {', '.join(scenario_names())}")
    day = parse_day(as_of) or state.today()
    path = await save_upload(state, file)
    name = display_name(file)
    try:
        return bom_exposure(
            str(path), state.regime, day, state.classifier, state.screener, scenario,
            destination, importer, horizon, source_name=name,
        )  # fmt: skip
    except DualuseError as exc:
        raise _file_error(exc, path, name) from None
    finally:
        path.unlink(missing_ok=True)


FILE = File(..., description="Parts list: CSV, JSON Lines, Parquet or Excel (.xlsx)")
AS_OF = Form(None, description="YYYY-MM-DD")
SCENARIO = Form(DEFAULT_SCENARIO, description="licence-delay, stop-2m-2010, stop-3m, ...")
DEST = Form("JP", pattern="^[A-Za-z]{2}$")
IMPORTER = Form("", max_length=1000)
HORIZON = Form(730, ge=30, le=3650)


@router.post(
    "/v1/exposure",
    summary="Exposure of a parts list under a scenario",
    responses={
        200: {"content": {"application/json": {"schema": {"type": "object"}}}},
        **responses(401, 403, 413, 415, 422),
    },
)
async def exposure(
    request: Request,
    file: UploadFile = FILE,
    as_of: str | None = AS_OF,
    scenario: str = SCENARIO,
    destination: str = DEST,
    importer: str = IMPORTER,
    horizon: int = HORIZON,
    key: Key = Analyst,
) -> dict[str, Any]:
    """One object per part (controlled or not, entries, measures, time to survive and to
    recover, revenue at risk, rank), in input order; row errors in place."""
    run = await _run(request, file, as_of, scenario, destination, importer, horizon)
    return {
        "as_of": run.result.as_of.isoformat(),
        "scenario": run.result.scenario.name,
        "total_revenue_at_risk": run.result.total_revenue_at_risk(),
        "parts": list(run.records()),
    }


@router.post(
    "/v1/exposure/report",
    summary="The exposure report (HTML, charts, offline)",
    response_class=HTMLResponse,
    responses={200: {"content": {"text/html": {}}}, **responses(401, 403, 413, 415, 422)},
)
async def exposure_report(
    request: Request,
    file: UploadFile = FILE,
    as_of: str | None = AS_OF,
    scenario: str = SCENARIO,
    destination: str = DEST,
    importer: str = IMPORTER,
    horizon: int = HORIZON,
    key: Key = Analyst,
) -> Any:
    run = await _run(request, file, as_of, scenario, destination, importer, horizon)
    return HTMLResponse(run.report())


@router.get(
    "/v1/exposure/macro",
    summary="National view for Japan: inputs, loss curve, published points",
    responses={
        200: {"content": {"application/json": {"schema": {"type": "object"}}}},
        **responses(401, 403, 422),
    },
)
def macro(
    request: Request,
    months: str = Query(DEFAULT_MONTHS, max_length=200, description="comma-separated"),
    set: list[str] = Query([], description="NAME=VALUE changes to the inputs"),
    key: Key = Viewer,
) -> dict[str, Any]:
    try:
        view = macro_view(months, parse_sets(set))
        records = list(view.records())
    except DualuseError as exc:
        raise ApiProblem(422, "invalid-input", "Invalid input", str(exc), "set") from None
    return {"records": records}
