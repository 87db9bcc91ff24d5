"""Pages: the regime timeline and what is in force on a date; the exposure dashboard."""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from dualuse.api.common import parse_day, save_upload
from dualuse.api.problems import ApiProblem
from dualuse.errors import DualuseError
from dualuse.exposure.resources import scenario_names
from dualuse.services.access import Role
from dualuse.services.exposure import DEFAULT_SCENARIO, bom_exposure, macro_chart_div
from dualuse.services.regime_views import report, show_rows, timeline, validate
from dualuse.web.pages import page_key, render

router = APIRouter(include_in_schema=False)


@router.get("/ui/regime")
def regime(
    request: Request,
    start: str = "",
    end: str = "",
    type: str = "",
    status: str = "",
    as_of: str = "",
) -> Response:
    """The timeline (every change of state, newest first), filtered; or, with ``as_of``, the
    records in force on that date."""
    page_key(request)
    state = request.app.state.dualuse
    try:
        d1, d2, day = (
            parse_day(start or None, "start"),
            parse_day(end or None, "end"),
            parse_day(as_of or None),
        )
    except ApiProblem as exc:
        return render(request, "error.html", status=422, message=exc.detail)
    kind = type if type in ("measure", "item", "entity") else None
    if day is not None:
        rows = show_rows(state.regime, day, all_states=True)
        if kind:
            rows = [r for r in rows if r["record_type"] == kind]
        events = []
    else:
        rows = []
        events = list(reversed(timeline(state.regime, d1, d2, kind)))
        if status == "provisional":
            events = [e for e in events if e["provisional"]]
        elif status:
            events = [e for e in events if e["status"] == status and not e["provisional"]]
    filters = {"start": start, "end": end, "type": type, "status": status, "as_of": as_of}
    return render(request, "regime.html", events=events, rows=rows, day=day, filters=filters)


@router.get("/ui/regime/report")
def regime_report(request: Request) -> Response:
    """The data report (counts, sourcing, conflicts, gaps) and the data-quality check."""
    from dualuse.regime.report import render_report

    page_key(request)
    regime = request.app.state.dualuse.regime
    return render(
        request, "regime_report.html", text=render_report(report(regime)),
        problems=validate(regime),
    )  # fmt: skip


@router.get("/ui/exposure")
def exposure_form(request: Request) -> Response:
    page_key(request, Role.analyst)
    return render(request, "exposure.html", run=None, scenarios=scenario_names(),
                  scenario=DEFAULT_SCENARIO)  # fmt: skip


@router.post("/ui/exposure")
async def exposure(
    request: Request,
    file: UploadFile = File(...),
    as_of: str = Form(""),
    scenario: str = Form(DEFAULT_SCENARIO),
) -> Response:
    page_key(request, Role.analyst)
    state = request.app.state.dualuse
    names = scenario_names()
    try:
        if scenario not in names:
            raise ApiProblem(422, "invalid-input", "Invalid input", f"scenario: {scenario!r}")
        day = parse_day(as_of or None) or state.today()
        path = await save_upload(state, file)
    except ApiProblem as exc:
        return render(request, "exposure.html", status=exc.status, error=exc.detail, run=None,
                      scenarios=names, scenario=scenario)  # fmt: skip
    try:
        run = bom_exposure(str(path), state.regime, day, state.classifier, state.screener,
                           scenario, source_name=file.filename or "parts")  # fmt: skip
    except DualuseError as exc:
        message = str(exc).replace(str(path), file.filename or "")
        return render(request, "exposure.html", status=422, run=None, scenarios=names,
                      scenario=scenario, error=message)  # fmt: skip
    finally:
        path.unlink(missing_ok=True)
    return render(
        request, "exposure.html", run=run, charts=run.charts(), records=list(run.records()),
        scenarios=names, scenario=scenario, macro=macro_chart_div(),
    )  # fmt: skip


@cache
def _plotly() -> bytes:
    from plotly.offline import get_plotlyjs

    text: str = get_plotlyjs()
    return text.encode()


@router.get("/ui/plotly.js")
def plotly_js() -> Response:
    """plotly.js from the installed plotly package (no other download)."""
    return Response(
        _plotly(), media_type="text/javascript", headers={"Cache-Control": "max-age=86400"}
    )
