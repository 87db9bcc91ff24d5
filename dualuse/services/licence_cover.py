"""Whether a licence covers a shipment line: a pure function of the licence and the line.

A line is covered when the licence it names is valid on the line's date, lists an item whose
control code is the line's (or a parent of it: a licence for ``1C010`` covers ``1C010.a``),
names the line's consignee, end user and destination where it names any, and has the line's
quantity and value left on that item. A line already drawn (the same licence and line id:
a re-run, a resume) is covered by its draw and draws nothing more. Each failure says why,
in terms a compliance officer can act on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from dualuse.engine.ports import LicenceCover
from dualuse.engine.shipment import Shipment
from dualuse.screening import exact_key


def amount(value: Any) -> Decimal | None:
    """A decimal amount from text or a number; None when absent."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValueError(f"{value!r} is not an amount") from None


def text(d: Decimal | None) -> str | None:
    """Decimal text without exponent or trailing zeros (``10``, ``2.5``)."""
    if d is None:
        return None
    s = format(d.normalize(), "f")
    return s


@dataclass(frozen=True)
class Usage:
    """What is drawn from a licence: per item the quantity and value, and this line's draw."""

    drawn: Mapping[int, tuple[Decimal, Decimal]]
    line_draw: Mapping[str, Any] | None = None  # the draw already made for this line id


def code_covers(licensed: str, code: str) -> bool:
    a, b = licensed.strip().casefold(), code.strip().casefold()
    return bool(a) and (b == a or b.startswith(a + "."))


def evaluate(
    licence: Mapping[str, Any] | None,
    items: Sequence[Mapping[str, Any]],
    usage: Usage,
    number: str,
    shipment: Shipment,
    codes: Sequence[str],
    day: dt.date,
) -> LicenceCover:
    def no(why: str) -> LicenceCover:
        kind = str(licence["kind"]) if licence else ""
        return LicenceCover(number, False, why, kind=kind)

    if licence is None:
        return no("it is not in the licence register")
    iso = day.isoformat()
    if iso < licence["valid_from"]:
        return no(f"it is valid from {licence['valid_from']}, after the line's date {iso}")
    if iso > licence["valid_to"]:
        return no(f"it expired on {licence['valid_to']} (the line's date is {iso})")
    dest = licence.get("destination")
    if dest and dest != shipment.destination_country:
        return no(
            f"it is issued for destination {dest}; the line ships to {shipment.destination_country}"
        )
    for role, given in (("consignee", shipment.consignee), ("end_user", shipment.end_user)):
        wanted = licence.get(role)
        if wanted and exact_key(wanted) != exact_key(given or ""):
            shown = f"names {given!r}" if given else "names none"
            return no(f"it is issued for {role.replace('_', ' ')} {wanted!r}; the line {shown}")
    matching = [it for it in items if any(code_covers(it["control_code"], c) for c in codes)]
    if not matching:
        listed = ", ".join(sorted({str(it["control_code"]) for it in items})) or "no items"
        line = ", ".join(codes) or "no control code"
        return no(f"it lists {listed}; the line's item is {line}")
    qty = amount(shipment.quantity)
    val = amount(shipment.value)
    prior = usage.line_draw
    if prior is not None:
        if amount(prior.get("quantity")) == qty and amount(prior.get("value")) == val:
            return LicenceCover(
                number,
                True,
                f"this line (id {shipment.id!r}) was drawn before, in run {prior.get('run_id')}; "
                "nothing more is drawn",
                kind=str(licence["kind"]),
                item=int(prior["item_id"]),
                quantity=prior.get("quantity"),
                value=prior.get("value"),
                already_drawn=True,
            )
        return no(
            f"it was already drawn for line id {shipment.id!r} with quantity "
            f"{prior.get('quantity')} and value {prior.get('value')}; this line states "
            f"{text(qty)} and {text(val)}"
        )
    first_problem = ""
    for it in matching:
        problem = _balance_problem(it, usage, qty, val, shipment)
        if problem is None:
            return LicenceCover(
                number,
                True,
                _covered_text(licence, it, qty, val),
                kind=str(licence["kind"]),
                item=int(it["id"]),
                quantity=text(qty) if it.get("quantity") is not None else None,
                value=text(val) if it.get("value") is not None else None,
            )
        first_problem = first_problem or problem
    return no(first_problem)


def left(item: Mapping[str, Any], usage: Usage) -> tuple[Decimal | None, Decimal | None]:
    """The quantity and value left on a licence item (None: no limit)."""
    used_q, used_v = usage.drawn.get(int(item["id"]), (Decimal(0), Decimal(0)))
    q = amount(item.get("quantity"))
    v = amount(item.get("value"))
    return (None if q is None else q - used_q, None if v is None else v - used_v)


def _balance_problem(
    item: Mapping[str, Any],
    usage: Usage,
    qty: Decimal | None,
    val: Decimal | None,
    shipment: Shipment,
) -> str | None:
    code = item["control_code"]
    left_q, left_v = left(item, usage)
    if left_q is not None:
        unit = item.get("unit") or ""
        if qty is None:
            return (
                f"item {code} is limited to {item['quantity']} {unit}; the line states no quantity"
            )
        if unit and shipment.unit and unit.casefold() != shipment.unit.casefold():
            return f"item {code} is counted in {unit}; the line states {shipment.unit}"
        if qty > left_q:
            return (
                f"it is exhausted for item {code}: {text(left_q)} {unit} left of "
                f"{item['quantity']}, the line needs {text(qty)}"
            )
    if left_v is not None:
        cur = item.get("currency") or ""
        if val is None:
            return f"item {code} is limited to {item['value']} {cur}; the line states no value"
        if cur and shipment.currency and cur.casefold() != shipment.currency.casefold():
            return f"item {code} is in {cur}; the line states {shipment.currency}"
        if val > left_v:
            return (
                f"it is exhausted for item {code}: {text(left_v)} {cur} left of "
                f"{item['value']}, the line needs {text(val)}"
            )
    return None


def _covered_text(
    licence: Mapping[str, Any], item: Mapping[str, Any], qty: Decimal | None, val: Decimal | None
) -> str:
    """Which licence and item cover the line and what it draws (not the balance left, which
    concurrent runs change between this answer and the draw)."""
    text_ = (
        f"{licence['kind']} licence held by {licence['holder']!r}, valid "
        f"{licence['valid_from']} to {licence['valid_to']}, item {item['control_code']}"
    )
    draws = []
    if item.get("quantity") is not None and qty is not None:
        draws.append(" ".join(x for x in (text(qty), item.get("unit")) if x))
    if item.get("value") is not None and val is not None:
        draws.append(" ".join(x for x in (text(val), item.get("currency")) if x))
    if draws:
        text_ += "; the line draws " + " and ".join(draws)
    return text_
