"""Reuse a decision across regime versions when nothing it read has changed.

A line that recurs over two years of dates meets thirty versions of the regime, but most
changes (a company added to a list, a measure suspended) do not touch it: the same decision
comes out. Deciding it again would be correct and slow. Instead the first decision is made
against a :class:`TracedSnapshot` that records every record the engine looked up (an item,
an entity, a measure, the measures of a kind, a screening result) together with what it
found. For a later version the recorded look-ups are repeated against that version's
snapshot; if every one finds the same thing, the engine would take the same path and the
stored result is reused. Anything the tracer does not know how to compare marks the
decision as not reusable, so the shortcut can only ever skip work, never change a result.

This relies on one rule of the engine: a decision depends on the date only through the
records of the snapshot (rules never read ``snap.as_of``; a test checks the rule sources).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from dualuse.engine.ports import ItemClassifier, ItemMatch, PartyHit, PartyScreener
from dualuse.engine.shipment import Shipment
from dualuse.regime.load import Origin, Regime
from dualuse.regime.model import Notice
from dualuse.regime.snapshot import Effective, Snapshot

T = TypeVar("T")
Reads = dict[tuple[str, Hashable], Any]
NOT_REUSABLE = ("never", "")


def _found(eff: Effective[Any] | None) -> tuple[Any, Any] | None:
    """What a look-up found, in a form compared cheaply: the record (by identity) and state."""
    return None if eff is None else (eff.record, eff.state)


def _whole(table: Mapping[str, Effective[Any]]) -> tuple[tuple[str, Any, Any], ...]:
    return tuple((k, e.record, e.state) for k, e in table.items())


class TracedTable(Generic[T]):
    """A read-only view of one of the snapshot's tables that records each look-up."""

    def __init__(self, name: str, table: Mapping[str, Effective[Any]], reads: Reads) -> None:
        self._name = name
        self._table = table
        self._reads = reads

    def _look(self, key: str) -> Effective[Any] | None:
        eff = self._table.get(key)
        self._reads.setdefault((self._name, key), _found(eff))
        return eff

    def get(self, key: str, default: Any = None) -> Any:
        eff = self._look(key)
        return default if eff is None else eff

    def __getitem__(self, key: str) -> Any:
        eff = self._look(key)
        if eff is None:
            raise KeyError(key)
        return eff

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._look(key) is not None

    def _everything(self) -> Mapping[str, Effective[Any]]:
        self._reads.setdefault(("all", self._name), _whole(self._table))
        return self._table

    def __iter__(self) -> Iterator[str]:
        return iter(self._everything())

    def __len__(self) -> int:
        return len(self._everything())

    def keys(self) -> Any:
        return self._everything().keys()

    def values(self) -> Any:
        return self._everything().values()

    def items(self) -> Any:
        return self._everything().items()


class TracedEffective:
    """A measure in a ``measures_by_kind`` list: its state is recorded only when read.

    Rules walk every measure of their kind and set most aside on the record alone (another
    destination, another end use); a later change of such a measure's state cannot change
    the decision, and is not recorded.
    """

    __slots__ = ("_eff", "_reads", "record")

    def __init__(self, eff: Effective[Any], reads: Reads) -> None:
        self._eff = eff
        self._reads = reads
        self.record = eff.record

    @property
    def state(self) -> Any:
        self._reads.setdefault(("state", self.record.id), _found(self._eff))
        return self._eff.state

    @property
    def in_force(self) -> bool:
        return bool(self.state.in_force)


class TracedKinds:
    """``measures_by_kind`` that records which measures each looked-up kind has."""

    def __init__(self, by_kind: dict[str, list[Effective[Any]]], reads: Reads) -> None:
        self._by_kind = by_kind
        self._reads = reads

    def get(self, kind: str, default: Any = None) -> Any:
        found = self._by_kind.get(kind)
        self._reads.setdefault(("kind", kind), _kind_value(found))
        return default if found is None else [TracedEffective(e, self._reads) for e in found]

    def __getitem__(self, kind: str) -> list[Any]:
        found = self.get(kind)
        if found is None:
            raise KeyError(kind)
        return list(found)


def _kind_value(found: list[Effective[Any]] | None) -> tuple[Any, ...] | None:
    """Which records a kind has (their states are recorded separately, when read)."""
    return None if found is None else tuple(e.record for e in found)


