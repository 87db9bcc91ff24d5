"""Exposure and scenario analysis for importers: which parts of a bill of materials depend on
China-controlled items, what each measure does to them, how long the plant survives a stop,
and what a stop costs.

Modules: :mod:`~dualuse.exposure.bom` (input and validation), :mod:`~dualuse.exposure.mapping`
and :mod:`~dualuse.exposure.measures` (items and measures per part on a date),
:mod:`~dualuse.exposure.scenarios` (scenario -> disruption), :mod:`~dualuse.exposure.arithmetic`
and :mod:`~dualuse.exposure.macro` (pure arithmetic), :mod:`~dualuse.exposure.analysis` (the
pipeline), :mod:`~dualuse.exposure.report` (HTML). Data: ``dualuse/resources/exposure/``.
"""

from dualuse.exposure.analysis import PartResult, ScenarioResult, evaluate, map_parts, to_record
from dualuse.exposure.arithmetic import Disruption, PartOutcome, part_outcome
from dualuse.exposure.bom import Part, RowError, iter_bom, read_bom
from dualuse.exposure.macro import MacroInputs, estimate, reproduction
from dualuse.exposure.mapping import PartExposure, map_part
from dualuse.exposure.resources import (
    ExposureDataError,
    Scenario,
    load_macro,
    load_materials,
    load_scenario,
    load_scenarios,
)

__all__ = [
    "Disruption",
    "ExposureDataError",
    "MacroInputs",
    "Part",
    "PartExposure",
    "PartOutcome",
    "PartResult",
    "RowError",
    "Scenario",
    "ScenarioResult",
    "estimate",
    "evaluate",
    "iter_bom",
    "load_macro",
    "load_materials",
    "load_scenario",
    "load_scenarios",
    "map_part",
    "map_parts",
    "part_outcome",
    "read_bom",
    "reproduction",
    "to_record",
]
