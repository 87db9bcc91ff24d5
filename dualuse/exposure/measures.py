"""What each measure does to a part on a date: licences, end-use bans, listed parties.

Split from the item mapping because it reads different parts of the regime: measures and
entity lists rather than items. Pure given the snapshot (which carries the date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dualuse.engine import PartyScreener
from dualuse.exposure.bom import Part
from dualuse.exposure.records import Entry, MeasureHit
from dualuse.exposure.resources import Materials
from dualuse.regime import Snapshot, State, Status
from dualuse.regime.model import EndUseBan, RiskNote
from dualuse.regime.timeline import expand, state_at

ART_17 = "Dual-Use Items Export Control Regulations, Art. 17(1): review within 45 working days"


def measure_state(
    snap: Snapshot, materials: Materials, measure_id: str
) -> tuple[State | None, str, str | None]:
    """The measure's state, citation and URL: from the regime, else from the fallback data."""
    eff = snap.measures.get(measure_id)
    if eff is not None:
        notice = snap.regime.notices.get(eff.state.ref) or snap.regime.notices.get(
            eff.record.notice
        )
        main = snap.regime.notices.get(eff.record.notice)
        cite = main.cite() if main else eff.record.notice
        if notice is not None and main is not None and notice.id != main.id:
            cite += f"; {notice.cite()}"
        return eff.state, cite, (main.best_url() if main else None)
    if measure_id in snap.regime.measures:
        return None, measure_id, None  # not yet announced on the date
    fb = materials.fallback.get(measure_id)
    if fb is None:
        return None, measure_id, None
    state = state_at(expand(fb.history, measure_id), snap.as_of)
    return state, fb.notice, fb.sources[0]


def screen(
    name: str, country: str, snap: Snapshot, screener: PartyScreener
) -> tuple[str | None, MeasureHit | None]:
    if not name:
        return None, None
    for hit in screener.screen(name, snap, country or None):
        eff = snap.entities.get(hit.entity_id)
        if eff is None or not eff.in_force:
            continue
        ent = eff.record
        notice = snap.regime.notices.get(ent.notice)
        cite = notice.cite() if notice else ent.notice
        url = notice.best_url() if notice else None
        what = {
            "control": "no dual-use item may be exported to it: its China-origin controlled "
            "inputs stop",
            "watch": "individual licences only, with a risk assessment and a written "
            "undertaking; review not bound by the 45-working-day limit",
            "uel": "on the unreliable entity list: China-related trade restricted",
        }[ent.list]
        effect = f"{name!r} matches listed {hit.matched_name!r} ({ent.list} list): {what}"
        return ent.list, MeasureHit(
            kind=f"{ent.list}_list_party",
            measure_id=ent.measure,
            status=eff.state.status.value,
            effect=effect,
            citation=cite,
            url=url,
        )
    return None, None


def measures_for(
    part: Part,
    entries: Sequence[Entry],
    snap: Snapshot,
    materials: Materials,
    path: str,
    destination: str = "JP",
) -> list[MeasureHit]:
    """What each measure does to the part on the snapshot date."""
    hits: list[MeasureHit] = []
    seen: set[tuple[str, str]] = set()

    def add(hit: MeasureHit) -> None:
        key = (hit.kind, hit.measure_id)
        if key not in seen:
            seen.add(key)
            hits.append(hit)

    who = "each shipment from China" if path == "direct" else "your supplier's China-origin"
    for e in entries:
        if e.in_force:
            prov = (
                " (provisional: suspension ended, no source for an extension)"
                if e.provisional
                else ""
            )
            add(
                MeasureHit(
                    "licence_required",
                    e.measure_id,
                    e.status,
                    f"{who} {e.material} needs a dual-use export licence; {ART_17}{prov}"
                    if path != "direct"
                    else f"{who} of {e.material} needs a dual-use export licence; {ART_17}{prov}",
                    e.citation,
                    e.url,
                )
            )
        elif e.status == Status.SUSPENDED.value:
            back = (e.until + dt.timedelta(days=1)).isoformat() if e.until else "unknown"
            add(
                MeasureHit(
                    "suspended_may_return",
                    e.measure_id,
                    e.status,
                    f"licence requirement for {e.material} suspended until "
                    f"{e.until.isoformat() if e.until else '?'}; may apply again from {back}",
                    e.citation,
                    e.url,
                    e.until,
                )
            )
        elif e.status == Status.ANNOUNCED.value:
            add(
                MeasureHit(
                    "announced",
                    e.measure_id,
                    e.status,
                    f"licence requirement for {e.material} announced, not yet in force",
                    e.citation,
                    e.url,
                )
            )
    has_dual_use = any(e.in_force for e in entries)
    tags = {t for e in entries for t in e.tags}
    for mid, eff in snap.measures.items():
        rule = eff.record.rule
        notice = snap.regime.notices.get(eff.record.notice)
        cite = notice.cite() if notice else eff.record.notice
        url = notice.best_url() if notice else None
        if isinstance(rule, EndUseBan) and eff.in_force and not rule.re_export and has_dual_use:
            if destination not in rule.destinations:
                continue
            if part.end_use == "military":
                effect = (
                    f"prohibited: {eff.record.title} - the part feeds a military end use, so "
                    "no licence will be granted"
                )
                add(MeasureHit("prohibited", mid, eff.state.status.value, effect, cite, url))
            else:
                guidance = " ".join(g.text for g in eff.record.guidance if g.when == "civilian")
                effect = (
                    "prohibited if the end user or end use is military or enhances Japan's "
                    f"military capability; end use here: {part.end_use}. {guidance}"
                ).strip()
                add(MeasureHit("end_use_condition", mid, eff.state.status.value, effect, cite, url))
        elif isinstance(rule, RiskNote) and eff.in_force and tags & set(rule.tags):
            if rule.destinations and destination not in rule.destinations:
                continue
            add(MeasureHit("risk_note", mid, eff.state.status.value, eff.record.summary, cite, url))
    if path == "indirect":
        mats = {e.material for e in entries}
        for rule_ in materials.content_rules:
            if not mats & set(rule_.materials):
                continue
            state, cite, url = measure_state(snap, materials, rule_.measure)
            if state is None or state.status is Status.ENDED:
                continue
            if state.status is Status.SUSPENDED:
                resume = state.until + dt.timedelta(days=1) if state.until else None
                effect = (
                    f"{rule_.title}: suspended until {state.until}; may apply to this "
                    f"foreign-made part from {resume}"
                )
                kind = "suspended_may_return"
            else:
                effect = f"{rule_.title}: the supplier needs a licence to export this part"
                kind = "licence_required" if state.status is Status.IN_FORCE else "announced"
            add(MeasureHit(kind, rule_.measure, state.status.value, effect, cite, url, state.until))
    return hits
