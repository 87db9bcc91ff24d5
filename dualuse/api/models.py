"""Request and response bodies, with the examples the OpenAPI document shows.

Input fields follow the command-line interchange contract (docs/cli.md): a shipment line has
the same fields as a row of a ``dualuse check`` file; unknown fields are kept and ignored.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")
Scalar = str | int | float | bool | None

LINE_EXAMPLE: dict[str, Any] = {
    "id": "L1",
    "date": "2026-03-02",
    "destination_country": "JP",
    "end_user": "三菱重工航空发动机",
    "hs_code": "2846.90",
    "description": "dysprosium oxide 99.9%",
}


class ShipmentLine(BaseModel):
    """One shipment line: the fields of a row of a ``dualuse check`` file."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [LINE_EXAMPLE]})

    id: str | int | None = Field(None, description="the caller's line id, echoed back")
    date: str | None = Field(None, description="export date (ISO); as_of overrides")
    exporter_country: str | None = None
    origin_country: str | None = None
    destination_country: str | None = Field(None, description="required")
    consignee: str | None = None
    end_user: str | None = None
    end_user_country: str | None = None
    end_user_type: str | None = Field(None, description="military, government, civilian, unknown")
    end_use: str | None = None
    hs_code: str | None = None
    control_code: str | None = None
    description: str | None = None
    china_content_pct: str | float | None = None
    quantity: str | float | None = None
    unit: str | None = None
    value: str | float | None = None
    currency: str | None = None
    licence_id: str | None = None
    parameters: dict[str, float | str] | None = Field(
        None, description='technical values, e.g. {"purity_pct": 99.99}'
    )


class Reason(BaseModel):
    model_config = ConfigDict(extra="allow")

    rule: str
    effect: str
    citation: str | None = None
    detail: str | None = None
    url: str | None = None
    source: str | None = None
    provisional: bool | None = None


class RowErrorBody(BaseModel):
    row: int = Field(examples=[1])
    field: str = Field(examples=["date"])
    message: str = Field(examples=["'2026-13-45' is not a valid date"])


class Decision(BaseModel):
    """One line's decision (or, in a batch, the line's error in its place)."""

    model_config = ConfigDict(extra="allow")

    id: Any = None
    as_of: str | None = None
    decision: Literal["prohibited", "review", "licence_required", "allowed"] | None = None
    provisional: bool | None = None
    unknown_after: str | None = None
    reasons: list[Reason] | None = None
    items: list[Any] | None = Field(None, description="catalogue entries the line matched")
    parties: list[Any] | None = Field(None, description="list hits")
    error: RowErrorBody | None = None


class CheckBatch(BaseModel):
    """Several shipment lines decided in one request (up to the server's batch limit)."""

    model_config = ConfigDict(
        strict=True, json_schema_extra={"examples": [{"lines": [LINE_EXAMPLE]}]}
    )

    lines: list[dict[str, Any]] = Field(description="shipment lines, as in a check file")


class CheckBatchResult(BaseModel):
    results: list[Decision]
    counts: dict[str, int] = Field(examples=[{"prohibited": 1}])
    row_errors: int = 0


class Page(BaseModel, Generic[T]):
    """A page of a list: ``next`` is the URL of the following page, or null at the end."""

    items: list[T]
    total: int
    limit: int
    offset: int
    next: str | None = None


class ScreenRequest(BaseModel):
    model_config = ConfigDict(
        strict=True,
        json_schema_extra={"examples": [{"names": ["三菱重工航空发动机", "Sample K.K."]}]},
    )

    names: list[str] = Field(min_length=1, description="party names, any script")
    as_of: str | None = Field(None, description="ISO date; default today")
    threshold: float | None = Field(None, ge=0, le=1)
    near_misses: bool = True


class ScreenResult(BaseModel):
    model_config = ConfigDict(extra="allow")

    query: str | None = None
    matches: list[dict[str, Any]] | None = None
    error: RowErrorBody | None = None


class MatchRequest(BaseModel):
    model_config = ConfigDict(
        strict=True,
        json_schema_extra={"examples": [{"name1": "株式会社サンプル", "name2": "Sample K.K."}]},
    )

    name1: str
    name2: str


class MatchResult(BaseModel):
    model_config = ConfigDict(extra="allow")

    name1: str
    name2: str
    score: float
    match: bool
    explanation: str


class ClassifyRequest(BaseModel):
    model_config = ConfigDict(
        strict=True,
        json_schema_extra={
            "examples": [{"hs_code": "2846.90", "description": "酸化ジスプロシウム 99.9%"}]
        },
    )

    hs_code: str | None = None
    description: str | None = None
    control_code: str | None = None
    parameters: dict[str, float] = Field(default_factory=dict)
    exporter_country: str = "CN"
    as_of: str | None = None


class Candidate(BaseModel):
    model_config = ConfigDict(extra="allow")

    control_code: str | None = None
    title: str
    score: float
    citation: str
    url: str | None = None
    status: str | None = None


