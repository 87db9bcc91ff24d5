"""What changed in the regime between two dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dualuse.regime.load import Regime
from dualuse.regime.model import Entity, Item, Measure, Record, Status
from dualuse.regime.timeline import State, events_between, state_at


@dataclass(frozen=True)
class Change:
    """One record whose state differs between two dates, or changed in between."""

    record_id: str
    record_type: str
    title: str
    # started | ended | suspended | resumed | announced | changed, or suspension_lapsed: a
    # suspension ran out with no source for what followed (provisionally back in force)
    change: str
    before: State | None
    after: State | None
    events: list[tuple[dt.date, State]]

    def to_dict(self, regime: Regime) -> dict[str, Any]:
        def state(s: State | None) -> dict[str, Any] | None:
            if s is None:
                return None
            return {
                "status": s.status.value,
                "since": s.since.isoformat(),
                "until": s.until.isoformat() if s.until else None,
                "provisional": s.provisional,
                "unknown_after": s.unknown_after.isoformat() if s.unknown_after else None,
                "note": s.note,
                "citation": regime.notices[s.ref].cite(),
                "url": regime.notices[s.ref].best_url(),
            }

        return {
            "record_id": self.record_id,
            "record_type": self.record_type,
            "title": self.title,
            "change": self.change,
            "provisional": bool(self.after and self.after.provisional),
            "before": state(self.before),
            "after": state(self.after),
            "events": [{"date": d.isoformat(), **(state(s) or {})} for d, s in self.events],
            "source": str(regime.origins[self.record_id]),
        }


def title_of(rec: Record) -> str:
    """A one-line title for any record type."""
    if isinstance(rec, Measure):
        return rec.title
    if isinstance(rec, Item):
        code = f"{rec.control_code} " if rec.control_code else ""
        return f"{code}{rec.title_en}"
    if isinstance(rec, Entity):
        return (rec.names.en or rec.names.all())[0] + f" ({rec.list} list)"
    return rec.id


def _classify(before: State | None, after: State | None) -> str:
    b = before.status if before else None
    a = after.status if after else None
    if after is not None and after.provisional:
        return "suspension_lapsed"
    if a is Status.IN_FORCE and b is Status.SUSPENDED:
        return "resumed"
    if a is Status.IN_FORCE:
        return "started" if b is not Status.IN_FORCE else "changed"
    if a is Status.SUSPENDED:
        return "suspended"
    if a is Status.ENDED:
        return "ended"
    if a is Status.ANNOUNCED:
        return "announced"
    return "changed"


def diff(regime: Regime, start: dt.date, end: dt.date) -> list[Change]:
    """Records that start, end, are suspended or resume after ``start`` up to ``end``.

    Dates may be given in either order; the result always runs from the earlier to the later.
    """
    if end < start:
        start, end = end, start
    changes: list[Change] = []
    for kind, rec in regime.records():
        events = regime.timelines[rec.id]
        between = events_between(events, start, end)
        if not between:
            continue
        before, after = state_at(events, start), state_at(events, end)
        changes.append(
            Change(
                record_id=rec.id,
                record_type=kind,
                title=title_of(rec),
                change=_classify(before, after),
                before=before,
                after=after,
                events=[(e.date, e.state) for e in between],
            )
        )
    changes.sort(key=lambda c: (c.events[0][0], c.record_type, c.record_id))
    return changes
