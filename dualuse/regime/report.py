"""A summary of what the regime data holds and how well it is sourced.

``build_report`` counts records per list, measure and notice, splits notices, items and
entities by sourcing status (verified / secondary / unverified), and gathers the known gaps and
conflicts that the data states in its notes, plus every suspension that runs out with no
source for what follows. ``render_report`` prints it as Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from dualuse.regime.load import Regime
from dualuse.regime.model import Entity, Item, SourceStatus, Status

__all__ = ["build_report", "render_report"]

GAP = re.compile(
    r"not captured|not found|missing|not confirmed|not identified|gap|no source|"
    r"not (?:encoded|opened|checked)|unknown",
    re.IGNORECASE,
)
CONFLICT = re.compile(r"conflict|contradict|misprint|typo|\bvs\b|differ|instead", re.IGNORECASE)

Report = dict[str, Any]


def _split(values: list[SourceStatus]) -> dict[str, int]:
    counts = Counter(v.value for v in values)
    return {s.value: counts.get(s.value, 0) for s in SourceStatus}


def _item_status(regime: Regime, item: Item) -> SourceStatus:
    """An item is as well sourced as its notice, and no better than its control code."""
    notice = regime.notices[item.notice].status
    if item.control_code is None:
        return notice
    order = list(SourceStatus)
    return max(notice, item.code_status, key=order.index)


def _entity_status(regime: Regime, ent: Entity) -> SourceStatus:
    order = list(SourceStatus)
    return max(regime.notices[ent.notice].status, ent.source_status, key=order.index)


def build_report(regime: Regime) -> Report:
    """Counts, sourcing split, gaps and conflicts of ``regime`` (plain data, JSON-ready)."""
    per_list: Counter[str] = Counter(e.list for e in regime.entities.values())
    per_country: Counter[str] = Counter(f"{e.list}:{e.country}" for e in regime.entities.values())
    per_measure: dict[str, dict[str, Any]] = {}
    for mid, m in regime.measures.items():
        per_measure[mid] = {
            "title": m.title,
            "kind": m.rule.kind,
            "notice": m.notice,
            "items": sum(1 for i in regime.items.values() if i.measure == mid),
            "entities": sum(1 for e in regime.entities.values() if e.measure == mid),
        }
    per_notice: dict[str, dict[str, Any]] = {}
    for nid, n in sorted(regime.notices.items(), key=lambda kv: (kv[1].date, kv[0])):
        per_notice[nid] = {
            "citation": n.cite(),
            "date": n.date.isoformat(),
            "status": n.status.value,
            "url": n.best_url(),
            "measures": sum(1 for m in regime.measures.values() if m.notice == nid),
            "items": sum(1 for i in regime.items.values() if i.notice == nid),
            "entities": sum(1 for e in regime.entities.values() if e.notice == nid),
        }
    jp = [e for e in regime.entities.values() if e.country == "JP"]
    report: Report = {
        "regime": regime.name,
        "counts": {
            "notices": len(regime.notices),
            "measures": len(regime.measures),
            "items": len(regime.items),
            "entities": len(regime.entities),
        },
        "entities_per_list": dict(sorted(per_list.items())),
        "entities_per_list_country": dict(sorted(per_country.items())),
        "per_measure": per_measure,
        "per_notice": per_notice,
        "sourcing": {
            "notices": _split([n.status for n in regime.notices.values()]),
            "items": _split([_item_status(regime, i) for i in regime.items.values()]),
            "item_control_codes": _split(
                [i.code_status for i in regime.items.values() if i.control_code]
            ),
            "entities": _split([_entity_status(regime, e) for e in regime.entities.values()]),
        },
        "items_without_control_code": sorted(
            i.id for i in regime.items.values() if not i.control_code
        ),
        "items_without_hs": sorted(i.id for i in regime.items.values() if not i.hs),
        "japanese_entities": {
            "total": len(jp),
            "with_japanese_name": sum(1 for e in jp if e.names.ja),
            "without_japanese_name": sorted(e.id for e in jp if not e.names.ja),
        },
        "list_entries": _list_entries(regime),
        "entity_names": _entity_names(regime),
        "status_unknown": _status_unknown(regime),
        "conflicts": [],
        "gaps": [],
    }
    for source, text in _notes(regime):
        if CONFLICT.search(text):
            report["conflicts"].append({"source": source, "note": text})
        elif GAP.search(text):
            report["gaps"].append({"source": source, "note": text})
    return report


FIELDS = {
    "0": "nuclear materials, facilities and other items",
    "1": "special materials and related equipment",
    "2": "materials processing",
    "3": "electronics",
    "4": "computers",
    "5": "telecommunications and information security",
    "6": "sensors and lasers",
    "7": "navigation and avionics",
    "8": "marine",
    "9": "aerospace and propulsion",
}


def _list_entries(regime: Regime) -> Report:
    """Entries of the list (items with a control code) per field, type and sourcing."""
    coded = [i for i in regime.items.values() if i.control_code]
    per_field: dict[str, Report] = {}
    for key, name in FIELDS.items():
        mine = [i for i in coded if i.field == key]
        per_field[key] = {
            "name": name,
            "entries": len(mine),
            "with_hs": sum(1 for i in mine if i.hs),
            "with_thresholds": sum(1 for i in mine if i.condition() is not None),
            "sourcing": _split([_item_status(regime, i) for i in mine]),
        }
    types = Counter((i.control_code or "??")[1:2] for i in coded)
    return {
        "total": len(coded),
        "cited": sum(1 for i in coded if regime.notices[i.notice].best_url()),
        "per_field": per_field,
        "per_type": dict(sorted(types.items())),
        "from_catalogue": sum(1 for i in coded if i.catalogue is not None),
    }


def _entity_names(regime: Regime) -> Report:
    """Per list and notice: entities, and how many carry a name in each script."""
    rows: dict[str, Report] = {}
    missing: dict[str, list[str]] = {"en": [], "zh": [], "ja": []}
    for ent in sorted(regime.entities.values(), key=lambda e: (e.list, e.notice, e.id)):
        key = f"{ent.list} {ent.notice}"
        row = rows.setdefault(
            key, {"list": ent.list, "notice": ent.notice, "entities": 0, "en": 0, "zh": 0, "ja": 0}
        )
        row["entities"] += 1
        for script in ("en", "zh", "ja"):
            if getattr(ent.names, script):
                row[script] += 1
            elif script != "ja" or ent.country == "JP":
                missing[script].append(ent.id)
    return {"per_list_notice": list(rows.values()), "missing": missing}


def _notes(regime: Regime) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for nid, n in regime.notices.items():
        if n.note:
            out.append((f"notice {nid}", n.note))
    for _kind, rec in regime.records():
        if rec.note:
            out.append((rec.id, rec.note))
        for start, entry in rec.history.items():
            if entry.note:
                out.append((f"{rec.id} history {start}", entry.note))
        if isinstance(rec, Item):
            for ref in rec.hs:
                if ref.note and ref.status is not SourceStatus.SECONDARY:
                    out.append((f"{rec.id} hs {ref.code}", ref.note))
    return [(s, " ".join(t.split())) for s, t in out]


def _status_unknown(regime: Regime) -> list[dict[str, str]]:
    """Records whose last known state is a suspension that ends with nothing after it."""
    out: list[dict[str, str]] = []
    for _kind, rec in regime.records():
        if not rec.history:
            continue
        last = max(rec.history)
        entry = rec.history[last]
        if entry.status is Status.SUSPENDED and entry.until is not None:
            after = entry.until + dt.timedelta(days=1)
            out.append(
                {
                    "record": rec.id,
                    "suspended_until": entry.until.isoformat(),
                    "note": f"status unknown after {entry.until.isoformat()} "
                    f"(provisionally in force from {after.isoformat()})",
                }
            )
    return sorted(out, key=lambda d: (d["suspended_until"], d["record"]))


def render_report(report: Report) -> str:
    """The report as Markdown."""
    c = report["counts"]
    lines = [
        f"# Regime {report['regime']}: data report",
        "",
        f"{c['notices']} notices, {c['measures']} measures, {c['items']} items, "
        f"{c['entities']} entities.",
        "",
        "## Sourcing (verified / secondary / unverified)",
        "",
        "| records | verified | secondary | unverified |",
        "|---|---:|---:|---:|",
    ]
    for name, split in report["sourcing"].items():
        lines.append(
            f"| {name.replace('_', ' ')} | {split['verified']} | {split['secondary']} "
            f"| {split['unverified']} |"
        )
    le = report["list_entries"]
    lines += [
        "",
        f"## List entries: {le['total']} control codes ({le['cited']} cited, "
        f"{le['from_catalogue']} read from the 2026 catalogue)",
        "",
        "| field | name | entries | with HS | with thresholds | verified | secondary "
        "| unverified |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, f in le["per_field"].items():
        src = f["sourcing"]
        lines.append(
            f"| {key} | {f['name']} | {f['entries']} | {f['with_hs']} "
            f"| {f['with_thresholds']} | {src['verified']} | {src['secondary']} "
            f"| {src['unverified']} |"
        )
    lines += [
        "",
        "Per type: "
        + ", ".join(f"{k} {v}" for k, v in le["per_type"].items())
        + " (A systems, B test and production equipment, C materials, D software, "
        "E technology)",
    ]
    en = report["entity_names"]
    lines += [
        "",
        "## Listed parties per list and notice, with names per script",
        "",
        "| list | notice | entities | English | Chinese | Japanese |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in en["per_list_notice"]:
        lines.append(
            f"| {r['list']} | {r['notice']} | {r['entities']} | {r['en']} | {r['zh']} | {r['ja']} |"
        )
    miss = en["missing"]
    lines += [
        "",
        f"Names still missing: English {len(miss['en'])}, Chinese {len(miss['zh'])}, "
        f"Japanese (Japanese parties) {len(miss['ja'])}.",
    ]
    for script, label in (("en", "English"), ("zh", "Chinese"), ("ja", "Japanese")):
        if miss[script]:
            lines.append(f"- without a {label} name: " + ", ".join(miss[script]))
    lines += ["", "## Entities per list", ""]
    for lst, n in report["entities_per_list"].items():
        lines.append(f"- {lst}: {n}")
    lines += [
        "",
        "Per list and country: "
        + ", ".join(f"{k} {v}" for k, v in report["entities_per_list_country"].items()),
    ]
    jp = report["japanese_entities"]
    lines += [
        "",
        f"Japanese entities: {jp['total']}, {jp['with_japanese_name']} with a sourced "
        f"Japanese name.",
    ]
    lines += [
        "",
        "## Notices",
        "",
        "| notice | date | status | measures | items | entities |",
        "|---|---|---|---:|---:|---:|",
    ]
    for nid, n in report["per_notice"].items():
        lines.append(
            f"| {nid} | {n['date']} | {n['status']} | {n['measures']} | {n['items']} "
            f"| {n['entities']} |"
        )
    lines += ["", "## Measures", "", "| measure | kind | items | entities |", "|---|---|---:|---:|"]
    for mid, m in report["per_measure"].items():
        lines.append(f"| {mid} | {m['kind']} | {m['items']} | {m['entities']} |")
    lines += ["", "## Status unknown after a suspension", ""]
    lines += [f"- {s['record']}: {s['note']}" for s in report["status_unknown"]] or ["- none"]
    lines += ["", f"## Known conflicts ({len(report['conflicts'])})", ""]
    lines += [f"- {x['source']}: {x['note']}" for x in report["conflicts"]] or ["- none"]
    lines += ["", f"## Known gaps ({len(report['gaps'])})", ""]
    lines += [f"- {x['source']}: {x['note']}" for x in report["gaps"]] or ["- none"]
    lines += [
        "",
        f"Items without a control code: {len(report['items_without_control_code'])}; "
        f"without a reference HS code: {len(report['items_without_hs'])}.",
    ]
    return "\n".join(lines) + "\n"
