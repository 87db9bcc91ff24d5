"""Small helpers shared by the rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dualuse.engine.shipment import Shipment
from dualuse.regime.model import Item
from dualuse.regime.snapshot import Effective
from dualuse.regime.timeline import State

if TYPE_CHECKING:
    from dualuse.engine.context import Context


def item_label(item: Item) -> str:
    return f"{item.control_code} {item.title_en}" if item.control_code else item.title_en


def state_phrase(state: State) -> str:
    """``suspended until 2026-11-27`` / ``ended`` / ``announced, not yet in force``."""
    if state.status == "suspended":
        return f"suspended until {state.until.isoformat()}" if state.until else "suspended"
    if state.status == "announced":
        return "announced, not yet in force"
    return state.status.value.replace("_", " ")


def nexus(shipment: Shipment, re_export: bool) -> str | None:
    """How China's rule reaches the line: ``export`` from China, or a foreign party's
    transfer of a ``china_origin`` item or of an item with ``china_content``; None if not."""
    if shipment.from_china:
        return None if re_export else "export"
    if not re_export:
        return None
    if shipment.china_origin:
        return "china_origin"
    if shipment.has_china_content:
        return "china_content"
    return None


def tagged(items: list[Effective[Item]], tags: list[str]) -> list[Effective[Item]]:
    wanted = set(tags)
    return [e for e in items if wanted.intersection(e.record.tags)]


def labels(items: list[Effective[Item]]) -> str:
    return "; ".join(item_label(e.record) for e in items)


def ruled_out_text(ctx: Context) -> str:
    """Why the entries the line pointed to do not apply (below a threshold, an exclusion)."""
    parts = []
    for m in ctx.evidence.ruled_out:
        eff = ctx.snap.items.get(m.item_id)
        label = item_label(eff.record) if eff is not None else m.item_id
        parts.append(f"{label}: not this entry ({m.detail})")
    return "; ".join(parts)


def missing_text(ctx: Context) -> str:
    """The facts that would identify the item: the thresholds still open, or what to give."""
    wanted = [p for m in ctx.evidence.matches for p in m.missing_parameters]
    if wanted:
        return "state " + ", ".join(dict.fromkeys(wanted))
    s = ctx.shipment
    gaps = [
        what
        for what, given in (
            ("the control code", s.control_code),
            ("the HS code", s.hs_code),
            ("a description", s.description),
        )
        if not given
    ]
    ask = "give " + " and ".join(gaps) + ", or " if gaps else "give "
    return ask + "the control code and the technical parameters from the datasheet"
