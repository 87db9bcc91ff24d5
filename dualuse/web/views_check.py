"""Pages: upload a shipment file, watch its job, read its decisions; recorded runs."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from dualuse.api.common import display_name, parse_day, save_upload
from dualuse.api.problems import ApiProblem
from dualuse.api.routers.check import _open_check
from dualuse.services.access import Role
from dualuse.store.runs import decisions_page, get_run, runs_page
from dualuse.web.pages import page_key, render

router = APIRouter(include_in_schema=False)
PAGE_ROWS = 200
MAX_ID = 2**62  # beyond what the database's integers hold


@router.get("/ui/check")
def check_form(request: Request) -> Response:
    page_key(request, Role.analyst)
    return render(request, "check.html")


@router.post("/ui/check")
async def check_upload(
    request: Request,
    file: UploadFile = File(...),
    as_of: str = Form(""),
    record: bool = Form(False),
) -> Response:
    key = page_key(request, Role.analyst)
    state = request.app.state.dualuse
    try:
        day = parse_day(as_of or None)
        path = await save_upload(state, file)
        name = display_name(file)
        _open_check(state, path, name, day)
    except ApiProblem as exc:
        return render(request, "check.html", status=exc.status, error=exc.detail)
    job = state.jobs.submit(path, name, key, day, record)
    return RedirectResponse(f"/ui/jobs/{job.id}", status_code=303)


def _decisions(path: Any, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    rows: list[dict[str, Any]] = []
    total = 0
    with open(path, "rb") as f:
        for line in f:
            if offset <= total < offset + limit:
                rows.append(orjson.loads(line))
            total += 1
    return rows, total


@router.get("/ui/jobs")
def jobs(request: Request) -> Response:
    key = page_key(request)
    return render(request, "jobs.html", jobs=request.app.state.dualuse.jobs.of_tenant(key.tenant))


@router.get("/ui/jobs/{job_id}")
def job(request: Request, job_id: str, offset: int = 0) -> Response:
    key = page_key(request)
    found = request.app.state.dualuse.jobs.get(job_id, key.tenant)
    if found is None:
        return render(request, "error.html", status=404, message=f"no job {job_id}")
    rows: list[dict[str, Any]] = []
    total = 0
    offset = max(0, offset)
    if found.status == "done":
        rows, total = _decisions(found.results, offset, PAGE_ROWS)
    return render(
        request, "job.html", job=found, info=found.to_dict(), rows=rows, total=total,
        offset=offset, page_rows=PAGE_ROWS,
    )  # fmt: skip


@router.get("/ui/runs")
def runs(request: Request) -> Response:
    key = page_key(request)
    items = runs_page(request.app.state.dualuse.store_for(key.tenant), 200, 0)
    return render(request, "runs.html", runs=items)


@router.get("/ui/runs/{run_id}")
def run(request: Request, run_id: int, offset: int = 0) -> Response:
    key = page_key(request)
    store = request.app.state.dualuse.store_for(key.tenant)
    found = get_run(store, run_id) if 0 < run_id <= MAX_ID else None
    if found is None:
        return render(request, "error.html", status=404, message=f"no run {run_id}")
    offset = min(max(0, offset), MAX_ID)
    rows = decisions_page(store, run_id, PAGE_ROWS, offset)
    return render(
        request, "run.html", run=found, rows=rows, total=int(found["rows"]), offset=offset,
        page_rows=PAGE_ROWS,
    )  # fmt: skip
