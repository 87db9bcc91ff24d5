"""Classify items: candidate control-list entries from HS code, text and technical values."""

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
    save_upload,
    streamed,
)
from dualuse.api.models import ClassifyRequest, ClassifyResult
from dualuse.api.problems import responses
from dualuse.api.routers.parties import _file_error
from dualuse.classify import Query
from dualuse.errors import DualuseError
from dualuse.services.access import Key
from dualuse.services.classify import file_queries, record, records

router = APIRouter(tags=["classification"])


@router.post(
    "/v1/classify",
    response_model=ClassifyResult,
    summary="Candidate control-list entries for an item",
    responses=responses(401, 403, 413, 422),
)
def classify(body: ClassifyRequest, request: Request, key: Key = Analyst) -> Any:
    """Best first, each with its score, reasons, the notice to cite, its status on the date
    and any technical value that would decide it but was not given."""
    if not (body.hs_code or body.description or body.control_code):
        raise invalid("hs_code", "give hs_code, description or control_code")
    state = app_state(request)
    day = parse_day(body.as_of) or state.today()
    q = Query(
        body.description or "",
        body.hs_code or "",
        body.control_code or "",
        dict(body.parameters),
        (body.exporter_country or "CN").upper(),
    )
    return as_json(record(state.regime, day, None, q))


@router.post(
    "/v1/classify/file",
    summary="Classify every row of a file, streamed back as JSON Lines",
    response_class=StreamingResponse,
    responses=streamed(401, 403, 413, 415, 422),
)
async def classify_file(
    request: Request,
    file: UploadFile = File(
        ..., description="CSV, JSON Lines, Parquet or Excel: id, hs_code, description, param_<name>"
    ),
    as_of: str | None = Form(None, description="YYYY-MM-DD"),
    exporter_country: str = Form("CN"),
    key: Key = Analyst,
) -> Any:
    state = app_state(request)
    day = parse_day(as_of) or state.today()
    path = await save_upload(state, file)
    name = display_name(file)
    rows = file_queries(str(path), exporter_country, {})
    try:
        first = next(rows, None)
    except DualuseError as exc:
        raise _file_error(exc, path, name) from None

    def all_rows() -> Any:
        if first is not None:
            yield first
            yield from rows

    return jsonl_stream(records(state.regime, day, all_rows()), cleanup=path)
