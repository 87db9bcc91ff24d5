"""One shape for a listed party, whatever list it comes from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ListedParty:
    """A party on a list: its names (primary first), aliases and where it is listed.

    ``regime`` is true for the regime's own entity lists, whose listings are dated: the
    screener keeps them only on dates their record exists. Imported lists carry no dates and
    are screened as given.
    """

    id: str
    list: str  # cn:control, cn:watch, cn:uel, ofac-sdn, or the imported file's name
    names: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    group: str | None = None
    country: str | None = None
    kind: str = "entity"  # entity | person | vessel | aircraft
    regime: bool = False

    @property
    def all_names(self) -> tuple[str, ...]:
        return (*self.names, *self.aliases)

    @property
    def caption(self) -> str:
        return self.names[0] if self.names else (self.aliases[0] if self.aliases else self.id)


@dataclass(frozen=True)
class PartyList:
    """An imported list: its label, the file it came from, and its parties."""

    label: str
    source: str
    parties: tuple[ListedParty, ...]


__all__ = ["ListedParty", "PartyList"]
