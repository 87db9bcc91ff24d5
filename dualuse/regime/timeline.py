"""Evaluate a record's history on a date.

The newest history entry whose start is on or before the date wins. A suspension with an
``until`` date that reaches its end with no later entry (no source for an extension or a
lapse) is followed by a derived, *provisional* state: the status before the suspension,
flagged "status unknown after UNTIL". A suspension holds back something that is (or, for a
measure announced but not yet effective, would be) in force, so the derived state is in force.
Decisions that rely on it say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dualuse.regime.model import History, HistoryEntry, Status


@dataclass(frozen=True, slots=True)
class State:
    """The state of a record on a day, and where it comes from."""

    status: Status
    since: dt.date
    ref: str  # notice id
    until: dt.date | None = None
    provisional: bool = False
    note: str | None = None
    unknown_after: dt.date | None = None  # provisional states: the last day the sources cover

    @property
    def in_force(self) -> bool:
        return self.status is Status.IN_FORCE


@dataclass(frozen=True, slots=True)
class Event:
    """A change of state on a day (for diffs and timelines)."""

    date: dt.date
    state: State


def expand(history: History, default_ref: str) -> list[Event]:
    """The full, ordered list of state changes, including derived post-suspension states."""
    dates = sorted(history)
    events: list[Event] = []
    for i, start in enumerate(dates):
        entry = history[start]
        events.append(Event(start, _state(entry, start, default_ref)))
        if entry.status is not Status.SUSPENDED or entry.until is None:
            continue
        resume = entry.until + dt.timedelta(days=1)
        next_start = dates[i + 1] if i + 1 < len(dates) else None
        if next_start is not None and next_start <= resume:
            continue
        note = (
            f"suspension ended {entry.until.isoformat()}; no source found for an extension "
            f"or a lapse: status unknown after {entry.until.isoformat()}"
        )
        events.append(
            Event(
                resume,
                State(
                    status=Status.IN_FORCE,
                    since=resume,
                    ref=entry.ref or default_ref,
                    provisional=True,
                    note=note,
                    unknown_after=entry.until,
                ),
            )
        )
    return events


def _state(entry: HistoryEntry, start: dt.date, default_ref: str) -> State:
    return State(
        status=entry.status,
        since=start,
        ref=entry.ref or default_ref,
        until=entry.until,
        note=entry.note,
    )


def state_at(events: list[Event], day: dt.date) -> State | None:
    """The state on ``day``; None before the record's first entry."""
    current: State | None = None
    for event in events:
        if event.date > day:
            break
        current = event.state
    return current


def events_between(events: list[Event], after: dt.date, upto: dt.date) -> list[Event]:
    """Events with ``after < date <= upto``."""
    return [e for e in events if after < e.date <= upto]
