"""Screen party names against the lists in force, and match two names."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import StreamingResponse

from dualuse.api.auth import Analyst, app_state
from dualuse.api.common import (
    as_json,
    display_name,
    invalid,
    jsonl_stream,
    parse_day,
    rename_source,
    save_upload,
    streamed,
)
from dualuse.api.models import MatchRequest, MatchResult, ScreenRequest, ScreenResult
from dualuse.api.problems import ApiProblem, responses
from dualuse.errors import DualuseError
from dualuse.regime.snapshot import snapshot
from dualuse.services.access import Key
from dualuse.services.match import check_pair, file_pairs, pair_record, pair_results
from dualuse.services.screen import ScreenJob, file_rows, name_too_long, screen_lines

router = APIRouter(tags=["screening"])


def _job(request: Request, as_of: str | None, threshold: float | None, near: bool) -> ScreenJob:
    state = app_state(request)
    day = parse_day(as_of) or state.today()
    return ScreenJob(state.screener, snapshot(state.regime, day), threshold, near)


@router.post(
    "/v1/screen",
    response_model=list[ScreenResult],
    summary="Screen party names",
    responses=responses(401, 403, 413, 422),
)
def screen(body: ScreenRequest, request: Request, key: Key = Analyst) -> Any:
    """One result per name, in order: matches best first with their explanation (the name
    forms that matched), related-party notes and, if asked, the nearest rejected names."""
    state = app_state(request)
    if len(body.names) > state.settings.max_names:
        raise invalid("names", f"{len(body.names):,} names; at most {state.settings.max_names:,}")
    for i, name in enumerate(body.names):
        if not name.strip():
            raise invalid(f"names.{i}", "a name is empty")
        if (why := name_too_long(name)) is not None:
            raise invalid(f"names.{i}", why)
    job = _job(request, body.as_of, body.threshold, body.near_misses)
    return as_json([job.record({}, n) for n in body.names])


def _file_error(exc: DualuseError, path: Any, name: str) -> ApiProblem:
    path.unlink(missing_ok=True)
    return ApiProblem(
        422, "input-file", "The file cannot be read", rename_source(str(exc), path, name),
        getattr(exc, "field", None) or "file", getattr(exc, "row", None),
    )  # fmt: skip


@router.post(
    "/v1/screen/file",
    summary="Screen every name of a file, streamed back as JSON Lines",
    response_class=StreamingResponse,
    responses=streamed(401, 403, 413, 415, 422),
)
async def screen_file(
    request: Request,
    file: UploadFile = File(
        ..., description="CSV, JSON Lines, Parquet or Excel with a 'name' column"
    ),
    as_of: str | None = Form(None, description="YYYY-MM-DD"),
    threshold: float | None = Form(None, ge=0, le=1),
    near_misses: bool = Form(True),
    key: Key = Analyst,
) -> Any:
    state = app_state(request)
    job = _job(request, as_of, threshold, near_misses)
    path = await save_upload(state, file)
    name = display_name(file)
    try:
        rows, _, _ = file_rows(str(path))
    except DualuseError as exc:
        raise _file_error(exc, path, name) from None
    return jsonl_stream(screen_lines(job, rows), cleanup=path)


@router.post(
    "/v1/match",
    response_model=MatchResult,
    summary="Score two party names",
    responses=responses(401, 403, 413, 422),
)
def match(body: MatchRequest, request: Request, key: Key = Analyst) -> Any:
    """The score (0..1), whether it reaches the default threshold, and why."""
    a, b, _, error = check_pair(body.model_dump(), 1)
    if error is not None:
        raise invalid(error["field"], error["message"])
    return as_json(pair_record(a, b))


@router.post(
    "/v1/match/file",
    summary="Score every pair of a file (name1, name2), streamed back as JSON Lines",
    response_class=StreamingResponse,
    responses=streamed(401, 403, 413, 415, 422),
)
async def match_file(
    request: Request,
    file: UploadFile = File(..., description="CSV, JSON Lines, Parquet or Excel: name1, name2"),
    key: Key = Analyst,
) -> Any:
    state = app_state(request)
    path = await save_upload(state, file)
    name = display_name(file)
    pairs = file_pairs(str(path))
    try:
        first = next(pairs, None)
    except DualuseError as exc:
        raise _file_error(exc, path, name) from None

    def all_pairs() -> Any:
        if first is not None:
            yield first
            yield from pairs

    return jsonl_stream(pair_results(all_pairs()), cleanup=path)
