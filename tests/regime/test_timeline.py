"""History evaluation: newest start on or before the date wins; lapsed suspensions are flagged."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from dualuse.regime.model import HistoryEntry, Status
from dualuse.regime.timeline import expand, state_at

D = dt.date


def entry(status: str, **kw: object) -> HistoryEntry:
    return HistoryEntry.model_validate({"status": status, **kw})


def test_before_the_first_entry_nothing_exists() -> None:
    events = expand({D(2026, 1, 6): entry("in_force")}, "n")
    assert state_at(events, D(2026, 1, 5)) is None
    state = state_at(events, D(2026, 1, 6))
    assert state is not None and state.in_force and state.ref == "n"


def test_suspension_window_and_provisional_state_after_it() -> None:
    events = expand(
        {
            D(2024, 12, 3): entry("in_force"),
            D(2025, 11, 9): entry("suspended", ref="s", until="2026-11-27"),
        },
        "n",
    )
    assert state_at(events, D(2025, 11, 8)).status is Status.IN_FORCE  # type: ignore[union-attr]
    during = state_at(events, D(2026, 11, 27))
    assert during is not None and during.status is Status.SUSPENDED and during.ref == "s"
    after = state_at(events, D(2026, 11, 28))
    assert after is not None and after.in_force and after.provisional
    assert after.note and "status unknown after 2026-11-27" in after.note


def test_a_recorded_extension_replaces_the_provisional_state() -> None:
    events = expand(
        {
            D(2025, 11, 9): entry("suspended", until="2026-11-27"),
            D(2026, 11, 20): entry("suspended", ref="ext", until="2027-11-27"),
        },
        "n",
    )
    state = state_at(events, D(2026, 12, 1))
    assert state is not None and state.status is Status.SUSPENDED and state.ref == "ext"
    assert not any(e.state.provisional and e.date == D(2026, 11, 28) for e in events)


def test_a_measure_suspended_before_taking_effect_comes_back_in_force() -> None:
    events = expand(
        {
            D(2025, 10, 9): entry("announced"),
            D(2025, 11, 7): entry("suspended", until="2026-11-10"),
        },
        "n",
    )
    assert state_at(events, D(2025, 11, 6)).status is Status.ANNOUNCED  # type: ignore[union-attr]
    after = state_at(events, D(2026, 11, 11))
    assert after is not None and after.in_force and after.provisional


statuses = st.sampled_from(["announced", "in_force", "ended", "suspended"])
days = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))


@given(st.dictionaries(days, statuses, min_size=1, max_size=6), days)
def test_state_is_the_newest_entry_on_or_before_the_day(
    raw: dict[dt.date, str], day: dt.date
) -> None:
    history = {d: entry(s) for d, s in raw.items()}
    state = state_at(expand(history, "n"), day)
    past = [d for d in raw if d <= day]
    if not past:
        assert state is None
    else:
        assert state is not None and state.status.value == raw[max(past)]
