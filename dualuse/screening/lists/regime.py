"""The regime's entity lists (MOFCOM control list, watch list, unreliable entity list)."""

from __future__ import annotations

from dualuse.regime.load import Regime
from dualuse.screening.lists.model import ListedParty


def regime_parties(regime: Regime) -> tuple[ListedParty, ...]:
    """Every entity the regime has ever listed, in id order (dates are applied at screening)."""
    out: list[ListedParty] = []
    for eid in sorted(regime.entities):
        ent = regime.entities[eid]
        n = ent.names
        primary = (*n.en, *n.zh, *n.ja, *n.other)
        out.append(
            ListedParty(
                id=eid,
                list=f"cn:{ent.list}",
                names=tuple(dict.fromkeys(primary)),
                aliases=tuple(a for a in dict.fromkeys(ent.aliases) if a not in primary),
                group=ent.group,
                country=ent.country,
                regime=True,
            )
        )
    return tuple(out)


__all__ = ["regime_parties"]
