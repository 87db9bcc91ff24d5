"""Pages: the review queue (cases opened by list hits, decided with four eyes) and the licence
register with what each licence has left."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from dualuse.api.common import parse_day
from dualuse.api.problems import ApiProblem
from dualuse.errors import DualuseError
from dualuse.services.access import Role
from dualuse.services.cases import ReviewError, four_eyes_on, list_cases, show_case
from dualuse.services.licensing import (
    Licence,
    LicenceError,
    LicenceItem,
    licence_view,
    list_licences,
)
from dualuse.services.review import approve_case, decide_case, record_licences
from dualuse.web.pages import page_key, render

router = APIRouter(include_in_schema=False)
STATUSES = ("open", "pending_clear", "pending_confirm", "cleared", "confirmed")
MAX_ID = 2**62


@router.get("/ui/review")
def review(request: Request, status: str = "") -> Response:
    key = page_key(request)
    store = request.app.state.dualuse.store_for(key.tenant)
    chosen = status if status in STATUSES else None
    return render(
        request, "review.html", cases=list_cases(store, chosen), chosen=chosen or "",
        statuses=STATUSES, four_eyes=four_eyes_on(store),
    )  # fmt: skip


def _case_page(request: Request, case_id: int, status: int = 200, error: str = "") -> Response:
    key = page_key(request)
    store = request.app.state.dualuse.store_for(key.tenant)
    try:
        if not 0 < case_id <= MAX_ID:
            raise ReviewError(f"no case {case_id}")
        found = show_case(store, case_id)
    except ReviewError as exc:
        return render(request, "error.html", status=404, message=str(exc))
    return render(
        request, "case.html", status=status, case=found, four_eyes=four_eyes_on(store),
        can_review=key.role.allows(Role.reviewer), me=key.actor_name, error=error or None,
    )  # fmt: skip


@router.get("/ui/review/{case_id}")
def case(request: Request, case_id: int) -> Response:
    return _case_page(request, case_id)


@router.post("/ui/review/{case_id}")
def act(
    request: Request,
    case_id: int,
    action: str = Form(...),
    reason: str = Form("", max_length=10_000),
    expires: str = Form(""),
    note: str = Form("", max_length=10_000),
) -> Response:
    """Clear, confirm, approve or reject: one form, the button says which."""
    key = page_key(request, Role.reviewer)
    state = request.app.state.dualuse
    store = state.store_for(key.tenant)
    who = {"actor": key.actor_name, "at": state.now_text(), "fingerprint": state.regime.fingerprint}
    try:
        if action in ("clear", "confirm"):
            day = parse_day(expires or None, "expires")
            decide_case(store, case_id, action, reason,
                        expires=day.isoformat() if day else None, **who)  # fmt: skip
        elif action in ("approve", "reject"):
            approve_case(store, case_id, reject=action == "reject", note=note, **who)
        else:
            raise ReviewError(f"unknown action {action!r}")
    except ApiProblem as exc:
        return _case_page(request, case_id, status=exc.status, error=exc.detail)
    except ReviewError as exc:
        return _case_page(request, case_id, status=409, error=str(exc))
    return RedirectResponse(f"/ui/review/{case_id}", status_code=303)


@router.get("/ui/licences")
def licences(request: Request) -> Response:
    key = page_key(request)
    store = request.app.state.dualuse.store_for(key.tenant)
    views = [licence_view(store, r["number"]) for r in list_licences(store)]
    return render(request, "licences.html", licences=views,
                  can_add=key.role.allows(Role.admin), form={})  # fmt: skip


@router.post("/ui/licences")
def add_licence(
    request: Request,
    number: str = Form(..., max_length=200),
    holder: str = Form(..., max_length=1000),
    valid_from: str = Form(...),
    valid_to: str = Form(...),
    control_code: str = Form(..., max_length=64),
    quantity: str = Form("", max_length=64),
    unit: str = Form("", max_length=32),
    value: str = Form("", max_length=64),
    currency: str = Form("", max_length=8),
    destination: str = Form("", max_length=2),
    consignee: str = Form("", max_length=1000),
    end_user: str = Form("", max_length=1000),
) -> Response:
    key = page_key(request, Role.admin)
    state = request.app.state.dualuse
    store = state.store_for(key.tenant)
    form = dict(number=number, holder=holder, valid_from=valid_from, valid_to=valid_to,
                control_code=control_code, quantity=quantity, unit=unit, value=value,
                currency=currency, destination=destination, consignee=consignee,
                end_user=end_user)  # fmt: skip
    lic = Licence(
        number=number.strip(), kind="individual", holder=holder, valid_from=valid_from,
        valid_to=valid_to,
        items=[LicenceItem(control_code.strip(), quantity or None, unit or None, value or None,
                           currency or None)],
        consignee=consignee or None, end_user=end_user or None,
        destination=destination.upper() or None,
    )  # fmt: skip
    try:
        record_licences(store, [lic], actor=key.actor_name, at=state.now_text(),
                        fingerprint=state.regime.fingerprint)  # fmt: skip
    except (LicenceError, DualuseError) as exc:
        views = [licence_view(store, r["number"]) for r in list_licences(store)]
        return render(request, "licences.html", status=422, licences=views, can_add=True,
                      form=form, error=str(exc))  # fmt: skip
    return RedirectResponse(f"/ui/licences/{lic.number}", status_code=303)


@router.get("/ui/licences/{number}")
def licence(request: Request, number: str) -> Response:
    key = page_key(request)
    try:
        view = licence_view(request.app.state.dualuse.store_for(key.tenant), number)
    except LicenceError as exc:
        return render(request, "error.html", status=404, message=str(exc))
    return render(request, "licence.html", lic=view)
