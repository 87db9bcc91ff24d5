"""One module per family of rules. Each rule reads a :class:`Context`, returns reasons."""

from collections.abc import Callable

from dualuse.engine.context import Context
from dualuse.engine.outcome import Reason
from dualuse.engine.rules.destination import item_destination_denials
from dualuse.engine.rules.end_use import end_use_bans
from dualuse.engine.rules.entities import entity_lists
from dualuse.engine.rules.extraterritorial import extraterritorial_licences
from dualuse.engine.rules.items import licence_requirements
from dualuse.engine.rules.redflags import red_flags
from dualuse.engine.rules.risk import risk_notes

Rule = Callable[[Context], list[Reason]]

RULES: tuple[Rule, ...] = (
    licence_requirements,
    end_use_bans,
    item_destination_denials,
    entity_lists,
    extraterritorial_licences,
    red_flags,
    risk_notes,
)

__all__ = ["RULES", "Rule"]
