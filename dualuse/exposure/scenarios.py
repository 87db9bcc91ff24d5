"""Turn a scenario (data) into the disruption each part suffers (pure).

A scenario says what stops and for how long; the part's mapping says whether it depends on
what stops. Rules, in the order they are checked:

* a part with a military end use, or supplied by (or imported by) a party on the control list,
  gets no supply from China at all while a controlled item is in it: its disruption has no end
  (``duration=None``) in every scenario that touches it;
* ``licence_delay``: parts with an item in force wait one licence review (45 working days per
  Art. 17(1), watch-list parties longer);
* ``stop``: parts with a material of the scenario's groups (controlled or not, e.g. neodymium
  in a rare-earth stop) or, with ``controlled: true``, any item on a Chinese control list (in
  force or suspended) lose supply for ``duration_days``;
* ``rule_return``: parts with an item of a suspended measure that comes back wait one licence
  review, starting on the return date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dualuse.exposure.arithmetic import Disruption, working_to_calendar_days
from dualuse.exposure.mapping import PartExposure
from dualuse.exposure.resources import Scenario
from dualuse.regime import Status


@dataclass(frozen=True, slots=True)
class Impact:
    """The disruption a scenario puts on a part, and why (for the report)."""

    disruption: Disruption | None
    reason: str


def _offset(as_of: dt.date, day: dt.date | None) -> int:
    return 0 if day is None else max(0, (day - as_of).days)


def _review_days(scenario: Scenario, exposure: PartExposure) -> tuple[int, str]:
    watch = "watch" in (exposure.supplier_list, exposure.importer_list)
    wd = scenario.watch_list_review_working_days if watch else scenario.review_working_days
    days = working_to_calendar_days(wd, scenario.calendar_days_per_working_day)
    who = "watch-list review" if watch else "licence review"
    return days, f"{who} of {wd:g} working days = {days} calendar days"


def _blocked(exposure: PartExposure) -> str | None:
    """Why China will not supply the part at all, if it will not."""
    if not exposure.controlled:
        return None
    if exposure.military:
        return "military end use: prohibited (no licence will be granted)"
    if "control" in (exposure.supplier_list, exposure.importer_list):
        return "a party on the control list: no dual-use exports to it"
    return None


def impact(scenario: Scenario, exposure: PartExposure, as_of: dt.date) -> Impact:
    """The disruption ``scenario`` puts on the part, counted in days from ``as_of``."""
    start = _offset(as_of, scenario.start)
    blocked = _blocked(exposure)
    if scenario.kind == "licence_delay":
        if not any(e.in_force for e in exposure.entries) and not any(
            m.kind == "licence_required" for m in exposure.measures
        ):
            return Impact(None, "no item under a licence requirement in force")
        if blocked:
            return Impact(Disruption(start, None), blocked)
        days, why = _review_days(scenario, exposure)
        return Impact(Disruption(start, days), why)

    if scenario.kind == "stop":
        assert scenario.duration_days is not None
        hit_groups = set(scenario.scope.groups) & set(exposure.groups)
        on_list = scenario.scope.controlled and any(
            e.status in (Status.IN_FORCE.value, Status.SUSPENDED.value, Status.ANNOUNCED.value)
            for e in exposure.entries
        )
        if not hit_groups and not on_list:
            return Impact(None, "no material the stop covers")
        what = ", ".join(sorted(hit_groups)) or "controlled items"
        if blocked:
            return Impact(Disruption(start, None), blocked)
        return Impact(
            Disruption(start, scenario.duration_days),
            f"stop of {what} for {scenario.duration_days} days",
        )

    # rule_return
    assert scenario.returns_on is not None
    coming = [e for e in exposure.entries if e.measure_id in scenario.measures]
    coming_measures = [m for m in exposure.measures if m.measure_id in scenario.measures]
    if not coming and not coming_measures:
        return Impact(None, "no item of the suspended measures")
    back = max(start, _offset(as_of, scenario.returns_on))
    if blocked:
        return Impact(Disruption(back, None), blocked)
    days, why = _review_days(scenario, exposure)
    names = sorted({*(e.measure_id for e in coming), *(m.measure_id for m in coming_measures)})
    return Impact(
        Disruption(back, days),
        f"{', '.join(names)} back on {scenario.returns_on.isoformat()}: {why}",
    )
