"""Decide shipments: one line, a batch of lines, a file streamed back, or a job."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, Response, StreamingResponse

from dualuse.api.auth import Analyst, Viewer, app_state
from dualuse.api.common import (
    NDJSON,
    as_json,
    display_name,
    invalid,
    jsonl_stream,
    parse_day,
    rename_source,
    save_upload,
    slice_page,
    streamed,
)
from dualuse.api.models import (
    LINE_EXAMPLE,
    CheckBatch,
    CheckBatchResult,
    Decision,
    JobStatus,
    Page,
)
from dualuse.api.problems import ApiProblem, responses
from dualuse.errors import DualuseError
from dualuse.services.access import Key
from dualuse.services.check_file import CheckFile, CheckFileRequest

router = APIRouter(tags=["check"])
AS_OF = Query(None, description="Decide as of this date (YYYY-MM-DD); default each line's date")
FILE = File(..., description="Shipment lines: CSV, JSON Lines, Parquet or Excel (by extension)")


def _as_object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise invalid("(body)", "a shipment line must be a JSON object")
    return body


@router.post(
    "/v1/check",
    response_model=Decision,
    summary="Decide one shipment line",
    responses=responses(401, 403, 413, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"$ref": "#/components/schemas/ShipmentLine"},
                    "examples": {"japanese-military-end-user": {"value": LINE_EXAMPLE}},
                }
            },
        }
    },
)
async def check_line(request: Request, as_of: str | None = AS_OF, key: Key = Analyst) -> Any:
    """The decision for one line, with the rules that fired and their citations. A line that
    cannot be decided is a 422 problem naming the field."""
    try:
        body = orjson.loads(await request.body())
    except orjson.JSONDecodeError as exc:
        raise invalid("(body)", f"not valid JSON: {exc}") from None
    state = app_state(request)
    day = parse_day(as_of)
    line = state.lines.line(_as_object(body), state.today(), day)
    if line.startswith('{"id":') and '"decision":' in line:
        return Response(line, media_type="application/json")
    rec = orjson.loads(line)
    if "error" in rec and "decision" not in rec:
        e = rec["error"]
        raise ApiProblem(
            422, "invalid-line", "The line cannot be decided", f"{e['field']}: {e['message']}",
            e["field"], e["row"],
        )  # fmt: skip
    return Response(line, media_type="application/json")


@router.post(
    "/v1/check/batch",
    response_model=CheckBatchResult,
    summary="Decide several shipment lines",
    responses=responses(401, 403, 413, 422),
)
def check_batch(
    body: CheckBatch, request: Request, as_of: str | None = AS_OF, key: Key = Analyst
) -> Any:
    """Each line's decision in input order; a line that cannot be decided is an error object
    in its place (``row`` counts lines from 1), as in a check file's output."""
    state = app_state(request)
    if len(body.lines) > state.settings.max_batch_lines:
        raise invalid(
            "lines", f"{len(body.lines):,} lines; at most {state.settings.max_batch_lines:,}"
        )
    day = parse_day(as_of)
    lines, counts = state.lines.lines(body.lines, state.today(), day)
    payload = b'{"results":[' + ",".join(lines).encode() + b"],"
    payload += orjson.dumps({"counts": counts.by_decision, "row_errors": counts.errors})[1:]
    return Response(payload, media_type="application/json")


def _open_check(state: Any, path: Path, name: str, day: Any) -> CheckFile:
    try:
        request = CheckFileRequest(str(path), fmt="jsonl", as_of=day)
        return CheckFile(request, state.regime, state.classifier, state.screener, state.today())
    except DualuseError as exc:
        path.unlink(missing_ok=True)
        raise ApiProblem(
            422, "input-file", "The file cannot be read", rename_source(str(exc), path, name),
            getattr(exc, "field", None) or "file", getattr(exc, "row", None),
        ) from None  # fmt: skip


def _guarded(lines: Any, path: Path, name: str) -> Any:
    """The lines, and if the file turns out unreadable part-way, an error line at the end."""
    try:
        yield from lines
    except DualuseError as exc:
        message = rename_source(str(exc), path, name)
        yield {"error": {"row": None, "field": "(file)", "message": message}}


@router.post(
    "/v1/check/file",
    summary="Decide a shipment file, streamed back as JSON Lines",
    response_class=StreamingResponse,
    responses=streamed(401, 403, 413, 415, 422),
)
async def check_file(
    request: Request,
    file: UploadFile = FILE,
    as_of: str | None = Form(None, description="YYYY-MM-DD"),
    key: Key = Analyst,
) -> Any:
    """One JSON object per input row, in input order, written as they are decided (row errors
    in place). A file that cannot be read at all is a 422 problem."""
    state = app_state(request)
    day = parse_day(as_of)
    path = await save_upload(state, file)
    name = display_name(file)
    run = _open_check(state, path, name, day)
    return jsonl_stream(_guarded(run.lines(), path, name), cleanup=path)


