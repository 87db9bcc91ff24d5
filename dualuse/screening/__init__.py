"""Party screening against the entity lists, across scripts.

Names in kanji, kana, simplified or traditional hanzi, romaji and Latin are read into
comparable forms (:mod:`~dualuse.screening.analyse`), indexed once per list version
(:mod:`~dualuse.screening.index`) and scored with explanations
(:mod:`~dualuse.screening.score`). :class:`Screener` is the engine's party screener;
:class:`ExactScreener` remains for callers that want same-name matching only.
"""

from functools import cache

from dualuse.screening.analyse import Analysis, Form, LegalForm, analyse
from dualuse.screening.config import DEFAULT_CONFIG, DEFAULT_THRESHOLD, ScreeningConfig
from dualuse.screening.exact import ExactScreener, exact_key
from dualuse.screening.index import ScreeningIndex
from dualuse.screening.lists import ListedParty, PartyList, read_list
from dualuse.screening.pairwise import match_names
from dualuse.screening.screener import Match, Result, Screener


@cache
def default_screener() -> Screener:
    """The screener the engine uses unless told otherwise (one per process)."""
    return Screener()


__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_THRESHOLD",
    "Analysis",
    "ExactScreener",
    "Form",
    "LegalForm",
    "ListedParty",
    "Match",
    "PartyList",
    "Result",
    "ScreeningConfig",
    "ScreeningIndex",
    "Screener",
    "analyse",
    "default_screener",
    "exact_key",
    "match_names",
    "read_list",
]
