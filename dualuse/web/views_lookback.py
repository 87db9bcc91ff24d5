"""Page: after a new notice, which past shipment lines would be decided differently."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from dualuse.api.common import display_name, parse_day, rename_source, save_upload
from dualuse.api.problems import ApiProblem
from dualuse.errors import DualuseError
from dualuse.services.access import Role
from dualuse.web.pages import page_key, render

router = APIRouter(include_in_schema=False)
SHOWN = 500  # changed lines shown on the page; the counts cover the whole file


def _changed(job: Any, history: Any, path: str) -> list[dict[str, Any]]:
    """The first lines of the report (all of the file is decided, for the counts)."""
    rows: list[dict[str, Any]] = []
    for line in job.lines(history(path)):
        if len(rows) < SHOWN:
            rows.append(orjson.loads(line))
    return rows


@router.get("/ui/lookback")
def lookback_form(request: Request) -> Response:
    page_key(request, Role.analyst)
    return render(request, "lookback.html")


@router.post("/ui/lookback")
async def lookback_upload(
    request: Request,
    file: UploadFile = File(...),
    since: str = Form(""),
    then: str = Form(""),
    as_of: str = Form(""),
) -> Response:
    from dualuse.services.lookback import FileHistory, Lookback

    page_key(request, Role.analyst)
    state = request.app.state.dualuse
    form = {"since": since, "then": then, "as_of": as_of}
    path = None
    try:
        since_day, then_day = parse_day(since or None, "since"), parse_day(then or None, "then")
        now_day = parse_day(as_of or None)
        path = await save_upload(state, file)
        name = display_name(file)
        job = Lookback(
            state.regime, state.classifier, state.screener, state.today(),
            then=then_day, now=now_day, since=since_day,
        )  # fmt: skip
        try:
            rows = await run_in_threadpool(_changed, job, FileHistory, str(path))
        except DualuseError as exc:
            return render(
                request, "lookback.html", status=422, form=form,
                error=rename_source(str(exc), path, name),
            )  # fmt: skip
    except ApiProblem as exc:
        return render(request, "lookback.html", status=exc.status, error=exc.detail, form=form)
    finally:
        if path is not None:
            path.unlink(missing_ok=True)
    c = job.counts
    moves = sorted(((a, b, n) for (a, b), n in c.moves.items()), key=lambda m: -m[2])
    return render(
        request, "lookback.html", form=form, rows=rows, counts=c, moves=moves, shown=SHOWN,
        input_name=name, now_day=job.now_date.isoformat(),
    )  # fmt: skip
