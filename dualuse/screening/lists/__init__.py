"""Lists to screen against: the regime's entity lists and imported lists (OFAC SDN, FtM)."""

from dualuse.screening.lists.ftm import read_ftm
from dualuse.screening.lists.model import ListedParty, PartyList
from dualuse.screening.lists.ofac import read_ofac_sdn
from dualuse.screening.lists.open import LIST_FORMATS, read_list
from dualuse.screening.lists.regime import regime_parties

__all__ = [
    "LIST_FORMATS",
    "ListedParty",
    "PartyList",
    "read_ftm",
    "read_list",
    "read_ofac_sdn",
    "regime_parties",
]
