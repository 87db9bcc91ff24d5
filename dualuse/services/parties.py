"""Counterparties and their list hits, as checks, screens and re-screens see them.

A counterparty is a party name and country, deduplicated by the screening package's
normalisation (:func:`dualuse.screening.exact_key`: width, case, spaces and punctuation do not
make a new counterparty). A *hit* is a listed entry, in force on the date, that the name
matches; it carries the entry's *version*, a hash of the listed record's content, so that a
clearance can be tied to exactly what was cleared (:mod:`dualuse.services.cases`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, tuple_

from dualuse.regime.load import Regime
from dualuse.regime.snapshot import snapshot
from dualuse.screening import Result, exact_key
from dualuse.screening.lists.model import ListedParty
from dualuse.store.audit import canonical
from dualuse.store.db import Tx
from dualuse.store.schema import counterparties, screenings


@dataclass(frozen=True)
class Hit:
    """A listed entry a counterparty's name matches, on one date."""

    entity_id: str
    list: str
    listed_name: str
    version: str  # hash of the listed record's content
    score: float
    exact: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "list": self.list,
            "listed_name": self.listed_name,
            "version": self.version,
            "score": round(self.score, 4),
            "exact": self.exact,
        }

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Hit:
        return Hit(
            d["entity_id"], d["list"], d["listed_name"], d["version"], d["score"], d["exact"]
        )


@dataclass
class Sighting:
    """A counterparty as one batch saw it: its first spelling and date, and its hits."""

    name: str
    country: str
    as_of: str
    hits: dict[str, Hit] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return exact_key(self.name), self.country


class Versions:
    """Content hashes of listed records (regime entities and imported parties), memoised."""

    def __init__(self, regime: Regime) -> None:
        self.regime = regime
        self._done: dict[str, str] = {}

    def of_entity(self, entity_id: str) -> str:
        v = self._done.get(entity_id)
        if v is None:
            rec = self.regime.entities[entity_id]
            v = _hash(rec.model_dump(mode="json"))
            self._done[entity_id] = v
        return v

    def of_party(self, party: ListedParty) -> str:
        if party.regime:
            return self.of_entity(party.id)
        key = f"{party.list}\0{party.id}"
        v = self._done.get(key)
        if v is None:
            v = _hash(dataclasses.asdict(party))
            self._done[key] = v
        return v

    def listed_name(self, entity_id: str) -> str:
        rec = self.regime.entities[entity_id]
        return (rec.names.en or rec.names.all())[0]


def _hash(obj: Any) -> str:
    return hashlib.sha256(canonical(obj).encode()).hexdigest()


def hits_of_result(result: Result, versions: Versions) -> dict[str, Hit]:
    """The hits of a screening result: matches to entries in force (imported lists: all)."""
    out: dict[str, Hit] = {}
    for m in result.matches:
        if m.state is not None and m.state != "in_force":
            continue
        out[m.party.id] = Hit(
            m.party.id,
            m.party.list,
            m.party.caption,
            versions.of_party(m.party),
            float(m.score),
            bool(m.exact),
        )
    return out


class CheckSightings:
    """Counterparties and hits read from a batch of ``check`` lines and their output."""

    def __init__(self, regime: Regime) -> None:
        self.regime = regime
        self.versions = Versions(regime)

    def in_force(self, entity_id: str, as_of: str) -> bool:
        snap = snapshot(self.regime, dt.date.fromisoformat(as_of))
        eff = snap.entities.get(entity_id)
        return eff is not None and eff.in_force

    def read(self, columns: dict[str, list[Any]], outputs: list[dict[str, Any]]) -> list[Sighting]:
        """``columns``: the batch's consignee, destination_country, end_user and
        end_user_country values; ``outputs``: the decided lines (parsed) in the same order."""
        # one sighting per spelling: a cleared case is tied to the exact name, so another
        # spelling of the counterparty in the same batch re-opens it
        found: dict[tuple[tuple[str, str], str], Sighting] = {}
        n = len(outputs)
        empty = [None] * n
        consignee = columns.get("consignee") or empty
        dest = columns.get("destination_country") or empty
        end_user = columns.get("end_user") or empty
        eu_country = columns.get("end_user_country") or empty
        for i, out in enumerate(outputs):
            if "error" in out:
                continue
            as_of = out.get("as_of") or ""
            d = _country(dest[i])
            roles = {
                "consignee": (consignee[i], d),
                "end_user": (end_user[i], _country(eu_country[i]) or d),
            }
            for role, (name, country) in roles.items():
                if not name or not str(name).strip():
                    continue
                s = Sighting(str(name).strip(), country, as_of)
                s = found.setdefault((s.key, s.name), s)
                for p in out.get("parties") or ():
                    if p.get("role") != role or p["entity_id"] in s.hits:
                        continue
                    eid = p["entity_id"]
                    if eid not in self.regime.entities or not self.in_force(eid, as_of):
                        continue
                    s.hits[eid] = Hit(
                        eid,
                        f"cn:{self.regime.entities[eid].list}",  # as the screener names lists
                        self.versions.listed_name(eid),
                        self.versions.of_entity(eid),
                        float(p.get("score") or 0.0),
                        bool(p.get("exact")),
                    )
        return list(found.values())


def _country(v: Any) -> str:
    text = str(v or "").strip().upper()
    return text if len(text) == 2 else ""


def counterparty_ids(
    tx: Tx, sightings: list[Sighting], run_id: int | None
) -> dict[tuple[str, str], int]:
    """The id of each sighting's counterparty, adding those not seen before (with their
    first screening as the baseline of later re-screenings)."""
    keys = list({s.key for s in sightings})
    ids: dict[tuple[str, str], int] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        q = select(counterparties.c.id, counterparties.c.key, counterparties.c.country).where(
            tuple_(counterparties.c.key, counterparties.c.country).in_(chunk)
        )
        for r in tx.conn.execute(q):
            ids[(r.key, r.country)] = int(r.id)
    for s in sightings:
        if s.key in ids:
            continue
        row = tx.insert(
            counterparties,
            {"key": s.key[0], "country": s.country, "name": s.name, "first_run": run_id},
        )
        ids[s.key] = int(row["id"])
        tx.insert(
            screenings,
            {
                "counterparty_id": row["id"],
                "as_of": s.as_of,
                "lists": "",
                "hits": canonical(sorted((h.as_dict() for h in s.hits.values()), key=_eid)),
            },
        )
    return ids


def _eid(d: dict[str, Any]) -> str:
    return str(d["entity_id"])
