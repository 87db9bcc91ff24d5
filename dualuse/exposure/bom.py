"""Parts lists (bills of materials): read, validate, and report bad rows without stopping.

A row that cannot be used yields a :class:`RowError` naming the row and field, and the run goes
on with the other rows; only a file that cannot be read at all raises (``InputFileError``, exit
code 2). Numbers accept thousands separators; empty cells mean "unknown".

Columns follow the interchange contract (``part`` required; ``description``, ``hs_code``,
``supplier``, ``supplier_country``, ``origin_country``, ``annual_quantity``, ``annual_spend``,
``currency``, ``stock_days``, ``alt_lead_days``, ``product_line``, ``line_revenue``). Two
optional extensions help the mapping: ``materials`` (what the part contains, e.g.
``NdFeB; Dy; Tb``) and ``end_use`` (``civilian``, ``military`` or ``unknown``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pycountry

from dualuse import values
from dualuse.io import iter_records
from dualuse.io.readers import JSON_ERROR_FIELD, read_row_error
from dualuse.limits import MAX_NAME_CHARS

FORMATS = ("csv", "jsonl", "parquet", "excel")
END_USES = ("civilian", "military", "unknown")
_COUNTRIES = frozenset(c.alpha_2 for c in pycountry.countries) | {"XK"}
_CURRENCIES = frozenset(c.alpha_3 for c in pycountry.currencies)
_SPLIT = re.compile(r"[;,/|、，；]+")


@dataclass(frozen=True, slots=True)
class Part:
    """One validated row of a parts list."""

    row: int
    part: str
    description: str = ""
    hs_code: str = ""
    supplier: str = ""
    supplier_country: str = ""
    origin_country: str = ""
    annual_quantity: float | None = None
    annual_spend: float | None = None
    currency: str = ""
    stock_days: float | None = None
    alt_lead_days: float | None = None
    product_line: str = ""
    line_revenue: float | None = None
    materials: tuple[str, ...] = ()
    end_use: str = "unknown"
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def line(self) -> str:
        """The product line, or a line of its own for a part that names none."""
        return self.product_line or f"(no line: {self.part})"


@dataclass(frozen=True, slots=True)
class RowError:
    """Why a row was left out: the 1-based data row, the field and a message."""

    row: int
    field: str
    message: str
    part: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


class _Bad(Exception):
    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message


KNOWN = frozenset(
    {
        "part",
        "description",
        "hs_code",
        "supplier",
        "supplier_country",
        "origin_country",
        "annual_quantity",
        "annual_spend",
        "currency",
        "stock_days",
        "alt_lead_days",
        "product_line",
        "line_revenue",
        "materials",
        "end_use",
    }
)


_DAY_FIELDS = frozenset({"stock_days", "alt_lead_days"})


def _text(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    return "" if value is None else str(value).strip()


def _number(raw: Mapping[str, Any], key: str) -> float | None:
    text = _text(raw, key)
    if not text:
        return None
    try:
        return values.days(text) if key in _DAY_FIELDS else values.number(text)
    except ValueError as exc:
        raise _Bad(key, str(exc)) from None


def _country(raw: Mapping[str, Any], key: str) -> str:
    value = values.nfkc(_text(raw, key)).upper()
    if value and value not in _COUNTRIES:
        raise _Bad(key, f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return value


def parse_part(raw: Mapping[str, Any], row: int) -> Part:
    """Validate one row; raise ``ValueError`` carrying a :class:`RowError` on the first fault."""
    try:
        return _parse(raw, row)
    except _Bad as bad:
        err = RowError(row, bad.field, bad.message, _text(raw, "part") or None)
        raise BomRowError(err) from None


class BomRowError(ValueError):
    def __init__(self, error: RowError) -> None:
        self.error = error
        super().__init__(f"row {error.row}, field {error.field!r}: {error.message}")


def _parse(raw: Mapping[str, Any], row: int) -> Part:
    if raw.get(JSON_ERROR_FIELD):
        raise _Bad(*read_row_error(raw[JSON_ERROR_FIELD]))
    part = _text(raw, "part")
    if not part:
        raise _Bad("part", "required field is missing")
    supplier = _text(raw, "supplier")
    if len(supplier) > MAX_NAME_CHARS:
        size = f"{len(supplier):,} characters long; at most {MAX_NAME_CHARS:,} are accepted"
        raise _Bad("supplier", f"is {size}")
    hs = _text(raw, "hs_code")
    if hs:
        try:
            hs = values.hs_code(hs)
        except ValueError as exc:
            raise _Bad("hs_code", str(exc)) from None
    currency = _text(raw, "currency").upper()
    if currency and currency not in _CURRENCIES:
        raise _Bad("currency", f"{currency!r} is not an ISO 4217 currency code")
    end_use = _text(raw, "end_use").lower() or "unknown"
    if end_use not in END_USES:
        raise _Bad("end_use", f"{end_use!r} is not one of {', '.join(END_USES)}")
    spend = _number(raw, "annual_spend")
    revenue = _number(raw, "line_revenue")
    materials = tuple(m.strip() for m in _SPLIT.split(_text(raw, "materials")) if m.strip())
    extra = tuple((str(k), "" if v is None else str(v)) for k, v in raw.items() if k not in KNOWN)
    return Part(
        row=row,
        part=part,
        description=_text(raw, "description"),
        hs_code=hs,
        supplier=supplier,
        supplier_country=_country(raw, "supplier_country"),
        origin_country=_country(raw, "origin_country"),
        annual_quantity=_number(raw, "annual_quantity"),
        annual_spend=spend,
        currency=currency,
        stock_days=_number(raw, "stock_days"),
        alt_lead_days=_number(raw, "alt_lead_days"),
        product_line=_text(raw, "product_line"),
        line_revenue=revenue,
        materials=materials,
        end_use=end_use,
        extra=extra,
    )


def iter_bom(path: str) -> Iterator[Part | RowError]:
    """Rows of a parts list in file order: a :class:`Part` or the :class:`RowError` in its place.

    Raises ``InputFileError`` (via :func:`dualuse.io.iter_records`) for a file that cannot be
    read at all. A repeated ``(part, product_line)`` pair is an error on the later row: the
    same part counted twice for one line would double its exposure.
    """
    seen: dict[tuple[str, str], int] = {}
    for row, raw in iter_records(path, allowed=FORMATS):
        try:
            part = parse_part(raw, row)
        except BomRowError as exc:
            yield exc.error
            continue
        key = (part.part, part.product_line)
        if key in seen:
            yield RowError(
                row,
                "part",
                f"part {part.part!r} already listed for line {part.product_line!r} "
                f"on row {seen[key]}",
                part.part,
            )
            continue
        seen[key] = row
        yield part


def read_bom(path: str) -> tuple[list[Part], list[RowError]]:
    """All valid parts and all row errors of a parts list."""
    parts: list[Part] = []
    errors: list[RowError] = []
    for rec in iter_bom(path):
        if isinstance(rec, Part):
            parts.append(rec)
        else:
            errors.append(rec)
    return parts, errors
