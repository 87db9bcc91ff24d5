"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error the API returns has ``type``, ``title``, ``status`` and ``detail``; an error about
the input names the ``field`` and, for a file, the ``row``; a request with several invalid
fields lists them all under ``errors``. The types are documented in docs/api.md.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from dualuse.errors import DualuseError, InputFileError, RegimeDataError

MEDIA_TYPE = "application/problem+json"
BASE = "https://dualuse.invalid/problems/"  # documented in docs/api.md; not fetched


class FieldError(BaseModel):
    """One invalid value: where it is and what is wrong with it."""

    field: str = Field(examples=["destination_country"])
    message: str = Field(examples=["required field is missing"])
    row: int | None = Field(None, examples=[3])


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field(examples=[BASE + "invalid-input"])
    title: str = Field(examples=["Invalid input"])
    status: int = Field(examples=[422])
    detail: str = Field(examples=["as_of: '2026-13-45' is not a valid date"])
    instance: str | None = Field(None, examples=["/v1/check"])
    field: str | None = Field(None, examples=["as_of"])
    row: int | None = Field(None, examples=[None])
    errors: list[FieldError] | None = None


class ApiProblem(Exception):
    """Raised by handlers: becomes a problem response."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str,
        field: str | None = None,
        row: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.slug, self.title, self.detail = status, slug, title, detail
        self.field, self.row, self.headers = field, row, headers


_TITLES = {
    400: ("bad-request", "Bad request"),
    401: ("unauthenticated", "No valid API key"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    413: ("too-large", "Request too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("invalid-input", "Invalid input"),
    429: ("too-many-requests", "Too many requests"),
    500: ("internal", "Internal error"),
}


def problem(
    status: int,
    detail: str,
    slug: str | None = None,
    title: str | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    s, t = _TITLES.get(status, ("error", "Error"))
    body: dict[str, Any] = {
        "type": BASE + (slug or s),
        "title": title or t,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _loc(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or "(body)"


async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        {"field": _loc(e.get("loc", ())), "message": str(e.get("msg", ""))} for e in exc.errors()
    ]
    first = errors[0] if errors else {"field": "(body)", "message": "invalid"}
    return problem(
        422,
        f"{first['field']}: {first['message']}",
        instance=request.url.path,
        field=first["field"],
        errors=errors,
    )


async def on_api_problem(request: Request, exc: ApiProblem) -> JSONResponse:
    return problem(
        exc.status,
        exc.detail,
        slug=exc.slug,
        title=exc.title,
        instance=request.url.path,
        headers=exc.headers,
        field=exc.field,
        row=exc.row,
    )


async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    headers = getattr(exc, "headers", None)
    if exc.status_code == 405:
        allowed = allowed_methods(request)
        if allowed:
            headers = {**(headers or {}), "Allow": ", ".join(allowed)}
    return problem(exc.status_code, str(exc.detail), instance=request.url.path, headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """The methods the OpenAPI document lists for the request's path (a path served by
    several routes, one per method, is answered with all of them)."""
    import re

    doc = request.app.openapi()
    for template, ops in doc.get("paths", {}).items():
        pattern = "^" + re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, request.url.path):
            return sorted(m.upper() for m in ops)
    return []


async def on_dualuse(request: Request, exc: DualuseError) -> JSONResponse:
    """A user error from the services (a bad file, a bad option): 422 with row and field."""
    from dualuse.api.state import TenantStoreError

    if isinstance(exc, TenantStoreError):
        return problem(500, str(exc), slug="tenant-store", instance=request.url.path)
    if isinstance(exc, RegimeDataError):
        return problem(
            500, "the regime data is invalid", slug="regime-data", instance=request.url.path
        )
    if isinstance(exc, InputFileError):
        return problem(
            422,
            str(exc),
            slug="input-file",
            title="The file cannot be read",
            instance=request.url.path,
            field=exc.field,
            row=exc.row,
        )
    return problem(422, str(exc), instance=request.url.path)


async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    return problem(
        500,
        f"internal error: {type(exc).__name__} (see the server log)",
        instance=request.url.path,
    )


def install(app: Any) -> None:
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(ApiProblem, on_api_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(DualuseError, on_dualuse)
    app.add_exception_handler(Exception, on_unexpected)


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem responses an endpoint may give."""
    out: dict[int | str, dict[str, Any]] = {}
    for code in sorted({400, *codes}):
        _, title = _TITLES.get(code, ("error", "Error"))
        out[code] = {
            "description": title,
            "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    return out


__all__ = ["ApiProblem", "FieldError", "Problem", "install", "problem", "responses"]
