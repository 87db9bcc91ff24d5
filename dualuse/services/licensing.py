"""Licences in the store: recorded, listed, looked up by the engine, drawn down by runs.

:class:`StoreLicences` is the engine's licence register (the port
:class:`~dualuse.engine.ports.LicenceRegister`): a read of the licence, its items and what is
drawn, judged by :func:`~dualuse.services.licence_cover.evaluate`. A covered line is drawn
down afterwards by :meth:`LicenceCoverage.draw`, in one locked transaction per batch that
checks the balance again: the line's answer may be stale when another run drew meanwhile, and
then the draw is refused and the line decided again. A draw is keyed by licence and line id,
so a re-run or a resume never draws a line twice.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from dualuse.engine.ports import LicenceCover
from dualuse.engine.shipment import Shipment
from dualuse.errors import DualuseError, InputFileError
from dualuse.regime.model import ISO_DATE
from dualuse.regime.snapshot import Snapshot
from dualuse.services.licence_cover import Usage, amount, evaluate, left, text
from dualuse.store.db import Store, Tx, row_dict
from dualuse.store.schema import licence_draws, licence_items, licences

KINDS = ("individual", "general", "registration")


class LicenceError(DualuseError):
    """A licence that cannot be recorded as given, or that is not in the register."""


# reading ---------------------------------------------------------------------------------
def _licence(conn: Connection, number: str) -> dict[str, Any] | None:
    r = conn.execute(select(licences).where(licences.c.number == number)).first()
    return row_dict(r) if r else None


def _items(conn: Connection, licence_id: int) -> list[dict[str, Any]]:
    q = select(licence_items).where(licence_items.c.licence_id == licence_id)
    return [row_dict(r) for r in conn.execute(q.order_by(licence_items.c.position))]


def _usage(conn: Connection, licence_id: int, line_id: str | None) -> Usage:
    drawn: dict[int, tuple[Decimal, Decimal]] = {}
    line_draw = None
    for r in conn.execute(select(licence_draws).where(licence_draws.c.licence_id == licence_id)):
        q, v = drawn.get(int(r.item_id), (Decimal(0), Decimal(0)))
        drawn[int(r.item_id)] = (q + (amount(r.quantity) or 0), v + (amount(r.value) or 0))
        if line_id is not None and r.line_id == line_id:
            line_draw = row_dict(r)
    return Usage(drawn, line_draw)


class StoreLicences:
    """The engine's licence register, read from the store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def cover(
        self, licence_id: str, shipment: Shipment, control_codes: tuple[str, ...], snap: Snapshot
    ) -> LicenceCover:
        day = snap.as_of
        with self.store.reading() as conn:
            lic = _licence(conn, licence_id)
            items = _items(conn, int(lic["id"])) if lic else []
            usage = _usage(conn, int(lic["id"]), shipment.id) if lic else Usage({})
        return evaluate(lic, items, usage, licence_id, shipment, control_codes, day)


@dataclass(frozen=True)
class DrawRequest:
    """A covered line to draw: the licence's answer (its reason's ``licence`` part)."""

    line_id: str
    row: int
    cover: Mapping[str, Any]


class LicenceCoverage:
    """Licence coverage for one recorded run: the register, and the draw-downs."""

    def __init__(
        self, store: Store, run_id: int, actor: str, clock: Callable[[], str], fingerprint: str
    ) -> None:
        self.store = store
        self.register = StoreLicences(store)
        self.run_id = run_id
        self.actor = actor
        self.clock = clock
        self.fingerprint = fingerprint

    def draw(self, requests: Sequence[DrawRequest]) -> list[bool]:
        """Draw each request in one locked transaction; False where the balance is gone."""
        if not requests:
            return []

        def fn(tx: Tx) -> list[bool]:
            return [self._draw_one(tx, r) for r in requests]

        return self.store.write(
            "licence.drawn",
            fn,
            at=self.clock(),
            actor=self.actor,
            fingerprint=self.fingerprint,
            payload={"run": self.run_id},
        )

    def _draw_one(self, tx: Tx, req: DrawRequest) -> bool:
        lic = _licence(tx.conn, str(req.cover["licence"]))
        if lic is None:
            return False
        usage = _usage(tx.conn, int(lic["id"]), req.line_id)
        qty, val = amount(req.cover.get("quantity")), amount(req.cover.get("value"))
        if usage.line_draw is not None:
            prior = usage.line_draw
            return amount(prior["quantity"]) == qty and amount(prior["value"]) == val
        item = tx.get(licence_items, id=int(req.cover["item"]))
        if item is None:
            return False
        left_q, left_v = left(item, usage)
        if (left_q is not None and (qty is None or qty > left_q)) or (
            left_v is not None and (val is None or val > left_v)
        ):
            return False
        tx.insert(
            licence_draws,
            {
                "licence_id": lic["id"],
                "item_id": item["id"],
                "line_id": req.line_id,
                "run_id": self.run_id,
                "row": req.row,
                "quantity": text(qty),
                "value": text(val),
            },
        )
        return True


# recording -------------------------------------------------------------------------------
@dataclass
class LicenceItem:
    control_code: str
    quantity: str | None = None
    unit: str | None = None
    value: str | None = None
    currency: str | None = None


