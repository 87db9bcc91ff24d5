"""The regime as of one date: what the pure engine reads.

A snapshot is cheap to build and immutable; the engine never sees dates other than its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, TypeVar

from dualuse.regime.load import Origin, Regime
from dualuse.regime.model import Entity, Item, Measure, Notice, Record
from dualuse.regime.timeline import State, state_at

T = TypeVar("T", bound=Record)


@dataclass(frozen=True, slots=True)
class Effective(Generic[T]):
    """A record together with its state on the snapshot date."""

    record: T
    state: State

    @property
    def in_force(self) -> bool:
        return self.state.in_force


@dataclass(frozen=True)
class Snapshot:
    """Everything that exists (in any state) on ``as_of``; records not yet announced are absent."""

    as_of: dt.date
    regime: Regime
    measures: dict[str, Effective[Measure]] = field(default_factory=dict)
    items: dict[str, Effective[Item]] = field(default_factory=dict)
    entities: dict[str, Effective[Entity]] = field(default_factory=dict)

    def notice(self, ref: str) -> Notice:
        return self.regime.notices[ref]

    def origin(self, record_id: str) -> Origin | None:
        return self.regime.origins.get(record_id)

    def is_local(self, record_id: str) -> bool:
        """Whether the record comes from (or was amended by) a local overlay."""
        return record_id in self.regime.local

    @cached_property
    def measures_by_kind(self) -> dict[str, list[Effective[Measure]]]:
        """Measures grouped by rule kind (rules look up their own kind on every line)."""
        out: dict[str, list[Effective[Measure]]] = {}
        for eff in self.measures.values():
            out.setdefault(eff.record.rule.kind, []).append(eff)
        return out

    def measures_to(self, kind: str, countries: frozenset[str]) -> list[Effective[Measure]]:
        """The measures of ``kind`` whose ``destinations`` include one of ``countries``.

        For the rules whose first test is exactly that (destination bans, denials, risk
        notes): a measure for another destination cannot touch the line, so it is left out
        before the rule, and a decision's trace, see it (``dualuse.services.memo``).
        """
        return [
            e
            for e in self.measures_by_kind.get(kind, [])
            if countries.intersection(getattr(e.record.rule, "destinations", ()))
        ]

    @cached_property
    def entity_set(self) -> frozenset[str]:
        """Ids of the entities that exist on the date (screening results depend only on it)."""
        return frozenset(self.entities)

    def in_force_items(self) -> list[Effective[Item]]:
        return [e for e in self.items.values() if e.in_force]

    def in_force_entities(self) -> list[Effective[Entity]]:
        return [e for e in self.entities.values() if e.in_force]


def _collect(regime: Regime, table: dict[str, T], day: dt.date) -> dict[str, Effective[T]]:
    out: dict[str, Effective[T]] = {}
    for rid, rec in table.items():
        state = state_at(regime.timelines[rid], day)
        if state is not None:
            out[rid] = Effective(rec, state)
    return out


_SNAPSHOTS: dict[tuple[int, dt.date], Snapshot] = {}


def snapshot(regime: Regime, day: dt.date) -> Snapshot:
    """The regime as of ``day`` (memoised: batches reuse one snapshot per date)."""
    key = (id(regime), day)
    snap = _SNAPSHOTS.get(key)
    if snap is None:
        snap = Snapshot(
            as_of=day,
            regime=regime,
            measures=_collect(regime, regime.measures, day),
            items=_collect(regime, regime.items, day),
            entities=_collect(regime, regime.entities, day),
        )
        if len(_SNAPSHOTS) > 512:
            _SNAPSHOTS.clear()
        _SNAPSHOTS[key] = snap
    return snap
