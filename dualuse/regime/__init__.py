"""The regime as data: dated, cited records, evaluated as of any date."""

from dualuse.regime.diff import Change, diff
from dualuse.regime.load import Regime, default_regime_path, load_regime
from dualuse.regime.model import Entity, Item, Measure, Notice, Status
from dualuse.regime.snapshot import Effective, Snapshot, snapshot
from dualuse.regime.timeline import State

__all__ = [
    "Change",
    "Effective",
    "Entity",
    "Item",
    "Measure",
    "Notice",
    "Regime",
    "Snapshot",
    "State",
    "Status",
    "default_regime_path",
    "diff",
    "load_regime",
    "snapshot",
]