@router.post(
    "/v1/jobs/check",
    status_code=202,
    response_model=JobStatus,
    summary="Start a check job for a (large) shipment file",
    responses=responses(401, 403, 413, 415, 422),
)
async def start_job(
    request: Request,
    file: UploadFile = FILE,
    as_of: str | None = Form(None, description="YYYY-MM-DD"),
    record: bool = Form(True, description="record the run in the store (audit chain)"),
    key: Key = Analyst,
) -> Any:
    """Queue the file; poll ``GET /v1/jobs/{id}`` for progress, then download the results.
    A recorded run is attributed to the key and belongs to its tenant."""
    state = app_state(request)
    day = parse_day(as_of)
    path = await save_upload(state, file)
    name = display_name(file)
    _open_check(state, path, name, day)  # a file that cannot be read is refused now
    job = state.jobs.submit(path, name, key, day, record)
    return as_json(job.to_dict(), status=202, headers={"Location": f"/v1/jobs/{job.id}"})


@router.get(
    "/v1/jobs",
    response_model=Page[JobStatus],
    summary="The tenant's check jobs, newest first",
    responses=responses(401, 403, 422),
)
def list_jobs(
    request: Request,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10**12),
    key: Key = Viewer,
) -> Any:
    jobs = [j.to_dict() for j in app_state(request).jobs.of_tenant(key.tenant)]
    return slice_page(request, jobs, limit, offset)


def _job(request: Request, job_id: str, key: Key) -> Any:
    job = app_state(request).jobs.get(job_id, key.tenant)
    if job is None:
        raise ApiProblem(404, "not-found", "Not found", f"no job {job_id!r}", "job_id")
    return job


@router.get(
    "/v1/jobs/{job_id}",
    response_model=JobStatus,
    summary="A job's status and progress",
    responses=responses(401, 403, 404),
)
def get_job(job_id: str, request: Request, key: Key = Viewer) -> Any:
    return as_json(_job(request, job_id, key).to_dict())


@router.get(
    "/v1/jobs/{job_id}/results",
    summary="A finished job's results as JSON Lines, CSV or Parquet",
    response_class=FileResponse,
    responses={
        200: {
            "description": "the results file",
            "content": {
                NDJSON: {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}},
                "application/vnd.apache.parquet": {
                    "schema": {"type": "string", "format": "binary"}
                },
            },
        },
        **responses(401, 403, 404, 409, 422),
    },
)
def job_results(
    job_id: str,
    request: Request,
    format: str = Query("jsonl", pattern="^(jsonl|csv|parquet)$"),
    key: Key = Viewer,
) -> Any:
    """Columns of CSV and Parquet are those of ``dualuse check --format csv|parquet``."""
    from dualuse.services.result_files import convert

    job = _job(request, job_id, key)
    if job.status != "done":
        raise ApiProblem(
            409, "job-not-done", "The job has not finished", f"the job is {job.status}"
        )
    stem = Path(job.input_name).stem or "results"
    if format == "jsonl":
        return FileResponse(job.results, media_type=NDJSON, filename=f"{stem}.decisions.jsonl")
    out = job.dir / f"results.{format}"
    if not out.exists():
        convert(job.results, format, out)
    media = "text/csv" if format == "csv" else "application/vnd.apache.parquet"
    return FileResponse(out, media_type=media, filename=f"{stem}.decisions.{format}")


@router.post(
    "/v1/lookback",
    summary="Past shipment lines that today's regime decides differently, as JSON Lines",
    response_class=StreamingResponse,
    responses=streamed(401, 403, 413, 415, 422),
)
async def lookback(
    request: Request,
    file: UploadFile = File(
        ..., description="Shipment history: CSV, JSON Lines, Parquet or Excel (as for a check file)"
    ),
    since: str | None = Form(None, description="only lines dated on or after (YYYY-MM-DD)"),
    then: str | None = Form(None, description="decide the old side as of (default: own date)"),
    as_of: str | None = Form(None, description="decide the new side as of (default: today)"),
    key: Key = Analyst,
) -> Any:
    """Each line of the history decided *then* (its own date, or ``then``) and *now* (today,
    or ``as_of``); only the lines whose decision moves are returned, as ``dualuse lookback``
    writes them: ``id``, ``row``, ``then`` and ``now`` (each the line's full check result).
    Rows that cannot be decided are error objects, as in a check file's output."""
    from dualuse.services.lookback import FileHistory, Lookback

    state = app_state(request)
    since_day, then_day = parse_day(since, "since"), parse_day(then, "then")
    now_day = parse_day(as_of)
    path = await save_upload(state, file)
    name = display_name(file)
    try:
        history = FileHistory(str(path))
    except DualuseError as exc:
        path.unlink(missing_ok=True)
        raise ApiProblem(
            422, "input-file", "The file cannot be read", rename_source(str(exc), path, name),
            getattr(exc, "field", None) or "file", getattr(exc, "row", None),
        ) from None  # fmt: skip
    job = Lookback(
        state.regime, state.classifier, state.screener, state.today(),
        then=then_day, now=now_day, since=since_day,
    )  # fmt: skip
    lines = (line + b"\n" for line in job.lines(history))
    return jsonl_stream(_guarded(lines, path, name), cleanup=path)
