"""The web UI: server-rendered pages over the same services as the API.

Pages are Jinja2 templates; forms work without JavaScript, and a little script (static/app.js)
adds live progress and in-place updates where it runs. The API key is kept in an HttpOnly,
SameSite=Strict cookie after the sign-in form; roles and tenants are those of the API.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from dualuse.api.auth import COOKIE, current_key
from dualuse.services.access import Key, Role
from dualuse.version import __version__
from dualuse.web import i18n
from dualuse.web.text import highlight, truncate

HERE = Path(__file__).parent
env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
env.filters["truncate_chars"] = truncate
env.globals["highlight"] = highlight
env.globals["version"] = __version__
router = APIRouter(include_in_schema=False)


class NeedKey(Exception):
    """A page that needs a key (or a higher role) was asked for without one."""

    def __init__(self, role: Role) -> None:
        self.role = role


def lang_of(request: Request) -> str:
    return i18n.pick(
        request.query_params.get("lang"),
        request.cookies.get(i18n.COOKIE),
        request.headers.get("accept-language"),
    )


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    key = current_key(request)

    def t(msg: str, /, **values: object) -> str:
        return i18n.translate(lang, msg, **values)

    body = env.get_template(template).render(
        request=request, t=t, lang=lang, languages=i18n.LANGUAGES, key=key,
        no_auth=request.app.state.dualuse.settings.no_auth, **context,
    )  # fmt: skip
    response = HTMLResponse(body, status_code=status)
    if request.query_params.get("lang") in i18n.LANGUAGES:
        response.set_cookie(i18n.COOKIE, lang, max_age=365 * 86400, samesite="lax")
    return response


def page_key(request: Request, role: Role = Role.viewer) -> Key:
    """The signed-in key, which must have ``role``; otherwise the sign-in page is shown."""
    key = current_key(request)
    if key is None or not key.role.allows(role):
        raise NeedKey(role)
    return key


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    return render(request, "home.html")


@router.post("/ui/login")
def login(request: Request, token: str = Form(..., max_length=300)) -> Response:
    state = request.app.state.dualuse
    key = state.key_of(token.strip())
    if key is None:
        return render(request, "home.html", status=401, login_failed=True)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict", max_age=8 * 3600)
    return response


@router.post("/ui/logout")
def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response


def mount(app: FastAPI) -> None:
    """Add the pages, the static files and the sign-in redirect to ``app``."""
    from dualuse.web import (
        views_admin,
        views_cases,
        views_check,
        views_lookback,
        views_parties,
        views_regime,
    )

    app.include_router(router)
    for module in (
        views_check,
        views_lookback,
        views_parties,
        views_regime,
        views_cases,
        views_admin,
    ):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    async def need_key(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NeedKey)
        status = 401 if current_key(request) is None else 403
        return render(request, "home.html", status=status, needed=exc.role.value)

    app.add_exception_handler(NeedKey, need_key)


__all__ = ["mount", "page_key", "render", "router"]
