"""Small helpers the routers share: dates, pages, uploads, JSON Lines streams."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from fastapi import Request, UploadFile
from fastapi.responses import Response, StreamingResponse

from dualuse.api.problems import ApiProblem, responses
from dualuse.api.state import AppState
from dualuse.io.readers import FORMATS
from dualuse.regime.model import ISO_DATE

NDJSON = "application/x-ndjson"
#: what an upload may be: what the readers read (the suffix says the format, as on the command line)
UPLOAD_SUFFIXES = frozenset(FORMATS)
MAX_LIMIT = 1000


def streamed(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses of an endpoint that streams JSON Lines, with its problem documents."""
    lines = {"content": {NDJSON: {"schema": {"type": "string"}}}, "description": "JSON Lines"}
    return {200: lines, **responses(*codes)}


def invalid(field: str, message: str, row: int | None = None) -> ApiProblem:
    return ApiProblem(422, "invalid-input", "Invalid input", f"{field}: {message}", field, row)


def parse_day(text: str | None, field: str = "as_of") -> dt.date | None:
    """An ISO date from a request, or None; anything else is a 422 naming the field."""
    if text is None or text == "":
        return None
    if not ISO_DATE.match(text):
        raise invalid(field, f"{text!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise invalid(field, f"{text!r} is not a valid date ({exc})") from None


def page(request: Request, items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    """A page body; ``next`` keeps the request's other query parameters."""
    nxt = None
    if offset + len(items) < total:
        nxt = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next": nxt}


def slice_page(request: Request, rows: list[Any], limit: int, offset: int) -> Response:
    return as_json(page(request, rows[offset : offset + limit], len(rows), limit, offset))


async def save_upload(state: AppState, file: UploadFile) -> Path:
    """The upload, written to the server's work folder under a random name with its suffix.

    The suffix says the format (as a file's extension does on the command line).
    """
    name = file.filename or ""
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        kinds = ", ".join(sorted(UPLOAD_SUFFIXES))
        raise ApiProblem(
            415,
            "unsupported-media-type",
            "Unsupported file format",
            f"file: {name!r}: unknown file format; expected one of {kinds}",
            "file",
        )
    path = state.upload_dir() / f"{secrets.token_hex(8)}{suffix}"
    with path.open("wb") as out:
        while chunk := await file.read(1 << 20):
            out.write(chunk)
    return path


def display_name(file: UploadFile) -> str:
    """The uploaded file's own name (no folders), for messages and records."""
    return Path(file.filename or "upload").name[:200]


def jsonl_stream(
    lines: Iterator[bytes | str | dict[str, Any]], cleanup: Path | None = None
) -> StreamingResponse:
    """A JSON Lines response written as the lines are made."""

    def body() -> Iterator[bytes]:
        try:
            for line in lines:
                if isinstance(line, dict):
                    yield orjson.dumps(line) + b"\n"
                elif isinstance(line, str):
                    yield line.encode() + b"\n"
                else:
                    yield line
        finally:
            if cleanup is not None:
                cleanup.unlink(missing_ok=True)

    return StreamingResponse(body(), media_type=NDJSON)


def rename_source(message: str, path: Path, name: str) -> str:
    """A service's message about the saved upload, naming the file as the caller sent it."""
    return message.replace(str(path), name)


def as_json(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """``obj`` as JSON exactly as the services made it (the response model documents it; the
    body is not rebuilt through it, so keys and order are those of the command line's output)."""
    return Response(orjson.dumps(obj), status_code=status, media_type="application/json",
                    headers=headers)  # fmt: skip