@dataclass
class Licence:
    number: str
    kind: str
    holder: str
    valid_from: str
    valid_to: str
    items: list[LicenceItem]
    consignee: str | None = None
    end_user: str | None = None
    destination: str | None = None
    note: str | None = None

    def check(self, where: str = "") -> None:
        """Refuse a licence that could never cover a line correctly."""
        pre = f"{where}licence {self.number!r}: "
        if not self.number.strip():
            raise LicenceError(f"{where}a licence needs a number")
        if self.kind not in KINDS:
            raise LicenceError(f"{pre}kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        if not self.holder.strip():
            raise LicenceError(f"{pre}the holder is missing")
        for label, d in (("valid from", self.valid_from), ("valid to", self.valid_to)):
            if not ISO_DATE.match(d or ""):
                raise LicenceError(f"{pre}{label} {d!r} is not an ISO date (YYYY-MM-DD)")
            try:
                dt.date.fromisoformat(d)
            except ValueError:
                raise LicenceError(f"{pre}{label} {d!r} is not a valid date") from None
        if self.valid_to < self.valid_from:
            raise LicenceError(f"{pre}valid to {self.valid_to} is before valid from")
        if self.destination and len(self.destination) != 2:
            raise LicenceError(f"{pre}destination must be a two-letter country code")
        if not self.items:
            raise LicenceError(f"{pre}at least one item (control code) is needed")
        for it in self.items:
            if not it.control_code.strip():
                raise LicenceError(f"{pre}an item has no control code")
            for label, v in (("quantity", it.quantity), ("value", it.value)):
                try:
                    a = amount(v)
                except ValueError:
                    raise LicenceError(
                        f"{pre}item {it.control_code}: {label} {v!r} is not a number"
                    ) from None
                if a is not None and (not a.is_finite() or a < 0):
                    raise LicenceError(f"{pre}item {it.control_code}: {label} must be 0 or more")


def add_licence(tx: Tx, lic: Licence) -> dict[str, Any]:
    lic.check()
    if _licence(tx.conn, lic.number) is not None:
        raise LicenceError(f"licence {lic.number!r} is already in the register")
    row = tx.insert(
        licences,
        {
            "number": lic.number.strip(),
            "kind": lic.kind,
            "holder": lic.holder.strip(),
            "consignee": lic.consignee or None,
            "end_user": lic.end_user or None,
            "destination": (lic.destination or "").upper() or None,
            "valid_from": lic.valid_from,
            "valid_to": lic.valid_to,
            "note": lic.note or None,
        },
    )
    for pos, it in enumerate(lic.items, 1):
        tx.insert(
            licence_items,
            {
                "licence_id": row["id"],
                "position": pos,
                "control_code": it.control_code.strip(),
                "quantity": text(amount(it.quantity)),
                "unit": it.unit or None,
                "value": text(amount(it.value)),
                "currency": (it.currency or "").upper() or None,
            },
        )
    return row


CSV_COLUMNS = (
    "number", "kind", "holder", "consignee", "end_user", "destination", "valid_from",
    "valid_to", "control_code", "quantity", "unit", "value", "currency", "note",
)  # fmt: skip


def read_csv(path: Path) -> list[Licence]:
    """Licences from a CSV file: one row per licence item, rows of one number together."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            missing = {"number", "kind", "holder", "valid_from", "valid_to", "control_code"} - set(
                reader.fieldnames or ()
            )
            if missing:
                raise InputFileError(str(path), f"missing column(s): {', '.join(sorted(missing))}")
            found: dict[str, Licence] = {}
            for n, rec in enumerate(reader, 1):
                row = {k: (v or "").strip() for k, v in rec.items() if k}
                number = row.get("number", "")
                lic = found.get(number)
                if lic is None:
                    lic = Licence(
                        number=number,
                        kind=row.get("kind", ""),
                        holder=row.get("holder", ""),
                        valid_from=row.get("valid_from", ""),
                        valid_to=row.get("valid_to", ""),
                        items=[],
                        consignee=row.get("consignee") or None,
                        end_user=row.get("end_user") or None,
                        destination=row.get("destination") or None,
                        note=row.get("note") or None,
                    )
                    found[number] = lic
                lic.items.append(
                    LicenceItem(
                        row.get("control_code", ""),
                        row.get("quantity") or None,
                        row.get("unit") or None,
                        row.get("value") or None,
                        row.get("currency") or None,
                    )
                )
                try:
                    lic.check()
                except LicenceError as exc:
                    raise InputFileError(str(path), str(exc), row=n) from None
    except UnicodeDecodeError:
        raise InputFileError(str(path), "not UTF-8") from None
    except OSError as exc:
        raise InputFileError(str(path), exc.strerror or "cannot be read") from None
    return list(found.values())


def licence_view(store: Store, number: str) -> dict[str, Any]:
    """A licence with its items, what each has left, and its draw-downs."""
    with store.reading() as conn:
        lic = _licence(conn, number)
        if lic is None:
            raise LicenceError(f"licence {number!r} is not in the register")
        usage = _usage(conn, int(lic["id"]), None)
        items = []
        for it in _items(conn, int(lic["id"])):
            lq, lv = left(it, usage)
            items.append({**_public(it), "quantity_left": text(lq), "value_left": text(lv)})
        draws = [
            _public(row_dict(r))
            for r in conn.execute(
                select(licence_draws)
                .where(licence_draws.c.licence_id == lic["id"])
                .order_by(licence_draws.c.id)
            )
        ]
    return {**_public(lic), "items": items, "draws": draws}


def list_licences(store: Store) -> Iterable[dict[str, Any]]:
    with store.reading() as conn:
        rows = [row_dict(r) for r in conn.execute(select(licences).order_by(licences.c.id))]
    return [_public(r) for r in rows]


def _public(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ("audit_seq", "row_hash")}
