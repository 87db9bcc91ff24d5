"""Request size limits, enforced before and while a body is read.

An upload (``multipart/form-data``) may be up to ``max_upload_bytes``; any other body up to
``max_json_bytes``. A declared ``Content-Length`` over the limit is refused at once; a body
sent without one is counted as it arrives and refused when it passes the limit. Either way the
answer is 413 with a problem document.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.exceptions import HTTPException

from dualuse.api.problems import BASE, MEDIA_TYPE


class _TooLarge(HTTPException):
    """Raised while reading a body past the limit (an HTTP error, so that a handler that
    reads the body passes it on as 413 rather than as a parse error)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is over the limit of {limit:,} bytes")


class SizeLimit:
    """ASGI middleware: 413 for bodies over the limits."""

    def __init__(self, app: Any, max_upload_bytes: int, max_json_bytes: int) -> None:
        self.app = app
        self.max_upload = max_upload_bytes
        self.max_json = max_json_bytes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        upload = headers.get("content-type", "").lower().startswith("multipart/")
        limit = self.max_upload if upload else self.max_json
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _refuse(send, scope, limit)
            return
        seen = 0
        started = False

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge(limit)
            return message

        async def tracked(message: Any) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge:
            if not started:
                await _refuse(send, scope, limit)


async def _refuse(send: Any, scope: dict[str, Any], limit: int) -> None:
    body = orjson.dumps(
        {
            "type": BASE + "too-large",
            "title": "Request too large",
            "status": 413,
            "detail": f"the request body is over the limit of {limit:,} bytes",
            "instance": scope.get("path"),
        }
    )
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


__all__ = ["SizeLimit"]
