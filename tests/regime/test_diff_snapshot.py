"""As-of snapshots and diffs over the bundled regime."""

from __future__ import annotations

import datetime as dt

from dualuse.regime import Regime, diff, snapshot

D = dt.date


def test_snapshot_holds_only_what_exists_on_the_date(regime: Regime) -> None:
    before = snapshot(regime, D(2026, 1, 5))
    after = snapshot(regime, D(2026, 1, 6))
    assert "cn.mofcom.2026-01.c1" not in before.measures
    assert after.measures["cn.mofcom.2026-01.c1"].in_force
    assert not any(e.record.notice == "mofcom-2026-11" for e in before.entities.values())


def test_snapshots_are_reused_for_the_same_date(regime: Regime) -> None:
    assert snapshot(regime, D(2026, 3, 2)) is snapshot(regime, D(2026, 3, 2))


def test_diff_lists_starts_and_suspensions(regime: Regime) -> None:
    changes = {c.record_id: c for c in diff(regime, D(2025, 12, 31), D(2026, 3, 2))}
    assert changes["cn.mofcom.2026-01.c1"].change == "started"
    assert changes["cn.mofcom.2026-11.12"].change == "started"  # IHI Aerospace listed
    suspension = {c.record_id: c for c in diff(regime, D(2025, 11, 1), D(2025, 11, 30))}
    assert suspension["cn.mofcom.2024-46.c2"].change == "suspended"


def test_diff_is_symmetric_in_its_dates(regime: Regime) -> None:
    a = [c.record_id for c in diff(regime, D(2025, 1, 1), D(2026, 3, 2))]
    b = [c.record_id for c in diff(regime, D(2026, 3, 2), D(2025, 1, 1))]
    assert a == b


def test_diff_shows_the_lapse_of_a_suspension(regime: Regime) -> None:
    changes = {c.record_id: c for c in diff(regime, D(2026, 11, 27), D(2026, 11, 28))}
    c = changes["cn.mofcom.2024-46.c2"]
    # not a plain "resumed": no source says what followed the suspension
    assert c.change == "suspension_lapsed"
    body = c.to_dict(regime)
    assert body["provisional"] is True
    assert body["after"]["provisional"] is True
    assert body["after"]["unknown_after"] == "2026-11-27"
    assert body["source"].startswith("measures/")


def test_no_change_between_equal_dates(regime: Regime) -> None:
    assert diff(regime, D(2026, 3, 2), D(2026, 3, 2)) == []
