"""The FastAPI application: routers, problem documents, size limits, the web UI.

``create_app(settings)`` builds the app; the regime, the ports and the store are loaded at
start-up (:class:`~dualuse.api.state.AppState`) and shared by every request. Each router is a
thin door onto a use case in :mod:`dualuse.services`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from dualuse.api import problems
from dualuse.api.examples import add_examples
from dualuse.api.limits import SizeLimit
from dualuse.api.models import ShipmentLine
from dualuse.api.routers import (
    cases,
    check,
    exposure,
    items,
    keys,
    meta,
    parties,
    records,
    regime,
)
from dualuse.api.state import AppState, Settings
from dualuse.version import __version__

DESCRIPTION = """\
Decisions, screening, classification, regime views, exposure, recorded runs and the audit
chain of `dualuse`, over HTTP. Send an API key as `Authorization: Bearer <token>` (or
`X-API-Key`); keys have a role (viewer < analyst < reviewer < admin) and a tenant, and a key
reads only its tenant's runs, jobs, cases and licences. Errors are RFC 9457 problem documents
(`application/problem+json`). See docs/api.md.
"""

ROUTERS = (meta, check, parties, items, regime, exposure, records, cases, keys)


def create_app(settings: Settings | None = None, state: AppState | None = None) -> FastAPI:
    """The app; ``state`` may be given (tests share one across apps), else built at start-up."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = getattr(app.state, "dualuse", None) is None
        if owned:
            app.state.dualuse = AppState(settings)
        app.state.dualuse.warm()
        yield
        if owned:  # a state given by the caller outlives this app (tests share one)
            app.state.dualuse.jobs.shutdown()

    app = FastAPI(
        title="dualuse",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.dualuse = state
    problems.install(app)
    for module in ROUTERS:
        app.include_router(module.router)
    from dualuse.web import pages

    pages.mount(app)
    app.add_middleware(
        SizeLimit,
        max_upload_bytes=settings.max_upload_bytes,
        max_json_bytes=settings.max_json_bytes,
    )
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document, with the problem schema, the shipment line and the key scheme."""
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=[r for r in app.routes if getattr(r, "include_in_schema", True)],
    )
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for model in (problems.Problem, ShipmentLine):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    doc["components"]["securitySchemes"] = {
        "bearer": {"type": "http", "scheme": "bearer", "description": "du_<id>_<secret>"},
        "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
    }
    for path in doc.get("paths", {}).values():
        for op in path.values():
            if "401" in op.get("responses", {}):
                op["security"] = [{"bearer": []}, {"apiKey": []}]
    add_examples(doc)
    app.openapi_schema = doc
    return doc


__all__ = ["create_app"]
