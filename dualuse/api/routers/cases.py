"""Cases opened by list hits, their review with four eyes, licences, and re-screening: all in
the tenant's own store, every write attributed to the calling key (``key:<id>``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query, Request

from dualuse.api.auth import Admin, Analyst, Reviewer, Viewer, app_state
from dualuse.api.common import as_json, invalid, parse_day, slice_page
from dualuse.api.models import (
    Approval,
    CaseDecision,
    CaseView,
    LicenceCreate,
    LicenceView,
    Page,
    RescreenRequest,
)
from dualuse.api.problems import ApiProblem, responses
from dualuse.services.access import Key
from dualuse.services.cases import ReviewError, list_cases, show_case
from dualuse.services.licensing import Licence, LicenceError, LicenceItem, licence_view
from dualuse.services.review import approve_case, decide_case, record_licences

router = APIRouter(tags=["cases and licences"])
CASE = Path(..., ge=1, le=2**62, description="case number")
STATUS = Query(
    None,
    pattern="^(open|pending_clear|pending_confirm|cleared|confirmed)$",
    description="open, pending_clear, pending_confirm, cleared or confirmed",
)
LIMIT = Query(100, ge=1, le=1000)
OFFSET = Query(0, ge=0, le=10**12)


def _who(request: Request, key: Key) -> tuple[str, str, str]:
    """Who writes (``key:<id>``), when, and under which regime data."""
    state = app_state(request)
    return key.actor_name, state.now_text(), state.regime.fingerprint


def _case_problem(exc: ReviewError, case_id: int) -> ApiProblem:
    text = str(exc)
    if text.startswith("no case"):
        return ApiProblem(404, "not-found", "Not found", text, "case_id")
    if text.startswith("four eyes"):
        return ApiProblem(409, "four-eyes", "A second reviewer must approve", text, "case_id")
    if "reason" in text:
        return ApiProblem(422, "invalid-input", "Invalid input", text, "reason")
    return ApiProblem(409, "case-state", "Not possible in the case's state", text, "case_id")


@router.get(
    "/v1/cases",
    response_model=Page[CaseView],
    summary="The review queue: cases opened by list hits",
    responses=responses(401, 403, 422),
)
def cases(
    request: Request,
    status: str | None = STATUS,
    limit: int = LIMIT,
    offset: int = OFFSET,
    key: Key = Viewer,
) -> Any:
    rows = list_cases(app_state(request).store_for(key.tenant), status)
    return slice_page(request, rows, limit, offset)


@router.get(
    "/v1/cases/{case_id}",
    response_model=CaseView,
    summary="A case with its events and clearances",
    responses=responses(401, 403, 404, 422),
)
def case(request: Request, case_id: int = CASE, key: Key = Viewer) -> Any:
    try:
        return as_json(show_case(app_state(request).store_for(key.tenant), case_id))
    except ReviewError as exc:
        raise _case_problem(exc, case_id) from None


def _decide(request: Request, case_id: int, action: str, body: CaseDecision, key: Key) -> Any:
    expires = parse_day(body.expires, "expires")
    actor, at, fingerprint = _who(request, key)
    store = app_state(request).store_for(key.tenant)
    try:
        decide_case(
            store, case_id, action, body.reason,
            expires=expires.isoformat() if expires else None, actor=actor, at=at,
            fingerprint=fingerprint,
        )  # fmt: skip
    except ReviewError as exc:
        raise _case_problem(exc, case_id) from None
    return as_json(show_case(store, case_id))


@router.post(
    "/v1/cases/{case_id}/clear",
    response_model=CaseView,
    summary="Clear a hit as a false positive (with four eyes: pending another reviewer)",
    responses=responses(401, 403, 404, 409, 413, 422),
)
def clear(body: CaseDecision, request: Request, case_id: int = CASE, key: Key = Reviewer) -> Any:
    """The pair goes on the good-guy list until the list entry or the name changes (or the
    clearance expires). Whether a second reviewer must approve is the tenant store's setting
    ``review.four_eyes`` (on for a new tenant)."""
    return _decide(request, case_id, "clear", body, key)


@router.post(
    "/v1/cases/{case_id}/confirm",
    response_model=CaseView,
    summary="Confirm a hit: the counterparty is the listed entry",
    responses=responses(401, 403, 404, 409, 413, 422),
)
def confirm(body: CaseDecision, request: Request, case_id: int = CASE, key: Key = Reviewer) -> Any:
    return _decide(request, case_id, "confirm", body, key)


@router.post(
    "/v1/cases/{case_id}/approve",
    response_model=CaseView,
    summary="Approve (or reject) another reviewer's pending decision (four eyes)",
    responses=responses(401, 403, 404, 409, 413, 422),
)
def approve(body: Approval, request: Request, case_id: int = CASE, key: Key = Reviewer) -> Any:
    """Refused (409) when the approving key is the one that asked: four eyes by key."""
    actor, at, fingerprint = _who(request, key)
    store = app_state(request).store_for(key.tenant)
    try:
        approve_case(
            store, case_id, reject=body.reject, note=body.note, actor=actor, at=at,
            fingerprint=fingerprint,
        )  # fmt: skip
    except ReviewError as exc:
        raise _case_problem(exc, case_id) from None
    return as_json(show_case(store, case_id))


@router.get(
    "/v1/licences",
    response_model=Page[LicenceView],
    summary="The licence register, with what each item has left",
    responses=responses(401, 403, 422),
)
def licences(request: Request, limit: int = LIMIT, offset: int = OFFSET, key: Key = Viewer) -> Any:
    from dualuse.services.licensing import list_licences

    store = app_state(request).store_for(key.tenant)
    numbers = [r["number"] for r in list_licences(store)]
    page = numbers[offset : offset + limit]
    from dualuse.api.common import page as make_page

    return as_json(
        make_page(request, [licence_view(store, n) for n in page], len(numbers), limit, offset)
    )


@router.get(
    "/v1/licences/{number}",
    response_model=LicenceView,
    summary="A licence, its items with what is left, and every draw-down",
    responses=responses(401, 403, 404),
)
def licence(number: str, request: Request, key: Key = Viewer) -> Any:
    try:
        return as_json(licence_view(app_state(request).store_for(key.tenant), number))
    except LicenceError as exc:
        raise ApiProblem(404, "not-found", "Not found", str(exc), "number") from None


@router.post(
    "/v1/licences",
    status_code=201,
    response_model=LicenceView,
    summary="Record a licence (its number must be new)",
    responses=responses(401, 403, 409, 413, 422),
)
def add_licence(body: LicenceCreate, request: Request, key: Key = Admin) -> Any:
    """A line naming the licence (``licence_id``) in a recorded job is then checked against
    it and draws it down once."""
    for name in ("valid_from", "valid_to"):
        parse_day(getattr(body, name), name)
    lic = Licence(
        number=body.number,
        kind=body.kind,
        holder=body.holder,
        valid_from=body.valid_from,
        valid_to=body.valid_to,
        items=[LicenceItem(**i.model_dump()) for i in body.items],
        consignee=body.consignee,
        end_user=body.end_user,
        destination=body.destination.upper() if body.destination else None,
        note=body.note,
    )
    store = app_state(request).store_for(key.tenant)
    try:
        actor, at, fingerprint = _who(request, key)
        record_licences(store, [lic], actor=actor, at=at, fingerprint=fingerprint)
    except LicenceError as exc:
        text = str(exc)
        if "already" in text or "exists" in text:
            raise ApiProblem(409, "conflict", "Conflict", text, "number") from None
        raise invalid("(body)", text) from None
    return as_json(licence_view(store, body.number), status=201)


@router.post(
    "/v1/rescreen",
    summary="Re-screen every stored counterparty: new, changed and removed hits",
    responses={
        200: {"content": {"application/json": {"schema": {"type": "object"}}}},
        **responses(401, 403, 413, 422),
    },
)
def rescreen(body: RescreenRequest, request: Request, key: Key = Analyst) -> Any:
    """As ``dualuse rescreen``: against the lists on ``to`` (default today), compared with
    ``from`` (default: each counterparty's last screening); recorded in the tenant's store."""
    from dualuse.services.rescreen import rescreen as run

    state = app_state(request)
    to_day = parse_day(body.to, "to") or state.today()
    from_day = parse_day(body.from_, "from")
    if from_day is not None and from_day > to_day:
        raise invalid("from", "must not be after to")
    result = run(
        state.store_for(key.tenant), state.regime, state.screener, to_day=to_day,
        from_day=from_day, lists_digest="", actor=key.actor_name, clock=state.now_text,
    )  # fmt: skip
    return as_json(result)


__all__ = ["router"]