class TracedSnapshot:
    """Stands in for a :class:`Snapshot` during one decision and records what is read.

    Notices and data-file origins belong to the regime, not to a date: they are passed
    through unrecorded. ``as_of`` is passed through too (the decision carries it, but the
    stored result does not). Anything else that could depend on the date is recorded.
    """

    def __init__(self, base: Snapshot, reads: Reads) -> None:
        self.base = base
        self.reads = reads
        self.as_of = base.as_of
        self.items: TracedTable[Any] = TracedTable("items", base.items, reads)
        self.entities: TracedTable[Any] = TracedTable("entities", base.entities, reads)
        self.measures: TracedTable[Any] = TracedTable("measures", base.measures, reads)
        self.measures_by_kind = TracedKinds(base.measures_by_kind, reads)

    @property
    def regime(self) -> Regime:
        # the whole regime, timelines included: what is read from it cannot be traced
        self.reads[NOT_REUSABLE] = True
        return self.base.regime

    def notice(self, ref: str) -> Notice:
        return self.base.notice(ref)

    def origin(self, record_id: str) -> Origin | None:
        return self.base.origin(record_id)

    def is_local(self, record_id: str) -> bool:
        return self.base.is_local(record_id)  # fixed for the regime, whatever the date

    def measures_to(self, kind: str, countries: frozenset[str]) -> list[Any]:
        found = self.base.measures_to(kind, countries)
        self.reads.setdefault(("kind_to", (kind, countries)), tuple(e.record for e in found))
        return [TracedEffective(e, self.reads) for e in found]

    @property
    def entity_set(self) -> frozenset[str]:
        return frozenset(self.entities)

    def in_force_items(self) -> list[Effective[Any]]:
        return [e for e in self.items.values() if e.in_force]

    def in_force_entities(self) -> list[Effective[Any]]:
        return [e for e in self.entities.values() if e.in_force]


def untraced(snap: Snapshot) -> Snapshot:
    """The real snapshot behind a traced one (ports compute on it; their results are
    recorded where they are version-dependent)."""
    base = getattr(snap, "base", None)
    return base if isinstance(base, Snapshot) else snap


class TracingScreener:
    """Screens on the real snapshot and records each result against the traced one."""

    def __init__(self, inner: PartyScreener) -> None:
        self.inner = inner

    def screen(self, name: str, snap: Snapshot, country: str | None = None) -> list[PartyHit]:
        hits = self.inner.screen(name, untraced(snap), country)
        reads = getattr(snap, "reads", None)
        if reads is not None:
            reads.setdefault(("screen", (name, country)), tuple(hits))
        return hits


class UntracingClassifier:
    """Classifies on the real snapshot.

    Nothing is recorded: item identification does not depend on the date (the engine's
    classifier cache is keyed without it); which matched entries are in force is read by the
    engine from the snapshot, and that is recorded.
    """

    def __init__(self, inner: ItemClassifier) -> None:
        self.inner = inner

    def classify(self, shipment: Shipment, snap: Snapshot) -> list[ItemMatch]:
        return self.inner.classify(shipment, untraced(snap))


def current(key: tuple[str, Hashable], snap: Snapshot, screener: PartyScreener) -> Any:
    """What the look-up ``key`` finds in ``snap``, in the form it was recorded."""
    kind, arg = key
    if kind in ("items", "entities", "measures"):
        table: Mapping[str, Effective[Any]] = getattr(snap, kind)
        return _found(table.get(str(arg)))
    if kind == "state":
        return _found(snap.measures.get(str(arg)))
    if kind == "kind":
        return _kind_value(snap.measures_by_kind.get(str(arg)))
    if kind == "kind_to":
        assert isinstance(arg, tuple)
        return tuple(e.record for e in snap.measures_to(arg[0], arg[1]))
    if kind == "screen":
        assert isinstance(arg, tuple)
        name, country = arg
        return tuple(screener.screen(str(name), snap, country))
    if kind == "all":
        return _whole(getattr(snap, str(arg)))
    return _UNKNOWN  # never equal to a recorded value


_UNKNOWN = object()


def still_valid(reads: Reads, snap: Snapshot, screener: PartyScreener) -> bool:
    """Would every recorded look-up find the same thing in ``snap``?"""
    return all(current(key, snap, screener) == value for key, value in reads.items())


class Validator:
    """:func:`still_valid` with the current values cached per regime version.

    Thousands of lines ask the same few dozen look-ups of the same version; each is computed
    once per version.
    """

    def __init__(self, screener: PartyScreener) -> None:
        self.screener = screener
        self._now: dict[int, dict[tuple[str, Hashable], Any]] = {}

    def still_valid(self, reads: Reads, snap: Snapshot, version: int) -> bool:
        now = self._now.get(version)
        if now is None:
            now = self._now[version] = {}
        for key, value in reads.items():
            found = now.get(key, _UNKNOWN)
            if found is _UNKNOWN:
                found = now[key] = current(key, snap, self.screener)
            if found != value:
                return False
        return True
