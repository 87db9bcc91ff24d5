"""The good-guy list as facts for ``check``: which party hits a reviewer cleared.

A cleared case (:mod:`dualuse.services.cases`) puts a (counterparty, listed entry) pair on the
good-guy list, keyed to the exact name that hit and the version of the listed record. A
recorded check run reads the list once, when it starts, and keeps the clearances that still
hold:

* the case is ``cleared`` (not re-opened, not awaiting a second reviewer for another action)
  and its clearance is active;
* the listed record is the regime's entity at the version that was cleared (another alias, a
  new state, a move to another list: the clearance does not apply, and the case re-opens at
  the sighting as before);
* it has not expired before the run's day (the engine also checks the line's own date);
* with four eyes on (the store setting ``review.four_eyes``), a second reviewer approved it.

Per line, :meth:`GoodGuys.for_line` gives the clearances of the line's consignee and end user
(the same counterparty: the exact name as cleared, the same country) as engine facts
(:class:`~dualuse.engine.ports.ClearedHit`); the engine sets the hit aside and names the case
in the decision's reasons, so the recorded decision shows the clearance it relied on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from dualuse.engine.ports import ClearedHit
from dualuse.regime.load import Regime
from dualuse.services.cases import Status, four_eyes_on
from dualuse.services.parties import Versions
from dualuse.store.db import Store
from dualuse.store.schema import cases, clearances, counterparties

ROLES = (("consignee", "destination_country"), ("end_user", "end_user_country"))


class GoodGuys:
    """The clearances that hold for one run, by (exact name, country)."""

    def __init__(self, by_party: Mapping[tuple[str, str], tuple[ClearedHit, ...]]) -> None:
        self.by_party = dict(by_party)
        self.entities = frozenset(c.entity_id for cs in self.by_party.values() for c in cs)

    def __bool__(self) -> bool:
        return bool(self.by_party)

    @classmethod
    def load(cls, store: Store, regime: Regime, today: dt.date) -> GoodGuys:
        """Read the good-guy list and keep what holds on ``today`` for ``regime``'s entries."""
        four_eyes = four_eyes_on(store)
        versions = Versions(regime)
        q = (
            select(clearances, counterparties.c.country)
            .join(cases, cases.c.id == clearances.c.case_id)
            .join(counterparties, counterparties.c.id == clearances.c.counterparty_id)
            .where(clearances.c.active == 1, cases.c.status == Status.CLEARED.value)
            .order_by(clearances.c.id)
        )
        day = today.isoformat()
        found: dict[tuple[str, str], dict[str, ClearedHit]] = {}
        with store.reading() as conn:
            rows = conn.execute(q).all()
        for r in rows:
            if r.entity_id not in regime.entities:
                continue  # an imported list's entry: check does not screen against it
            if r.entity_version != versions.of_entity(r.entity_id):
                continue  # the listed record changed since it was cleared
            if r.expires and r.expires < day:
                continue
            if four_eyes and not r.approved_by:
                continue
            hit = ClearedHit(
                case_id=int(r.case_id),
                entity_id=r.entity_id,
                name=r.name,
                entity_version=r.entity_version,
                reason=r.reason,
                cleared_by=r.cleared_by,
                cleared_at=r.at,
                approved_by=r.approved_by,
                expires=r.expires,
            )
            found.setdefault((r.name, r.country), {})[r.entity_id] = hit
        return cls({k: tuple(v.values()) for k, v in found.items()})

    def for_line(self, raw: Mapping[str, Any]) -> dict[tuple[str, str], ClearedHit]:
        """The clearances of a line's parties, per (role, listed entity id); ``raw`` is the
        line's fields as read (the counterparty is the name as written, stripped, and the
        destination, or the end user's country, as the recorder keys it)."""
        out: dict[tuple[str, str], ClearedHit] = {}
        if not self.by_party:
            return out
        dest = _country(raw.get("destination_country"))
        for role, country_field in ROLES:
            name = raw.get(role)
            if name is None or not str(name).strip():
                continue
            country = dest if role == "consignee" else _country(raw.get(country_field)) or dest
            for c in self.by_party.get((str(name).strip(), country), ()):
                out[(role, c.entity_id)] = c
        return out


def _country(v: Any) -> str:
    text = str(v or "").strip().upper()
    return text if len(text) == 2 else ""


__all__ = ["GoodGuys"]