class ClassifyResult(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: Any = None
    as_of: str | None = None
    candidates: list[Candidate] | None = None
    excluded: list[dict[str, Any]] | None = None
    parameters: dict[str, Any] | None = None
    notes: list[str] | None = None
    error: RowErrorBody | None = None


class RegimeRecord(BaseModel):
    model_config = ConfigDict(extra="allow")

    record_id: str
    record_type: str
    title: str
    status: str
    provisional: bool
    citation: str
    url: str | None = None
    source: str


class RegimeChange(BaseModel):
    model_config = ConfigDict(extra="allow")

    record_id: str
    record_type: str
    title: str
    change: str
    provisional: bool


class TimelineEvent(BaseModel):
    model_config = ConfigDict(extra="allow")

    date: str
    record_id: str
    record_type: str
    title: str
    status: str
    provisional: bool
    citation: str
    url: str | None = None


class JobStatus(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    input: str
    as_of: str | None = None
    created_at: str
    finished_at: str | None = None
    rows_done: int
    total_rows: int | None = None
    progress: float | None = None
    rows: int
    row_errors: int
    decisions: dict[str, int]
    run_id: int | None = None
    error: str | None = None
    key_id: str


class Run(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int
    started_at: str
    finished_at: str | None = None
    command: str
    input: str
    as_of: str | None = None
    regime: str
    regime_fingerprint: str
    rows: int
    errors: int
    counts: dict[str, int] | None = None


class AuditEntryBody(BaseModel):
    seq: int
    at: str
    kind: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str


class AuditVerify(BaseModel):
    intact: bool
    entries: int
    problems: int


class KeyCreate(BaseModel):
    model_config = ConfigDict(
        strict=True, json_schema_extra={"examples": [{"role": "analyst", "label": "ERP connector"}]}
    )

    role: Literal["viewer", "analyst", "reviewer", "admin"]
    label: str = Field("", max_length=200)


class KeyInfo(BaseModel):
    id: str
    tenant: str
    role: str
    label: str
    created_at: str
    created_by: str
    revoked_at: str | None = None


class KeyCreated(KeyInfo):
    token: str = Field(description="shown once; only its SHA-256 is kept")


class Pong(BaseModel):
    ok: bool = True


class CaseDecision(BaseModel):
    model_config = ConfigDict(
        strict=True,
        json_schema_extra={
            "examples": [{"reason": "other company: different address", "expires": "2027-03-01"}]
        },
    )

    reason: str = Field(min_length=1, max_length=10_000)
    expires: str | None = Field(None, description="YYYY-MM-DD: the clearance lapses after it")


class Approval(BaseModel):
    model_config = ConfigDict(
        strict=True, json_schema_extra={"examples": [{"reject": False, "note": "checked"}]}
    )

    reject: bool = False
    note: str = Field("", max_length=10_000)


class CaseView(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int
    status: str
    name: str | None = None
    entity_id: str | None = None


class LicenceItemBody(BaseModel):
    model_config = ConfigDict(strict=True)

    control_code: str = Field(min_length=1, max_length=64)
    quantity: str | None = Field(None, max_length=64, description="decimal text; empty: no limit")
    unit: str | None = Field(None, max_length=32)
    value: str | None = Field(None, max_length=64)
    currency: str | None = Field(None, max_length=8)


class LicenceCreate(BaseModel):
    model_config = ConfigDict(
        strict=True,
        json_schema_extra={
            "examples": [
                {
                    "number": "L-2026-0001",
                    "holder": "Acme Trading Co., Ltd.",
                    "valid_from": "2026-01-01",
                    "valid_to": "2026-12-31",
                    "items": [{"control_code": "1C902.b", "quantity": "100", "unit": "kg"}],
                    "destination": "JP",
                }
            ]
        },
    )

    number: str = Field(min_length=1, max_length=200)
    kind: Literal["individual", "general", "registration"] = "individual"
    holder: str = Field(min_length=1, max_length=1000)
    valid_from: str
    valid_to: str
    items: list[LicenceItemBody] = Field(min_length=1, max_length=1000)
    consignee: str | None = Field(None, max_length=1000)
    end_user: str | None = Field(None, max_length=1000)
    destination: str | None = Field(None, pattern="^[A-Za-z]{2}$")
    note: str | None = Field(None, max_length=10_000)


class LicenceView(BaseModel):
    model_config = ConfigDict(extra="allow")

    number: str
    holder: str
    valid_from: str
    valid_to: str
    items: list[dict[str, Any]]
    draws: list[dict[str, Any]]


class RescreenRequest(BaseModel):
    model_config = ConfigDict(
        strict=True, populate_by_name=True,
        json_schema_extra={"examples": [{"to": "2026-03-02", "from": "2026-02-01"}]},
    )  # fmt: skip

    to: str | None = None
    from_: str | None = Field(None, alias="from")
