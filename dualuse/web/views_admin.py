"""Pages for admins: the tenant's API keys (make one: the token is shown once; revoke), the
audit chain's check and export."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from dualuse.errors import DualuseError
from dualuse.services.access import Role, audit_state, create_key, list_keys, revoke
from dualuse.web.pages import page_key, render

router = APIRouter(include_in_schema=False)


def _page(request: Request, status: int = 200, **context: object) -> Response:
    key = page_key(request, Role.admin)
    state = request.app.state.dualuse
    audit = audit_state(state.store_for(key.tenant))
    return render(
        request, "admin.html", status=status, keys=list_keys(state.store, key.tenant),
        roles=[r.value for r in Role], audit=audit,
        **context,
    )  # fmt: skip


@router.get("/ui/admin")
def admin(request: Request) -> Response:
    return _page(request)


@router.post("/ui/admin/keys")
def add_key(
    request: Request, role: str = Form(...), label: str = Form("", max_length=200)
) -> Response:
    key = page_key(request, Role.admin)
    state = request.app.state.dualuse
    try:
        made, token = create_key(
            state.store, key.tenant, role, state.now_text(), label, by=f"key:{key.id}"
        )
    except DualuseError as exc:
        return _page(request, status=422, error=str(exc))
    return _page(request, made=made, token=token)


@router.post("/ui/admin/keys/{key_id}/revoke")
def revoke_key(request: Request, key_id: str) -> Response:
    key = page_key(request, Role.admin)
    state = request.app.state.dualuse
    revoke(state.store, key_id, state.now_text(), f"key:{key.id}", tenant=key.tenant)
    state.forget_keys()
    return RedirectResponse("/ui/admin", status_code=303)
