"""Pages: screen names (matched words highlighted, with the explanation), match two names,
classify an item."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from dualuse.api.common import parse_day
from dualuse.api.problems import ApiProblem
from dualuse.classify import Query
from dualuse.errors import DualuseError
from dualuse.regime.snapshot import snapshot
from dualuse.services.access import Role
from dualuse.services.classify import parse_params, record
from dualuse.services.match import check_pair, pair_record
from dualuse.services.screen import ScreenJob, name_too_long
from dualuse.web.pages import page_key, render

router = APIRouter(include_in_schema=False)
MAX_NAMES = 100


@router.get("/ui/screen")
def screen_form(request: Request) -> Response:
    page_key(request, Role.analyst)
    return render(request, "screen.html", results=None, names="", as_of="")


@router.post("/ui/screen")
def screen(request: Request, names: str = Form(""), as_of: str = Form("")) -> Response:
    page_key(request, Role.analyst)
    state = request.app.state.dualuse
    wanted = [n.strip() for n in names.splitlines() if n.strip()][:MAX_NAMES]
    try:
        day = parse_day(as_of or None) or state.today()
        for n in wanted:
            if (why := name_too_long(n)) is not None:
                raise ApiProblem(422, "invalid-input", "Invalid input", f"names: {why}", "names")
    except ApiProblem as exc:
        return render(
            request, "screen.html", status=422, error=exc.detail, results=None, names=names,
            as_of=as_of,
        )  # fmt: skip
    job = ScreenJob(state.screener, snapshot(state.regime, day))
    results = [job.record({}, n) for n in wanted]
    return render(request, "screen.html", results=results, names=names, as_of=day.isoformat())


@router.get("/ui/match")
def match_form(request: Request) -> Response:
    page_key(request, Role.analyst)
    return render(request, "match.html", result=None, name1="", name2="")


@router.post("/ui/match")
def match(request: Request, name1: str = Form(""), name2: str = Form("")) -> Response:
    page_key(request, Role.analyst)
    a, b, _, error = check_pair({"name1": name1, "name2": name2}, 1)
    if error is not None:
        return render(
            request, "match.html", status=422, error=f"{error['field']}: {error['message']}",
            result=None, name1=name1, name2=name2,
        )  # fmt: skip
    return render(request, "match.html", result=pair_record(a, b), name1=name1, name2=name2)


@router.get("/ui/classify")
def classify_form(request: Request) -> Response:
    page_key(request, Role.analyst)
    return render(request, "classify.html", result=None, form={})


@router.post("/ui/classify")
def classify(
    request: Request,
    hs_code: str = Form(""),
    description: str = Form("", max_length=65_536),
    control_code: str = Form(""),
    params: str = Form(""),
    as_of: str = Form(""),
) -> Response:
    page_key(request, Role.analyst)
    state = request.app.state.dualuse
    form = {
        "hs_code": hs_code, "description": description, "control_code": control_code,
        "params": params, "as_of": as_of,
    }  # fmt: skip
    try:
        day = parse_day(as_of or None) or state.today()
        values = parse_params([p for p in params.split() if p], "param")
        if not (hs_code or description or control_code):
            raise ApiProblem(422, "invalid-input", "Invalid input", "give an HS code, a "
                             "description or a control code", "hs_code")  # fmt: skip
    except (ApiProblem, DualuseError) as exc:
        detail = exc.detail if isinstance(exc, ApiProblem) else str(exc)
        return render(request, "classify.html", status=422, error=detail, result=None, form=form)
    q = Query(description, hs_code, control_code, values, "CN")
    return render(request, "classify.html", result=record(state.regime, day, None, q), form=form)
