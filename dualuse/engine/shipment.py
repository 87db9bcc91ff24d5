"""A shipment line, parsed and validated from the caller's raw fields.

Parsing is strict about what is present (a present-but-invalid field is an error naming the
field) and lenient about what is absent (a missing optional field is "unknown"). Defaults
follow the interchange contract: exporter ``CN``; origin = exporter; end-user country =
destination.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pycountry

from dualuse import values
from dualuse.limits import MAX_AMOUNT, MAX_FIELD_CHARS, MAX_NAME_CHARS
from dualuse.regime.model import ISO_DATE


class EndUserType(StrEnum):
    MILITARY = "military"
    GOVERNMENT = "government"
    CIVILIAN = "civilian"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Shipment:
    """One line to decide. Text fields are stripped; empty means unknown."""

    id: str
    destination_country: str
    date: dt.date | None = None
    exporter_country: str = "CN"
    origin_country: str = "CN"
    consignee: str = ""
    end_user: str = ""
    end_user_country: str = ""
    end_user_type: EndUserType = EndUserType.UNKNOWN
    end_use: str = ""
    hs_code: str = ""
    control_code: str = ""
    description: str = ""
    china_content_pct: float | None = None
    quantity: float | None = None
    unit: str = ""
    value: float | None = None
    currency: str = ""
    licence_id: str = ""
    parameters: Mapping[str, float] = field(default_factory=dict)

    @property
    def from_china(self) -> bool:
        """Exported from China: every rule of the regime applies."""
        return self.exporter_country == "CN"

    @property
    def china_origin(self) -> bool:
        return self.origin_country == "CN"

    @property
    def has_china_content(self) -> bool:
        return self.china_content_pct is not None and self.china_content_pct > 0

    @property
    def countries(self) -> frozenset[str]:
        """Destination and end-user country: where the goods end up."""
        return frozenset(c for c in (self.destination_country, self.end_user_country) if c)

    def decision_key(self) -> tuple[Any, ...]:
        """Everything the engine reads except the id: equal keys give equal decisions."""
        return (
            self.destination_country,
            self.date,
            self.exporter_country,
            self.origin_country,
            self.consignee,
            self.end_user,
            self.end_user_country,
            self.end_user_type,
            self.end_use,
            self.hs_code,
            self.control_code,
            self.description,
            self.china_content_pct,
            self.licence_id,
            tuple(sorted(self.parameters.items())),
        )


@dataclass(frozen=True, slots=True)
class FieldError:
    """Why a row cannot be decided: the 1-based data row, the field, and a message."""

    row: int
    field: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


class ShipmentError(ValueError):
    def __init__(self, error: FieldError) -> None:
        self.error = error
        super().__init__(f"row {error.row}, field {error.field!r}: {error.message}")


_COUNTRIES = frozenset(c.alpha_2 for c in pycountry.countries) | {"XK"}
_PARAM_PREFIX = "param_"
_NAMES = frozenset({"consignee", "end_user"})
_CODES = frozenset(
    {
        "id", "date", "destination_country", "exporter_country", "origin_country",
        "end_user_country", "end_user_type", "hs_code", "control_code", "currency",
    }
)  # fmt: skip


def _text(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    text = str(value).strip()
    # codes and dates are compared as ASCII: full-width forms are brought to it first
    return values.nfkc(text) if key in _CODES else text


def parse_shipment(raw: Mapping[str, Any], row: int) -> Shipment:
    """Validate one row; raise :class:`ShipmentError` naming the first invalid field.

    Technical parameters for classification may be given as ``param_<name>`` columns
    (e.g. ``param_purity_pct``) or as a ``parameters`` mapping in JSON input.
    """

    def fail(name: str, message: str) -> ShipmentError:
        return ShipmentError(FieldError(row, name, message))

    ident = _text(raw, "id")
    if not ident:
        raise fail("id", "required field is missing")
    for key, value in raw.items():
        limit = MAX_NAME_CHARS if key in _NAMES else MAX_FIELD_CHARS
        if isinstance(value, str) and len(value) > limit:
            raise fail(
                str(key), f"is {len(value):,} characters long; at most {limit:,} are accepted"
            )

    def country(name: str, default: str = "", required: bool = False) -> str:
        value = _text(raw, name).upper()
        if not value:
            if required:
                raise fail(name, "required field is missing")
            return default
        if value not in _COUNTRIES:
            raise fail(name, f"{value!r} is not an ISO 3166-1 alpha-2 country code")
        return value

    def number(name: str, lo: float = 0.0, hi: float = MAX_AMOUNT) -> float | None:
        given = raw.get(name)
        text = _text(raw, name)
        if not text:
            return None
        try:
            if isinstance(given, int | float) and not isinstance(given, bool):
                return values.within(float(given), text, lo=lo, hi=hi)
            return values.number(text, lo=lo, hi=hi)
        except ValueError as exc:
            raise fail(name, str(exc)) from None

    date_text = _text(raw, "date")
    date: dt.date | None = None
    if date_text:
        if not ISO_DATE.match(date_text):
            raise fail("date", f"{date_text!r} is not an ISO date (YYYY-MM-DD)")
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError as exc:
            raise fail("date", f"{date_text!r} is not a valid date: {exc}") from None

    destination = country("destination_country", required=True)
    exporter = country("exporter_country", "CN")
    origin = country("origin_country", exporter)
    eu_country = country("end_user_country", destination)

    eut_text = _text(raw, "end_user_type").lower()
    try:
        eut = EndUserType(eut_text) if eut_text else EndUserType.UNKNOWN
    except ValueError:
        allowed = ", ".join(t.value for t in EndUserType)
        raise fail("end_user_type", f"{eut_text!r} is not one of {allowed}") from None

    hs = _text(raw, "hs_code")
    if hs:
        try:
            hs = values.hs_code(hs)
        except ValueError as exc:
            raise fail("hs_code", str(exc)) from None

    parameters: dict[str, float] = {}
    given = raw.get("parameters")
    if isinstance(given, str) and given.strip():
        # a JSON object, as JSON Lines and Parquet inputs carry it (as text, like every field)
        try:
            given = json.loads(given)
        except ValueError:
            raise fail("parameters", "is not a JSON object of numbers") from None
        if not isinstance(given, Mapping):
            raise fail("parameters", "is not a JSON object of numbers")
    if isinstance(given, Mapping):
        for k, v in given.items():
            try:
                if isinstance(v, int | float) and not isinstance(v, bool):
                    parameters[str(k)] = values.within(float(v), repr(v), lo=-MAX_AMOUNT)
                else:
                    parameters[str(k)] = values.number(str(v), lo=-MAX_AMOUNT)
            except ValueError as exc:
                raise fail(f"parameters.{k}", str(exc)) from None
    for key in raw:
        if isinstance(key, str) and key.startswith(_PARAM_PREFIX):
            value = number(key, lo=-MAX_AMOUNT)
            if value is not None:
                parameters[key[len(_PARAM_PREFIX) :]] = value

    return Shipment(
        id=ident,
        date=date,
        destination_country=destination,
        exporter_country=exporter,
        origin_country=origin,
        consignee=_text(raw, "consignee"),
        end_user=_text(raw, "end_user"),
        end_user_country=eu_country,
        end_user_type=eut,
        end_use=_text(raw, "end_use"),
        hs_code=hs,
        control_code=_text(raw, "control_code").upper().replace(" ", ""),
        description=_text(raw, "description"),
        china_content_pct=number("china_content_pct", 0, 100),
        quantity=number("quantity", 0),
        unit=_text(raw, "unit"),
        value=number("value", 0),
        currency=_text(raw, "currency").upper(),
        licence_id=_text(raw, "licence_id"),
        parameters=parameters,
    )
